// Speakers on real-news constructions, Arabic: one table per phenomenon of the
// speaker-resolution work, on sentences written for these tests (other names,
// outlets and topics than the seeds and the development set). Each row names
// the quote and who must say it; `null` means no speaker (never a wrong one).
// Negative rows sit beside the positives: a description that must not bind, a
// word that must not become a name.
import { beforeAll, describe, expect, it } from 'vitest';
import { res, run } from '../entities/helpers.ts';
import { speakerRight } from '../../src/eval/evaluate.ts';
import type { ArticleOutput } from '../../src/schema/output.ts';

export interface SpeakerRow {
  text: string;
  quote: string;
  speaker: string[] | null;
  /** Expected speaker.resolution, when the row is about it. */
  resolution?: string;
}

// Loading the rules and gazetteers once takes seconds on a loaded machine.
beforeAll(() => void res(), 60_000);

function check(row: SpeakerRow): ArticleOutput {
  const out = run(row.text, 'ar');
  const q = out.quotes.find((x) => x.text === row.quote);
  expect(q, `quotes found: ${out.quotes.map((x) => x.text).join(' | ')}`).toBeDefined();
  const got = q!.speaker ? `${q!.speaker.name} (${q!.speaker.resolution}, ${q!.rule})` : `none (${q!.rule})`;
  expect(speakerRight(out, q!, row.speaker), `speaker: ${got}`).toBe(true);
  if (row.resolution) expect(q!.speaker?.resolution).toBe(row.resolution);
  return out;
}

