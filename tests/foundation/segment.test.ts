// segment-text: sentences never end inside an open quotation, lines are paragraphs,
// and tokens carry normalised forms with exact source spans.
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../src/pipeline/stages.ts';
import { loadResources } from '../../src/resources.ts';
import { normaliseString, type Normalised } from '../../src/text/normalise.ts';
import { isOneSentence, mergeAfterAbbreviations, plainSentenceStarts, sentenceBounds } from '../../src/stages/segment-text.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { isTokenChar } from '../../src/text/token-chars.ts';
import type { Doc } from '../../src/document.ts';
import type { Lang } from '../../src/schema/output.ts';
import { fileURLToPath } from 'node:url';

// Entities are not needed here: an empty gazetteer folder keeps loading quick.
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));

const resources = loadResources({ gazetteersDir: NO_GAZETTEERS });
const ctx = { resources };
const UP_TO_SEGMENT = ['normalise-text', 'mark-boilerplate', 'segment-text'];

/** A document run through the stages up to segment-text (entities and quotes are not needed here). */
function segmentDoc(source: string, lang: Lang = 'ar'): Doc {
  const doc: Doc = {
    id: 't', relPath: 't.txt', file: '/tmp/t.txt', encoding: 'utf-8', source, lang, title: '',
    view: undefined as unknown as Normalised,
    boilerplate: [], paragraphs: [], sentences: [], tokens: [], entities: new Map(), mentions: [], quotes: [], messages: [],
  };
  for (const s of STAGES.filter((st) => UP_TO_SEGMENT.includes(st.name))) s.run(doc, ctx);
  return doc;
}
const sentences = (source: string, lang: Lang = 'ar') => segmentDoc(source, lang).sentences.map((s) => source.slice(s.start, s.end));

describe('the stages up to segment-text', () => {
  it('exist in this order at the start of the pipeline', () => {
    expect(STAGES.slice(0, 3).map((s) => s.name)).toEqual(UP_TO_SEGMENT);
  });
});

describe('a sentence never ends inside an open quotation', () => {
  it.each<[string, string, Lang, string[]]>([
    [
      'Arabic, two sentences inside “…”',
      'وقال الوزير: “نحن مستعدون للحوار. لكننا لن نتنازل عن حقوقنا.” ثم غادر القاعة. وبعد ذلك عاد إلى مكتبه.',
      'ar',
      ['وقال الوزير: “نحن مستعدون للحوار. لكننا لن نتنازل عن حقوقنا.”', 'ثم غادر القاعة.', 'وبعد ذلك عاد إلى مكتبه.'],
    ],
    [
      'Arabic control: the same paragraph without marks splits at every full stop',
      'وقال الوزير: نحن مستعدون للحوار. لكننا لن نتنازل عن حقوقنا. ثم غادر القاعة. وبعد ذلك عاد إلى مكتبه.',
      'ar',
      ['وقال الوزير: نحن مستعدون للحوار.', 'لكننا لن نتنازل عن حقوقنا.', 'ثم غادر القاعة.', 'وبعد ذلك عاد إلى مكتبه.'],
    ],
    [
      'Arabic, reversed marks ”…“ around three sentences',
      'وأضاف ”الوضع صعب. لكنه ليس ميؤوسا منه. سنواصل العمل“ وفق ما نقلت الوكالة. وانتهى المؤتمر.',
      'ar',
      ['وأضاف ”الوضع صعب. لكنه ليس ميؤوسا منه. سنواصل العمل“ وفق ما نقلت الوكالة.', 'وانتهى المؤتمر.'],
    ],
    [
      'Arabic, a quotation that never closes keeps the rest of the paragraph',
      'وقال الوزير: “إن الحوار مستمر. ولن نتوقف عنه. وسنواصل الاتصالات.',
      'ar',
      ['وقال الوزير: “إن الحوار مستمر. ولن نتوقف عنه. وسنواصل الاتصالات.'],
    ],
    [
      'English, two sentences inside “…”',
      'The minister said: “We are ready for talks. We will not give up our rights.” Then he left the hall. Later he came back.',
      'en',
      ['The minister said: “We are ready for talks. We will not give up our rights.”', 'Then he left the hall.', 'Later he came back.'],
    ],
    [
      'English control without marks',
      'The minister said: We are ready for talks. We will not give up our rights. Then he left the hall.',
      'en',
      ['The minister said: We are ready for talks.', 'We will not give up our rights.', 'Then he left the hall.'],
    ],
  ])('%s', (_name, text, lang, expected) => {
    expect(sentences(text, lang)).toEqual(expected);
    const { segmenter, marks } = resources.profiles[lang];
    expect(sentenceBounds(text, { segmenter, marks }).map(([s, e]) => text.slice(s, e))).toEqual(expected);
  });
});

