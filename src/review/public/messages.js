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