export const tables: Record<string, SpeakerRow[]> = {
  // An honorific or rank between the title and the name belongs to neither.
  'honorifics between title and name': [
    { text: 'وأوضح وزير التعليم العالي الدكتور حسان الشامي أن العام الدراسي سيبدأ في موعده.', quote: 'العام الدراسي سيبدأ في موعده', speaker: ['حسان الشامي'] },
    { text: 'قال قائد الشرطة، العقيد منير الحداد، إن الطرق أعيد فتحها.', quote: 'الطرق أعيد فتحها', speaker: ['منير الحداد'] },
    { text: 'وأكد محافظ البنك المركزي المهندس طارق العلي أن الاحتياطي مستقر. وأضاف المحافظ أن الفائدة لن تتغير.', quote: 'الفائدة لن تتغير', speaker: ['طارق العلي'] },
  ],
  // Units of an organisation continue a title; they never start a person's name.
  'organisational units inside titles': [
    { text: 'وقالت سلمى الخوري مديرة قسم الأمراض المعدية في المستشفى للصحفيين إن الإصابات تراجعت.', quote: 'الإصابات تراجعت', speaker: ['سلمى الخوري'] },
    { text: 'وقال مدير دائرة الجوازات إن المعاملات ستنجز إلكترونيا.', quote: 'المعاملات ستنجز إلكترونيا', speaker: ['مدير دائرة الجوازات'] },
  ],
  // A compound surname (عبد الرحمن، عبد الله) refers back whole.
  'compound surnames as later references': [
    { text: 'قال ماهر عبد الله، رئيس اتحاد المزارعين، إن المحصول جيد. وأوضح عبد الله أن الأسعار ستنخفض.', quote: 'الأسعار ستنخفض', speaker: ['ماهر عبد الله'] },
    { text: 'قال نبيل عبد الكريم، مدير الميناء، إن الحركة عادت. وأشار عبد الكريم إلى أن السفن تنتظر.', quote: 'السفن تنتظر', speaker: ['نبيل عبد الكريم'] },
  ],
  // Names of three parts where the name visibly ends; feminine and compound titles;
  // a title continued by ل + a body (للمجموعة، للفريق).
  'full names after titles': [
    { text: 'وقال مدير مستشفى الأمل عمر الصديق بابكر إن الأسرة ممتلئة.', quote: 'الأسرة ممتلئة', speaker: ['عمر الصديق بابكر'] },
    { text: 'قالت الباحثة ليلى حسن عثمان للصحيفة إن البيانات ناقصة.', quote: 'البيانات ناقصة', speaker: ['ليلى حسن عثمان'] },
    { text: 'من جانبها، أكدت المديرة التنفيذية للشركة سارة يوسف المنصوري أن الطلبات تضاعفت.', quote: 'الطلبات تضاعفت', speaker: ['سارة يوسف المنصوري'] },
    { text: 'وقال كبير الاقتصاديين في المصرف، جون بيترز، إن النمو سيتباطأ.', quote: 'النمو سيتباطأ', speaker: ['جون بيترز'] },
    // Negative: a third plain word that runs on into the sentence is no part of the name.
    { text: 'أكد الوزير أحمد سالم ضرورة الحوار، مضيفا أن الحل قريب.', quote: 'الحل قريب', speaker: ['أحمد سالم'] },
  ],
  // A name set off by commas a few words after its title holds it; a compound given
  // name before بن refers back to the person.
  'appositions and given names': [
    { text: 'ورأى الخبير في شؤون النفط لدى مصرف «الاتحاد» للاستثمار، توماس بيكر، أن الأسعار ستتراجع.', quote: 'الأسعار ستتراجع', speaker: ['توماس بيكر'] },
    { text: 'قال وزير الرياضة الأمير عبد الرحمن بن مساعد إن الملاعب جاهزة. وأوضح الأمير عبد الرحمن، في كلمة له، أن التذاكر نفدت.', quote: 'التذاكر نفدت', speaker: ['عبد الرحمن بن مساعد'] },
    { text: 'قال الشيخ عبد الله بن حمد إن الموسم ناجح. وأضاف عبد الله، في تصريح صحفي، أن الأسعار معتدلة.', quote: 'الأسعار معتدلة', speaker: ['عبد الله بن حمد'] },
  ],
  // Hyphenated names, titles that run over لكرة القدم, a verbal noun after ب that starts no name.
  'name and title boundaries': [
    { text: 'وقالت الممثلة الخاصة كارين فان-هوفن إن الهدنة صامدة.', quote: 'الهدنة صامدة', speaker: ['كارين فان-هوفن'] },
    { text: 'أبدى سامي الطرابلسي، مدرب منتخب تونس لكرة القدم، ارتياحه. وأضاف مدرب "نسور قرطاج": "الأداء كان جيدا في الشوط الثاني".', quote: 'الأداء كان جيدا في الشوط الثاني', speaker: ['سامي الطرابلسي'] },
    { text: 'قال أحمد الغامدي، المدير الفني لنادي الوحدة، إن الحكم أخطأ. وطالب المدير الفني للوحدة رابطة المحترفين بمراجعة الحالات، مشيرا إلى أن الفريق تضرر.', quote: 'الفريق تضرر', speaker: ['أحمد الغامدي'] },
  ],
  // An organisation in marks inside a title keeps the title whole, so the later
  // title refers to the person, not to the organisation.
  'organisation in marks inside a title': [
    { text: 'قال العقيد فادي سليم، المتحدث باسم "الجيش اللبناني"، إن الحدود هادئة. وتابع المتحدث باسم الجيش اللبناني أن الدوريات مستمرة.', quote: 'الدوريات مستمرة', speaker: ['فادي سليم'] },
  ],
  // Who was told (لوكالة، للصحيفة، لقناة) is the channel, not the speaker.
  'outlets that were told': [
    { text: 'وقال مسؤول أمني لوكالة "الأناضول" إن الحدود أغلقت مؤقتا.', quote: 'الحدود أغلقت مؤقتا', speaker: ['مسؤول أمني'], resolution: 'source' },
    { text: 'وأوضح المتحدث باسم الدفاع المدني ماجد الكعبي لقناة الجزيرة أن فرق الإنقاذ وصلت.', quote: 'فرق الإنقاذ وصلت', speaker: ['ماجد الكعبي'] },
    { text: 'قالت هالة المصري، رئيسة الجمعية، إن التبرعات زادت. وأضافت للصحيفة أن الحملة ستستمر.', quote: 'الحملة ستستمر', speaker: ['هالة المصري'], resolution: 'implicit' },
    // The outlet that itself reports is the speaker.
    { text: 'وذكرت وكالة رويترز أن المحادثات تعثرت.', quote: 'المحادثات تعثرت', speaker: ['Reuters', 'رويترز'] },
  ],
  // A statement speaks for whoever issued it, named with it or before it.
  'statements and their issuers': [
    { text: 'وذكر بيان صادر عن الحكومة الأردنية أن المعابر ستفتح. وأضاف البيان أن الحركة ستعود تدريجيا.', quote: 'الحركة ستعود تدريجيا', speaker: ['الحكومة الأردنية'], resolution: 'organisation' },
    { text: 'وقال بيان لوزارة الدفاع التركية إن الطائرات عادت سالمة.', quote: 'الطائرات عادت سالمة', speaker: ['Turkish Ministry of National Defence', 'Turkish Defence Ministry', 'وزارة الدفاع التركية'], resolution: 'organisation' },
    { text: 'وأكدت الحكومة الليبية، أنها ستجري الانتخابات في موعدها.', quote: 'ستجري الانتخابات في موعدها', speaker: ['الحكومة الليبية'] },
  ],
  // A stance noun after the cue is its object; the subject stays implicit.
  'stance nouns after the cue': [
    { text: 'قال وزير الزراعة يوسف الحمدان إن الموسم جيد. وأعرب عن أمله في أن ترتفع الصادرات.', quote: 'ترتفع الصادرات', speaker: ['يوسف الحمدان'], resolution: 'implicit' },
    { text: 'وأبدت رئيسة البلدية منى الحايك قلقها من أن الأمطار ستزيد.', quote: 'الأمطار ستزيد', speaker: ['منى الحايك'] },
  ],
  // A participle continues the verb that opens its sentence.
  'participles after a verb without a quote': [
    { text: 'أعلنت وزارة الصحة السودانية الأرقام. وكانت الوزارة قد نفت، في بيان سابق، الشائعات، مؤكدة أن الحالات محدودة.', quote: 'الحالات محدودة', speaker: ['وزارة الصحة السودانية'], resolution: 'organisation' },
    { text: 'نفت وزارة الصحة المغربية، اليوم الأحد، الأنباء المتداولة، مؤكدة أن المستشفيات تعمل بشكل طبيعي.', quote: 'المستشفيات تعمل بشكل طبيعي', speaker: ['وزارة الصحة المغربية'] },
    { text: 'رفض رئيس الاتحاد عادل الشريف الاتهامات، مشيرا إلى أن الحسابات مدققة.', quote: 'الحسابات مدققة', speaker: ['عادل الشريف'] },
  ],
  // A title or description used alone refers to the most recent compatible person
  // or organisation (role, field, nationality, organisation); with none, it stays
  // a description and names no one.
  'descriptions bound by role, field and nationality': [
    { text: 'قال وزير الخارجية الأردني، أيمن الصفدي، إن الحدود آمنة. وأوضح وزير خارجية الأردن أن التنسيق مستمر.', quote: 'التنسيق مستمر', speaker: ['Ayman Safadi', 'أيمن الصفدي'] },
    { text: 'قال نائب وزير الخارجية الصيني وانغ تشاو إن الزيارة ناجحة. وأكد الدبلوماسي الصيني أن بكين تدعم الحوار.', quote: 'بكين تدعم الحوار', speaker: ['وانغ تشاو'], resolution: 'title' },
    { text: 'أعلنت وزارة النقل المصرية تشغيل خط جديد. وقالت الوزارة إن التذاكر متاحة.', quote: 'التذاكر متاحة', speaker: ['وزارة النقل المصرية'], resolution: 'organisation' },
    { text: 'قال المدير الفني لنادي الوحدة، فرانك دي بور، إن الفريق جاهز. وأضاف المدرب الهولندي أن الإصابات قليلة.', quote: 'الإصابات قليلة', speaker: ['فرانك دي بور'] },
    // Negatives: another nationality, another role, another kind of organisation.
    { text: 'قال نائب وزير الخارجية الصيني وانغ تشاو إن الزيارة ناجحة. وقال الدبلوماسي الياباني إن طوكيو تتابع.', quote: 'طوكيو تتابع', speaker: ['الدبلوماسي الياباني'], resolution: 'description' },
    { text: 'قال وزير المالية سامر الخطيب إن العجز تراجع. وقال المدرب إن المباراة صعبة.', quote: 'المباراة صعبة', speaker: ['المدرب'], resolution: 'description' },
    { text: 'أعلنت وزارة النقل المصرية تشغيل خط جديد. وقالت الصحيفة إن الركاب راضون.', quote: 'الركاب راضون', speaker: ['الصحيفة'], resolution: 'description' },
    // Negative: a government (the state itself) is not an armed group named earlier.
    { text: 'وشن حزب العمال الكردستاني هجوما. وتقول الحكومة التركية إن العملية ستنتهي قريبا.', quote: 'العملية ستنتهي قريبا', speaker: ['الحكومة التركية'], resolution: 'description' },
    // Negative: an indefinite head in construct names a new body; it does not refer back.
    { text: 'أعلنت وزارة الداخلية المغربية نتائج التحقيق. وقالت رابطة أهالي المفقودين في الجنوب: "نطالب بلقاء عاجل مع اللجنة".', quote: 'نطالب بلقاء عاجل مع اللجنة', speaker: ['رابطة أهالي المفقودين في الجنوب', 'رابطة أهالي المفقودين'] },
    { text: 'وكانت مجموعة الريادة القابضة قد أعلنت نتائجها. وكانت المجموعة قد ذكرت أن الأرباح ستوزع.', quote: 'الأرباح ستوزع', speaker: ['مجموعة الريادة القابضة'], resolution: 'organisation' },
  ],
  // Implicit subjects across sentences: وأضاف continues the last speaker unless a sentence
  // in between made someone else its subject; a quotation followed by بهذه الكلمات علّق X is X's.
  'implicit subjects across sentences': [
    { text: 'وقال المدرب سامي النجار إن الفريق جاهز.\n\nوأبدى اللاعب كريم العدوي سعادته بالفوز.\n\nوأضاف: "سنقاتل حتى النهاية في كل مباراة مقبلة".', quote: 'سنقاتل حتى النهاية في كل مباراة مقبلة', speaker: ['كريم العدوي'], resolution: 'implicit' },
    // Negative beside it: a narrative sentence with no new subject keeps the speaker.
    { text: 'وقال المدرب سامي النجار إن الفريق جاهز.\n\nووصل الفريق إلى الملعب قبل ساعتين.\n\nوأضاف: "سنقاتل حتى النهاية في كل مباراة مقبلة".', quote: 'سنقاتل حتى النهاية في كل مباراة مقبلة', speaker: ['سامي النجار'], resolution: 'implicit' },
    { text: 'وقال المدرب سامي النجار إن الفريق جاهز.\n"الهدف أهديه لجماهير المدينة التي لم تتخل عنا"، بهذه الكلمات علّق كريم العدوي على هدفه.', quote: 'الهدف أهديه لجماهير المدينة التي لم تتخل عنا', speaker: ['كريم العدوي'], resolution: 'after' },
  ],
  // Cues that are not verbs of saying in the narrow sense: a verdict with بأن, closing words بقوله.
  'verdicts and closing words': [
    { text: 'وأكدت الهيئة في بيان أن الصور مزيفة، ووصفتها بأنها جزء من حملة تضليل منظمة.', quote: 'جزء من حملة تضليل منظمة', speaker: ['الهيئة'] },
    { text: 'وقال الحارس ماهر السيد إن الفريق صامد. واختتم السيد حديثه بقوله: "سنعود أقوى في الموسم المقبل بإذن الله".', quote: 'سنعود أقوى في الموسم المقبل بإذن الله', speaker: ['ماهر السيد'] },
  ],
  // A `description: statement` headline refers ahead to the person the article names.
  'headline descriptions': [
    { text: 'رئيس كينيا: لن نتراجع عن الإصلاحات\nأكد الرئيس الكيني وليام روتو أن الاقتصاد يتعافى.', quote: 'لن نتراجع عن الإصلاحات', speaker: ['William Ruto', 'وليام روتو'], resolution: 'headline' },
    // Negative: the only Kenyan the article names holds another role.
    { text: 'رئيس كينيا: الأسعار ستستقر قريبا\nأكد وزير الصحة الكيني كمال موانغي أن المستشفيات جاهزة.', quote: 'الأسعار ستستقر قريبا', speaker: ['رئيس كينيا'], resolution: 'headline' },
  ],
};

