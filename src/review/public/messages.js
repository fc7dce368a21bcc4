// Every label of the review page that has been translated, in English and Arabic, and
// the key table that both the help dialog and the README follow. `t(id)` gives the
// label in the page's interface language.

export const KEYS = [
  { keys: ['j', 'k'], en: 'next / previous quote (article, in the list; ↓ ↑ too)', ar: 'الاقتباس التالي / السابق (أو المقال في القائمة؛ ↓ ↑ أيضاً)' },
  { keys: ['a'], en: 'approve the quote (a corrected quote keeps its correction)', ar: 'اعتماد الاقتباس (الاقتباس المصحَّح يبقى مصحَّحاً)' },
  { keys: ['A'], en: 'approve as extracted, dropping a correction', ar: 'اعتماد كما استُخرج، مع إسقاط التصحيح' },
  { keys: ['r'], en: 'reject the quote', ar: 'رفض الاقتباس' },
  { keys: ['s'], en: 'correct the speaker', ar: 'تصحيح القائل' },
  { keys: ['e'], en: 'correct the span: select text first, or move its ends by word with the keys below', ar: 'تصحيح حدود الاقتباس: ظلّل النص أولاً، أو حرّك طرفيه كلمةً كلمة بالمفاتيح أدناه' },
  { keys: ['Shift+→', 'Shift+←'], en: 'span form: move the end by one word (later / earlier in the text)', ar: 'نموذج الحدود: تحريك النهاية كلمة (إلى الأمام / إلى الخلف في النص)' },
  { keys: ['Alt+Shift+→', 'Alt+Shift+←'], en: 'span form: move the start by one word', ar: 'نموذج الحدود: تحريك البداية كلمة' },
  { keys: ['q'], en: 'add a quote the extractor missed: select it in the text first', ar: 'إضافة اقتباس فات المستخرِج: ظلّله في النص أولاً' },
  { keys: ['c'], en: 'add form: the text selected is the cue', ar: 'نموذج الإضافة: النص المظلّل هو فعل القول' },
  { keys: ['n'], en: 'add a note', ar: 'إضافة ملاحظة' },
  { keys: ['u'], en: 'undo your last decision', ar: 'التراجع عن آخر قرار' },
  { keys: ['1', '5'], en: 'show all / pending / approved / rejected / corrected', ar: 'عرض الكل / المعلّقة / المعتمدة / المرفوضة / المصحّحة' },
  { keys: ['[', ']'], en: 'previous / next article', ar: 'المقال السابق / التالي' },
  { keys: ['g'], en: 'back to the article list', ar: 'العودة إلى قائمة المقالات' },
  { keys: ['p'], en: 'people: every speaker across the folder', ar: 'الأشخاص: كل القائلين في المجلد' },
  { keys: ['/'], en: 'search the list', ar: 'البحث في القائمة' },
  { keys: ['Enter', 'o'], en: 'open the article (list); Enter saves a form', ar: 'فتح المقال (القائمة)؛ Enter يحفظ النموذج' },
  { keys: ['Ctrl+Enter'], en: 'save a note', ar: 'حفظ الملاحظة' },
  { keys: ['Esc'], en: 'close a form or this help', ar: 'إغلاق النموذج أو هذه المساعدة' },
  { keys: ['?'], en: 'this help', ar: 'هذه المساعدة' },
];

/** How a key row joins its keys: "1–5" for a range, "a / b" otherwise. */
export function keyJoin(row) {
  return row.keys.length === 2 && /^\d$/.test(row.keys[0]) ? '–' : ' / ';
}

/**
 * One line on what a rule does, by the last part of its id (ar.quote.cue-complementiser →
 * cue-complementiser): the quote and attribution rules live in code, with no description
 * field to read, so their explanations are kept here. A part missing here is shown as its
 * words (see ruleNote).
 */
