// Pairing quotation marks as real Arabic news writes them, with the mark table of rules/ar/language.yaml.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pairQuoteMarks, type MarkPair } from '../../src/text/pair-quote-marks.ts';
import { buildMarkTable } from '../../src/lang/profile.ts';
import { LanguageFileSchema } from '../../src/schema/rules.ts';
import { parseYamlWith } from '../../src/util/load-yaml.ts';

const languageFile = fileURLToPath(new URL('../../rules/ar/language.yaml', import.meta.url));
const AR = buildMarkTable(parseYamlWith(readFileSync(languageFile, 'utf8'), languageFile, LanguageFileSchema));

type Seen = [inner: string, depth: number, closed: boolean];
/** Each pair as the text between its marks, its depth, and whether it closed. */
function inner(text: string, pairs: MarkPair[]): Seen[] {
  return pairs.map((p) => [text.slice(p.open + 1, p.close === -1 ? text.length : p.close), p.depth, p.close !== -1]);
}

describe('pairQuoteMarks with the Arabic mark table', () => {
  it.each<[string, string, Seen[]]>([
    ['ordinary “…” pair', 'قال الوزير “نعم” ثم غادر.', [['نعم', 0, true]]],
    ['reversed pair ”…“', 'قال الوزير ”نحن مستعدون للحوار“ ثم غادر.', [['نحن مستعدون للحوار', 0, true]]],
    ['one mark at both ends ”…”', 'وقال المتحدث ”الحوار هو الحل الوحيد” للأزمة.', [['الحوار هو الحل الوحيد', 0, true]]],
    ['opening shape at both ends “…“', 'وأكد “المفاوضات مستمرة“ أمس.', [['المفاوضات مستمرة', 0, true]]],
    [
      'marks glued to words: a title and then the quote (seed-like)',
      'وقال لافروف في مقابلة مع مجلة”المصلحة الوطنية”الامريكية”فيما يتعلق بمسألة الحوار فأقول نعم وأنا متأكد أننا نلتزم بنفس النهج”.',
      [
        ['المصلحة الوطنية', 0, true],
        ['فيما يتعلق بمسألة الحوار فأقول نعم وأنا متأكد أننا نلتزم بنفس النهج', 0, true],
      ],
    ],
    [
      'marks glued to words: a newspaper name and then the quote',
      'ونقلت صحيفة”الأهرام”المصرية”إن الوضع مستقر تماما”.',
      [
        ['الأهرام', 0, true],
        ['إن الوضع مستقر تماما', 0, true],
      ],
    ],
    [
      'glued after a colon opens',
      'وأكد قائلاً:"إنني واثق من استئناف اتصالاتنا".',
      [['إنني واثق من استئناف اتصالاتنا', 0, true]],
    ],
    [
      'nested curly quotes: the inner one has depth 1',
      'وقال “إن تنظيم “داعش” خطر كبير على المنطقة” ثم غادر.',
      [
        ['إن تنظيم “داعش” خطر كبير على المنطقة', 0, true],
        ['داعش', 1, true],
      ],
    ],
    [
      'straight quotes with a nested straight quote',
      'قال المتحدث "إن عملية "الفجر" انتهت بنجاح" أمس.',
      [
        ['إن عملية "الفجر" انتهت بنجاح', 0, true],
        ['الفجر', 1, true],
      ],
    ],
    ['guillemets « »', 'قال «نحن هنا» ثم أضاف «وهناك أيضا».', [['نحن هنا', 0, true], ['وهناك أيضا', 0, true]]],
    ['guillemets with curly quotes nested', 'قال «إن “داعش” خطر» ثم سكت.', [['إن “داعش” خطر', 0, true], ['داعش', 1, true]]],
    ['two quotations in one paragraph', 'قال “نعم” وأضاف “لا” ثم مضى.', [['نعم', 0, true], ['لا', 0, true]]],
    ['unclosed quotation runs to the paragraph end', 'قال الوزير “إن الحوار مستمر ولم ينقطع', [['إن الحوار مستمر ولم ينقطع', 0, false]]],
    [
      'a straight mark opening again after a colon leaves the open quotation unclosed (no nesting)',
      'وقال: "الطريق مغلق. وعن الموعد قال: "نعلنه غدا" ثم غادر.',
      [
        ['الطريق مغلق. وعن الموعد قال: "نعلنه غدا" ثم غادر.', 0, false],
        ['نعلنه غدا', 0, true],
      ],
    ],
    ['a mark right after a colon opens, though a space follows it', 'وأضاف قائلا :" سنعود أقوى" ثم غادر.', [[' سنعود أقوى', 0, true]]],
    ['no marks: no pairs', 'قال الوزير إن الحوار مستمر.', []],
    ['a colon and parentheses without marks: no pairs', 'لافروف: الاتصالات مستمرة (بالمقارنة مع الماضي).', []],
  ])('%s', (_name, text, expected) => {
    const { pairs, strayClosers } = pairQuoteMarks(text, AR);
    expect(inner(text, pairs)).toEqual(expected);
    expect(strayClosers).toEqual([]);
    // Pairs come sorted by their opening mark, and a closed pair closes after it opens.
    for (let i = 1; i < pairs.length; i++) expect(pairs[i]!.open).toBeGreaterThan(pairs[i - 1]!.open);
    for (const p of pairs) if (p.close !== -1) expect(p.close).toBeGreaterThan(p.open);
  });

  it('an unclosed quotation has close -1', () => {
    const text = 'قال الوزير “إن الحوار مستمر';
    expect(pairQuoteMarks(text, AR).pairs).toEqual([{ open: text.indexOf('“'), close: -1, depth: 0 }]);
  });

  it.each<[string, string, number[], Seen[]]>([
    ['a lone » has no opener', '» قال الوزير', [0], []],
    ['« is closed only by »: a ” inside it is a stray closer', 'قال «نعم” ثم» أمس', [8], [['نعم” ثم', 0, true]]],
  ])('stray closers: %s', (_name, text, stray, expected) => {
    const { pairs, strayClosers } = pairQuoteMarks(text, AR);
    expect(strayClosers).toEqual(stray);
    expect(inner(text, pairs)).toEqual(expected);
  });

  it('offset and end limit the pairing to a range of the text', () => {
    const text = 'قال “نعم” وأضاف “لا” ثم مضى.';
    const from = text.indexOf('وأضاف');
    const { pairs } = pairQuoteMarks(text, AR, from);
    expect(inner(text, pairs)).toEqual([['لا', 0, true]]);
    const upTo = pairQuoteMarks(text, AR, 0, from);
    expect(inner(text, upTo.pairs)).toEqual([['نعم', 0, true]]);
  });
});
