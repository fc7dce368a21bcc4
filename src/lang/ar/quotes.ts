// Finds the quotations of an Arabic article: direct (in marks, or after a cue
// and a colon), indirect (a speech cue, then a complementiser أن/إن/بأن ...)
// and mixed (a reported clause that ends in marks), plus `Speaker: statement`
// headlines. Speakers are chosen afterwards by the attribution sieve.
//
// The unit is the paragraph: quote marks are paired within it, and a
// quotation that never closes ends with it (with a warning).
import { isPlaceLabel } from '../../entities/mentions.ts';
import { firstTokenFrom, type Doc, type DocQuote, type QuoteHints, type Span } from '../../document.ts';
import type { MarkPair, QuoteMarkTable } from '../../text/pair-quote-marks.ts';
import { pairQuoteMarks } from '../../text/pair-quote-marks.ts';
import { isSpaceCode } from '../../text/token-chars.ts';
import { lookupCueToken, type CompiledCue, type CueLexicon } from '../../quotes/cue-lexicon.ts';

export interface CueHit {
  token: number;
  cue: CompiledCue;
  /** Source span of the cue as written: the verb without و, plus a preposition or قائلا that follows at once. */
  span: Span;
  /** What introduces the reported content, if anything. */
  intro: Intro | null;
}

export type Intro =
  | { type: 'complementiser'; token: number; keep: boolean }
  | { type: 'colon'; pos: number }
  | { type: 'mark'; pos: number };

interface MarkSpan {
  open: number;
  /** Position of the closing mark, or the paragraph end when it never closes. */
  close: number;
  closed: boolean;
  used: boolean;
}

/** What is trimmed from a quotation's end: white space and the punctuation . , ، ؛ ; : - – — … ! */
function isPunctTrim(c: number): boolean {
  return (
    isSpaceCode(c) || c === 0x2e || c === 0x2c || c === 0x060c || c === 0x061b || c === 0x3b || c === 0x3a || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x2026 || c === 0x21
  );
}
const PUNCT_TRIM = isPunctTrim;

/**
 * A quote, every one built with the same keys in the same order: object spreads of a span and
 * a shared base made each quote a fresh hidden class, and were a tenth of the allocation.
 */
function newQuote(start: number, end: number, kind: DocQuote['kind'], cue: Span | null, confidence: number, quoteRule: string, hints: QuoteHints): DocQuote {
  return { start, end, kind, cue, speaker: null, confidence, quoteRule, attributionRule: null, hints };
}