describe('lines are paragraphs', () => {
  it.each<[string, string, Lang, string[]]>([
    [
      'an Arabic headline without final punctuation is a sentence of its own',
      'لافروف: التعاون مع واشنطن ما زال ممكنا\nقال الوزير إن الاتصالات مستمرة. وأضاف أن الحوار مفيد.',
      'ar',
      ['لافروف: التعاون مع واشنطن ما زال ممكنا', 'قال الوزير إن الاتصالات مستمرة.', 'وأضاف أن الحوار مفيد.'],
    ],
    [
      'an English headline without final punctuation, blank line after it',
      'Lavrov says talks with Washington still possible\n\nThe minister said talks continue. He added that dialogue helps.',
      'en',
      ['Lavrov says talks with Washington still possible', 'The minister said talks continue.', 'He added that dialogue helps.'],
    ],
    [
      'control: the same headline on the line of the text is glued to the first sentence',
      'لافروف: التعاون مع واشنطن ما زال ممكنا قال الوزير إن الاتصالات مستمرة. وأضاف أن الحوار مفيد.',
      'ar',
      ['لافروف: التعاون مع واشنطن ما زال ممكنا قال الوزير إن الاتصالات مستمرة.', 'وأضاف أن الحوار مفيد.'],
    ],
    [
      'a quotation does not run over a line break',
      'قال الوزير: “الحوار مستمر\nوأضاف أن الاتصالات لم تنقطع. وانتهى المؤتمر.',
      'ar',
      ['قال الوزير: “الحوار مستمر', 'وأضاف أن الاتصالات لم تنقطع.', 'وانتهى المؤتمر.'],
    ],
  ])('%s', (_name, text, lang, expected) => {
    expect(sentences(text, lang)).toEqual(expected);
  });

  it('boilerplate lines get no sentences and no tokens', () => {
    const source = 'قال الوزير إن الحوار مستمر.\nتابعونا على فيسبوك\nhttps://example.org/x';
    const doc = segmentDoc(source);
    expect(doc.sentences.map((s) => source.slice(s.start, s.end))).toEqual(['قال الوزير إن الحوار مستمر.']);
    expect(doc.tokens.every((t) => t.end <= source.indexOf('\n'))).toBe(true);
  });
});