for (const [name, rows] of Object.entries(tables)) {
  describe(name, () => {
    it.each(rows)('$quote', (row) => {
      check(row);
    });
  });
}

// Marks after a preposition hold its object (a treaty, a slogan), not speech; the
// speaker of the next quote is then not taken from a phrase that never spoke.
describe('marks after a preposition are no quotation', () => {
  it.each([
    { text: 'وجدد الوزير سامي فارس التمسك بـ"اتفاق السلام الشامل والضمانات الدولية المرافقة له"، مؤكدا أن "الحوار هو الطريق الوحيد".', not: 'اتفاق السلام الشامل والضمانات الدولية المرافقة له', quote: 'الحوار هو الطريق الوحيد' },
    { text: 'وأكد رئيس اللجنة خالد بدر الحرص على "تطوير المنظومة الصحية في جميع المحافظات"، مضيفا أن "الخطة جاهزة".', not: 'تطوير المنظومة الصحية في جميع المحافظات', quote: 'الخطة جاهزة' },
  ])('$not', ({ text, not, quote }) => {
    const out = run(text, 'ar');
    expect(out.quotes.map((q) => q.text)).not.toContain(not);
    expect(out.quotes.map((q) => q.text)).toContain(quote);
  });
  // Positive beside them: the cue's own preposition still introduces a quotation.
  it('أشار إلى “...” is a quotation', () => {
    const out = run('وأشار وزير النقل إلى "أن القطارات ستعمل بكامل طاقتها الشهر المقبل".', 'ar');
    expect(out.quotes.map((q) => q.text).join('|')).toContain('القطارات ستعمل بكامل طاقتها الشهر المقبل');
  });
});