export function findArabicQuotes(doc: Doc, lex: CueLexicon, marks: QuoteMarkTable): { cues: CueHit[] } {
  const allCues: CueHit[] = [];
  const src = doc.source;
  const sentencesByPara = new Map<number, number[]>();
  doc.sentences.forEach((s, i) => {
    const list = sentencesByPara.get(s.paragraph);
    if (list) list.push(i);
    else sentencesByPara.set(s.paragraph, [i]);
  });

  for (const [p, sentenceIdx] of sentencesByPara) {
    const para = doc.paragraphs[p]!;
    const text = src.slice(para.start, para.end);
    const pairs = doc.markPairs?.[p] ?? pairQuoteMarks(text, marks).pairs;
    const markSpans = topMarkSpans(text, para.start, pairs);
    const tokStart = doc.sentences[sentenceIdx[0]!]!.tokenStart;
    const tokEnd = doc.sentences[sentenceIdx[sentenceIdx.length - 1]!]!.tokenEnd;
    // Most paragraphs have no quotation marks: no map to look them up in.
    const byOpen = markSpans.length ? new Map(markSpans.map((m) => [m.open, m])) : null;
    const markOpeningAt = byOpen ? (pos: number) => byOpen.get(pos) : noMark;

    // 1. Cues outside quotation marks.
    const cues: CueHit[] = [];
    for (let t = tokStart; t < tokEnd; t++) {
      const tok = doc.tokens[t]!;
      const hit = lookupCueToken(lex, tok);
      if (!hit || insideMarks(doc, markSpans, t)) continue;
      const start = doc.view.span(tok.vStart + hit.prefix, tok.vEnd).start;
      let end = tok.end;
      const next = doc.tokens[t + 1];
      if (next && next.sentence === tok.sentence && gapIsSpace(src, tok.end, next.start)) {
        const nextCue = lookupCueToken(lex, next);
        // وأكد قائلاً: the participle belongs to the verb's cue.
        if (hit.cue.kind === 'verb' && nextCue?.cue.kind === 'participle' && nextCue.cue.id === 'ar.cue.qailan') {
          end = next.end;
          t++;
        } else if (hit.cue.prepositions.has(next.norm)) end = next.end;
      }
      cues.push({ token: t, cue: hit.cue, span: { start, end }, intro: null });
    }

    // A paragraph without cues or marks can only be a headline (5): steps 2 to 4 have nothing to work on.
    if (cues.length === 0 && markSpans.length === 0) {
      if (tokEnd - tokStart <= 30) {
        const h = headlineQuote(doc, lex, p, tokStart, tokEnd, cues);
        if (h) doc.quotes.push(h);
      }
      continue;
    }

    // 2. The introducer of each cue.
    const cueAtToken = new Set(cues.map((c) => c.token));
    for (const c of cues) {
      c.intro = findIntro(doc, lex, c, cueAtToken, markOpeningAt);
      // يذكر أن، ويشار إلى أن: the writer's impersonal aside, with no subject before the complementiser.
      if (c.intro?.type === 'complementiser' && c.intro.token <= c.token + 2 && isImpersonal(lex, doc.tokens[c.token]!.norm)) {
        let subject = false;
        for (let k = c.token + 1; k < c.intro.token; k++) if (!c.cue.prepositions.has(doc.tokens[k]!.norm)) subject = true;
        if (!subject) c.intro = null;
      }
    }

    // 3. Quotes introduced by cues.
    // A clause is cut by a cue that opens a new clause: a participle (مضيفا، داعيا), or a verb
    // after و/ف, after punctuation or after a lead word (وأشار، ، قال، لكنه أكد). A bare verb
    // inside a reported clause (أن البنوك لاحظت ...) does not cut it.
    const cuts = cues.filter((c) => c.cue.kind === 'participle' || (c.intro !== null ? opensClause(doc, lex, c) : nextAct(doc, c)) || tagged(doc, lex, c));
    const isCut = new Set(cuts);
    let coveredUntil = -1;
    let k0 = 0;
    for (const c of cues) {
      if (!c.intro) continue;
      const tok = doc.tokens[c.token]!;
      if (tok.start < coveredUntil && !isCut.has(c)) continue;
      const sentenceEnd = doc.sentences[tok.sentence]!.end;
      // Cuts are in token order: skip those before this cue once and for all.
      while (k0 < cuts.length && cuts[k0]!.token <= c.token) k0++;
      const after = introEnd(doc, c);
      let nextCut: CueHit | undefined;
      for (let k = k0; k < cuts.length; k++) {
        const kt = doc.tokens[cuts[k]!.token]!;
        if (kt.sentence !== tok.sentence) break;
        if (kt.start > after) {
          nextCut = cuts[k];
          break;
        }
      }
      let clauseLimit = nextCut ? doc.tokens[nextCut.token]!.start : sentenceEnd;
      // «...»، ثم أضاف: the lead word before the next cue is not part of this clause either.
      const lead = nextCut ? doc.tokens[nextCut.token - 1] : undefined;
      if (lead && lex.leadWords.has(lead.norm) && lead.start > after) clauseLimit = lead.start;
      clauseLimit = narrationTailAt(doc, lex, c.token + 1, after, clauseLimit);
      const q = quoteFromIntro(doc, lex, c, clauseLimit, sentenceEnd, markSpans, para.end, markOpeningAt);
      if (q) {
        doc.quotes.push(q);
        coveredUntil = Math.max(coveredUntil, q.end);
      }
    }

    // 4. Marks not used by a cue: a long quotation with its speaker named after it, or a paragraph that opens with one.
    const lead = text.search(/\S/);
    const firstNonSpace = lead === -1 ? para.end : para.start + lead;
    for (const m of markSpans) {
      if (m.used) continue;
      const inner = tokensIn(doc, tokStart, tokEnd, m.open + 1, m.close);
      // «مجرد اختلاف في الرأي».. منتج فيلم «ريش» يرد: a headline opening on words in marks, then who says them and a speech verb.
      if (inner >= 2 && firstNonSpace >= m.open && tokEnd - tokStart <= 30) {
        const h = headlineMarksQuote(doc, lex, p, m, tokStart, tokEnd);
        if (h) {
          m.used = true;
          doc.quotes.push(h);
          continue;
        }
      }
      if (inner < 4) continue;
      const after = speakerCueAfter(doc, lex, m, tokStart, tokEnd);
      const opensParagraph = firstNonSpace >= m.open;
      if (!after && !(opensParagraph && inner >= 6)) continue;
      m.used = true;
      const span = trimSpan(src, m.open + 1, m.close, PUNCT_TRIM);
      doc.quotes.push(
        newQuote(span.start, span.end, 'direct', after?.cue ?? null, after ? 0.8 : 0.5, after ? 'ar.quote.marks-speaker-after' : 'ar.quote.paragraph-marks', {
          paragraph: p,
          cueForm: after ? after.form : undefined,
          cueToken: after?.token,
        }),
      );
      if (!m.closed) unclosed(doc, m);
    }

    // 5. A `Speaker: statement` headline: a short line, no cue before its colon.
    if (tokEnd - tokStart <= 30) {
      const h = headlineQuote(doc, lex, p, tokStart, tokEnd, cues);
      if (h) doc.quotes.push(h);
    }
    for (const c of cues) allCues.push(c);
  }
  doc.quotes.sort((a, b) => a.start - b.start);
  return { cues: allCues };
}

