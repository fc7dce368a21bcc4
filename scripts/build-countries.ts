// Generates gazetteers/countries.yaml: one place entry per ISO 3166-1 alpha-2 code
// (plus Kosovo, XK), named in Arabic and English by the platform's
// Intl.DisplayNames (CLDR data shipped with Node's ICU), merged with a hand-kept
// table of the spellings that real news uses and with demonyms (nationality
// adjectives) for the countries that matter in Middle East and great-power news.
//
// Run: npx tsx scripts/build-countries.ts
//
// Hand-added spellings belong in VARIANTS below, never in the YAML file, so that
// a re-run keeps them. Output is sorted by id and otherwise deterministic for a
// given ICU/CLDR version (recorded in the file header).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../src/util/write-atomic.ts';
import { parseYamlWith } from '../src/util/load-yaml.ts';
import { GazetteerFileSchema } from '../src/schema/gazetteer.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'gazetteers', 'countries.yaml');

/** Officially assigned ISO 3166-1 alpha-2 codes, plus XK (Kosovo, user-assigned but used by CLDR). */
const CODES = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
`
  .trim()
  .split(/\s+/);

interface Demonym {
  /** Arabic masculine singular nisba forms (e.g. روسي); feminine, definite and sound plural forms are derived. */
  stem?: string[];
  /** Arabic forms added as written (broken plurals such as الروس, or forms that are not derived regularly). */
  ar?: string[];
  en: string[];
}

interface Variant {
  /** Canonical English display name; also fixes the id. Defaults to CLDR's English name. */
  name?: string;
  ar?: string[];
  en?: string[];
  /** CLDR forms to leave out because they are common words in running text (مالي "financial", jersey). */
  dropAr?: string[];
  dropEn?: string[];
  wikidata?: string;
  dem?: Demonym;
}

// Spellings that news actually uses beyond the CLDR names. Arabic alef/hamza
// variants are folded by the matcher, so only genuinely different spellings are
// listed (e.g. سورية/سوريا). A capital city used for the government (واشنطن,
// موسكو) is a place of its own in places.yaml, not a variant here.
const VARIANTS: Record<string, Variant> = {
  // ---- Middle East and North Africa
  SY: {
    ar: ['سورية', 'سوريا', 'الجمهورية العربية السورية'],
    en: ['Syria', 'Syrian Arab Republic'],
    wikidata: 'Q858',
    dem: { stem: ['سوري'], en: ['Syrian', 'Syrians'] },
  },
  IQ: {
    ar: ['العراق', 'جمهورية العراق'],
    en: ['Iraq', 'Republic of Iraq'],
    wikidata: 'Q796',
    dem: { stem: ['عراقي'], en: ['Iraqi', 'Iraqis'] },
  },
  LB: {
    ar: ['لبنان', 'الجمهورية اللبنانية'],
    en: ['Lebanon', 'Lebanese Republic'],
    wikidata: 'Q822',
    dem: { stem: ['لبناني'], en: ['Lebanese'] },
  },
  JO: {
    ar: ['الأردن', 'المملكة الأردنية الهاشمية', 'المملكة الأردنية'],
    en: ['Jordan', 'Hashemite Kingdom of Jordan'],
    wikidata: 'Q810',
    dem: { stem: ['أردني'], en: ['Jordanian', 'Jordanians'] },
  },
  PS: {
    name: 'Palestine',
    ar: ['فلسطين', 'دولة فلسطين', 'الأراضي الفلسطينية', 'الأراضي الفلسطينية المحتلة', 'السلطة الفلسطينية'],
    en: ['Palestine', 'State of Palestine', 'Palestinian territories', 'occupied Palestinian territories', 'Palestinian Authority'],
    wikidata: 'Q219060',
    dem: { stem: ['فلسطيني'], en: ['Palestinian', 'Palestinians'] },
  },
  IL: {
    ar: ['إسرائيل', 'دولة إسرائيل', 'الكيان الإسرائيلي', 'الكيان الصهيوني'],
    en: ['Israel', 'State of Israel'],
    wikidata: 'Q801',
    dem: { stem: ['إسرائيلي'], en: ['Israeli', 'Israelis'] },
  },
  EG: {
    ar: ['مصر', 'جمهورية مصر العربية'],
    en: ['Egypt', 'Arab Republic of Egypt'],
    wikidata: 'Q79',
    dem: { stem: ['مصري'], en: ['Egyptian', 'Egyptians'] },
  },
  SA: {
    ar: ['السعودية', 'المملكة العربية السعودية', 'المملكة السعودية'],
    en: ['Saudi Arabia', 'Kingdom of Saudi Arabia', 'KSA'],
    wikidata: 'Q851',
    dem: { stem: ['سعودي'], en: ['Saudi', 'Saudis'] },
  },
  AE: {
    name: 'United Arab Emirates',
    ar: ['الإمارات', 'دولة الإمارات', 'الإمارات العربية المتحدة', 'دولة الإمارات العربية المتحدة'],
    en: ['UAE', 'U.A.E.', 'the Emirates'],
    wikidata: 'Q878',
    dem: { stem: ['إماراتي'], en: ['Emirati', 'Emiratis'] },
  },
  QA: {
    ar: ['قطر', 'دولة قطر'],
    en: ['Qatar', 'State of Qatar'],
    wikidata: 'Q846',
    dem: { stem: ['قطري'], en: ['Qatari', 'Qataris'] },
  },
  KW: {
    ar: ['الكويت', 'دولة الكويت'],
    en: ['Kuwait', 'State of Kuwait'],
    wikidata: 'Q817',
    dem: { stem: ['كويتي'], en: ['Kuwaiti', 'Kuwaitis'] },
  },
  BH: {
    ar: ['البحرين', 'مملكة البحرين'],
    en: ['Bahrain', 'Kingdom of Bahrain'],
    wikidata: 'Q398',
    dem: { stem: ['بحريني'], en: ['Bahraini', 'Bahrainis'] },
  },
  OM: {
    ar: ['عمان', 'سلطنة عمان', 'سلطنة عُمان'],
    en: ['Oman', 'Sultanate of Oman'],
    wikidata: 'Q842',
    dem: { stem: ['عماني'], en: ['Omani', 'Omanis'] },
  },
  YE: {
    ar: ['اليمن', 'الجمهورية اليمنية'],
    en: ['Yemen', 'Republic of Yemen'],
    wikidata: 'Q805',
    dem: { stem: ['يمني'], en: ['Yemeni', 'Yemenis'] },
  },
  IR: {
    ar: ['إيران', 'الجمهورية الإسلامية الإيرانية', 'جمهورية إيران الإسلامية'],
    en: ['Iran', 'Islamic Republic of Iran'],
    wikidata: 'Q794',
    dem: { stem: ['إيراني'], en: ['Iranian', 'Iranians'] },
  },
  TR: {
    name: 'Turkey',
    ar: ['تركيا', 'الجمهورية التركية'],
    en: ['Turkey', 'Türkiye', 'Turkiye', 'Republic of Turkey'],
    wikidata: 'Q43',
    dem: { stem: ['تركي'], ar: ['الأتراك', 'أتراك'], en: ['Turkish', 'Turk', 'Turks'] },
  },
  CY: { ar: ['قبرص'], en: ['Cyprus'], wikidata: 'Q229', dem: { stem: ['قبرصي'], en: ['Cypriot', 'Cypriots'] } },
  LY: {
    ar: ['ليبيا', 'دولة ليبيا'],
    en: ['Libya', 'State of Libya'],
    wikidata: 'Q1016',
    dem: { stem: ['ليبي'], en: ['Libyan', 'Libyans'] },
  },
  TN: {
    ar: ['تونس', 'الجمهورية التونسية'],
    en: ['Tunisia', 'Tunisian Republic'],
    wikidata: 'Q948',
    dem: { stem: ['تونسي'], ar: ['التوانسة'], en: ['Tunisian', 'Tunisians'] },
  },
  DZ: {
    ar: ['الجزائر', 'الجمهورية الجزائرية', 'الجمهورية الجزائرية الديمقراطية الشعبية'],
    en: ['Algeria'],
    wikidata: 'Q262',
    dem: { stem: ['جزائري'], en: ['Algerian', 'Algerians'] },
  },
  MA: {
    ar: ['المغرب', 'المملكة المغربية'],
    en: ['Morocco', 'Kingdom of Morocco'],
    wikidata: 'Q1028',
    dem: { stem: ['مغربي'], ar: ['المغاربة'], en: ['Moroccan', 'Moroccans'] },
  },
  MR: {
    ar: ['موريتانيا'],
    en: ['Mauritania'],
    wikidata: 'Q1025',
    dem: { stem: ['موريتاني'], en: ['Mauritanian', 'Mauritanians'] },
  },
  SD: {
    ar: ['السودان', 'جمهورية السودان'],
    en: ['Sudan', 'Republic of Sudan'],
    wikidata: 'Q1049',
    dem: { stem: ['سوداني'], en: ['Sudanese'] },
  },
  SS: {
    ar: ['جنوب السودان', 'دولة جنوب السودان'],
    en: ['South Sudan'],
    wikidata: 'Q958',
    dem: { en: ['South Sudanese'] },
  },
  SO: { ar: ['الصومال'], en: ['Somalia'], wikidata: 'Q1045', dem: { stem: ['صومالي'], en: ['Somali', 'Somalis'] } },
  DJ: { ar: ['جيبوتي'], en: ['Djibouti'], wikidata: 'Q977', dem: { en: ['Djiboutian', 'Djiboutians'] } },
  KM: { ar: ['جزر القمر', 'جزر القمر المتحدة'], en: ['Comoros', 'the Comoros'], wikidata: 'Q970', dem: { en: ['Comorian', 'Comorians'] } },
  EH: { ar: ['الصحراء الغربية'], en: ['Western Sahara'] },

  // ---- Permanent members of the Security Council
  US: {
    name: 'United States',
    ar: [
      'الولايات المتحدة',
      'الولايات المتحدة الأمريكية',
      'الولايات المتحدة الأميركية',
      'الولايات المتحدة الامريكية',
      'أمريكا',
      'امريكا',
      'أميركا',
    ],
    en: ['United States', 'United States of America', 'US', 'U.S.', 'USA', 'U.S.A.', 'America'],
    wikidata: 'Q30',
    dem: { stem: ['أمريكي', 'أميركي'], ar: ['الأمريكان', 'الأميركان'], en: ['American', 'Americans'] },
  },
  RU: {
    ar: ['روسيا', 'روسيا الاتحادية', 'الاتحاد الروسي'],
    en: ['Russia', 'Russian Federation'],
    wikidata: 'Q159',
    dem: { stem: ['روسي'], ar: ['الروس', 'روس'], en: ['Russian', 'Russians'] },
  },
  CN: {
    ar: ['الصين', 'جمهورية الصين الشعبية', 'الصين الشعبية'],
    en: ['China', "People's Republic of China", 'PRC'],
    wikidata: 'Q148',
    dem: { stem: ['صيني'], en: ['Chinese'] },
  },
  GB: {
    name: 'United Kingdom',
    ar: ['بريطانيا', 'المملكة المتحدة', 'بريطانيا العظمى', 'المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية'],
    en: ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
    wikidata: 'Q145',
    dem: { stem: ['بريطاني'], en: ['British', 'Briton', 'Britons'] },
  },
  FR: {
    ar: ['فرنسا', 'الجمهورية الفرنسية'],
    en: ['France', 'French Republic'],
    wikidata: 'Q142',
    dem: { stem: ['فرنسي'], en: ['French', 'Frenchman', 'Frenchwoman'] },
  },

  // ---- Europe
  DE: { ar: ['ألمانيا'], en: ['Germany'], wikidata: 'Q183', dem: { stem: ['ألماني'], ar: ['الألمان', 'ألمان'], en: ['German', 'Germans'] } },
  IT: { ar: ['إيطاليا'], en: ['Italy'], wikidata: 'Q38', dem: { stem: ['إيطالي'], en: ['Italian', 'Italians'] } },
  ES: { ar: ['إسبانيا'], en: ['Spain'], wikidata: 'Q29', dem: { stem: ['إسباني'], ar: ['الإسبان'], en: ['Spanish', 'Spaniard', 'Spaniards'] } },
  PT: { ar: ['البرتغال'], en: ['Portugal'], wikidata: 'Q45', dem: { stem: ['برتغالي'], en: ['Portuguese'] } },
  NL: { ar: ['هولندا'], en: ['Netherlands', 'the Netherlands', 'Holland'], wikidata: 'Q55', dem: { stem: ['هولندي'], en: ['Dutch'] } },
  BE: { ar: ['بلجيكا'], en: ['Belgium'], wikidata: 'Q31', dem: { stem: ['بلجيكي'], en: ['Belgian', 'Belgians'] } },
  LU: { ar: ['لوكسمبورغ', 'لوكسمبورج'], en: ['Luxembourg'], wikidata: 'Q32' },
  CH: { ar: ['سويسرا'], en: ['Switzerland'], wikidata: 'Q39', dem: { stem: ['سويسري'], en: ['Swiss'] } },
  AT: { ar: ['النمسا'], en: ['Austria'], wikidata: 'Q40', dem: { stem: ['نمساوي'], en: ['Austrian', 'Austrians'] } },
  IE: { ar: ['أيرلندا', 'إيرلندا', 'جمهورية أيرلندا'], en: ['Ireland', 'Republic of Ireland'], wikidata: 'Q27', dem: { stem: ['أيرلندي', 'إيرلندي'], en: ['Irish'] } },
  SE: { ar: ['السويد'], en: ['Sweden'], wikidata: 'Q34', dem: { stem: ['سويدي'], en: ['Swedish', 'Swede', 'Swedes'] } },
  NO: { ar: ['النرويج'], en: ['Norway'], wikidata: 'Q20', dem: { stem: ['نرويجي'], en: ['Norwegian', 'Norwegians'] } },
  DK: { ar: ['الدنمارك', 'الدانمارك'], en: ['Denmark'], wikidata: 'Q35', dem: { stem: ['دنماركي', 'دانماركي'], en: ['Danish', 'Dane', 'Danes'] } },
  FI: { ar: ['فنلندا'], en: ['Finland'], wikidata: 'Q33', dem: { stem: ['فنلندي'], en: ['Finnish', 'Finn', 'Finns'] } },
  IS: { ar: ['أيسلندا'], en: ['Iceland'], wikidata: 'Q189', dem: { stem: ['أيسلندي'], en: ['Icelandic', 'Icelander', 'Icelanders'] } },
  PL: { ar: ['بولندا'], en: ['Poland'], wikidata: 'Q36', dem: { stem: ['بولندي'], en: ['Polish', 'Pole', 'Poles'] } },
  CZ: { name: 'Czech Republic', ar: ['جمهورية التشيك', 'تشيكيا'], en: ['Czech Republic', 'Czechia'], wikidata: 'Q213', dem: { stem: ['تشيكي'], en: ['Czech', 'Czechs'] } },
  SK: { ar: ['سلوفاكيا'], en: ['Slovakia'], wikidata: 'Q214', dem: { stem: ['سلوفاكي'], en: ['Slovak', 'Slovaks', 'Slovakian'] } },
  HU: { ar: ['المجر', 'هنغاريا'], en: ['Hungary'], wikidata: 'Q28', dem: { stem: ['مجري', 'هنغاري'], en: ['Hungarian', 'Hungarians'] } },
  RO: { ar: ['رومانيا'], en: ['Romania'], wikidata: 'Q218', dem: { stem: ['روماني'], en: ['Romanian', 'Romanians'] } },
  BG: { ar: ['بلغاريا'], en: ['Bulgaria'], wikidata: 'Q219', dem: { stem: ['بلغاري'], en: ['Bulgarian', 'Bulgarians'] } },
  GR: { ar: ['اليونان'], en: ['Greece'], wikidata: 'Q41', dem: { stem: ['يوناني'], en: ['Greek', 'Greeks'] } },
  MT: { ar: ['مالطا'], en: ['Malta'], wikidata: 'Q233', dem: { stem: ['مالطي'], en: ['Maltese'] } },
  HR: { ar: ['كرواتيا'], en: ['Croatia'], wikidata: 'Q224', dem: { stem: ['كرواتي'], en: ['Croatian', 'Croat', 'Croats'] } },
  SI: { ar: ['سلوفينيا'], en: ['Slovenia'], wikidata: 'Q215', dem: { stem: ['سلوفيني'], en: ['Slovenian', 'Slovene', 'Slovenians'] } },
  RS: { ar: ['صربيا', 'جمهورية صربيا'], en: ['Serbia', 'Republic of Serbia'], wikidata: 'Q403', dem: { stem: ['صربي'], ar: ['الصرب'], en: ['Serbian', 'Serb', 'Serbs', 'Serbians'] } },
  XK: { ar: ['كوسوفو', 'كوسوفا'], en: ['Kosovo'], wikidata: 'Q1246', dem: { stem: ['كوسوفي'], en: ['Kosovar', 'Kosovars'] } },
  BA: { name: 'Bosnia and Herzegovina', ar: ['البوسنة', 'البوسنة والهرسك'], en: ['Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosnia'], wikidata: 'Q225', dem: { stem: ['بوسني'], en: ['Bosnian', 'Bosnians'] } },
  ME: { ar: ['الجبل الأسود', 'مونتينيغرو'], en: ['Montenegro'], wikidata: 'Q236', dem: { en: ['Montenegrin', 'Montenegrins'] } },
  MK: { ar: ['مقدونيا الشمالية', 'مقدونيا'], en: ['North Macedonia', 'Macedonia'], wikidata: 'Q221', dem: { stem: ['مقدوني'], en: ['Macedonian', 'Macedonians'] } },
  AL: { ar: ['ألبانيا'], en: ['Albania'], wikidata: 'Q222', dem: { stem: ['ألباني'], en: ['Albanian', 'Albanians'] } },
  EE: { ar: ['إستونيا', 'استونيا'], en: ['Estonia'], wikidata: 'Q191', dem: { stem: ['إستوني'], en: ['Estonian', 'Estonians'] } },
  LV: { ar: ['لاتفيا'], en: ['Latvia'], wikidata: 'Q211', dem: { stem: ['لاتفي'], en: ['Latvian', 'Latvians'] } },
  LT: { ar: ['ليتوانيا'], en: ['Lithuania'], wikidata: 'Q37', dem: { stem: ['ليتواني'], en: ['Lithuanian', 'Lithuanians'] } },
  UA: { ar: ['أوكرانيا'], en: ['Ukraine'], wikidata: 'Q212', dem: { stem: ['أوكراني'], en: ['Ukrainian', 'Ukrainians'] } },
  BY: { ar: ['بيلاروسيا', 'روسيا البيضاء', 'بيلاروس'], en: ['Belarus'], wikidata: 'Q184', dem: { stem: ['بيلاروسي'], en: ['Belarusian', 'Belarusians'] } },
  MD: { ar: ['مولدوفا', 'مولدافيا'], en: ['Moldova'], wikidata: 'Q217', dem: { stem: ['مولدوفي'], en: ['Moldovan', 'Moldovans'] } },
  VA: { ar: ['الفاتيكان', 'دولة الفاتيكان', 'الكرسي الرسولي'], en: ['Vatican', 'Vatican City', 'Holy See'], wikidata: 'Q237' },

  // ---- Caucasus and Central Asia
  GE: { ar: ['جورجيا'], en: ['Georgia'], wikidata: 'Q230', dem: { stem: ['جورجي'], en: ['Georgian', 'Georgians'] } },
  AM: { ar: ['أرمينيا'], en: ['Armenia'], wikidata: 'Q399', dem: { stem: ['أرمني'], ar: ['الأرمن', 'أرمن'], en: ['Armenian', 'Armenians'] } },
  AZ: { ar: ['أذربيجان'], en: ['Azerbaijan'], wikidata: 'Q227', dem: { stem: ['أذربيجاني'], en: ['Azerbaijani', 'Azerbaijanis', 'Azeri', 'Azeris'] } },
  KZ: { ar: ['كازاخستان', 'قازاقستان'], en: ['Kazakhstan'], wikidata: 'Q232', dem: { stem: ['كازاخستاني', 'كازاخي'], en: ['Kazakh', 'Kazakhs', 'Kazakhstani'] } },
  UZ: { ar: ['أوزبكستان'], en: ['Uzbekistan'], wikidata: 'Q265', dem: { stem: ['أوزبكي', 'أوزبكستاني'], en: ['Uzbek', 'Uzbeks'] } },
  TM: { ar: ['تركمانستان'], en: ['Turkmenistan'], wikidata: 'Q874', dem: { stem: ['تركمانستاني'], en: ['Turkmen'] } },
  TJ: { ar: ['طاجيكستان'], en: ['Tajikistan'], wikidata: 'Q863', dem: { stem: ['طاجيكي', 'طاجيكستاني'], en: ['Tajik', 'Tajiks'] } },
  KG: { ar: ['قرغيزستان'], en: ['Kyrgyzstan'], wikidata: 'Q813', dem: { stem: ['قيرغيزي', 'قرغيزي'], en: ['Kyrgyz'] } },
  MN: { ar: ['منغوليا'], en: ['Mongolia'], wikidata: 'Q711', dem: { stem: ['منغولي'], en: ['Mongolian', 'Mongolians'] } },

  // ---- South, East and South-East Asia
  AF: {
    ar: ['أفغانستان', 'افغانستان', 'جمهورية أفغانستان الإسلامية', 'الإمارة الإسلامية في أفغانستان'],
    en: ['Afghanistan', 'Islamic Republic of Afghanistan', 'Islamic Emirate of Afghanistan'],
    wikidata: 'Q889',
    dem: { stem: ['أفغاني'], ar: ['الأفغان', 'أفغان'], en: ['Afghan', 'Afghans'] },
  },
  PK: { ar: ['باكستان'], en: ['Pakistan'], wikidata: 'Q843', dem: { stem: ['باكستاني'], en: ['Pakistani', 'Pakistanis'] } },
  IN: { ar: ['الهند'], en: ['India'], wikidata: 'Q668', dem: { stem: ['هندي'], ar: ['الهنود'], en: ['Indian', 'Indians'] } },
  BD: { ar: ['بنغلاديش', 'بنجلاديش'], en: ['Bangladesh'], wikidata: 'Q902', dem: { stem: ['بنغلاديشي'], en: ['Bangladeshi', 'Bangladeshis'] } },
  LK: { ar: ['سريلانكا'], en: ['Sri Lanka'], wikidata: 'Q854', dem: { stem: ['سريلانكي'], en: ['Sri Lankan', 'Sri Lankans'] } },
  NP: { ar: ['نيبال'], en: ['Nepal'], wikidata: 'Q837', dem: { stem: ['نيبالي'], en: ['Nepali', 'Nepalese'] } },
  MM: { name: 'Myanmar', ar: ['ميانمار', 'بورما'], en: ['Myanmar', 'Burma'], wikidata: 'Q836' },
  JP: { ar: ['اليابان'], en: ['Japan'], wikidata: 'Q17', dem: { stem: ['ياباني'], en: ['Japanese'] } },
  KR: {
    ar: ['كوريا الجنوبية', 'جمهورية كوريا'],
    en: ['South Korea', 'Republic of Korea'],
    wikidata: 'Q884',
    dem: { stem: ['كوري جنوبي'], en: ['South Korean', 'South Koreans'] },
  },
  KP: {
    ar: ['كوريا الشمالية', 'جمهورية كوريا الديمقراطية الشعبية', 'كوريا الديمقراطية'],
    en: ['North Korea', "Democratic People's Republic of Korea", 'DPRK'],
    wikidata: 'Q423',
    dem: { stem: ['كوري شمالي'], en: ['North Korean', 'North Koreans'] },
  },
  TW: { ar: ['تايوان'], en: ['Taiwan'], wikidata: 'Q865', dem: { stem: ['تايواني'], en: ['Taiwanese'] } },
  HK: { name: 'Hong Kong', ar: ['هونغ كونغ', 'هونج كونج'], en: ['Hong Kong'], wikidata: 'Q8646' },
  MO: { name: 'Macau', ar: ['ماكاو', 'مكاو'], en: ['Macau', 'Macao'] },
  VN: { ar: ['فيتنام'], en: ['Vietnam', 'Viet Nam'], wikidata: 'Q881', dem: { stem: ['فيتنامي'], en: ['Vietnamese'] } },
  TH: { ar: ['تايلاند'], en: ['Thailand'], wikidata: 'Q869', dem: { stem: ['تايلاندي'], en: ['Thai'] } },
  PH: { ar: ['الفلبين'], en: ['Philippines', 'the Philippines'], wikidata: 'Q928', dem: { stem: ['فلبيني'], en: ['Filipino', 'Filipinos'] } },
  ID: { ar: ['إندونيسيا'], en: ['Indonesia'], wikidata: 'Q252', dem: { stem: ['إندونيسي'], en: ['Indonesian', 'Indonesians'] } },
  MY: { ar: ['ماليزيا'], en: ['Malaysia'], wikidata: 'Q833', dem: { stem: ['ماليزي'], en: ['Malaysian', 'Malaysians'] } },
  SG: { ar: ['سنغافورة'], en: ['Singapore'], dem: { stem: ['سنغافوري'], en: ['Singaporean', 'Singaporeans'] } },
  TL: { name: 'East Timor', ar: ['تيمور الشرقية'], en: ['East Timor', 'Timor-Leste'] },

  // ---- Africa south of the Sahara
  ET: { ar: ['إثيوبيا'], en: ['Ethiopia'], wikidata: 'Q115', dem: { stem: ['إثيوبي'], en: ['Ethiopian', 'Ethiopians'] } },
  ER: { ar: ['إريتريا'], en: ['Eritrea'], wikidata: 'Q986', dem: { stem: ['إريتري'], en: ['Eritrean', 'Eritreans'] } },
  KE: { ar: ['كينيا'], en: ['Kenya'], wikidata: 'Q114', dem: { stem: ['كيني'], en: ['Kenyan', 'Kenyans'] } },
  NG: { ar: ['نيجيريا'], en: ['Nigeria'], wikidata: 'Q1033', dem: { stem: ['نيجيري'], en: ['Nigerian', 'Nigerians'] } },
  NE: { ar: ['النيجر'], en: ['Niger'], wikidata: 'Q1032', dem: { en: ['Nigerien', 'Nigeriens'] } },
  TD: { ar: ['تشاد'], en: ['Chad'], wikidata: 'Q657', dem: { stem: ['تشادي'], en: ['Chadian', 'Chadians'] } },
  // مالي is also the common adjective "financial" (المالي after the article is stripped): qualified forms only.
  ML: { ar: ['جمهورية مالي', 'دولة مالي'], dropAr: ['مالي'], en: ['Mali'], wikidata: 'Q912', dem: { en: ['Malian', 'Malians'] } },
  // بنين is also "boys" (مدارس البنين): qualified forms only.
  BJ: { ar: ['جمهورية بنين', 'دولة بنين'], dropAr: ['بنين'], en: ['Benin'] },
  SN: { ar: ['السنغال'], en: ['Senegal'], wikidata: 'Q1041', dem: { stem: ['سنغالي'], en: ['Senegalese'] } },
  ZA: {
    ar: ['جنوب أفريقيا', 'جنوب إفريقيا', 'جمهورية جنوب أفريقيا'],
    en: ['South Africa', 'Republic of South Africa'],
    wikidata: 'Q258',
    dem: { ar: ['الجنوب أفريقي', 'الجنوب أفريقية', 'جنوب أفريقي', 'جنوب أفريقية'], en: ['South African', 'South Africans'] },
  },
  CD: {
    name: 'Democratic Republic of the Congo',
    ar: ['جمهورية الكونغو الديمقراطية', 'الكونغو الديمقراطية'],
    en: ['Democratic Republic of the Congo', 'Democratic Republic of Congo', 'DR Congo', 'DRC', 'Congo-Kinshasa'],
    wikidata: 'Q974',
  },
  CG: {
    name: 'Republic of the Congo',
    ar: ['جمهورية الكونغو', 'الكونغو برازافيل'],
    en: ['Republic of the Congo', 'Congo-Brazzaville'],
    wikidata: 'Q971',
  },
  CI: { name: 'Ivory Coast', ar: ['ساحل العاج', 'كوت ديفوار'], en: ['Ivory Coast', "Côte d'Ivoire", "Cote d'Ivoire"], wikidata: 'Q1008' },
  CV: { name: 'Cape Verde', ar: ['الرأس الأخضر'], en: ['Cape Verde', 'Cabo Verde'] },
  SZ: { name: 'Eswatini', ar: ['إسواتيني', 'سوازيلاند'], en: ['Eswatini', 'Swaziland'] },
  GH: { ar: ['غانا'], en: ['Ghana'], wikidata: 'Q117', dem: { stem: ['غاني'], en: ['Ghanaian', 'Ghanaians'] } },
  UG: { ar: ['أوغندا'], en: ['Uganda'], wikidata: 'Q1036', dem: { stem: ['أوغندي'], en: ['Ugandan', 'Ugandans'] } },
  TZ: { ar: ['تنزانيا'], en: ['Tanzania'], wikidata: 'Q924', dem: { stem: ['تنزاني'], en: ['Tanzanian', 'Tanzanians'] } },

  // ---- Americas and Oceania
  UM: { name: 'United States Minor Outlying Islands', ar: ['جزر الولايات المتحدة الصغيرة النائية'] },
  VI: { name: 'United States Virgin Islands', en: ['US Virgin Islands'] },
  JE: { en: ['Bailiwick of Jersey'], dropEn: ['Jersey'] }, // jersey: the shirt, in sport news
  CA: { ar: ['كندا'], en: ['Canada'], wikidata: 'Q16', dem: { stem: ['كندي'], en: ['Canadian', 'Canadians'] } },
  MX: { ar: ['المكسيك'], en: ['Mexico'], wikidata: 'Q96', dem: { stem: ['مكسيكي'], en: ['Mexican', 'Mexicans'] } },
  BR: { ar: ['البرازيل'], en: ['Brazil'], wikidata: 'Q155', dem: { stem: ['برازيلي'], en: ['Brazilian', 'Brazilians'] } },
  AR: { ar: ['الأرجنتين'], en: ['Argentina'], wikidata: 'Q414', dem: { stem: ['أرجنتيني'], en: ['Argentine', 'Argentinian', 'Argentines'] } },
  VE: { ar: ['فنزويلا'], en: ['Venezuela'], wikidata: 'Q717', dem: { stem: ['فنزويلي'], en: ['Venezuelan', 'Venezuelans'] } },
  CU: { ar: ['كوبا'], en: ['Cuba'], wikidata: 'Q241', dem: { stem: ['كوبي'], en: ['Cuban', 'Cubans'] } },
  CO: { ar: ['كولومبيا'], en: ['Colombia'], wikidata: 'Q739', dem: { stem: ['كولومبي'], en: ['Colombian', 'Colombians'] } },
  CL: { ar: ['تشيلي'], en: ['Chile'], wikidata: 'Q298', dem: { en: ['Chilean', 'Chileans'] } },
  AU: { ar: ['أستراليا', 'استراليا'], en: ['Australia'], wikidata: 'Q408', dem: { stem: ['أسترالي'], en: ['Australian', 'Australians'] } },
  NZ: { ar: ['نيوزيلندا', 'نيوزيلاندا'], en: ['New Zealand'], wikidata: 'Q664', dem: { stem: ['نيوزيلندي'], en: ['New Zealander', 'New Zealanders'] } },
};

// ---------------------------------------------------------------------------

interface Entry {
  id: string;
  code: string;
  name: string;
  ar: string[];
  en: string[];
  wikidata?: string;
}

const fold = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The forms a CLDR name stands for in running text. Parenthesised parts are dropped (they are
 * either descriptions, "منطقة إدارية خاصة", or alternates that the variant table lists anyway),
 * as are CLDR's "SAR China" and "Congo - Kinshasa" disambiguations; '&' and 'St.' are spelt out.
 */
function cldrForms(name: string | undefined, lang: 'ar' | 'en'): string[] {
  if (!name) return [];
  let base = name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/’/g, "'").replace(/\s+/g, ' ').trim();
  if (lang === 'en') {
    if (/\s-\s/.test(base) || / SAR China$/.test(base)) return [];
    const out = [base.replace(/\s&\s/g, ' and ').replace(/\bSt\. /g, 'Saint ')];
    if (/\bSt\. /.test(base)) out.push(base.replace(/\s&\s/g, ' and '));
    return out;
  }
  if (/\s-\s/.test(base)) {
    // "تيمور - ليشتي": CLDR writes a spaced hyphen where news writes a space.
    if (/^الكونغو/.test(base)) return [];
    base = base.replace(/\s-\s/, ' ');
  }
  return base ? [base] : [];
}

function uniq(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs.map((s) => s.trim()).filter(Boolean)) {
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  }
  return out;
}

/** Feminine of one nisba word: روسي → روسية. */
const fem = (w: string): string => `${w}ة`;
/** Definite form of each word of a (possibly two-word) nisba phrase. */
const def = (phrase: string): string => phrase.split(' ').map((w) => `ال${w}`).join(' ');
const mapWords = (phrase: string, f: (w: string) => string): string => phrase.split(' ').map(f).join(' ');

function arabicDemonyms(d: Demonym): string[] {
  const forms: string[] = [];
  for (const stem of d.stem ?? []) {
    const f = mapWords(stem, fem);
    const plY = mapWords(stem, (w) => `${w}ين`);
    const plW = mapWords(stem, (w) => `${w}ون`);
    forms.push(stem, f, def(stem), def(f), def(plY), def(plW), plY, plW);
  }
  forms.push(...(d.ar ?? []));
  return uniq(forms);
}

function build(): { entries: Entry[]; demonyms: { place: string; ar: string[]; en: string[] }[]; notes: string[] } {
  const notes: string[] = [];
  const disp = (lang: string, style: 'long' | 'short' | 'narrow') =>
    new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' });
  const arNames = (['long', 'short', 'narrow'] as const).map((s) => disp('ar', s));
  const enNames = (['long', 'short', 'narrow'] as const).map((s) => disp('en', s));

  for (const code of Object.keys(VARIANTS)) if (!CODES.includes(code)) throw new Error(`variant table: unknown code ${code}`);

  const entries: Entry[] = [];
  for (const code of CODES) {
    const v = VARIANTS[code] ?? {};
    const cldrAr = arNames.flatMap((d) => cldrForms(d.of(code), 'ar'));
    const cldrEn = enNames.flatMap((d) => cldrForms(d.of(code), 'en'));
    if (!cldrEn.length && !v.name) throw new Error(`no English name for ${code}`);
    const name = v.name ?? cldrEn[0]!; // the display name stays even when dropEn keeps it out of names
    entries.push({
      id: `place.${slug(name)}`,
      code,
      name,
      ar: uniq([...(v.ar ?? []), ...cldrAr.filter((n) => !v.dropAr?.includes(n))]),
      en: uniq([name, ...(v.en ?? []), ...cldrEn]).filter((n) => !v.dropEn?.includes(n)),
      ...(v.wikidata ? { wikidata: v.wikidata } : {}),
    });
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const ids = new Set<string>();
  for (const e of entries) {
    if (ids.has(e.id)) throw new Error(`duplicate id ${e.id}`);
    ids.add(e.id);
  }

  // A demonym form that is also the name of a country (السعودية = Saudi Arabia)
  // is left out of the demonyms: the name wins.
  const nameKeys = new Map<string, string>();
  for (const e of entries) for (const n of [...e.ar, ...e.en]) nameKeys.set(fold(n), e.id);

  const byCode = new Map(entries.map((e) => [e.code, e]));
  const demonyms: { place: string; ar: string[]; en: string[] }[] = [];
  for (const [code, v] of Object.entries(VARIANTS)) {
    if (!v.dem) continue;
    const place = byCode.get(code)!.id;
    const keep = (f: string) => {
      const owner = nameKeys.get(fold(f));
      if (owner) notes.push(`demonym form ${f} (${place}) left out: it is a name of ${owner}`);
      return !owner;
    };
    demonyms.push({ place, ar: arabicDemonyms(v.dem).filter(keep), en: uniq(v.dem.en).filter(keep) });
  }
  demonyms.sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));

  // Demonym forms shared by two countries would be ambiguous; fail rather than guess.
  const demKeys = new Map<string, string>();
  for (const d of demonyms)
    for (const f of [...d.ar, ...d.en]) {
      const k = fold(f);
      const prev = demKeys.get(k);
      if (prev && prev !== d.place) throw new Error(`demonym ${f} on both ${prev} and ${d.place}`);
      demKeys.set(k, d.place);
    }
  return { entries, demonyms, notes };
}

// ---------------------------------------------------------------------------
// YAML output, written by hand so that the layout is compact and stable.

const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^,[\]{}#:"]*$/u;
const RESERVED = /^(?:true|false|null|yes|no|on|off|~|[-+]?[0-9.][0-9._eE+-]*)$/i;

function scalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) && !/\s$/.test(s) && !s.includes(' #') ? s : JSON.stringify(s);
}
const flow = (xs: string[]): string => `[${xs.map(scalar).join(', ')}]`;

function render(entries: Entry[], demonyms: { place: string; ar: string[]; en: string[] }[]): string {
  const lines: string[] = [
    '# GENERATED FILE - do not edit by hand.',
    '# Countries and territories: one entry per ISO 3166-1 alpha-2 code (plus XK, Kosovo), named by',
    `# Intl.DisplayNames (ICU ${process.versions.icu ?? '?'}, CLDR ${process.versions.cldr ?? '?'}) in Arabic and English, merged with the`,
    '# spelling variants and demonyms kept in scripts/build-countries.ts.',
    '# To change it, edit the VARIANTS table in that script and re-run: npx tsx scripts/build-countries.ts',
    '',
    'entities:',
  ];
  for (const e of entries) {
    lines.push(`  - id: ${e.id}  # ${e.code}`);
    lines.push('    type: place');
    lines.push(`    name: ${scalar(e.name)}`);
    lines.push('    names:');
    lines.push(`      ar: ${flow(e.ar)}`);
    lines.push(`      en: ${flow(e.en)}`);
    if (e.wikidata) lines.push(`    wikidata: ${e.wikidata}`);
  }
  lines.push('', 'demonyms:');
  for (const d of demonyms) {
    lines.push(`  - place: ${d.place}`);
    lines.push(`    ar: ${flow(d.ar)}`);
    lines.push(`    en: ${flow(d.en)}`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { entries, demonyms, notes } = build();
  const text = render(entries, demonyms);
  // Validate what is about to be written, with the same loader the pipeline uses.
  const parsed = parseYamlWith(text, OUT, GazetteerFileSchema);
  for (const [i, e] of parsed.entities.entries()) {
    const src = entries[i]!;
    if (JSON.stringify([e.names.ar, e.names.en, e.name]) !== JSON.stringify([src.ar, src.en, src.name]))
      throw new Error(`YAML round trip changed ${src.id}`);
  }
  await writeFileAtomic(OUT, text);
  for (const n of notes) console.error(`note: ${n}`);
  console.error(`wrote ${OUT}: ${entries.length} places, ${demonyms.length} demonym entries`);
}

await main();
