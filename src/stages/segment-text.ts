// Splits the article body into sentences and tokens, paragraph by paragraph.
//
// Note: Intl.Segmenter breaks inside quotations and slows down badly on long
// strings, so it only ever sees one paragraph, and its breaks are repaired: a
// sentence never ends inside an open quotation. Every line is a paragraph of
// its own, so a headline without final punctuation is a sentence of its own.
// Tokens are runs of letters and digits of the normalised view; proclitics
// stay attached and are stripped by the matchers that need it.
import { isTokenChar } from '../text/token-chars.ts';
import type { Doc, Sentence } from '../document.ts';
import { pairQuoteMarks, type MarkPair, type QuoteMarkTable } from '../text/pair-quote-marks.ts';

export interface SegmentOptions {
  segmenter: Intl.Segmenter;
  marks: QuoteMarkTable;
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


export function segmentText(doc: Doc, opts: SegmentOptions): void {
  const src = doc.source;
  const view = doc.view;
  const vtext = view.text;
  for (let p = 0; p < doc.paragraphs.length; p++) {
    const para = doc.paragraphs[p]!;
    if (para.boilerplate) continue;
    const text = src.slice(para.start, para.end);
    const bounds = sentenceBounds(text, opts);
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
  const vEndLimit = sourceToView(view.toSource, sentence.end);
  let i = sourceToView(view.toSource, sentence.start);
  while (i < vEndLimit) {
    if (!isTokenChar(vtext.charCodeAt(i))) {
      i++;
      continue;
    }
    const vs = i;
    while (i < vEndLimit && isTokenChar(vtext.charCodeAt(i))) i++;
    const span = view.span(vs, i);
    doc.tokens.push({ start: span.start, end: span.end, vStart: vs, vEnd: i, norm: vtext.slice(vs, i), sentence: index });
    onToken?.(span.start);
  }
  sentence.tokenEnd = doc.tokens.length;
}

/** Sentence spans [start, end) relative to one paragraph, trimmed, never ending inside a quotation. */
export function sentenceBounds(text: string, opts: SegmentOptions): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (const seg of opts.segmenter.segment(text)) {
    let s = seg.index;
    let e = seg.index + seg.segment.length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) raw.push([s, e]);
  }
  if (raw.length <= 1) return raw;
  return mergeBreaksInsideQuotes(raw, pairQuoteMarks(text, opts.marks).pairs, text.length);
}

/** Merges sentences whose break falls inside a top-level quotation (an unclosed one runs to `length`). */
export function mergeBreaksInsideQuotes(raw: Array<[number, number]>, pairs: MarkPair[], length: number): Array<[number, number]> {
  const spans = pairs.filter((q) => q.depth === 0).map((q) => [q.open, q.close === -1 ? length : q.close] as const);
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