describe('sentence and token spans', () => {
  const source =
    '  قالَ مُحَمَّدٌ إنّ الـــوزيرَ وصلَ إلى دمشقَ اليومَ.\u200f\n\nSergey LAVROV said “yes”. ﻻ بد من ٢٠١٧.  ';
  const doc = segmentDoc(source);

  it('sentences are sorted, disjoint, trimmed and inside the source', () => {
    expect(doc.sentences.length).toBe(3);
    let prevEnd = 0;
    for (const s of doc.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(prevEnd);
      expect(s.start).toBeLessThan(s.end);
      expect(s.end).toBeLessThanOrEqual(source.length);
      expect(source.slice(s.start, s.end)).toBe(source.slice(s.start, s.end).trim());
      prevEnd = s.end;
    }
  });

  it('tokens are the words of the normalised view, in order, with their source spans', () => {
    expect(doc.tokens.map((t) => [t.norm, source.slice(t.start, t.end)])).toEqual([
      ['قال', 'قالَ'],
      ['محمد', 'مُحَمَّدٌ'],
      ['ان', 'إنّ'],
      ['الوزير', 'الـــوزيرَ'],
      ['وصل', 'وصلَ'],
      ['الي', 'إلى'],
      ['دمشق', 'دمشقَ'],
      ['اليوم', 'اليومَ'],
      ['sergey', 'Sergey'],
      ['lavrov', 'LAVROV'],
      ['said', 'said'],
      ['yes', 'yes'],
      ['لا', 'ﻻ'],
      ['بد', 'بد'],
      ['من', 'من'],
      ['2017', '٢٠١٧'],
    ]);
  });

  it('every token lies in its sentence, its norm is the view slice and the normalised source slice', () => {
    for (const [i, s] of doc.sentences.entries()) {
      for (let k = s.tokenStart; k < s.tokenEnd; k++) {
        const t = doc.tokens[k]!;
        expect(t.sentence).toBe(i);
        expect(t.start).toBeGreaterThanOrEqual(s.start);
        expect(t.end).toBeLessThanOrEqual(s.end);
        expect(doc.view.text.slice(t.vStart, t.vEnd)).toBe(t.norm);
        expect(normaliseString(source.slice(t.start, t.end))).toBe(t.norm);
        expect([...t.norm].every((c) => isTokenChar(c.charCodeAt(0)))).toBe(true);
      }
    }
    expect(doc.sentences.at(-1)!.tokenEnd).toBe(doc.tokens.length);
  });

  it.each<[string, boolean]>([
    ['م', true], ['ة', true], ['a', true], ['Z', true], ['7', true], ['é', true],
    ['ً', false], ['،', false], ['“', false], [' ', false], ['.', false], ['×', false],
  ])('isTokenChar(%s) is %s', (c, expected) => {
    expect(isTokenChar(c.charCodeAt(0))).toBe(expected);
  });
});

