// The normalised view and its offset map back to the untouched source.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { normalise, normaliseString, Normalised } from '../../src/text/normalise.ts';
import { isTokenChar } from '../../src/text/token-chars.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
const seedText = (f: string) => readFileSync(join(ROOT, 'seeds', f), 'utf8').replace(/^\uFEFF/, '');

describe('normaliseString', () => {
  it.each([
    ['harakat removed', 'مُحَمَّدٌ', 'محمد'],
    ['tanwin and sukun removed', 'كتابًا مِنْ', 'كتابا من'],
    ['superscript alef removed', 'هٰذا', 'هذا'],
    ['tatweel removed', 'الـــوزير', 'الوزير'],
    ['alef with hamza above', 'أحمد', 'احمد'],
    ['alef with hamza below', 'إبراهيم', 'ابراهيم'],
    ['alef madda', 'آمن', 'امن'],
    ['alef wasla', 'ٱلله', 'الله'],
    ['alef maqsura folds to yeh', 'مصطفى', 'مصطفي'],
    ['ta marbuta folds to heh', 'مدرسة', 'مدرسه'],
    ['Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['extended Arabic-Indic digits', '۱۲۳۴۵', '12345'],
    ['Latin lower-cased', 'Sergey LAVROV', 'sergey lavrov'],
    ['Latin-1 capitals lower-cased', 'ÉCOLE', 'école'],
    ['NBSP becomes a space', 'الأعمال\u00a0القتالية', 'الاعمال القتاليه'],
    ['thin and narrow spaces become spaces', 'a\u2009b\u202fc', 'a b c'],
    ['lam-alef ligature expands to two letters', 'ﻻ', 'لا'],
    ['lam-alef with hamza ligature', 'ﻷ', 'لا'],
    ['ligature inside a word', 'ﺍﻹﺭﻫﺎﺏ', 'الارهاب'],
    ['bidi and zero-width marks dropped', 'قال\u200f \u200eلافروف\u200c', 'قال لافروف'],
    ['BOM dropped', '\ufeffنص', 'نص'],
    ['already normal text unchanged', 'قال الوزير ان 2017', 'قال الوزير ان 2017'],
    ['punctuation and quote marks kept', '“نعم”، قال.', '“نعم”، قال.'],
    ['plain yeh and heh unchanged', 'هي فيه', 'هي فيه'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseString(input)).toBe(expected);
  });

  it('gives the text of the full view, character for character, over every code unit', () => {
    // normaliseString has its own loop (no offset map); it must agree with normalise() on every
    // character the table maps, drops or expands, lone surrogates included.
    const all = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
    for (let from = 0; from < all.length; from += 512) {
      const chunk = all.slice(from, from + 512).join('');
      expect(normaliseString(chunk)).toBe(normalise(chunk).text);
    }
    for (const s of SYNTHETIC) expect(normaliseString(s)).toBe(normalise(s).text);
  });

  it('the ligature view is longer than its source and maps both letters to the ligature', () => {
    const v = normalise('ﻻ بد');
    expect(v.text).toBe('لا بد');
    expect([...v.toSource]).toEqual([0, 0, 1, 2, 3, 4]);
  });
});

/** Every run of non-space characters and every run of token characters of the view, as [start, end). */
function viewWords(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/\S+/g)) out.push([m.index, m.index + m[0].length]);
  let i = 0;
  while (i < text.length) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
    out.push([s, i]);
  }
  return out;
}

const SYNTHETIC = [
  'مُحَمَّدٌ قالَ: “الـــوزيرُ إنّ ﻻ بُدَّ مِنَ الحِوارِ”\u200f. ٱلله أكبر، مصطفى في المدرسة ٢٠١٧.',
  'ﺍﻹﺭﻫﺎﺏ\u200c و\u200dالأمن ﻷن \u00a0 Sergey LAVROV said “Yes”.',
];