describe('words that must not become names', () => {
  it.each([
    { text: 'وقال مدير قسم الطوارئ إن الحالات مستقرة.', not: 'قسم الطوارئ' },
    { text: 'وقال وزير الصحة الدكتور في كلمته إن الحالات مستقرة.', not: 'في كلمته' },
    // A second word with the article after a surname is the verb's object.
    { text: 'رفض رئيس الاتحاد عادل الشريف الاتهامات، مشيرا إلى أن الحسابات مدققة.', not: 'عادل الشريف الاتهامات' },
    // A preposition glued to a common noun opens no name.
    { text: 'وقال المدرب لفريق النجوم الصاعدة إن اللاعبين جاهزون.', not: 'لفريق النجوم الصاعدة' },
    // Closing words: بقوله ends a name, and a possessed noun before it is none.
    { text: 'وأتم رئيس الاتحاد، تصريحاته بقوله: "البطولة كانت متعبة للجميع".', not: 'تصريحاته بقوله' },
    // A cue verb after a title opens the reported clause; it starts no name.
    { text: 'وقالت مصادر مطلعة لموقعنا إن المنسقة نقلت رسائل تهدئة.', not: 'نقلت رسائل' },
  ])('$not', ({ text, not }) => {
    const out = run(text, 'ar');
    const persons = out.entities.filter((e) => e.type === 'person').flatMap((e) => e.mentions.map((m) => m.text));
    expect(persons).not.toContain(not);
    expect(out.quotes.length).toBeGreaterThan(0);
  });
});
