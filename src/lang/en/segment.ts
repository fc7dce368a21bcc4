// English segmentation: page furniture marked as boilerplate first (bylines,
// time stamps, photo credits: rules/en/furniture.yaml), then each paragraph
// parsed once by compromise (several paragraphs per call), whose sentence
// splits (which know Mr., U.S. and Nov.) are repaired so that no sentence ends
// inside an open quotation, and
// tokens made from the normalised view exactly as the shared segmenter makes
// them. Every token gets the part-of-speech flags of the compromise term it
// lies in; the compromise parse is kept for the entity stage.
import type { Doc, Sentence } from '../../document.ts';
import type { FurnitureFile } from '../../schema/en-furniture.ts';
import type { QuoteMarkTable } from '../../text/pair-quote-marks.ts';
import { mergeBreaksInsideQuotes, paragraphText, pushSentenceTokens } from '../../stages/segment-text.ts';
import { pairEnglishMarks } from './marks.ts';
import { parseParagraphs, type NlpParagraph } from './nlp.ts';

export interface CompiledFurniture {
  rules: Array<{ id: string; scope: 'line' | 'block' | 'line-tail'; regex: RegExp; head: number; maxChars: number }>;
}

export function compileFurniture(file: FurnitureFile): CompiledFurniture {
  return {
    rules: file.rules.map((r) => ({
      id: r.id,
      scope: r.scope,
      regex: new RegExp(r.pattern, 'u'),
      head: r.head ?? Infinity,
      maxChars: r.maxChars ?? Infinity,
    })),
  };
}

/** What the English segmenter leaves for later stages. */
export interface EnglishLayers {
  parses: Map<number, NlpParagraph>;
  /** Part-of-speech bits per token (see Pos). */
  pos: Uint32Array;
}

/** Marks furniture lines (and caption-tail credits) as boilerplate. */
export function markFurniture(doc: Doc, furniture: CompiledFurniture): void {
  const src = doc.source;
  let lineNo = 0;
  let block: string | null = null;
  let prevEnd = -1;
  const added: Doc['boilerplate'] = [];
  for (const para of doc.paragraphs) {
    // A blank line between paragraphs ends a block.
    if (block !== null && prevEnd >= 0 && /\n[ \t]*\r?\n/.test(src.slice(prevEnd, para.start))) block = null;
    prevEnd = para.end;
    const n = lineNo++;
    if (para.boilerplate) {
      block = null;
      continue;
    }
    if (block !== null) {
      para.boilerplate = true;
      added.push({ start: para.start, end: para.end, rule: block });
      continue;
    }
    const line = src.slice(para.start, para.end);
    for (const r of furniture.rules) {
      if (n >= r.head || line.length > r.maxChars) continue;
      const m = r.regex.exec(line);
      if (!m) continue;
      if (r.scope === 'line-tail') {
        let s = para.start + m.index;
        while (s < para.end && /\s/.test(src[s]!)) s++;
        if (s >= para.end) continue;
        added.push({ start: s, end: para.end, rule: r.id });
        let e = s;
        while (e > para.start && /\s/.test(src[e - 1]!)) e--;
        para.end = e;
        break;
      }
      para.boilerplate = true;
      added.push({ start: para.start, end: para.end, rule: r.id });
      if (r.scope === 'block') block = r.id;
      break;
    }
  }
  if (added.length) doc.boilerplate = [...doc.boilerplate, ...added].sort((a, b) => a.start - b.start);
}