const noMark = (_pos: number): MarkSpan | undefined => undefined;

function introEnd(doc: Doc, c: CueHit): number {
  const i = c.intro!;
  return i.type === 'complementiser' ? doc.tokens[i.token]!.end : i.pos;
}

function opensClause(doc: Doc, lex: CueLexicon, c: CueHit): boolean {
  const tok = doc.tokens[c.token]!;
  if (c.span.start > tok.start) return true; // و/ف attached
  const prev = doc.tokens[c.token - 1];
  if (!prev || prev.sentence !== tok.sentence) return true;
  if (lex.leadWords.has(prev.norm) || lex.sideOpeners.has(prev.norm)) return true;
  return /[،,.:;؛]/.test(doc.source.slice(prev.end, tok.start));
}

/** A comma (Arabic or Latin) between token t and the token before it, in one sentence. */
function commaBefore(doc: Doc, t: number): boolean {
  const tok = doc.tokens[t]!;
  const prev = doc.tokens[t - 1];
  return !!prev && prev.sentence === tok.sentence && /[،,]/.test(doc.source.slice(prev.end, tok.start));
}

function isImpersonal(lex: CueLexicon, norm: string): boolean {
  return lex.impersonal.has(norm) || ((norm.startsWith('و') || norm.startsWith('ف')) && lex.impersonal.has(norm.slice(1)));
}

/** Index of the last span that opens before `pos`, or -1; spans are sorted by `open`. */
// The helpers of findArabicQuotes live here, not inside it: made once, not once per paragraph (under
// tsx, which keeps function names, each one made cost a defineProperty).

/**
 * Token t stands inside a top-level quotation. Note: top-level mark spans are sorted and disjoint,
 * so the one that may hold a token is found by binary search (and the one opening at a position
 * by a map): searching them all per token was quadratic in a paragraph of many quotations.
 */
function insideMarks(doc: Doc, markSpans: readonly MarkSpan[], t: number): boolean {
  const tok = doc.tokens[t]!;
  const m = markSpans[lastOpenBefore(markSpans, tok.start)];
  return m !== undefined && tok.end <= m.close;
}

/** The cue follows an attribution tag (the lead word before it). */
function tagged(doc: Doc, lex: CueLexicon, c: CueHit): boolean {
  return c.token > 0 && lex.attributionTags.has(doc.tokens[c.token - 1]!.norm);
}

/**
 * A verb with و/ف after a comma opens the speaker's next clause even with no introducer of its
 * own (أكد أن …، وشدد على ضرورة …، وتمنى على المواطنين تبليغ …): the clause before ends there.
 */
function nextAct(doc: Doc, c: CueHit): boolean {
  return c.cue.kind === 'verb' && c.span.start > doc.tokens[c.token]!.start && commaBefore(doc, c.token);
}