export const RULE_NOTES = {
  // quote rules
  'cue-complementiser': ['a speech verb followed by “that” (أن، إن) introduces reported speech', 'فعل قول يليه «أن/إن» يفتتح كلاماً منقولاً'],
  'cue-complementiser-marks': ['a speech verb and “that”, then words in quotation marks', 'فعل قول و«أن» ثم كلام بين علامتي تنصيص'],
  'cue-complementiser-mixed': ['a speech verb and “that”, with a quoted fragment inside', 'فعل قول و«أن» مع مقطع منصوص داخله'],
  'cue-colon': ['a speech verb followed by a colon', 'فعل قول تليه نقطتان'],
  'cue-colon-complementiser': ['a speech verb, a colon, then “that”', 'فعل قول ثم نقطتان ثم «أن»'],
  'cue-colon-marks': ['a speech verb and a colon, then words in quotation marks', 'فعل قول ونقطتان ثم كلام بين علامتي تنصيص'],
  'cue-colon-marks-next-paragraph': ['a speech verb and a colon; the quoted words open the next paragraph', 'فعل قول ونقطتان، والكلام المنصوص في الفقرة التالية'],
  'cue-marks': ['a speech verb followed by words in quotation marks', 'فعل قول يليه كلام بين علامتي تنصيص'],
  'cue-comma-marks': ['a speech verb, a comma, then words in quotation marks', 'فعل قول وفاصلة ثم كلام منصوص'],
  'cue-that-marks': ['a speech verb and “that”, then words in quotation marks', 'فعل قول و«أن» ثم كلام منصوص'],
  'cue-clause': ['a speech verb followed by the clause it reports', 'فعل قول تليه الجملة التي ينقلها'],
  'cue-clause-mixed': ['a speech verb and a reported clause with a quoted fragment', 'فعل قول وجملة منقولة فيها مقطع منصوص'],
  'clause-cue-after': ['a reported clause followed by its speech verb (“…, he said”)', 'جملة منقولة يليها فعل القول'],
  'clause-marks-cue': ['quoted words, then the speech verb', 'كلام منصوص ثم فعل القول'],
  'marks-cue': ['words in quotation marks followed by “said X”', 'كلام منصوص يليه «قال فلان»'],
  'marks-cue-inverted': ['words in quotation marks followed by “said X”, verb first', 'كلام منصوص يليه فعل القول ثم القائل'],
  'marks-speaker-after': ['words in quotation marks, the speaker named after them', 'كلام منصوص يُذكر قائله بعده'],
  'colon-marks': ['a name and a colon, then words in quotation marks', 'اسم ونقطتان ثم كلام منصوص'],
  'according-to': ['“according to X”', '«بحسب فلان» أو «وفقاً لـ»'],
  headline: ['a headline of the form “Speaker: words”', 'عنوان على صيغة «القائل: الكلام»'],
  'headline-dash': ['a headline of the form “words – Speaker”', 'عنوان على صيغة «الكلام – القائل»'],
  'paragraph-marks': ['a paragraph that is only a quotation', 'فقرة كلها كلام منصوص'],
  'paragraph-after-quote': ['a quoted paragraph right after another quote', 'فقرة منصوصة تلي اقتباساً'],
  'paragraph-continuation': ['a quoted paragraph continuing the previous speaker', 'فقرة منصوصة تتابع كلام القائل السابق'],
  continuation: ['continues the previous quote’s speaker', 'تتابع كلام القائل السابق'],
  fragment: ['a short quoted fragment inside a sentence', 'مقطع منصوص قصير داخل جملة'],
  'speaker-next-sentence': ['quoted words whose speaker is named in the next sentence', 'كلام منصوص يُذكر قائله في الجملة التالية'],
  'split-by-attribution': ['one quotation split by “he said” in its middle', 'اقتباس واحد يقطعه «قال» في وسطه'],
  // attribution rules
  'explicit-after-verb': ['the speaker is named right after the speech verb', 'القائل مذكور بعد فعل القول مباشرة'],
  'explicit-before-verb': ['the speaker is named just before the speech verb', 'القائل مذكور قبل فعل القول'],
  'implicit-previous': ['no name at the verb: the speaker of the sentence before', 'لا اسم عند الفعل: قائل الجملة السابقة'],
  'named-after-quote': ['the speaker is named after the quotation', 'القائل مذكور بعد الاقتباس'],
  'raw-subject': ['the words after the verb, not a known entity', 'الكلمات بعد الفعل، وليست كياناً معروفاً'],
  'statement-issuer': ['an organisation issuing a statement', 'جهة تصدر بياناً'],
  'title-role': ['a title (“the minister”) resolved to the person who holds it', 'لقب («الوزير») رُدّ إلى صاحبه'],
  'unnamed-source': ['an unnamed source (“a source said”)', 'مصدر غير مسمّى («قال مصدر»)'],
  none: ['no speaker found', 'لم يُعثر على قائل'],
  'after-quote': ['the speaker is named after the quotation', 'القائل مذكور بعد الاقتباس'],
  'before-cue': ['the speaker is named before the speech verb', 'القائل مذكور قبل فعل القول'],
  colon: ['the name before the colon', 'الاسم قبل النقطتين'],
  'headline-main-speaker': ['a headline quote given to the article’s main speaker', 'اقتباس العنوان يُنسب إلى القائل الرئيسي في المقال'],
  inverted: ['“said X”: the speaker after the verb', '«قال فلان»: القائل بعد الفعل'],
  'next-sentence': ['the speaker is named in the next sentence', 'القائل مذكور في الجملة التالية'],
  participle: ['“…, adding that”: the speaker of the clause', '«مضيفاً أن»: قائل الجملة نفسها'],
};

export const MESSAGES = {
  en: {
    'help.title': 'Keyboard',
    'help.note': 'Every decision is saved at once to reviews/ in the output folder. Clicking a quote in the text selects it in the list.',
    'help.close': 'Close',
  },
  ar: {
    'help.title': 'لوحة المفاتيح',
    'help.note': 'يُحفظ كل قرار فوراً في المجلد reviews/ داخل مجلد المخرجات. النقر على اقتباس في النص يحدّده في القائمة.',
    'help.close': 'إغلاق',
  },
};

let lang = 'en';

export function uiLang() {
  return lang;
}

export function setUiLang(next) {
  lang = next === 'ar' ? 'ar' : 'en';
}

export function t(id) {
  return MESSAGES[lang][id] ?? MESSAGES.en[id] ?? id;
}

/** One line on a rule id such as "ar.quote.cue-complementiser" (a whole "quote > attribution" string gives both). */
export function ruleNote(id) {
  const part = id.split('.').pop() ?? id;
  const note = RULE_NOTES[part];
  if (note) return note[lang === 'ar' ? 1 : 0];
  return part.replace(/-/g, ' ');
}