export function segmentEnglish(doc: Doc, marks: QuoteMarkTable): EnglishLayers {
  const src = doc.source;
  const parses = new Map<number, NlpParagraph>();
  const termPos: number[] = [];
  // Every paragraph parsed first (compromise tags several paragraphs per call), then split and tokenized in turn.
  const todo: number[] = [];
  for (let p = 0; p < doc.paragraphs.length; p++) {
    const para = doc.paragraphs[p]!;
    if (!para.boilerplate && para.end > para.start) todo.push(p);
  }
  const paraText = (p: number) => paragraphText(src, doc.paragraphs[p]!);
  const parsedAll = parseParagraphs(todo.map((p) => ({ text: paraText(p), base: doc.paragraphs[p]!.start })));
  for (let k = 0; k < todo.length; k++) {
    const p = todo[k]!;
    const para = doc.paragraphs[p]!;
    const text = paraText(p);
    const parsed = parsedAll[k]!;
    parses.set(p, parsed);
    const bounds = sentenceSpans(text, parsed.sentenceStarts.map((s) => s - para.start), marks);
    let ti = 0;
    for (const [s, e] of bounds) {
      const sentence: Sentence = { start: para.start + s, end: para.start + e, paragraph: p, tokenStart: doc.tokens.length, tokenEnd: doc.tokens.length };
      pushSentenceTokens(doc, sentence, doc.sentences.length, (start) => {
        // The compromise term this token lies in.
        while (ti < parsed.terms.length && parsed.terms[ti]!.end <= start) ti++;
        const t = parsed.terms[ti];
        termPos.push(t && t.start <= start ? t.pos : 0);
      });
      doc.sentences.push(sentence);
    }
  }
  return { parses, pos: Uint32Array.from(termPos) };
}

/**
 * Sentence spans [start, end) relative to one paragraph from compromise's
 * sentence starts, trimmed, merged where a split falls inside a quotation.
 */
export function sentenceSpans(text: string, starts: number[], marks: QuoteMarkTable): Array<[number, number]> {
  // compromise leaves opening marks and brackets before a sentence out of it: cut at the space before them.
  const cuts = [0];
  for (const s0 of starts) {
    let s = s0;
    while (s > 0 && !/\s/.test(text[s - 1]!)) s--;
    if (s > cuts[cuts.length - 1]!) cuts.push(s);
  }
  // A full stop inside closing marks ends the sentence when a capital follows ("...this week." The warning ...),
  // or another quotation opening on a capital ("… my boys.” “But I would …,” he added).
  const { pairs: all } = pairEnglishMarks(text, marks);
  const spaceThenCapital = /\s+(?=["“‘]?\p{Lu})/uy;
  for (const q of all) {
    if (q.depth !== 0 || q.close === -1) continue;
    spaceThenCapital.lastIndex = q.close + 1;
    const m = spaceThenCapital.exec(text);
    if (m && endsWithStop(text, q.open + 1, q.close)) cuts.push(q.close + 1 + m[0].length);
  }
  // A full stop, then an opening quotation at the top level ("… enthuses the Tipperary TD. “I’m a …"):
  // compromise reads "TD." as an abbreviation; a quotation opening after it starts a new sentence.
  for (const q of all) {
    if (q.depth !== 0 || q.open < 2) continue;
    let e = q.open;
    while (e > 0 && /\s/.test(text[e - 1]!)) e--;
    // (Also glued, where a closing mark was read as opening: joking.”I have …)
    if ((e < q.open || text[q.open] === '”') && text[e - 1] === '.' && /\p{Lu}/u.test(text[q.open + 1] ?? '')) cuts.push(q.open);
  }
  // A doubled full stop before a capital ("Leigh Sinton.. This angered …") is a typo'd sentence end that compromise reads as one sentence.
  for (const m of text.matchAll(/(?<![.!?])[.!?]{2}(?![.!?])\s+(?=\p{Lu})/gu)) cuts.push(m.index + m[0].length);
  cuts.sort((a, b) => a - b);
  for (let k = cuts.length - 1; k > 0; k--) if (cuts[k] === cuts[k - 1]) cuts.splice(k, 1);
  const raw: Array<[number, number]> = [];
  for (let k = 0; k < cuts.length; k++) {
    let s = cuts[k]!;
    let e = k + 1 < cuts.length ? cuts[k + 1]! : text.length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) raw.push([s, e]);
  }
  if (raw.length <= 1) return raw;
  return mergeBreaksInsideQuotes(raw, all, text.length);
}

/** True when the last character of text[from, to) that is not a space is a full stop or an ellipsis. */
function endsWithStop(text: string, from: number, to: number): boolean {
  let e = to;
  while (e > from && /\s/.test(text[e - 1]!)) e--;
  return e > from && (text[e - 1] === '.' || text[e - 1] === '…');
}