function lastOpenBefore(spans: readonly MarkSpan[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.open < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** True when every character of src[a, b) is in `chars`; stops at the first that is not (a slice and replace would cost b - a each time). */
function onlyCharsIn(src: string, a: number, b: number, chars: (c: number) => boolean): boolean {
  for (let i = a; i < b; i++) if (!chars(src.charCodeAt(i))) return false;
  return true;
}
const TAIL_PUNCT = isPunctTrim;
/** White space and commas (, ،). */
const AFTER_MARK_PUNCT = (c: number) => isSpaceCode(c) || c === 0x2c || c === 0x060c;

function gapIsSpace(src: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isSpaceCode(src.charCodeAt(i))) return false;
  return true;
}

/** How many tokens of [from, to) lie inside [start, end): two binary searches. */
function tokensIn(doc: Doc, from: number, to: number, start: number, end: number): number {
  const a = firstTokenFrom(doc, start, from, to);
  let b = firstTokenFrom(doc, end, a, to);
  // A token that starts inside but runs past `end` does not count.
  if (b > a && doc.tokens[b - 1]!.end > end) b--;
  return Math.max(0, b - a);
}

function findIntro(
  doc: Doc,
  lex: CueLexicon,
  c: CueHit,
  cueAtToken: Set<number>,
  markOpeningAt: (pos: number) => MarkSpan | undefined,
): Intro | null {
  const src = doc.source;
  const tok = doc.tokens[c.token]!;
  const sentence = doc.sentences[tok.sentence]!;
  const comps = c.cue.complementisers ?? lex.complementisers;
  let prevEnd = c.span.end;
  const limit = Math.min(sentence.tokenEnd, c.token + 1 + lex.window);
  // Tokens swallowed into the cue span (preposition, قائلا) are skipped.
  let t = c.token + 1;
  while (t < sentence.tokenEnd && doc.tokens[t]!.end <= c.span.end) t++;
  for (; t <= limit; t++) {
    const next = t < sentence.tokenEnd ? doc.tokens[t]! : null;
    // Punctuation between the previous word and this one.
    const gapEnd = next ? next.start : sentence.end;
    let skipTo = -1;
    for (let i = prevEnd; i < gapEnd; i++) {
      const m = markOpeningAt(i);
      if (m) {
        // A short name in marks inside the subject (لقناة «المملكة» قبل ...، لـ«الشروق» إن ...) is passed over.
        if (isShortName(doc, m, sentence.end)) {
          skipTo = m.close;
          break;
        }
        // وأكد الالتزام بـ”معاهدة ...”: marks after a preposition that is not the cue's own
        // hold the object of that preposition, not what was said.
        const before = doc.tokens[t - 1];
        if (before && t - 1 > c.token && before.end > c.span.end && lex.markPrepositions.has(before.norm) && !c.cue.prepositions.has(before.norm)) return null;
        return { type: 'mark', pos: i };
      }
      if (src.charCodeAt(i) === 0x3a) return { type: 'colon', pos: i };
    }
    if (skipTo !== -1) {
      while (t < sentence.tokenEnd && doc.tokens[t]!.start < skipTo) t++;
      prevEnd = skipTo + 1;
      t--;
      continue;
    }
    if (!next || t === limit) return null;
    if (cueAtToken.has(t)) return null;
    if (c.cue.adjacentOnly && t > c.token + 2 && !hasShadda(doc, c.token)) return null;
    const n = next.norm;
    if (comps.has(n) || (c.cue.complementisers === null && lex.complementiserPronouns.has(n))) {
      const before = doc.tokens[t - 1];
      if (before && t - 1 > c.token && lex.blockers.has(before.norm)) return null;
      // فضلا عن أن، علاوة على أن، بالرغم من أن: a blocker with its preposition.
      const before2 = doc.tokens[t - 2];
      if (before && before2 && t - 2 > c.token && lex.markPrepositions.has(before.norm) && lex.blockers.has(before2.norm)) return null;
      return { type: 'complementiser', token: t, keep: lex.keptComplementisers.has(n) };
    }
    prevEnd = next.end;
  }
  return null;
}

/**
 * بيَّن: a form the lists allow only right before its complementiser (بين is also "between") is
 * plainly the verb when the source writes its shadda.
 */
function hasShadda(doc: Doc, t: number): boolean {
  const tok = doc.tokens[t]!;
  for (let i = tok.start; i < tok.end; i++) if (doc.source.charCodeAt(i) === 0x0651) return true;
  return false;
}

/** A marked stretch of at most four words followed by more of the sentence: a name or term, not a statement. */
function isShortName(doc: Doc, m: MarkSpan, sentenceEnd: number): boolean {
  if (!m.closed) return false;
  const rest = doc.source.slice(m.close + 1, sentenceEnd).replace(/[\s.,،؛;:\-–—…!]/g, '');
  if (rest === '') return false;
  const words = doc.source.slice(m.open + 1, m.close).trim().split(/\s+/).filter(Boolean).length;
  return words <= 4;
}

function trimSpan(src: string, start: number, end: number, trim: (c: number) => boolean): Span {
  while (start < end && isSpaceCode(src.charCodeAt(start))) start++;
  while (end > start && trim(src.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isMark(marksText: string, ch: string): boolean {
  return marksText.includes(ch);
}
const MARK_CHARS = '“”"«»„‹›‘’';

/** Builds the quote a cue introduces, or null when nothing follows. */
function quoteFromIntro(
  doc: Doc,
  lex: CueLexicon,
  c: CueHit,
  clauseLimit: number,
  sentenceEnd: number,
  markSpans: MarkSpan[],
  _paraEnd: number,
  markOpeningAt: (pos: number) => MarkSpan | undefined,
): DocQuote | null {
  const src = doc.source;
  const intro = c.intro!;
  const hints: QuoteHints = {
    paragraph: doc.sentences[doc.tokens[c.token]!.sentence]!.paragraph,
    cueToken: c.token,
    cueForm: c.cue.kind === 'participle' ? 'participle' : 'verb',
  };
  const cue = c.span;
  let pos: number;
  let afterComplementiser = false;
  if (intro.type === 'complementiser') {
    const comp = doc.tokens[intro.token]!;
    pos = intro.keep ? comp.start : comp.end;
    afterComplementiser = true;
  } else if (intro.type === 'colon') pos = intro.pos + 1;
  else pos = intro.pos;
  // Skip spaces and a stray colon (قال إن:"...").
  while (pos < clauseLimit && (isSpaceCode(src.charCodeAt(pos)) || src.charCodeAt(pos) === 0x3a)) pos++;
  if (pos >= clauseLimit && intro.type !== 'mark') return null;

  const mark = markOpeningAt(pos);
  if (mark) {
    // Marks at the start of the clause: direct when they close at its end.
    // After a colon or straight after the cue the marks hold the statement, whatever follows them.
    const endsClause = !afterComplementiser || !mark.closed || onlyCharsIn(src, mark.close + 1, clauseLimit, TAIL_PUNCT) || mark.close >= clauseLimit;
    if (endsClause) {
      mark.used = true;
      if (!mark.closed) unclosed(doc, mark);
      const span = trimSpan(src, mark.open + 1, mark.close, mark.closed ? isSpaceCode : PUNCT_TRIM);
      if (span.end <= span.start) return null;
      const rule = afterComplementiser ? 'ar.quote.cue-complementiser-marks' : intro.type === 'colon' ? 'ar.quote.cue-colon-marks' : 'ar.quote.cue-marks';
      return newQuote(span.start, span.end, 'direct', cue, 0.9, rule, hints);
    }
    if (!afterComplementiser) {
      // A cue then a short marked term that does not end the sentence: not a statement.
      return null;
    }
    // A name in marks opening an indirect clause (أن “المجموعة الدولية” برئاسة ...): the clause starts inside the mark.
    pos = mark.open + 1;
  }

  if (intro.type === 'colon' && !afterComplementiser) {
    // وقال رباني: إن كابول ... — a colon and إن report indirectly; otherwise the words after the colon are direct.
    const first = doc.tokens[firstTokenFrom(doc, pos)];
    if (first && first.start < clauseLimit && lex.complementisers.has(first.norm)) {
      return clause(doc, first.end, clauseLimit, markSpans, cue, hints, 'ar.quote.cue-colon-complementiser');
    }
    if (first && first.start < clauseLimit && lex.complementiserPronouns.has(first.norm)) {
      return clause(doc, first.end, clauseLimit, markSpans, cue, hints, 'ar.quote.cue-colon-complementiser');
    }
    // Speech after a colon runs on through the following sentences of the paragraph that hold no cue.
    let end = sentenceEnd;
    const sIdx = doc.tokens[c.token]!.sentence;
    for (let k = sIdx + 1; k < doc.sentences.length; k++) {
      const next = doc.sentences[k]!;
      if (next.paragraph !== doc.sentences[sIdx]!.paragraph) break;
      let hasCue = false;
      for (let t = next.tokenStart; t < next.tokenEnd && !hasCue; t++) hasCue = lookupCueToken(lex, doc.tokens[t]!) !== null;
      if (hasCue) break;
      end = next.end;
    }
    let span = trimSpan(src, pos, end, PUNCT_TRIM);
    // مضيفا:»عندما … الكويت».: marks the pairing left unpaired (reversed, glued) still open and
    // close the speech; they are not part of it.
    if (span.end - span.start > 2 && MARK_CHARS.includes(src[span.start]!)) {
      span = trimSpan(src, span.start + 1, MARK_CHARS.includes(src[span.end - 1]!) ? span.end - 1 : span.end, PUNCT_TRIM);
    }
    if (span.end <= span.start) return null;
    return newQuote(span.start, span.end, 'direct', cue, 0.8, 'ar.quote.cue-colon', hints);
  }
  if (!afterComplementiser) return null;
  return clause(doc, pos, clauseLimit, markSpans, cue, hints, 'ar.quote.cue-complementiser');
}

/** An indirect clause from `start` to the clause limit; mixed when it ends in a marked stretch that opened inside it. */
/**
 * Where the writer's setting of the statement (، وذلك خلال الندوة …) starts between `from` and
 * `limit` (source offsets; tokens from `tok` on), so the reported clause ends there; `limit` when
 * it does not. Not inside quote marks (an odd number of marks before it).
 */
function narrationTailAt(doc: Doc, lex: CueLexicon, tok: number, from: number, limit: number): number {
  if (lex.narrationTails.size === 0) return limit;
  const toks = doc.tokens;
  for (let t = tok; t + 1 < toks.length && toks[t + 1]!.end <= limit; t++) {
    const k = toks[t]!;
    if (k.start <= from) continue;
    if (!lex.narrationTails.has(k.norm) || !lex.narrationTailPrepositions.has(toks[t + 1]!.norm)) continue;
    let marks = 0;
    for (let i = from; i < k.start; i++) if (isMark(MARK_CHARS, doc.source[i]!)) marks++;
    return marks % 2 === 0 ? k.start : limit;
  }
  return limit;
}

function clause(
  doc: Doc,
  start: number,
  limit: number,
  markSpans: MarkSpan[],
  cue: Span,
  hints: QuoteHints,
  baseRule: string,
): DocQuote | null {
  const src = doc.source;
  let span = trimSpan(src, start, limit, PUNCT_TRIM);
  if (span.end <= span.start) return null;
  // Marks inside the clause are part of it, whatever they are.
  let kind: DocQuote['kind'] = 'indirect';
  let quoteRule = baseRule;
  // Spans are sorted by their opening mark, and the clause never runs past `limit`: only those opening in [span.start, limit] are looked at.
  for (let k = lastOpenBefore(markSpans, span.start) + 1; k < markSpans.length && markSpans[k]!.open <= limit; k++) {
    const m = markSpans[k]!;
    if (m.open >= span.start && m.open < span.end + 1) {
      m.used = true;
      if (m.open > span.start && (onlyCharsIn(src, m.close + 1, limit, TAIL_PUNCT) || m.close >= limit)) {
        kind = 'mixed';
        quoteRule = quoteRule.replace(/(-marks)?$/, '') + '-mixed';
        span = { start: span.start, end: Math.min(m.close, limit) };
        span = trimSpan(src, span.start, span.end, isSpaceCode);
      }
    }
  }
  // A closing mark left at the end of an indirect clause is not part of it.
  while (span.end > span.start && isMark(MARK_CHARS, src[span.end - 1]!) && kind === 'indirect') span.end--;
  span = trimSpan(src, span.start, span.end, PUNCT_TRIM);
  if (span.end <= span.start) return null;
  return newQuote(span.start, span.end, kind, cue, kind === 'mixed' ? 0.8 : 0.85, quoteRule, hints);
}

/**
 * Where a quotation that never closes ends, in its paragraph's text: the paragraph's end, or, when
 * another quotation opens after it (وقال: "مباراة مهمة … فنيًا. وعن غياب …، رد قائلاً: "أود …"),
 * the last sentence end before that one, where the narration resumed.
 */
/**
 * The paragraph's top-level mark spans, in source offsets. Built by push onto an array literal, not
 * by filter and map: an empty result from map() has another hidden class than a filled one, and the
 * compiled quotation finder and its binary search were thrown away and compiled again (a tenth of a
 * second each time) whenever a paragraph without marks followed paragraphs with them. A literal's
 * allocation site remembers that it holds objects, so every array made here has one class.
 */
function topMarkSpans(text: string, paraStart: number, pairs: readonly MarkPair[]): MarkSpan[] {
  const spans: MarkSpan[] = [];
  for (let k = 0; k < pairs.length; k++) {
    const q = pairs[k]!;
    if (q.depth !== 0) continue;
    let close = paraStart + q.close;
    if (q.close === -1) {
      // An unclosed quotation ends before the next top-level one opens (or with the paragraph).
      let next = k + 1;
      while (next < pairs.length && pairs[next]!.depth !== 0) next++;
      close = unclosedEnd(text, q.open, next < pairs.length ? pairs[next]!.open : -1) + paraStart;
      // بأنه تم "تخصيص قطع أرضية … من بينها "أولاد فايت … والحراش". وأشار …: a quotation inside it
      // that closes right before a sentence's end closes it too (one of the two openings was a slip).
      for (let j = k + 1; j < next; j++) {
        const inner = pairs[j]!;
        if (inner.depth === 1 && inner.close !== -1 && sentenceEndsAfter(text, inner.close + 1)) {
          close = paraStart + inner.close;
          break;
        }
      }
    }
    spans.push({ open: paraStart + q.open, close, closed: q.close !== -1, used: false });
  }
  return spans;
}

/** A full stop, ! or ? at `i` (after spaces), followed by a space or the end: a sentence ends there. */
function sentenceEndsAfter(text: string, i: number): boolean {
  while (i < text.length && text.charCodeAt(i) === 0x20) i++;
  const c = text.charCodeAt(i);
  if (!(c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f)) return false;
  return i + 1 >= text.length || isSpaceCode(text.charCodeAt(i + 1));
}

function unclosedEnd(text: string, open: number, nextOpen: number): number {
  if (nextOpen < 0) return text.length;
  for (let i = nextOpen - 1; i > open + 1; i--) {
    const c = text.charCodeAt(i);
    if ((c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f) && isSpaceCode(text.charCodeAt(i + 1))) return i;
  }
  return text.length;
}

function unclosed(doc: Doc, m: MarkSpan): void {
  doc.messages.push({
    severity: 'warning',
    reason: 'Unclosed quote mark: the quotation ends with its paragraph, or before the next quotation in it',
    stage: 'find-quotes',
    ruleId: 'ar.unclosed-quote',
    start: m.open,
    end: m.close,
  });
}

/** `“...”، قال لافروف` / `“...” بحسب لافروف`: a cue right after the closing mark, in the same sentence. */
function speakerCueAfter(
  doc: Doc,
  lex: CueLexicon,
  m: MarkSpan,
  tokStart: number,
  tokEnd: number,
): { token: number; cue: Span; form: 'verb' | 'according' } | null {
  if (!m.closed) return null;
  let lead = 0;
  // Tokens are sorted: start at the first one after the closing mark.
  for (let t = firstTokenFrom(doc, m.close + 1, tokStart, tokEnd); t < tokEnd; t++) {
    const tok = doc.tokens[t]!;
    if (tok.start <= m.close) continue;
    // “...”، بهذه الكلمات علّق X: a few words that point back at the quotation may stand before the cue.
    if (lead < 3 && lex.pointBack.has(tok.norm)) {
      lead++;
      continue;
    }
    // Only punctuation between the mark and the cue.
    if (lead === 0 && !onlyCharsIn(doc.source, m.close + 1, tok.start, AFTER_MARK_PUNCT)) return null;
    const hit = lookupCueToken(lex, tok);
    if (hit?.cue.kind === 'verb') return { token: t, cue: { start: doc.view.span(tok.vStart + hit.prefix, tok.vEnd).start, end: tok.end }, form: 'verb' };
    const bare = tok.norm.replace(/^و/, '');
    if (lex.according.has(bare) || lex.according.has(tok.norm)) return { token: t, cue: { start: tok.start, end: tok.end }, form: 'according' };
    return null;
  }
  return null;
}

/**
 * A headline that opens on words in marks, then a separator (.. - : ،), a speaker phrase of one to
 * six words and a speech verb («مجرد اختلاف في الرأي».. منتج فيلم «ريش» يرد على …): the words in
 * marks are the quote, the phrase before the verb its speaker. Only on a line that reads as a
 * headline (no final full stop).
 */
function headlineMarksQuote(doc: Doc, lex: CueLexicon, p: number, m: MarkSpan, tokStart: number, tokEnd: number): DocQuote | null {
  const src = doc.source;
  const para = doc.paragraphs[p]!;
  if (!m.closed || src.slice(para.start, para.end).trimEnd().endsWith('.')) return null;
  let first = -1;
  for (let t = firstTokenFrom(doc, m.close + 1, tokStart, tokEnd); t < tokEnd && t - Math.max(first, 0) <= 8; t++) {
    const tok = doc.tokens[t]!;
    if (tok.start <= m.close) continue;
    if (first === -1) {
      // Only a separator between the closing mark and the speaker phrase.
      if (!/^[\s.\-–—:،,]*$/.test(src.slice(m.close + 1, tok.start))) return null;
      first = t;
    }
    const hit = lookupCueToken(lex, tok);
    if (hit) {
      if (hit.cue.kind !== 'verb' || t === first || t - first > 6) return null;
      const span = trimSpan(src, m.open + 1, m.close, PUNCT_TRIM);
      const speaker = { start: doc.tokens[first]!.start, end: doc.tokens[t - 1]!.end };
      return newQuote(span.start, span.end, 'direct', { start: doc.view.span(tok.vStart + hit.prefix, tok.vEnd).start, end: tok.end }, 0.75, 'ar.quote.headline-marks', {
        paragraph: p,
        cueForm: 'headline',
        cueToken: t,
        headlineSpeaker: { start: speaker.start, end: speaker.end, tokenStart: first, tokenEnd: t },
      });
    }
  }
  return null;
}

function headlineQuote(doc: Doc, lex: CueLexicon, p: number, tokStart: number, tokEnd: number, cues: CueHit[]): DocQuote | null {
  const src = doc.source;
  const para = doc.paragraphs[p]!;
  // Note: searched within the paragraph only; a search to the end of the article per short paragraph was quadratic.
  const inPara = src.slice(para.start, para.end).indexOf(':');
  if (inPara === -1) return null;
  const colon = para.start + inPara;
  const before: number[] = [];
  for (let t = tokStart; t < tokEnd && doc.tokens[t]!.end <= colon; t++) before.push(t);
  if (before.length < 1 || before.length > 6) return null;
  if (cues.some((c) => c.token <= before[before.length - 1]!)) return null;
  if (lex.headlineLabels.has(doc.tokens[before[0]!]!.norm)) return null;
  if (isPlaceLabel(doc, before[0]!, before[before.length - 1]! + 1)) return null;
  // Punctuation before the colon means a sentence, not a speaker; a closed name in marks is fine (رئيس «الواحة القابضة»: ...).
  const head = src.slice(para.start, colon).replace(/[“"«][^“”"«»]{1,40}[”"»]/g, '');
  if (/[“”"«».،]/.test(head)) return null;
  // The statement: at least three words, and the line reads as a headline (no final full stop).
  let span = trimSpan(src, colon + 1, para.end, PUNCT_TRIM);
  // A headline statement in marks: the marks are not part of it.
  const first = src[span.start]!;
  const last = src[span.end - 1]!;
  if (span.end - span.start > 2 && MARK_CHARS.includes(first) && MARK_CHARS.includes(last)) span = { start: span.start + 1, end: span.end - 1 };
  if (tokensIn(doc, tokStart, tokEnd, span.start, span.end) < 3) return null;
  // • Name: statement.: a bulleted summary line reads as a headline, full stop or not.
  const line = src.slice(para.start, para.end);
  const bulleted = lex.bulletMarks.some((b) => line.trimStart().startsWith(b));
  if (!bulleted && line.trimEnd().endsWith('.')) return null;
  // محافظ الغربية من البرلمان: the venue after a speaker of two words or more is not the speaker.
  const venue = before.findIndex((t, i) => i >= 2 && lex.headlineVenues.has(doc.tokens[t]!.norm));
  if (venue > 0) before.length = venue;
  const speaker = { start: doc.tokens[before[0]!]!.start, end: doc.tokens[before[before.length - 1]!]!.end };
  return newQuote(span.start, span.end, 'direct', null, 0.85, 'ar.quote.headline', {
    paragraph: p,
    cueForm: 'headline',
    headlineSpeaker: { start: speaker.start, end: speaker.end, tokenStart: before[0]!, tokenEnd: before[before.length - 1]! + 1 },
  });
}
