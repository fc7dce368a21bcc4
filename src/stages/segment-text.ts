// Splits the article body into sentences and tokens, paragraph by paragraph.
//
// Note: Intl.Segmenter breaks inside quotations and slows down badly on long
// strings, so it only ever sees one paragraph, and its breaks are repaired: a
// sentence never ends inside an open quotation. Every line is a paragraph of
// its own, so a headline without final punctuation is a sentence of its own.
// Tokens are runs of letters and digits of the normalised view; proclitics
// stay attached and are stripped by the matchers that need it.
import { isSpaceCode, isTokenChar } from '../text/token-chars.ts';
import { INTERN_SEED, internId, internedWord, internStep } from '../text/intern.ts';
import type { Doc, Sentence, Span } from '../document.ts';
import { pairQuoteMarks, type MarkPair, type QuoteMarkTable } from '../text/pair-quote-marks.ts';

export interface SegmentOptions {
  segmenter: Intl.Segmenter;
  marks: QuoteMarkTable;
  /** Words after which a full stop ends no sentence (the language file's abbreviations). */
  abbreviations?: ReadonlySet<string>;
}

/** Lower bound: the first view index whose source offset is >= pos. */
export function sourceToView(toSource: Int32Array, pos: number): number {
  let lo = 0;
  let hi = toSource.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toSource[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/**
 * A paragraph's text for a sentence segmenter. A paragraph joined from hard-wrapped lines (see
 * mark-boilerplate) keeps its line breaks in the source; to a segmenter they are spaces (a line
 * break would end a sentence there), the same length, so offsets hold.
 */
export function paragraphText(src: string, para: Span): string {
  const text = src.slice(para.start, para.end);
  return text.includes('\n') ? text.replace(/[\r\n]/g, ' ') : text;
}

export function segmentText(doc: Doc, opts: SegmentOptions): void {
  const src = doc.source;
  const markPairs: Array<MarkPair[] | undefined> = (doc.markPairs = []);
  for (let p = 0; p < doc.paragraphs.length; p++) {
    const para = doc.paragraphs[p]!;
    if (para.boilerplate) continue;
    const text = paragraphText(src, para);
    // Paired once here, for the sentence breaks and for the quotation finder.
    const pairs = pairQuoteMarks(text, opts.marks).pairs;
    markPairs[p] = pairs;
    const bounds = sentenceBounds(text, opts, pairs);
    for (const [s, e] of bounds) {
      const sentence: Sentence = {
        start: para.start + s,
        end: para.start + e,
        paragraph: p,
        tokenStart: doc.tokens.length,
        tokenEnd: doc.tokens.length,
      };
      pushSentenceTokens(doc, sentence, doc.sentences.length);
      doc.sentences.push(sentence);
    }
  }
}

/**
 * Appends the tokens of one sentence, taken from the normalised view, and sets
 * its tokenEnd; `onToken` sees each token as it is added (profiles attach their
 * own layers, e.g. compromise's tags).
 */
export function pushSentenceTokens(doc: Doc, sentence: Sentence, index: number, onToken?: (start: number) => void): void {
  const view = doc.view;
  const vtext = view.text;
  const toSource = view.toSource;
  const tokens = doc.tokens;
  const vEndLimit = sourceToView(toSource, sentence.end);
  let i = sourceToView(toSource, sentence.start);
  while (i < vEndLimit) {
    if (!isTokenChar(vtext.charCodeAt(i))) {
      i++;
      continue;
    }
    const vs = i;
    let h = INTERN_SEED;
    for (let c: number; i < vEndLimit && isTokenChar((c = vtext.charCodeAt(i))); i++) h = internStep(h, c);
    const start = toSource[vs]!;
    // Repeated words share one string and an id (see text/intern.ts).
    const wordId = internId(vtext, vs, i, h);
    const norm = wordId === -1 ? vtext.slice(vs, i) : internedWord(wordId);
    tokens.push({ start, end: view.spanEnd(vs, i), vStart: vs, vEnd: i, norm, wordId, sentence: index });
    onToken?.(start);
  }
  sentence.tokenEnd = tokens.length;
}

// Intl.Segmenter breaks a sentence only after a sentence terminal (. ! ? ؟ ۔ and the like) or a
// paragraph separator (UAX #29, rules SB4 and SB11). A paragraph with none of them, or with
// terminals only in its final run (terminals, then closing marks, then spaces), is one sentence
// whatever the segmenter would say, and most news paragraphs are: they are not handed to it.
// tests/foundation/segment.test.ts holds this to the segmenter's own answers.
const TERMINAL_OR_SEPARATOR = /[\p{Sentence_Terminal}\r\n\u0085\u2028\u2029]/u;
const FINAL_RUN = /\p{Sentence_Terminal}+["'()[\]«»“”‘’]*[ \t\u00a0]*$/uy;

/** True when Intl.Segmenter would find one sentence in `text` (false when it might find more). */
export function isOneSentence(text: string): boolean {
  const first = text.search(TERMINAL_OR_SEPARATOR);
  if (first === -1) return true;
  FINAL_RUN.lastIndex = first;
  return FINAL_RUN.test(text);
}

// The common case past one sentence: every terminal is one of . ! ? ؟ ۔, followed by more of them
// and closing marks, then plain spaces, then an Arabic letter. Under UAX #29 an Arabic letter is
// OLetter, so none of the rules that hold a break back applies (SB6 wants a digit, SB7 an upper-case
// letter, SB8 a lower-case one, SB8a a terminal or a comma-like mark), and SB11 breaks right before
// the letter. A terminal run at the end breaks nothing. Any other terminal, separator, space or
// following character leaves the paragraph to the segmenter.
// tests/foundation/segment.test.ts holds this to the segmenter's own answers.

// Which code units are terminals or separators, asked of the same character class once per unit
// and process as units are met (the class is Unicode's, so it is not written out here). A
// surrogate counts as one: a terminal outside the BMP is left to the segmenter.
const TERMINAL_CLASS = new Uint8Array(0x10000);
function isTerminalOrSeparator(c: number): boolean {
  let k = TERMINAL_CLASS[c]!;
  if (k === 0) TERMINAL_CLASS[c] = k = (c >= 0xd800 && c <= 0xdfff) || TERMINAL_OR_SEPARATOR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

// Runs of units that are surely no terminal (letters, digits, spaces, Arabic letters and marks)
// are skipped by a regular expression, far faster than asking the table of each unit; which units
// the skip holds is asked of the same class once at load, so it can never hide a terminal.
const SKIPPABLE = (() => {
  const ranges: string[] = [];
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  for (const [lo, hi] of [[0x20, 0x20], [0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x0621, 0x065f]] as const) {
    for (let a = lo; a <= hi; ) {
      while (a <= hi && isTerminalOrSeparator(a)) a++;
      let b = a;
      while (b + 1 <= hi && !isTerminalOrSeparator(b + 1)) b++;
      if (a <= hi) ranges.push(a === b ? hex(a) : `${hex(a)}-${hex(b)}`);
      a = b + 1;
    }
  }
  // No u flag: the class is of UTF-16 units, as the table is.
  return new RegExp(`[^${ranges.join('')}]`, 'g');
})();

function isPlainTerminal(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f || c === 0x06d4;
}
/** Closing marks (Sentence_Break Close): the same set FINAL_RUN allows. */
function isCloseMark(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}
/** Arabic letters (General_Category Lo, Sentence_Break OLetter); tatweel left out. */
function isArabicLetter(c: number): boolean {
  return c >= 0x0621 && c <= 0x064a && c !== 0x0640;
}

/**
 * Where Intl.Segmenter would start each sentence after the first in `text`, when every break is
 * of the common kind above; null when the segmenter has to be asked.
 */
export function plainSentenceStarts(text: string): number[] | null {
  const n = text.length;
  const starts: number[] = [];
  const skip = SKIPPABLE;
  skip.lastIndex = 0;
  // test() moves lastIndex just past the next unit the skip does not hold (no match object is made).
  while (skip.test(text)) {
    const i = skip.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (!isTerminalOrSeparator(c)) continue;
    if (!isPlainTerminal(c)) return null;
    let k = i + 1;
    for (let d: number; k < n && (isPlainTerminal((d = text.charCodeAt(k))) || isCloseMark(d)); ) k++;
    for (let d: number; k < n && ((d = text.charCodeAt(k)) === 0x20 || d === 0x09 || d === 0xa0); ) k++;
    if (k === n) break;
    if (!isArabicLetter(text.charCodeAt(k))) return null;
    starts.push(k);
    skip.lastIndex = k;
  }
  return starts;
}

/**
 * Sentence spans [start, end) relative to one paragraph, trimmed, never ending inside a quotation.
 * `pairs` are the paragraph's quotation-mark pairs, when the caller has them.
 */
export function sentenceBounds(text: string, opts: SegmentOptions, pairs?: MarkPair[]): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  // One pass decides most paragraphs; the rest are either one sentence all the same or the segmenter's.
  const starts = plainSentenceStarts(text) ?? (isOneSentence(text) ? [] : null);
  if (starts) {
    let s = 0;
    for (const e of starts) {
      pushTrimmed(raw, text, s, e);
      s = e;
    }
    pushTrimmed(raw, text, s, text.length);
  } else {
    for (const seg of opts.segmenter.segment(text)) pushTrimmed(raw, text, seg.index, seg.index + seg.segment.length);
  }
  if (raw.length <= 1) return raw;
  const joined = opts.abbreviations?.size ? mergeAfterAbbreviations(text, raw, opts.abbreviations) : raw;
  if (joined.length <= 1) return joined;
  return mergeBreaksInsideQuotes(joined, pairs ?? pairQuoteMarks(text, opts.marks).pairs, text.length);
}

/** Appends [s, e) of text to raw with white space trimmed off both ends, unless nothing is left. */
function pushTrimmed(raw: Array<[number, number]>, text: string, s: number, e: number): void {
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s) raw.push([s, e]);
}

const isDigitCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9);

/** Merges a sentence that ends on an abbreviation's full stop (… د.) with the next one. */
export function mergeAfterAbbreviations(text: string, raw: Array<[number, number]>, abbreviations: ReadonlySet<string>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let glue = false;
  for (const r of raw) {
    if (glue) out[out.length - 1]![1] = r[1];
    else out.push([r[0], r[1]]);
    const e = r[1];
    glue = false;
    if (text.charCodeAt(e - 1) !== 0x2e) continue;
    // The word before the stop: back to a space, another full stop (أ.د.) or the sentence start.
    let w = e - 1;
    while (w > r[0] && !isSpaceCode(text.charCodeAt(w - 1)) && text.charCodeAt(w - 1) !== 0x2e) w--;
    // (Not after a number: عام 2014 م. is a year, "AD", at the sentence's end.)
    let b = w - 1;
    while (b > r[0] && isSpaceCode(text.charCodeAt(b))) b--;
    const afterDigit = b >= r[0] && b < w && isDigitCode(text.charCodeAt(b));
    glue = e - 1 - w <= 3 && !afterDigit && abbreviations.has(text.slice(w, e - 1));
  }
  return out;
}

/** Merges sentences whose break falls inside a top-level quotation (an unclosed one runs to `length`). */
export function mergeBreaksInsideQuotes(raw: Array<[number, number]>, pairs: MarkPair[], length: number): Array<[number, number]> {
  // (A literal filled by push, not filter and map: see topMarkSpans in lang/ar/quotes.ts.)
  const spans: Array<readonly [number, number]> = [];
  for (const q of pairs) if (q.depth === 0) spans.push([q.open, q.close === -1 ? length : q.close]);
  // Top-level spans are disjoint and sorted, so one forward walk suffices.
  const out: Array<[number, number]> = [];
  let k = 0;
  for (const r of raw) {
    const last = out[out.length - 1];
    while (k < spans.length && spans[k]![1] < r[0]) k++;
    const q = spans[k];
    if (last && q && q[0] < last[1] && q[1] >= r[0]) last[1] = r[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}