describe('Normalised: offset map round trips', () => {
  const cases = [...SEEDS.map((f) => [f, seedText(f)] as const), ...SYNTHETIC.map((s, i) => [`synthetic ${i}`, s] as const)];

  it.each(cases)('%s: every word of the view maps to a source span that normalises back to it', (_name, source) => {
    const view = new Normalised(source);
    const words = viewWords(view.text);
    expect(words.length).toBeGreaterThan(5);
    const bad: string[] = [];
    for (const [a, b] of words) {
      const { start, end } = view.span(a, b);
      if (!(start >= 0 && start < end && end <= source.length)) bad.push(`[${a},${b}) -> [${start},${end}) out of bounds`);
      else if (normaliseString(source.slice(start, end)) !== view.text.slice(a, b))
        bad.push(`${JSON.stringify(view.text.slice(a, b))} -> ${JSON.stringify(source.slice(start, end))}`);
    }
    expect(bad).toEqual([]);
  });

  it.each(cases)('%s: toSource is non-decreasing and ends at source.length', (_name, source) => {
    const view = new Normalised(source);
    expect(view.toSource.length).toBe(view.text.length + 1);
    expect(view.toSource[view.text.length]).toBe(source.length);
    expect(view.toSource[0]).toBeGreaterThanOrEqual(0);
    const decreasing: number[] = [];
    for (let i = 1; i < view.toSource.length; i++) if (view.toSource[i]! < view.toSource[i - 1]!) decreasing.push(i);
    expect(decreasing).toEqual([]);
    // Each view character comes from a source character that normalises to something containing it.
    const wrong: number[] = [];
    for (let i = 0; i < view.text.length; i++) {
      if (!normaliseString(source[view.toSource[i]!]!).includes(view.text[i]!)) wrong.push(i);
    }
    expect(wrong).toEqual([]);
  });

  it.each(cases)('%s: the whole view equals normaliseString of the whole source', (_name, source) => {
    expect(new Normalised(source).text).toBe(normaliseString(source));
  });
});

describe('Normalised.span', () => {
  const source = 'مُحَمَّدٌ قال\u200f الـــوزيرُ';
  const view = new Normalised(source);
  const find = (w: string) => {
    const a = view.text.indexOf(w);
    if (a === -1) throw new Error(`${w} not in view`);
    return view.span(a, a + w.length);
  };

  it.each([
    ['diacritics after the last letter stay inside the span', 'محمد', 'مُحَمَّدٌ'],
    ['a bidi mark after the word stays outside the span', 'قال', 'قال'],
    ['tatweel and a final damma stay inside', 'الوزير', 'الـــوزيرُ'],
    ['a prefix of a word ends at its last letter, not at the following letter', 'الو', 'الـــو'],
  ])('%s', (_name, word, slice) => {
    const { start, end } = find(word);
    expect(source.slice(start, end)).toBe(slice);
  });

  it('an empty view span is an empty source span', () => {
    const s = view.span(3, 3);
    expect(s.end).toBe(s.start);
  });
});

describe('normaliseString (the short-string path) gives the view normalise builds', () => {
  it.each([
    ['unchanged text comes back as it is', 'plain ascii words 123'],
    ['diacritics, tatweel and alef forms', 'مُحَمَّدٌ الـــوزيرَ إلى أحمد آمال'],
    ['lam-alef ligatures grow the text', 'ﻻ ﻷ ﻹ ﻵ لا'],
    ['Arabic-Indic digits and capitals', '٢٠١٧ ۲۰۱۸ LAVROV Éric'],
    ['bidi marks and a BOM are dropped', '\u200fقال\u200e \ufeffنعم\u202a'],
    ['a line longer than the short buffer', 'ﻻ'.repeat(700) + 'أ'.repeat(300)],
    ['the empty string', ''],
  ])('%s', (_name, s) => {
    expect(normaliseString(s)).toBe(normalise(s).text);
  });
});

describe('normalise: ligatures that expand', () => {
  it('keeps every character after an expansion, however long the article (ﷺ is 18 characters once expanded)', () => {
    const tail = 'وقال إن الاتفاق نهائي في نهاية المطاف.';
    for (const source of [`قال النبي ﷺ ${tail}`, `ﷺ ﷺ ﷺ ${'كلمة '.repeat(200)}${tail}`, `${'ﷺ'.repeat(40)}${tail}`]) {
      const v = normalise(source);
      expect(v.text.endsWith(normalise(tail).text)).toBe(true);
      // Every slot of the view maps back into the source, in order, and the last slot to its end.
      expect(v.toSource.length).toBe(v.text.length + 1);
      expect(v.toSource[v.text.length]).toBe(source.length);
      for (let k = 1; k < v.toSource.length; k++) expect(v.toSource[k]! >= v.toSource[k - 1]!).toBe(true);
    }
  });
});