// Paragraphs that cannot hold a sentence break are not handed to Intl.Segmenter: the shortcut
// must never say "one sentence" where the segmenter finds two.
describe('isOneSentence agrees with Intl.Segmenter', () => {
  const segmenter = new Intl.Segmenter('ar', { granularity: 'sentence' });
  const count = (text: string) => [...segmenter.segment(text)].length;

  it.each<[string, boolean]>([
    ['قال الوزير إن الاتصالات مستمرة', true],
    ['قال الوزير إن الاتصالات مستمرة.', true],
    ['وأضاف: «الحوار مفيد».', true],
    ['هل انتهت الأزمة؟»  ', true],
    ['What now?!” ', true],
    ['قال الوزير إن الاتصالات مستمرة. وأضاف أن الحوار مفيد', false],
    ['foo. »bar', false],
    ['foo. ».', false],
    ['foo.*', false],
    ['سطر\rآخر', false],
  ])('%s → %s', (text, expected) => {
    expect(isOneSentence(text)).toBe(expected);
    if (expected) expect(count(text)).toBe(1);
  });

  it('on every line of the seeds and corpora, and on generated strings of terminals, marks and spaces', () => {
    const lines: string[] = [];
    const dirs = ['../../seeds', '../corpus/ar/articles', '../corpus/en/articles'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
    for (const dir of dirs) for (const f of readdirSync(dir)) for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) if (line.trim()) lines.push(line.trim());
    // Generated: words, every terminal and closing mark the shortcut knows, and others it does not.
    const alphabet = ['كلمة', 'word', ' ', '\u00a0', '\t', '.', '!', '?', '؟', '۔', '…', '"', "'", '(', ')', '[', ']', '«', '»', '“', '”', '‘', '’', '*', '-', '،', ':', '\u200f', '3'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 3000; i++) {
      let s = '';
      for (let k = 1 + rand(8); k > 0; k--) s += alphabet[rand(alphabet.length)];
      lines.push(s);
    }
    let one = 0;
    const wrong: string[] = [];
    for (const text of lines) {
      if (!isOneSentence(text)) continue;
      one++;
      if (count(text) !== 1) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    // The shortcut is taken often, and not for everything.
    expect(one).toBeGreaterThan(lines.length / 4);
    expect(one).toBeLessThan(lines.length);
  });
});

// Paragraphs whose every break is a plain terminal before an Arabic letter are split without
// Intl.Segmenter: where the walk answers, it must answer exactly as the segmenter does (both
// locales the pipeline uses), and leave it everything else.
describe('plainSentenceStarts agrees with Intl.Segmenter', () => {
  const segmenters = ['ar', 'en'].map((l) => new Intl.Segmenter(l, { granularity: 'sentence' }));
  const starts = (seg: Intl.Segmenter, text: string) => [...seg.segment(text)].map((s) => s.index).filter((i) => i > 0);

  it.each<[string, number[] | null]>([
    ['قال الوزير إن الاتصالات مستمرة. وأضاف أن الحوار مفيد', [32]],
    ['الحوار مفيد.» وأضاف: «نعم؟ لا!» ثم غادر.', [14, 27, 32]],
    ['انتهى.الاجتماع', [6]],
    ['انتهى. 2024', null],
    ['done. Then', null],
    ['انتهى.\u200f الاجتماع', null],
    ['انتهى… الاجتماع', []],
    ['انتهى‼ الاجتماع', null],
  ])('%s → %j', (text, expected) => {
    expect(plainSentenceStarts(text)).toEqual(expected);
    if (expected) for (const seg of segmenters) expect(starts(seg, text)).toEqual(expected);
  });

  it('on every line of the seeds and corpora, and on generated paragraphs of words, terminals, marks and spaces', () => {
    const lines: string[] = [];
    const dirs = ['../../seeds', '../corpus/ar/articles', '../corpus/en/articles'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
    for (const dir of dirs) for (const f of readdirSync(dir)) for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) if (line.trim()) lines.push(line.trim());
    const words = ['قال', 'الوزير', 'إن', 'Reuters', 'US', 'e.g', '2024', '٣', 'ـالـ', 'بِلادَه'];
    const joins = ['. ', '.', '! ', '؟ ', '?', '۔ ', '.» ', '». ', '.” ', '.) ', '.. ', '.\u00a0', '. \u200f', '.«', ' . ', '!؟ ', '." ', ". '", '.’ ', '.\t', '.\u2009', '… ', '‼ ', '。', '\r', ' ', '، '];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 4000; i++) {
      let s = words[rand(words.length)]!;
      for (let k = 1 + rand(5); k > 0; k--) s += joins[rand(joins.length)]! + words[rand(words.length)]!;
      if (rand(2)) s += joins[rand(joins.length)]!;
      lines.push(s);
    }
    let answered = 0;
    const wrong: string[] = [];
    for (const text of lines) {
      const mine = plainSentenceStarts(text);
      if (!mine) continue;
      if (mine.length) answered++;
      for (const seg of segmenters) if (JSON.stringify(starts(seg, text)) !== JSON.stringify(mine)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(lines.length / 20);
  });
});

describe('abbreviations', () => {
  const abbr = new Set(['د', 'م', 'أ']);
  const split = (text: string) => {
    const raw: Array<[number, number]> = [];
    let s = 0;
    for (const e of plainSentenceStarts(text) ?? []) {
      raw.push([s, e]);
      s = e;
    }
    raw.push([s, text.length]);
    return mergeAfterAbbreviations(text, raw.map(([a, b]) => [a, text.slice(a, b).trimEnd().length + a] as [number, number]), abbr).map(([a, b]) => text.slice(a, b));
  };
  it('a full stop after an abbreviated honorific ends no sentence, also in a run (أ.د.)', () => {
    expect(split('وقال د. سامي العلي إن الوضع صعب. وأضاف أن الحل قريب.')).toEqual(['وقال د. سامي العلي إن الوضع صعب.', 'وأضاف أن الحل قريب.']);
    expect(split('وأكد أ.د. سامي العلي أن الامتحانات في موعدها.')).toEqual(['وأكد أ.د. سامي العلي أن الامتحانات في موعدها.']);
  });
  it('a letter after a number (2014 م., the year) or inside a longer word still ends the sentence', () => {
    expect(split('افتتح المشروع عام 2014 م. وقال الوزير إن المشروع نجح.')).toEqual(['افتتح المشروع عام 2014 م.', 'وقال الوزير إن المشروع نجح.']);
    expect(split('وصل الوفد. وقال الوزير إن الزيارة مهمة.')).toEqual(['وصل الوفد.', 'وقال الوزير إن الزيارة مهمة.']);
  });
});
