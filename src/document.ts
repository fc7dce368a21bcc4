// The document: one object per article flows through the stages. The decoded
// `source` is never rewritten; every layer a stage adds is made of half-open
// [start, end) spans of UTF-16 code units into it.
import type { Normalised } from './text/normalise.ts';
import type { MarkPair } from './text/pair-quote-marks.ts';
import type { ArticleDate, Dateline, EntityType, Lang, Message, QuoteKind, Resolution } from './schema/output.ts';

export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  /** True when the whole paragraph is site boilerplate (footer, comments, navigation). */
  boilerplate: boolean;
}

export interface Sentence extends Span {
  paragraph: number;
  /** Index of the first token of the sentence and one past the last. */
  tokenStart: number;
  tokenEnd: number;
}

/**
 * A word of the normalised view. `norm` is the normalised form, with any
 * proclitics still attached; matchers strip them (see lang profiles).
 */
export interface Token extends Span {
  /** Span in the normalised view. */
  vStart: number;
  vEnd: number;
  norm: string;
  /**
   * The word id of `norm` in the intern table (text/intern.ts), -1 when not interned. Side
   * tables keyed by it (WordTable) check the word before trusting a value.
   */
  wordId: number;
  sentence: number;
}

export interface BoilerplateRegion extends Span {
  rule: string;
}

/** A mention of an entity found in the text (internal form; the output groups them by entity). */
export interface EntityMention extends Span {
  entityId: string;
  kind: 'name' | 'title' | 'alias';
  rule: string;
  /** Token range of the mention (name only, clitics excluded from the span). */
  tokenStart: number;
  tokenEnd: number;
}

export interface DocEntity {
  id: string;
  type: EntityType;
  name: string;
  names: { ar?: string[]; en?: string[] };
  source: 'gazetteer' | 'rule';
  roles: string[];
}

export interface DocSpeaker {
  entityId: string | null;
  name: string;
  mention?: Span;
  resolution: Resolution;
}

export interface DocQuote extends Span {
  kind: QuoteKind;
  cue: Span | null;
  speaker: DocSpeaker | null;
  confidence: number;
  /** Id of the rule that found the quote. */
  quoteRule: string;
  /** Id of the attribution rule that chose the speaker. */
  attributionRule: string | null;
  /** Extra facts the attribution sieve reads (token index of the cue, paragraph, ...). */
  hints: QuoteHints;
}

export interface QuoteHints {
  paragraph: number;
  /** Token index of the cue verb, if any. */
  cueToken?: number;
  /** The cue needs a subject: a finite verb (قال) rather than a participle (مضيفا). */
  cueForm?: 'verb' | 'participle' | 'colon' | 'headline' | 'according';
  /** For headline quotes: the token range of the speaker phrase before the colon. */
  headlineSpeaker?: Span & { tokenStart: number; tokenEnd: number };
}

export interface Doc {
  /** Stable id: relative path without extension, separators as `__`. */
  id: string;
  /** Path relative to the input root, with forward slashes. */
  relPath: string;
  /** Absolute path on disk (for messages). */
  file: string;
  encoding: string;
  source: string;
  lang: Lang;
  title: string;
  view: Normalised;
  boilerplate: BoilerplateRegion[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  entities: Map<string, DocEntity>;
  mentions: EntityMention[];
  quotes: DocQuote[];
  messages: Message[];
  /**
   * Quotation-mark pairs by paragraph index (offsets relative to the paragraph), when the
   * segmenter paired them: later stages reuse them instead of pairing the paragraph again.
   */
  markPairs?: Array<MarkPair[] | undefined>;
  /** The article's own date and its dateline, when it has them (read-dateline). */
  date?: ArticleDate;
  dateline?: Dateline;
}

/** True when [start, end) lies inside boilerplate. Regions are sorted and disjoint. */
export function inBoilerplate(doc: Pick<Doc, 'boilerplate'>, start: number, end: number): boolean {
  const regions = doc.boilerplate;
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid]!;
    if (r.end <= start) lo = mid + 1;
    else if (r.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

export function articleIdFromPath(relPath: string): string {
  return relPath.replace(/\.[^./]+$/, '').split('/').join('__');
}

/** Index of the first token that starts at or after `pos`, searching [from, to); tokens are sorted. */
export function firstTokenFrom(doc: Pick<Doc, 'tokens'>, pos: number, from = 0, to = doc.tokens.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
