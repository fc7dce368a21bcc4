// Finds the quotations of an English article, paragraph by paragraph:
//   - marks introduced by a cue ("Lavrov said: "...", told reporters, "...""),
//     marks that hold a whole clause after "said that", quoted fragments that
//     complete a speech verb (called it "...", described it as '...');
//   - marks followed by their attribution ("...," Lavrov said / said Lavrov);
//     a clause that ends in marks before the attribution is mixed;
//   - quoted sentences with no verb of their own: the same speaker goes on (in
//     the paragraph, or in the next paragraph when a quotation runs over
//     paragraphs: no closing mark at the end of one, a new opening mark in the
//     next), or the next sentence names the speaker ("The remark came from X");
//   - reported clauses after a cue, with or without "that" (indirect; mixed
//     when they hold marks), cut where the speaker's next act begins;
//   - "according to X" before or after a clause;
//   - headlines: "Speaker: statement" and "'Quote' – Name verbs".
// Titles, slogans and scare quotes are not quotes. The speaker is chosen
// later by the attribution sieve, from the facts left in EnQuoteInfo.
import type { Doc, DocQuote, Span } from '../../document.ts';
import type { QuoteMarkTable } from '../../text/pair-quote-marks.ts';
import { pairEnglishMarks } from './marks.ts';
import { phraseAt, type EnCueHit, type EnCueLexicon } from './cue-lexicon.ts';
import { Pos } from './nlp.ts';
import { isPlaceLabel, mentionAt } from '../../entities/mentions.ts';

/** Where the attribution sieve looks for the speaker of a quote. */
export interface EnQuoteInfo {
  /** Token range of the phrase naming the speaker, if the finder saw one. */
  speaker?: [number, number];
  /** How that phrase relates to the quote. */
  side: 'subject' | 'inverted' | 'according' | 'headline' | 'next-sentence' | 'participle' | 'continuation' | 'colon' | 'none';
  cueToken?: number;
  /** The quote whose speaker this one continues. */
  continues?: DocQuote;
  headline: boolean;
}

interface MarkSpan {
  open: number;
  /** Closing mark, or the paragraph end when it never closes. */
  close: number;
  closed: boolean;
  used: boolean;
}

interface Cue {
  t: number;
  /** One past the cue's last token (particle included). */
  end: number;
  hit: EnCueHit;
  used: boolean;
}

const MARKS = '“”"‘’\'«»';
// ‚ (U+201A, the single low-9 mark) is no quotation mark in English; pages whose encoding went
// astray (common on South African sites) carry it for a comma: lucky‚” Erasmus said.
const TRAIL = /[\s.,‚;:—–-]/;

export function findEnglishQuotes(doc: Doc, lex: EnCueLexicon, table: QuoteMarkTable, pos: Uint32Array, speakerWords: ReadonlySet<string> = new Set()): Map<DocQuote, EnQuoteInfo> {
  const info = new Map<DocQuote, EnQuoteInfo>();
  const src = doc.source;
  const toks = doc.tokens;
  const norms = toks.map((t) => t.norm);
  const has = (j: number, bits: number) => ((pos[j] ?? 0) & bits) !== 0;
  const isCap = (j: number) => /^\p{Lu}/u.test(src.slice(toks[j]!.start, toks[j]!.end));
  /** The text between token t - 1 and token t. */
  const gapBefore = (t: number) => src.slice(toks[t - 1]!.end, toks[t]!.start);
  /** A phrase in apposition opens on a determiner or a relative pronoun (, a fund manager at …, which …). */
  // (… a vice president at …, who …, and "Fiji’s prime minister", "his deputy": a possessive opens one too.)
  const opensApposition = (t: number) =>
    lex.determiners.has(norms[t]!) || lex.relativePronouns.has(norms[t]!) || lex.possessives.has(norms[t]!) || (isCap(t) && norms[t + 1] === 's' && /^['’]$/.test(gapBefore(t + 1)));
  const byPara = new Map<number, number[]>();
  doc.sentences.forEach((s, i) => {
    const l = byPara.get(s.paragraph);
    if (l) l.push(i);
    else byPara.set(s.paragraph, [i]);
  });
  const paraOrder = [...byPara.keys()].sort((a, b) => a - b);
  let headlineCount = 0;
  let prevUnclosed: DocQuote | null = null;
  let prevPara = -1;
  // The marks and cues of the paragraph being read (the helpers below read them).
  let marks: MarkSpan[] = [];
  let cues: Cue[] = [];
  const attributedBy = new Map<Cue, DocQuote>();
  // A paragraph that ends "Lavrov said:" introduces the quotation that opens the next one.
  let pendingColonCue: Cue | null = null;
  let lastQuoteOfPrev: { q: DocQuote; speakerEndsPara: boolean } | null = null;
  let lastQuoteOfThis: { q: DocQuote; speakerEndsPara: boolean } | null = null;

  const push = (q: DocQuote, i: EnQuoteInfo) => {
    if (q.end <= q.start) return null;
    if (doc.quotes.some((o) => o.start < q.end && q.start < o.end)) return null;
    doc.quotes.push(q);
    info.set(q, i);
    return q;
  };
  const quote = (span: Span, kind: DocQuote['kind'], cue: Span | null, rule: string, p: number, confidence: number): DocQuote => ({
    ...span,
    kind,
    cue,
    speaker: null,
    confidence,
    quoteRule: rule,
    attributionRule: null,
    hints: { paragraph: p },
  });
  const tokenAtOrAfter = (pos0: number, from: number, to: number) => {
    for (let t = from; t < to; t++) if (toks[t]!.end > pos0) return t;
    return to;
  };
  const sentenceOfPos = (pos0: number, sIdx: number[]) => {
    for (const i of sIdx) {
      const s = doc.sentences[i]!;
      if (pos0 >= s.start && pos0 < s.end) return i;
    }
    return sIdx[sIdx.length - 1]!;
  };

  for (const p of paraOrder) {
    const sIdx = byPara.get(p)!;
    const para = doc.paragraphs[p]!;
    const text = src.slice(para.start, para.end);
    const { pairs } = pairEnglishMarks(text, table);
    marks = pairs
      .filter((q) => q.depth === 0)
      .map((q) => ({ open: para.start + q.open, close: q.close === -1 ? para.end : para.start + q.close, closed: q.close !== -1, used: false }));
    const t0 = doc.sentences[sIdx[0]!]!.tokenStart;
    const t1 = doc.sentences[sIdx[sIdx.length - 1]!]!.tokenEnd;
    const inMarks = (t: number) => marks.some((m) => toks[t]!.start > m.open && toks[t]!.end <= m.close);
    const headline = headlineCount < 3 && !/[.!?]["”’']?$/.test(text) && text.length < 200 && p < 8;
    if (headline) headlineCount++;
    const adjacentPara = prevPara >= 0 && paraOrder.indexOf(p) === paraOrder.indexOf(prevPara) + 1;
    const continuesFromPrev = prevUnclosed && adjacentPara ? prevUnclosed : null;
    const introducedByPrev = pendingColonCue && adjacentPara ? pendingColonCue : null;
    prevUnclosed = null;
    pendingColonCue = null;
    prevPara = p;
    // The last quote of the previous paragraph, and whether the paragraph ended with it (or its attribution).
    lastQuoteOfPrev = lastQuoteOfThis;
    lastQuoteOfThis = null;

    // Cues outside marks.
    cues = [];
    for (let t = t0; t < t1; t++) {
      const hit = lex.forms.get(norms[t]!);
      if (!hit || inMarks(t)) continue;
      const adjacent = t > t0 && toks[t - 1]!.sentence === toks[t]!.sentence && /^\s+$/.test(src.slice(toks[t - 1]!.end, toks[t]!.start));
      const prev = adjacent ? norms[t - 1]! : '';
      // "the said agreement", "was asked whether": not speech by the subject.
      if (lex.determiners.has(prev) || lex.copulas.has(prev)) continue;
      // "was it revealed that …": the inverted passive, a copula and "it" before the participle.
      if (lex.pronouns.neuter.has(prev) && t > t0 + 1 && lex.copulas.has(norms[t - 2]!) && toks[t - 2]!.sentence === toks[t]!.sentence) continue;
      // "denied claims that …", "dismissed reports that …": an -s form right after a verb is its object, a noun.
      if (adjacent && /s$/.test(norms[t]!) && has(t - 1, Pos.Verb) && has(t - 1, Pos.PastTense | Pos.PresentTense) && !has(t - 1, Pos.Noun) && !mentionAt(doc, t - 1)) continue;
      // "a number of claims that were …", "with reports that …", "In reply, …": a finite cue form right
      // after a preposition is a noun ("by saying that" keeps its participle).
      if (adjacent && lex.headStops.has(prev) && prev !== 'to' && !hit.participle) continue;
      // "to correct and clarify a number of falsehoods that were …": an infinitive cue reports only a
      // clause that "that" opens (was honest enough to admit that …), not one without it.
      const next = hit.cue.particle && norms[t + 1] === hit.cue.particle ? t + 2 : t + 1;
      if ((prev === 'to' || (prev === 'and' && t >= 3 && norms[t - 3] === 'to')) && !lex.complementisers.has(norms[next] ?? '')) continue;
      // "the United States, which …": a cue word inside a name is none.
      if (isCap(t) && mentionAt(doc, t)) continue;
      // "State's Attorney", "Note's author": a cue word with a possessive 's is a noun.
      if (norms[t + 1] === 's' && /^['’]$/.test(src.slice(toks[t]!.end, toks[t + 1]?.start ?? toks[t]!.end))) continue;
      // A capitalised cue opening a sentence (Asked about ...) is a participle phrase.
      if (isCap(t) && (t === doc.sentences[toks[t]!.sentence]!.tokenStart)) continue;
      let end = t + 1;
      if (hit.cue.particle) {
        if (norms[t + 1] === hit.cue.particle) end = t + 2;
        else continue;
      }
      cues.push({ t, end, hit, used: false });
    }
    const cueSpan = (c: Cue): Span => ({ start: toks[c.t]!.start, end: toks[c.end - 1]!.end });
    const cueIn = (from: number, to: number) => cues.find((c) => c.t >= from && c.t < to);

    // ---- headlines ----------------------------------------------------------
    if (headline && sIdx.length >= 1) {
      // "Speaker: statement"
      const colon = text.indexOf(':');
      if (colon > 0 && colon < 50) {
        const ct = tokenAtOrAfter(para.start + colon, t0, t1);
        const before = ct - t0;
        const hasCue = cues.some((c) => c.t < ct);
        if (before >= 1 && before <= 5 && !hasCue && isCap(t0) && !/["“”‘’]/.test(text.slice(0, colon)) && !lex.headlineLabels.has(norms[t0]!) && !isPlaceLabel(doc, t0, ct) && speakerLike(t0, ct)) {
          let span = trim(src, para.start + colon + 1, para.end);
          span = stripOuterMarks(src, span);
          if (wordsIn(src, span) >= 1) {
            const q = quote(span, 'direct', null, 'en.quote.headline', p, 0.85);
            push(q, { speaker: [t0, ct], side: 'headline', headline: true });
            for (const m of marks) if (m.open >= span.start - 1) m.used = true;
            continue;
          }
        }
      }
      // "statement – Speaker" (It's a shame that Ghana now has zero shares – Sam Jonah), "statement:
      // Speaker" (Problems can only be solved through dialogue: Nisar): a dash or a colon near the
      // end, then one to four words that name a speaker, after a statement of three words or more.
      const dash = /\s[–—-]\s+(?=[^–—-]+$)/.exec(text) ?? /:\s+(?=[^:]+$)/.exec(text);
      if (dash && !marks.some((m) => m.open === para.start)) {
        const st = tokenAtOrAfter(para.start + dash.index + dash[0].length, t0, t1);
        // (A person, not a site's name: "Floods hit northern towns - BBC News" is a page title.)
        // (Or words of a person's name the article gives: Nisar for Chaudhry Nisar Ali Khan.)
        const personWords = () => {
          const words = new Set<string>();
          for (const e of doc.entities.values()) if (e.type === 'person') for (const w of e.name.toLowerCase().split(/\s+/)) words.add(w);
          for (let k = st; k < t1; k++) if (!isCap(k) || !words.has(norms[k]!)) return false;
          return true;
        };
        const person = doc.mentions.some((m) => m.tokenStart >= st && m.tokenEnd <= t1 && doc.entities.get(m.entityId)?.type === 'person') || (t1 - st <= 2 && personWords());
        if (t1 - st >= 1 && t1 - st <= 4 && st - t0 >= 3 && isCap(st) && !cues.some((c) => c.t >= st) && person) {
          const span = stripOuterMarks(src, trim(src, para.start, para.start + dash.index));
          const q = quote(span, 'direct', null, 'en.quote.headline-dash-speaker', p, 0.8);
          if (push(q, { speaker: [st, t1], side: 'headline', headline: true })) {
            for (const m of marks) if (m.open >= span.start && m.open < span.end) m.used = true;
            continue;
          }
        }
      }
      // "'Quote' – Name verbs ..."
      const m0 = marks[0];
      if (m0 && m0.closed && m0.open === para.start) {
        const rest = src.slice(m0.close + 1, para.end);
        const dm = /^\s*[–—-]\s+/.exec(rest);
        if (dm) {
          const nameStart = m0.close + 1 + dm[0].length;
          const nt = tokenAtOrAfter(nameStart, t0, t1);
          let ne = nt;
          while (ne < t1 && isCap(ne)) ne++;
          if (ne > nt) {
            const span = trim(src, m0.open + 1, m0.close);
            const cue = ne < t1 ? { start: toks[ne]!.start, end: toks[ne]!.end } : null;
            const q = quote(span, 'direct', cue, 'en.quote.headline-dash', p, 0.8);
            push(q, { speaker: [nt, ne], side: 'headline', headline: true });
            m0.used = true;
          }
        }
      }
    }

    // ---- marks ------------------------------------------------------------------
    let lastQuoteHere: DocQuote | null = null;
    for (const m of marks) {
      if (m.used) continue;
      const si = sentenceOfPos(m.open, sIdx);
      const S = doc.sentences[si]!;
      const content = directSpan(src, m);
      if (content.end <= content.start) continue;
      const firstIn = tokenAtOrAfter(m.open, S.tokenStart, S.tokenEnd);
      const afterClose = tokenAtOrAfter(m.close + 1, S.tokenStart, S.tokenEnd);
      const words = wordsIn(src, content);
      const before = src.slice(S.start, m.open);
      const after = m.closed ? src.slice(m.close + 1, S.end) : '';
      const atSentenceStart = /^[\s(\[]*$/.test(before) || isAdverbOnly(before, lex);
      const endsSentence = after.replace(/[\s.,;:!?)\]—–-]/g, '') === '';
      // Titles, names, slogans: "the book "...", a film, “...”, so-called "...", Title Case words.
      if (isTitle(norms, lex, S.tokenStart, firstIn, src, content, atSentenceStart)) {
        m.used = true;
        continue;
      }
      if (introducedByPrev && m.open === para.start) {
        const c = introducedByPrev;
        const q = quote(content, 'direct', cueSpan(c), 'en.quote.cue-colon-marks-next-paragraph', p, 0.85);
        if (push(q, { side: c.hit.participle ? 'participle' : 'subject', cueToken: c.t, headline })) {
          c.used = true;
          m.used = true;
          lastQuoteHere = q;
          if (!m.closed) prevUnclosed = q;
          continue;
        }
      }
      const prevCue = [...cues].reverse().find((c) => c.t < firstIn && c.t >= S.tokenStart && !c.used);
      // "...," Lavrov said, "...": the second part has the first's speaker and cue.
      const lastCue = [...cues].reverse().find((c) => c.t < firstIn && c.t >= S.tokenStart);
      const lead0 = src.slice(0, m.open).replace(/\s+$/, '');
      if (lastCue && lastCue.used && attributedBy.has(lastCue) && /,$/.test(lead0) && firstIn - lastCue.end <= 8) {
        const prevQ = attributedBy.get(lastCue)!;
        const q = quote(content, 'direct', cueSpan(lastCue), 'en.quote.split-by-attribution', p, 0.9);
        if (push(q, { side: 'continuation', continues: prevQ, headline })) {
          m.used = true;
          lastQuoteHere = q;
          if (!m.closed) prevUnclosed = q;
          continue;
        }
      }
      const lead = src.slice(0, m.open).replace(/\s+$/, '');
      const leadChar = lead[lead.length - 1] ?? '';
      // (1) A cue, perhaps a hearer and an adjunct, then : or , before the marks.
      if (prevCue && (leadChar === ':' || (leadChar === ',' && !finiteBetween(prevCue.end, firstIn))) && firstIn - prevCue.end <= 14 && !complementiserBetween(prevCue.end, firstIn) && !otherMarkBetween(marks, m, toks[prevCue.t]!.end)) {
        const q = quote(content, 'direct', cueSpan(prevCue), leadChar === ':' ? 'en.quote.cue-colon-marks' : 'en.quote.cue-comma-marks', p, 0.9);
        if (push(q, { side: prevCue.hit.participle ? 'participle' : 'subject', cueToken: prevCue.t, headline })) {
          prevCue.used = true;
          m.used = true;
          lastQuoteHere = q;
          if (!m.closed) prevUnclosed = q;
          continue;
        }
      }
      // (2) said that "the whole clause".
      if (prevCue && prevCue.hit.cue.clause !== 'none' && endsSentence) {
        let k = prevCue.end;
        let gapFrom = toks[k - 1]!.end;
        // "told MPs "no backbiting, no carping"": a short hearer between the verb and the marks.
        // Not inside another report (X said that Y had told him "…": the whole clause is X's).
        const nested = cues.some((c) => c !== prevCue && c.t < prevCue.t && c.t >= S.tokenStart && c.hit.cue.clause !== 'none');
        if (prevCue.hit.cue.addressee !== 'none' && k < firstIn && firstIn - k <= 3 && !nested) {
          let h = k;
          while (h < firstIn && !has(h, Pos.Verb) && !lex.complementisers.has(norms[h]!) && /^[ \u00a0]*$/.test(src.slice(toks[h - 1]!.end, toks[h]!.start))) h++;
          if (h === firstIn) {
            gapFrom = toks[h - 1]!.end;
            k = h;
          }
        }
        if (k < firstIn && lex.complementisers.has(norms[k]!)) {
          gapFrom = toks[k]!.end;
          k++;
        }
        if (k === firstIn && src.slice(gapFrom, m.open).trim() === '') {
          const q = quote(content, 'direct', cueSpan(prevCue), 'en.quote.cue-that-marks', p, 0.9);
          if (push(q, { side: prevCue.hit.participle ? 'participle' : 'subject', cueToken: prevCue.t, headline })) {
            prevCue.used = true;
            m.used = true;
            lastQuoteHere = q;
            continue;
          }
        }
      }
      // (3) A fragment completing a speech verb: called it "...", described it as '...', accused X of '...'.
      if (prevCue && prevCue.hit.cue.fragment !== 'none' && !cues.some((c) => c.t < prevCue.t && c.t >= S.tokenStart && c.hit.cue.clause !== 'none')) {
        const between = firstIn - prevCue.end;
        const lastW = norms[firstIn - 1] ?? '';
        const f = prevCue.hit.cue.fragment;
        const ok = (f === 'object' && between >= 1 && between <= 6 && !['a', 'an', 'the'].includes(lastW)) || (f === 'as' && lastW === 'as' && between <= 8) || (f === 'of' && lastW === 'of' && between <= 8);
        if (ok) {
          const q = quote(content, 'direct', cueSpan(prevCue), 'en.quote.fragment', p, 0.8);
          if (push(q, { side: prevCue.hit.participle ? 'participle' : 'subject', cueToken: prevCue.t, headline })) {
            prevCue.used = true;
            m.used = true;
            lastQuoteHere = q;
            continue;
          }
        }
      }
      // (4) The attribution after the marks: "...," Lavrov said / said Lavrov / the source said.
      const trailing = m.closed ? trailingCue(m, S.tokenEnd, afterClose) : null;
      if (trailing) {
        const { cue, speaker, side } = trailing;
        if (atSentenceStart) {
          const q = quote(content, 'direct', cueSpan(cue), side === 'inverted' ? 'en.quote.marks-cue-inverted' : 'en.quote.marks-cue', p, 0.9);
          if (push(q, { speaker, side, cueToken: cue.t, headline })) {
            cue.used = true;
            attributedBy.set(cue, q);
            m.used = true;
            lastQuoteHere = q;
            continue;
          }
        } else if (!prevCue || prevCue.hit.cue.clause === 'none') {
          // A clause that ends in marks, then its attribution: mixed.
          let start = S.start;
          start = skipAdverbs(start, S.tokenStart, firstIn);
          const span = trimMixed(src, start, m.close);
          const q = quote(span, 'mixed', cueSpan(cue), 'en.quote.clause-marks-cue', p, 0.8);
          if (push(q, { speaker, side, cueToken: cue.t, headline })) {
            cue.used = true;
            for (const o of marks) if (o.open >= span.start && o.open < m.close + 1) o.used = true;
            lastQuoteHere = q;
            continue;
          }
        }
      }
      // (5) A quoted sentence standing alone.
      if (atSentenceStart && (endsSentence || !m.closed)) {
        const next = sIdx.indexOf(si) + 1 < sIdx.length ? doc.sentences[sIdx[sIdx.indexOf(si) + 1]!]! : null;
        const named = next ? speakerInNextSentence(next.tokenStart, next.tokenEnd) : null;
        if (named) {
          const q = quote(content, 'direct', named.cue, 'en.quote.speaker-next-sentence', p, 0.8);
          if (push(q, { speaker: named.speaker, side: 'next-sentence', headline })) {
            m.used = true;
            if (named.cueObj) named.cueObj.used = true;
            lastQuoteHere = q;
            continue;
          }
        }
        const prevQ = lastQuoteHere ?? (si === sIdx[0] && m.open === para.start ? continuesFromPrev : null);
        if (prevQ) {
          const q = quote(content, 'direct', null, si === sIdx[0] && !lastQuoteHere ? 'en.quote.paragraph-continuation' : 'en.quote.continuation', p, 0.8);
          if (push(q, { side: 'continuation', continues: prevQ, headline })) {
            m.used = true;
            lastQuoteHere = q;
            if (!m.closed) prevUnclosed = q;
            continue;
          }
        }
      }
      // A paragraph that is only a quotation: after a paragraph that ended on a quote, the same
      // speaker goes on; otherwise it is a quote whose speaker the article does not give here.
      if (m.open === para.start && (endsSentence || !m.closed) && si === sIdx[sIdx.length - 1] && words >= 4 && leadChar !== ':') {
        const before = lastQuoteOfPrev && adjacentPara && lastQuoteOfPrev.speakerEndsPara ? lastQuoteOfPrev.q : null;
        const q = quote(content, 'direct', null, before ? 'en.quote.paragraph-after-quote' : 'en.quote.paragraph-marks', p, before ? 0.6 : 0.4);
        if (push(q, before ? { side: 'continuation', continues: before, headline } : { side: 'none', headline })) {
          m.used = true;
          lastQuoteHere = q;
          if (!m.closed) prevUnclosed = q;
          continue;
        }
      }
      // (6) A quoted sentence standing alone at the end of a paragraph, after the paragraph's own
      // narration ("She charged General Abaya with the investigation. "I am therefore directing …""):
      // a quote whose speaker is the subject of the sentence before it (see en.speaker.previous-sentence).
      if (atSentenceStart && m.open > para.start && si > sIdx[0]! && words >= 4 && leadChar !== ':' && (!m.closed || /^[\s.,;!?)\]]*$/.test(src.slice(m.close + 1, para.end)))) {
        const q = quote(content, 'direct', null, 'en.quote.sentence-marks', p, 0.5);
        if (push(q, { side: 'none', headline })) {
          m.used = true;
          lastQuoteHere = q;
          if (!m.closed) prevUnclosed = q;
          continue;
        }
      }
      if (leadChar === ':' && words >= 1 && (endsSentence || !m.closed)) {
        const q = quote(content, 'direct', null, 'en.quote.colon-marks', p, 0.6);
        if (push(q, { side: 'colon', speaker: [S.tokenStart, firstIn], headline })) {
          m.used = true;
          lastQuoteHere = q;
          if (!m.closed) prevUnclosed = q;
          continue;
        }
      }
    }

    // A paragraph ending in "cue:" (Lavrov said: / Čeferin continued:) hands its cue to the next one.
    if (/:\s*$/.test(text)) {
      const last = cues.filter((c) => !c.used && t1 - c.end <= 3).pop();
      if (last) pendingColonCue = last;
    }

    // ---- reported clauses after cues -----------------------------------------------
    for (const c of cues) {
      if (c.used || c.hit.cue.clause === 'none') continue;
      const S = doc.sentences[toks[c.t]!.sentence]!;
      // "…, X said" / "…, Scottish secretary Ian Lang told delegates at …": the clause before the speaker.
      const clauseBefore = () => {
        const after = clauseBeforeSpeaker(c, S.tokenStart, S.tokenEnd);
        if (!after) return;
        const built = clause(after.start, after.end, marks, c.t);
        if (!built) return;
        const q = quote(built.span, built.kind, cueSpan(c), 'en.quote.clause-cue-after', p, 0.8);
        if (push(q, { speaker: after.speaker, side: after.side, cueToken: c.t, headline })) {
          c.used = true;
          for (const m of built.marks) m.used = true;
        }
      };
      const startTok = clauseStart(c, S.tokenEnd);
      if (startTok === null) {
        clauseBefore();
        continue;
      }
      const start = toks[startTok]!.start;
      // An opening mark right before the clause start belongs to it.
      let s0 = start;
      const markBefore = marks.find((m) => m.open < start && m.open >= toks[startTok - 1]!.end);
      if (markBefore) s0 = markBefore.open;
      if (doc.quotes.some((q) => q.start <= start && start < q.end)) continue;
      const end = clauseEnd(c, startTok, S.tokenEnd, S.end, headline);
      const built = clause(s0, end, marks, c.t);
      // What follows the cue made no quote (told delegates at the … conference last week.): the clause may come before it.
      if (!built) {
        clauseBefore();
        continue;
      }
      const q = quote(built.span, built.kind, cueSpan(c), built.kind === 'mixed' ? 'en.quote.cue-clause-mixed' : 'en.quote.cue-clause', p, 0.85);
      if (push(q, { side: c.hit.participle ? 'participle' : 'subject', cueToken: c.t, headline })) {
        c.used = true;
        for (const m of built.marks) m.used = true;
      } else clauseBefore();
    }

    // ---- according to X ------------------------------------------------------------------
    for (let t = t0; t < t1; t++) {
      const phrase = lex.according.find((ph) => phraseAt(norms, t, ph));
      if (!phrase || inMarks(t)) continue;
      // "Singh said according to the final report …": right after a speech verb the phrase is that
      // verb's adjunct; the words before it are no quote.
      if (t > 0 && cues.some((x) => x.end === t && !x.hit.participle)) continue;
      const S = doc.sentences[toks[t]!.sentence]!;
      const ae = t + phrase.length;
      // The source: up to the next comma or the sentence end.
      let se = ae;
      while (se < S.tokenEnd && !/[,;]/.test(src.slice(toks[se - 1]!.end, toks[se]!.start))) se++;
      if (se === ae) continue;
      const headN = norms[se - 1]!;
      if (lex.figureNouns.has(headN) || /^\d/.test(headN)) continue;
      const cue = { start: toks[t]!.start, end: toks[ae - 1]!.end };
      let span: Span | null = null;
      if (t === S.tokenStart || isAdverbOnly(src.slice(S.start, toks[t]!.start), lex)) {
        if (se >= S.tokenEnd) continue;
        span = { start: toks[se]!.start, end: S.end };
      } else if (se >= S.tokenEnd || /^[\s.]*$/.test(src.slice(toks[se - 1]!.end, S.end))) {
        span = { start: skipAdverbs(S.start, S.tokenStart, t), end: toks[t]!.start };
      }
      if (!span) continue;
      // A quote already found inside (..., a view she described as '...'): the clause ends at the comma before it.
      const inner = doc.quotes.filter((q) => q.start > span!.start && q.start < span!.end).sort((a, b) => a.start - b.start)[0];
      if (inner) {
        const cut = src.lastIndexOf(',', (inner.cue?.start ?? inner.start));
        if (cut > span.start) span = { start: span.start, end: cut };
      }
      const built = clause(span.start, span.end, marks, t);
      if (!built) continue;
      const q = quote(built.span, built.kind, cue, 'en.quote.according-to', p, 0.85);
      push(q, { speaker: [ae, se], side: 'according', headline });
    }
    // The paragraph's last direct quote, if nothing but its attribution follows it.
    const here = doc.quotes.filter((q) => q.start >= para.start && q.end <= para.end && q.kind === 'direct').sort((a, b) => a.end - b.end).pop();
    if (here) {
      const tail = src.slice(here.end, para.end);
      lastQuoteOfThis = { q: here, speakerEndsPara: tail.split(/\s+/).filter(Boolean).length <= 8 && !/[“"‘]/.test(tail.slice(2)) };
    }
  }
  doc.quotes.sort((a, b) => a.start - b.start);
  return info;

  // ---- helpers (closures over the document) ------------------------------------------------

  function finiteBetween(from: number, to: number): boolean {
    for (let t = from; t < to; t++) if (has(t, Pos.Modal | Pos.Auxiliary | Pos.Copula) || (has(t, Pos.Verb) && has(t, Pos.PresentTense | Pos.PastTense) && !has(t, Pos.Noun | Pos.Gerund))) return true;
    return false;
  }

  function complementiserBetween(from: number, to: number): boolean {
    for (let t = from; t < to; t++) if (lex.complementisers.has(norms[t]!)) return true;
    return false;
  }

  function otherMarkBetween(ms: MarkSpan[], m: MarkSpan, from: number): boolean {
    return ms.some((o) => o !== m && o.open >= from && o.open < m.open);
  }

  function isAdverbOnly(before: string, lx: EnCueLexicon): boolean {
    const w = before.trim().replace(/[,;:]$/, '').trim().toLowerCase();
    return w !== '' && lx.sentenceAdverbs.has(w);
  }

  /** Start offset after sentence adverbs (Meanwhile, However,) at a sentence start. */
  function skipAdverbs(start: number, from: number, to: number): number {
    let t = from;
    while (t < to && lex.sentenceAdverbs.has(norms[t]!) && /^\s*,/.test(src.slice(toks[t]!.end, toks[t + 1]?.start ?? toks[t]!.end))) t++;
    if (t === from) return start;
    return t < to ? toks[t]!.start : start;
  }

  /** The cue after closing marks, with only a speaker phrase around it. */
  function trailingCue(m: MarkSpan, sEnd: number, from: number): { cue: Cue; speaker: [number, number]; side: 'subject' | 'inverted' } | null {
    const gap = src.slice(m.close + 1, from < sEnd ? toks[from]!.start : m.close + 1);
    // (situation,’’ he said: the first of a doubled single mark is part of the closing mark.)
    const inner = src.slice(Math.max(m.open, m.close - 3), m.close).replace(/[’']$/, '');
    if (!/^[\s,—–-]*$/.test(gap)) return null;
    // ("…they added new faces” said Nantanda: with no comma, only a speech verb right after the marks.)
    if (!/[,‚?!]\s*$/.test(inner) && !/^\s*,/.test(gap) && !/[—–-]/.test(gap) && !cues.some((x) => x.t === from && !x.used && !x.hit.participle)) return null;
    // (A long title of capitalised words may stand before the name: "…," Movement for the Rebirth
    // of Cameroon (MRC) candidate Maurice Kamto said.)
    const longTitle = (to: number) => {
      for (let k = from; k < to; k++) if (!isCap(k) && !speakerWords.has(norms[k]!) && !lex.titleSmallWords.has(norms[k]!)) return false;
      return true;
    };
    for (let t = from; t < Math.min(sEnd, from + 12); t++) {
      const c = cues.find((x) => x.t === t && !x.used);
      if (marks.some((o) => o !== m && o.open > m.close && o.open < toks[t]!.start)) return null;
      if (c) {
        if (c.hit.participle) return null;
        if (t === from) {
          // said Lavrov, the Kremlin spokesman
          let e = t + 1 + (c.end - c.t - 1);
          const s = e;
          // (said Dr. Adrian Hill: the full stop of an abbreviated honorific or title is no end.)
          const stop = (k: number) => {
            const g = src.slice(toks[k - 1]!.end, toks[k]!.start);
            return /[,;]/.test(g) || (/\./.test(g) && !(/^\.\s+$/.test(g) && speakerWords.has(norms[k - 1]!)));
          };
          while (e < sEnd && e - s < 10 && !stop(e)) e++;
          if (e === s) return null;
          return { cue: c, speaker: [s, e], side: 'inverted' };
        }
        // ("…," Commodore Frank Bainimarama, Fiji’s prime minister and military chief, said: a name and
        // its apposition, read below.)
        if (t - from > 7 && !longTitle(t)) return complementiserBetween(from, t) ? null : appositiveSpeaker(sEnd, from);
        if (complementiserBetween(from, t)) return null;
        // No finite verb between the marks and the cue.
        // Note: a title before a name ("…," coach Ivo Marek said) may be tagged as a verb; a word of a name or right before one is not.
        for (let k = from; k < t; k++) if (has(k, Pos.Verb) && !has(k, Pos.Participle | Pos.Gerund) && !has(k, Pos.Noun) && !mentionAt(doc, k) && !mentionAt(doc, k + 1)) return null;
        return { cue: c, speaker: [from, t], side: 'subject' };
      }
    }
    return appositiveSpeaker(sEnd, from);
  }

  /**
   * "…," Lee Jin Woo, a fund manager at KTB Asset Management, which oversees $5.8 billion, said by
   * phone: a name, then phrases in apposition (opening on a determiner or a relative pronoun), each
   * set off by commas, then the cue.
   */
  function appositiveSpeaker(sEnd: number, from: number): { cue: Cue; speaker: [number, number]; side: 'subject' } | null {
    let e = from;
    while (e < sEnd && e - from < 5 && isCap(e) && (e === from || /^[ \u00a0]*$/.test(gapBefore(e)))) e++;
    if (e === from || e >= sEnd || !/,\s*$/.test(gapBefore(e))) return null;
    let p = e;
    for (let segments = 0; segments < 3; segments++) {
      if (!opensApposition(p)) return null;
      let q = p + 1;
      while (q < sEnd && q - p < 20 && !/[,;:]/.test(gapBefore(q))) q++;
      if (q >= sEnd || !/,\s*$/.test(gapBefore(q))) return null;
      const c = cues.find((x) => x.t === q && !x.used);
      if (c) return c.hit.participle ? null : { cue: c, speaker: [from, e], side: 'subject' };
      p = q;
    }
    return null;
  }

  /** "The decision had been widely expected, analysts said." / "..., said Nadia Kovač, head of ...": the clause before a final attribution. */
  function clauseBeforeSpeaker(c: Cue, sStart: number, sEnd: number): { start: number; end: number; speaker: [number, number]; side: 'subject' | 'inverted' } | null {
    if (c.hit.participle) return null;
    const S = doc.sentences[toks[c.t]!.sentence]!;
    // "…, Kim Hyun Joon, a vice president at the business, said on a conference call.": a name and
    // phrases in apposition before the cue, each set off by commas (not the inverted form: a
    // preposition follows the cue).
    if (c.t > sStart && /,\s*$/.test(gapBefore(c.t)) && (c.end >= sEnd || has(c.end, Pos.Preposition) || /^[.!?]/.test(src.slice(toks[c.end - 1]!.end).trimStart()))) {
      let segEnd = c.t;
      for (let segments = 0; segments < 3; segments++) {
        let s0 = segEnd - 1;
        while (s0 > sStart && !/,\s*$/.test(gapBefore(s0)) && segEnd - s0 < 20) s0--;
        if (s0 <= sStart || !/,\s*$/.test(gapBefore(s0))) break;
        if (opensApposition(s0)) {
          segEnd = s0;
          continue;
        }
        let allCap = segEnd - s0 <= 5;
        for (let k = s0; k < segEnd && allCap; k++) allCap = isCap(k) && (k === s0 || /^[ \u00a0]*$/.test(gapBefore(k)));
        if (allCap && segEnd < c.t) return { start: skipAdverbs(S.start, sStart, s0), end: toks[s0 - 1]!.end, speaker: [s0, segEnd], side: 'subject' };
        break;
      }
    }
    // ", said X[, ...]." — the inverted form.
    if (c.t > sStart && /,\s*$/.test(gapBefore(c.t))) {
      let e = c.end;
      while (e < sEnd && !/[,;]/.test(gapBefore(e))) e++;
      // "…, said Chief Election Commissioner of India Sunil Arora on Friday.": an adjunct of time
      // after the speaker is not part of it, and a title of capitalised words makes it longer.
      let a = c.end + 1;
      while (a < e && !(/^(on|in|at|late|earlier|last|this)$/.test(norms[a]!) && !isCap(a)) && !lex.timeWords.has(norms[a]!)) a++;
      const named = a < e && a - c.end >= 2 && a - c.end <= 8 && isCap(c.end) && isCap(a - 1) && isCap(a - 2);
      if (e === c.end || (!named && e - c.end > 5)) return null;
      return { start: skipAdverbs(S.start, sStart, c.t), end: toks[c.t - 1]!.end, speaker: [c.end, named ? a : e], side: 'inverted' };
    }
    // ", X said[ on Tuesday]." — only adverbials after the cue.
    if (/^\s*:/.test(src.slice(toks[c.end - 1]!.end, c.end < sEnd ? toks[c.end]!.start : S.end))) return null;
    let rest = c.end < sEnd ? src.slice(toks[c.end]!.start, S.end) : '';
    // "…, an official said, adding …": a participle cue after the attribution reports a clause of its own.
    const gapAfter = c.end < sEnd ? src.slice(toks[c.end - 1]!.end, toks[c.end]!.start) : '';
    if (/^\s*,\s*$/.test(gapAfter) && lex.forms.get(norms[c.end]!)?.participle) rest = '';
    // "…, the defence ministry said, according to Yonhap.": the outlet is the channel, the subject the speaker.
    if (/^\s*,\s*$/.test(gapAfter) && lex.according.some((ph) => phraseAt(norms, c.end, ph))) rest = '';
    // "…, X told reporters on Friday.", "…, X told Reuters.": a hearer (one to three words) before the adverbials.
    if (rest && c.hit.cue.addressee !== 'none') {
      let h = c.end;
      if (lex.determiners.has(norms[h] ?? '') || lex.possessives.has(norms[h] ?? '')) h++;
      const h0 = h;
      while (h < sEnd && h - h0 < 3 && !lex.cueAdjuncts.has(norms[h]!) && !has(h, Pos.Verb | Pos.Preposition) && /^[ \u00a0]*$/.test(src.slice(toks[h - 1]!.end, toks[h]!.start))) h++;
      if (h > h0) rest = h < sEnd ? src.slice(toks[h]!.start, S.end) : '';
    }
    if (rest && !/^(on|in|at|late|earlier|later|last|this|privately|separately|yesterday|today|tuesday|monday|wednesday|thursday|friday|saturday|sunday)\b[^,;]*[.!?]?$/i.test(rest.trim()) && !/^[,.;]?\s*$/.test(rest)) return null;
    // An adjunct phrase may be long (told delegates at the Convention of Scottish Local Authorities conference last week).
    if (rest.split(/\s+/).length > (/^(on|in|at)\b/i.test(rest.trim()) ? 12 : 6)) return null;
    let b = c.t;
    while (b > sStart && !/,\s*$/.test(gapBefore(b)) && c.t - b < 9) b--;
    if (b <= sStart || !/,\s*$/.test(gapBefore(b)) || b === c.t) return null;
    // "…, and sources said officials first briefed …": a phrase that opens with a conjunction is a
    // clause of its own, not this cue's subject.
    if (lex.clauseTurns.has(norms[b]!)) return null;
    // "…, the Suwon, South Korea-based company said": a city, a comma and its country joined by a
    // hyphen to the head are one speaker phrase.
    const placeFirst = mentionAt(doc, b);
    if (placeFirst && /^[-‐]$/.test(src.slice(toks[placeFirst.tokenEnd - 1]!.end, toks[placeFirst.tokenEnd]?.start ?? 0))) {
      let a = b - 1;
      while (a > sStart && b - a <= 3 && !/,\s*$/.test(gapBefore(a))) a--;
      if (a > sStart && b - a <= 3 && /,\s*$/.test(gapBefore(a)) && lex.determiners.has(norms[a]!)) b = a;
    }
    return { start: skipAdverbs(S.start, sStart, b), end: toks[b - 1]!.end, speaker: [b, c.t], side: 'subject' };
  }

  /** The next sentence names the speaker: The remark came from X / That is how X sums up ... */
  function speakerInNextSentence(from: number, to: number): { speaker: [number, number]; cue: Span | null; cueObj?: Cue } | null {
    const first = norms[from];
    if (!first || !lex.nextSentenceOpeners.has(first)) return null;
    for (let t = from + 1; t < Math.min(to, from + 12); t++) {
      const link = lex.nextSentenceLinks.find((ph) => phraseAt(norms, t, ph));
      if (!link) continue;
      const s = t + link.length;
      let e = s;
      while (e < to && e - s < 12 && !/[,;.]/.test(src.slice(toks[e - 1]!.end, toks[e]!.start)) && !(e > s && lex.nextSentenceStops.has(norms[e]!))) e++;
      if (e === s) continue;
      const c = cues.find((x) => x.t >= e && x.t < to && !x.used && x.hit.cue.clause === 'none');
      return { speaker: [s, e], cue: c ? { start: toks[c.t]!.start, end: toks[c.end - 1]!.end } : null, cueObj: c };
    }
    return null;
  }

  /** The first token of the clause a cue reports, or null when it reports none. */
  function clauseStart(c: Cue, sEnd: number): number | null {
    const cue = c.hit.cue;
    let k = c.end;
    if (k >= sEnd) return null;
    // A colon or marks right after the cue: handled as direct speech, not a clause.
    const after = src.slice(toks[c.end - 1]!.end, toks[k]!.start);
    if (/[:;]/.test(after) || /[.]/.test(after)) return null;
    // "said, however, that …": a sentence adverb set off by commas before "that".
    if (/^,/.test(after.trim()) && lex.sentenceAdverbs.has(norms[k]!) && k + 2 < sEnd && /,/.test(src.slice(toks[k]!.end, toks[k + 1]!.start)) && lex.complementisers.has(norms[k + 1]!)) return k + 2;
    if (/^,/.test(after.trim()) && !lex.complementisers.has(norms[k]!)) {
      // "By 1998, Mr Lang said, he expected …": after a fronted adjunct, an attribution set off by
      // commas reports the clause after it.
      if (!c.hit.participle && frontedAdjunctBefore(c)) return bareClause(k, sEnd);
      // "Nisar said, both countries are nuclear capable", "Addressing a press conference …, Nisar
      // said, …": a comma after the cue of a sentence that its subject (or a participle phrase and
      // the subject) opens, then a clause of its own.
      if (!c.hit.participle && subjectOpens(c)) return bareClause(k, sEnd);
      return null;
    }
    // "arguing before the court, Hamid Khan submitted that …": after a participle, a phrase and a
    // comma lead to the sentence's own subject and verb, not to a clause the participle reports.
    if (c.hit.participle && opensFrame(k)) return null;
    // "that" within a few words (an adjunct or a hearer between): said on Wednesday that ...
    // Words between the cue and "that" are an adjunct (on Wednesday, in a statement) or a hearer;
    // an object noun (denied reports that) or a clause of its own (said the water meant that) are not.
    const adjunct = has(k, Pos.Preposition | Pos.Adverb | Pos.Date) || lex.cueAdjuncts.has(norms[k]!);
    for (let t = k; t < Math.min(sEnd, k + 14); t++) {
      const w = norms[t]!;
      if (lex.complementisers.has(w)) {
        if (t > k && cue.addressee === 'none' && !adjunct) break;
        if (t > k && cue.addressee !== 'none' && !adjunct && finiteBetween(k, t)) break;
        // "that" as a determiner right before a noun after the hearer (told that principle) is rare; accept.
        let ok = true;
        for (let q = k; q < t; q++) {
          if (cues.some((x) => x.t === q) || lex.complementisers.has(norms[q]!)) ok = false;
          if (has(q, Pos.Modal | Pos.Auxiliary | Pos.Copula)) ok = false;
          if (/[;:]/.test(src.slice(toks[q]!.end, toks[q + 1]?.start ?? toks[q]!.end))) ok = false;
        }
        if (ok && t + 1 < sEnd) return questionAt(t + 1) ? null : t + 1;
        break;
      }
      if (/[,;:]/.test(src.slice(toks[t]!.end, toks[t + 1]?.start ?? toks[t]!.end)) && t > k + 1) break;
    }
    if (cue.clause !== 'any') return null;
    // A hearer (told reporters, told Meridian Wire) before a bare clause.
    if (cue.addressee === 'optional') {
      const direct = bareClause(k, sEnd);
      if (direct !== null) return direct;
    }
    if (cue.addressee !== 'none') {
      // The hearer: a name (told Meridian Wire, told Nato allies) or a common noun phrase (told the council, told reporters).
      let t = k;
      let n = 0;
      if (isCap(t) && !has(t, Pos.Pronoun)) {
        while (t < sEnd && n < 4 && isCap(t) && /^[ \u00a0]*$/.test(n ? src.slice(toks[t - 1]!.end, toks[t]!.start) : '')) {
          t++;
          n++;
        }
        if (t < sEnd && has(t, Pos.Plural) && !has(t, Pos.Verb)) t++;
      } else {
        if (lex.determiners.has(norms[t]!) || lex.possessives.has(norms[t]!)) t++;
        // "told the Chronicle …", "told the BBC …": a name after the determiner.
        if (t > k && isCap(t)) {
          while (t < sEnd && n < 4 && isCap(t) && /^[ \u00a0]*$/.test(src.slice(toks[t - 1]!.end, toks[t]!.start))) {
            t++;
            n++;
          }
          // (A clause may start right after the name: told the Chronicle residents were …; else a
          // common noun may still close the hearer: told the Daily Post reporter that …)
          const direct = t < sEnd && !lex.complementisers.has(norms[t]!) ? bareClause(t, sEnd) : null;
          if (direct !== null) return direct;
        }
        while (t < sEnd && n < 3 && !isCap(t) && has(t, Pos.Noun | Pos.Adjective) && !has(t, Pos.Verb | Pos.Pronoun)) {
          t++;
          n++;
        }
        if (n === 0 && t > k) t = k;
      }
      if (n === 0) return cue.addressee === 'required' ? null : bareClause(k, sEnd);
      k = t;
      // told reporters on Wednesday ...: after a short adjunct, the clause (told the ABC on Sunday he understood …).
      if (has(k, Pos.Preposition)) {
        const b = clauseAfterAdjunct(k, sEnd);
        if (b !== null) return b;
      }
      while (k < sEnd && has(k, Pos.Preposition) && k + 3 < sEnd) {
        let q = k + 1;
        while (q < sEnd && q - k < 4 && !has(q, Pos.Verb)) q++;
        if (q - k >= 4) break;
        k = q;
        break;
      }
    }
    // "said Wednesday they have …": a day right after the cue belongs to it, not to the clause.
    if (lex.timeWords.has(norms[k]!) && k + 1 < sEnd && (has(k + 1, Pos.Pronoun | Pos.Determiner) || lex.determiners.has(norms[k + 1]!))) {
      const b = bareClause(k + 1, sEnd);
      if (b !== null) return b;
    }
    const bare = bareClause(k, sEnd);
    if (bare !== null) return bare;
    // "said on Sunday it had ...", "said Tuesday the talks ...": a short time or place adjunct, then the clause.
    if (has(k, Pos.Preposition | Pos.Date) || ['on', 'in', 'at', 'late', 'earlier', 'last'].includes(norms[k]!)) return clauseAfterAdjunct(k, sEnd);
    return null;
  }

  /**
   * The clause after a short adjunct opening at k (said on Sunday it had …; said in a Securities and
   * Exchange Commission filing it expects …): up to eight words, no comma nor verb among them, then a
   * pronoun or a determiner opening a clause.
   */
  function clauseAfterAdjunct(k: number, sEnd: number): number | null {
    for (let q = k + 1; q < Math.min(sEnd, k + 9); q++) {
      if (/[,;:]/.test(src.slice(toks[q - 1]!.end, toks[q]!.start))) break;
      if (q > k + 1 && has(q - 1, Pos.Verb) && !has(q - 1, Pos.Noun | Pos.Gerund | Pos.Participle)) break;
      // ("said during the event Nigerians should …": a proper noun after a lower-case word opens it too.)
      // (Right after the adjunct's own noun: not "in a Securities and Exchange Commission filing".)
      const properStart = isCap(q) && has(q, Pos.ProperNoun) && !isCap(q - 1) && has(q - 1, Pos.Noun | Pos.Date) && !has(q - 1, Pos.Conjunction);
      if ((has(q, Pos.Pronoun | Pos.Determiner) || lex.determiners.has(norms[q]!) || properStart) && !has(q - 1, Pos.Preposition | Pos.Determiner)) {
        const b = bareClause(q, sEnd);
        if (b !== null) return b;
      }
    }
    return null;
  }

  /**
   * The cue's subject follows a short fronted adjunct and its comma (By 1998, Mr Lang said): a few
   * words with no finite verb open the sentence, a comma, then the subject of at most six words.
   */
  function frontedAdjunctBefore(c: Cue): boolean {
    const S = doc.sentences[toks[c.t]!.sentence]!;
    let comma = -1;
    for (let t = S.tokenStart + 1; t < c.t; t++) {
      if (!/,/.test(src.slice(toks[t - 1]!.end, toks[t]!.start))) continue;
      if (comma !== -1) return false;
      comma = t;
    }
    if (comma === -1 || comma - S.tokenStart > 6 || c.t - comma > 6 || c.t === comma) return false;
    for (let t = S.tokenStart; t < comma; t++) if (has(t, Pos.Verb) && !has(t, Pos.Gerund | Pos.Noun | Pos.Participle)) return false;
    return true;
  }

  function subjectOpens(c: Cue): boolean {
    const S = doc.sentences[toks[c.t]!.sentence]!;
    let from = S.tokenStart;
    let comma = -1;
    for (let t = S.tokenStart + 1; t < c.t; t++) if (/,/.test(src.slice(toks[t - 1]!.end, toks[t]!.start))) comma = t;
    if (comma !== -1) {
      // Only a participle phrase before the comma (Addressing a press conference …, X said,).
      if (!has(S.tokenStart, Pos.Gerund) || comma - S.tokenStart > 16) return false;
      for (let t = S.tokenStart + 1; t < comma; t++) if (has(t, Pos.Verb) && !has(t, Pos.Gerund | Pos.Noun | Pos.Participle | Pos.Infinitive)) return false;
      from = comma;
    }
    if (c.t - from > 6 || c.t === from) return false;
    for (let t = from; t < c.t; t++) if (has(t, Pos.Verb) && !has(t, Pos.Noun | Pos.Auxiliary) && !lex.subjectAdverbs.has(norms[t]!)) return false;
    return true;
  }

  function questionAt(t: number): boolean {
    return lex.questionWords.has(norms[t] ?? '') && norms[t] !== 'which' && norms[t] !== 'who';
  }

  /** A bare clause starts at k when a subject and a finite verb follow. */
  /** An adverbial clause or framing phrase opens at k (since the storm began, …; over the past months, …). */
  function opensFrame(k: number): boolean {
    return lex.subordinators.has(norms[k]!) || lex.framePrepositions.has(norms[k]!);
  }

  function bareClause(k: number, sEnd: number): number | null {
    if (k >= sEnd) return null;
    if (questionAt(k) || lex.relativePronouns.has(norms[k]!)) return null;
    // "said today after profit missed estimates": a time word and an adverbial clause say when, not what.
    // (Also "said Wednesday as the first reports began to roll in", "said Monday when …".)
    if (lex.timeWords.has(norms[k]!) && k + 1 < sEnd && (lex.subordinators.has(norms[k + 1]!) || lex.clauseOpeners.has(norms[k + 1]!))) return null;
    // "says since the storm began, crews have …", "said over the past months, there appeared …": an
    // adverbial clause or phrase, a comma, then the reported clause.
    if (opensFrame(k)) {
      for (let t = k + 2; t < Math.min(sEnd, k + 14); t++) {
        if (!/,/.test(src.slice(toks[t - 1]!.end, toks[t]!.start))) continue;
        const w = norms[t]!;
        // "said after the match, which ended late, that …": a relative clause or "that" is no reported clause here.
        return !lex.subordinators.has(w) && !lex.relativePronouns.has(w) && !lex.complementisers.has(w) && bareClause(t, sEnd) !== null ? k : null;
      }
      return null;
    }
    const comparative = ['more', 'less', 'fewer'].includes(norms[k]!) && norms[k + 1] === 'than';
    if (has(k, Pos.Preposition | Pos.Adverb) && !has(k, Pos.Noun | Pos.Pronoun) && !comparative) return null;
    // "said no one filed a complaint", "said no complaint was made", "said no further formal
    // extension had been agreed": a subject with a negative determiner, adjectives (and words the
    // tagger reads as adverbs: further, more) allowed before its noun (not "said no to the plan", "said no.").
    let head = k + 1;
    while (head < Math.min(sEnd - 1, k + 4) && has(head, Pos.Adjective | Pos.Adverb) && !has(head, Pos.Noun | Pos.Preposition)) head++;
    const negativeSubject = lex.negativeDeterminers.has(norms[k]!) && head + 1 < sEnd && has(head, Pos.Noun | Pos.Pronoun | Pos.Value) && !has(head, Pos.Preposition);
    if (lex.notClauseStarts.has(norms[k]!) && !negativeSubject) return null;
    const paraHeadline = isHeadlineSentence(k);
    // A word tagged as a verb is still the subject when a verb follows it (firms would ...), and in a
    // headline's clipped clause with words in marks (Iran says progress made in ‘very difficult’ talks).
    // "says lies and truths are subjective": a word tagged as a verb that is coordinated with a noun before a verb is a noun.
    const coordinated = (norms[k + 1] === 'and' || norms[k + 1] === 'or') && k + 3 < sEnd && has(k + 2, Pos.Noun) && has(k + 3, Pos.Verb | Pos.Copula | Pos.Auxiliary | Pos.Modal);
    // "says police have two suspects", "said police had …": the tagger reads police as a verb; a noun
    // of people (a source word) or a word a finite verb follows is the clause's subject.
    const subjectNoun = lex.sourceNouns.has(norms[k]!) || lex.groupNouns.has(norms[k]!) || (k + 1 < sEnd && has(k + 1, Pos.Modal | Pos.Auxiliary | Pos.Copula | Pos.PastTense));
    if (has(k, Pos.Verb) && !has(k, Pos.Noun | Pos.Pronoun | Pos.Gerund) && !coordinated && !subjectNoun) {
      const marked = /["“”‘’']\p{L}|\p{L}[”’']/u.test(src.slice(toks[k]!.start, toks[sEnd - 1]!.end));
      if (!(paraHeadline && marked && sEnd - k >= 3 && toks[k]!.sentence === 0)) return null;
    }
    // Note: a subject may be long (the case for a rate cut at the central bank's Wednesday meeting is …).
    // "acknowledged both the talent the Australians had available": a noun, then a second noun
    // phrase with its own verb, is a relative clause without "that" inside an object; its verb is
    // not the clause's (the people he met were happy: the next finite verb is).
    // "and" after that relative clause coordinates another object (… had available and also the
    // preparation time they had enjoyed).
    let relative = false;
    let afterRelative = false;
    for (let t = k + 1; t < Math.min(sEnd, k + 16); t++) {
      // "saying his case, which has dragged on since 2016, had to end": a relative clause set off by
      // commas inside the subject is passed over.
      if (/^\s*,\s*$/.test(src.slice(toks[t - 1]!.end, toks[t]!.start)) && lex.relativePronouns.has(norms[t]!)) {
        let c = t + 1;
        while (c < Math.min(sEnd, t + 14) && !/,/.test(src.slice(toks[c - 1]!.end, toks[c]!.start))) c++;
        if (c < sEnd && c < t + 14) {
          t = c;
          if (has(t, Pos.Verb) && !has(t, Pos.Gerund | Pos.Noun)) return k;
          continue;
        }
      }
      if (/[,;:]/.test(src.slice(toks[t - 1]!.end, toks[t]!.start))) break;
      if (afterRelative && (norms[t] === 'and' || norms[t] === 'or')) break;
      // "confirmed the layoff numbers to Reuters on Wednesday and said …": a verb after and/but
      // before any finite verb is the cue's own next act; what stood between was its object.
      // (Not "the coastguard and police worked …": a word the tagger reads as a verb with a finite verb after it is a noun.)
      if ((norms[t] === 'and' || norms[t] === 'but') && t + 1 < sEnd && has(t + 1, Pos.Verb) && !has(t + 1, Pos.Noun | Pos.Gerund | Pos.Participle) && !lex.sourceNouns.has(norms[t + 1]!) && !lex.groupNouns.has(norms[t + 1]!) && !(t + 2 < sEnd && has(t + 2, Pos.Verb) && !has(t + 2, Pos.Infinitive))) break;
      // (A verb after "to" is an infinitive: the plan to build a wall was …)
      const finite = has(t, Pos.Verb) && !has(t, Pos.Gerund) && !(has(t, Pos.Noun) && !has(t, Pos.Modal | Pos.Auxiliary | Pos.Copula | Pos.PastTense)) && norms[t - 1] !== 'to';
      if (finite && !relative) return k;
      if (finite) {
        // The relative clause's verb (had picked: the auxiliary and its participle); a finite verb after it is the clause's.
        relative = false;
        afterRelative = true;
        if (has(t, Pos.Auxiliary | Pos.Modal)) while (t + 1 < sEnd && has(t + 1, Pos.Verb | Pos.Adverb) && !has(t + 1, Pos.Noun | Pos.Copula | Pos.Modal | Pos.Auxiliary)) t++;
        continue;
      }
      if (!afterRelative && has(t - 1, Pos.Noun) && !has(t - 1, Pos.Pronoun | Pos.Preposition | Pos.Verb) && (lex.determiners.has(norms[t]!) || (has(t, Pos.Pronoun) && !lex.relativePronouns.has(norms[t]!)))) relative = true;
      // So is one opened by who or which (confirmed the arrests thanking members of the public who are …).
      if (!afterRelative && lex.relativePronouns.has(norms[t]!)) relative = true;
    }
    const sEndPos = toks[sEnd - 1]!.end;
    const hasMark = /["“”‘’']\p{L}|\p{L}[”’']/u.test(src.slice(toks[k]!.start, sEndPos));
    return paraHeadline && hasMark && sEnd - k >= 3 ? k : null;
  }

  /**
   * Whether a headline's label before its colon can name a speaker: a person or organisation it
   * holds, a title, role or source word, or a name in capitals (Zuma:, Police Chief Ray:). "Eyes
   * wide shut: Mammals dream …" is a label of the writer's, not a speaker.
   */
  function speakerLike(from: number, to: number): boolean {
    for (const m of doc.mentions) {
      if (m.tokenStart >= to) break;
      if (m.tokenEnd > from && doc.entities.get(m.entityId)?.type !== 'place') return true;
    }
    for (let k = from; k < to; k++) {
      const w = norms[k]!;
      if (speakerWords.has(w) || lex.sourceNouns.has(w) || lex.groupNouns.has(w) || lex.collectiveSources.has(w)) return true;
    }
    for (let k = from + 1; k < to; k++) if (!isCap(k) && !lex.titleSmallWords.has(norms[k]!)) return false;
    return true;
  }

  function isHeadlineSentence(k: number): boolean {
    const s = doc.sentences[toks[k]!.sentence]!;
    const ptext = src.slice(doc.paragraphs[s.paragraph]!.start, doc.paragraphs[s.paragraph]!.end);
    return s.paragraph < 8 && !/[.!?]["”’']?$/.test(ptext) && ptext.length < 200;
  }

  /** Source end of the clause starting at token `from`. */
  function clauseEnd(c: Cue, from: number, sEnd: number, sentenceEnd: number, headline: boolean): number {
    for (let t = from + 1; t < sEnd; t++) {
      const gapText = src.slice(toks[t - 1]!.end, toks[t]!.start);
      const comma = /,/.test(gapText);
      const w = norms[t]!;
      const hit = lex.forms.get(w);
      // ", adding that ..." / ", saying ...": a participle cue opens the speaker's next statement
      // (also after adverbs: ", then later clarifying …").
      if (comma && hit?.participle) return cutAt(t);
      if (comma && has(t, Pos.Adverb) && !hit) {
        let a = t;
        while (a < Math.min(sEnd, t + 3) && has(a, Pos.Adverb) && !lex.forms.has(norms[a]!)) a++;
        if (a < sEnd && lex.forms.get(norms[a]!)?.participle) return cutAt(t);
      }
      // "... in Sigatoka adding that ...": the same without the comma, when "that" follows (not "were saying that").
      if (hit?.participle && t + 1 < sEnd && lex.complementisers.has(norms[t + 1]!) && !has(t - 1, Pos.Auxiliary | Pos.Copula)) return cutAt(t);
      // '… "nobody wants that" - a reference to …': a dash after a closing mark opens the writer's aside.
      if (/^[”"’']\s+[-–—]\s+$/.test(gapText)) return cutAt(t);
      // "... and accused it of ..." / ", but insisted on ...": the speaker's next act.
      if ((w === 'and' || w === 'but') && t + 1 < sEnd && lex.speakerActs.has(norms[t + 1]!) && !lex.complementisers.has(norms[t + 1]!)) return cutAt(t);
      // "… were emotional after the loss and he praised the crowd": so with a pronoun subject.
      if ((w === 'and' || w === 'but') && t + 2 < sEnd && has(t + 1, Pos.Pronoun) && !['it', 'we', 'i', 'you'].includes(norms[t + 1]!) && lex.speakerActs.has(norms[t + 2]!)) return cutAt(t);
      if (comma && lex.according.some((ph) => phraseAt(norms, t, ph))) return cutAt(t);
      // ", but aid agencies say ...", ", though officials have blamed ...": another speaker's act.
      // ", after Hamas said it had …": an adverbial clause with a speaker's act of its own.
      if (comma && (lex.clauseTurns.has(w) || lex.subordinators.has(w))) {
        for (let q = t + 1; q < Math.min(sEnd, t + 10); q++) if (lex.speakerActs.has(norms[q]!) || (lex.forms.has(norms[q]!) && !lex.forms.get(norms[q]!)!.participle)) return cutAt(t);
      }
      if (comma && lex.clauseCuts.some((ph) => phraseAt(norms, t, ph)) && !lex.asDegreeWords.has(norms[t + 1] ?? '')) return cutAt(t);
      if (headline && w === 'as' && !comma && !lex.asDegreeWords.has(norms[t + 1] ?? '')) return cutAt(t);
      // ", told the ABC on Sunday he understood …": a finite cue right after a comma is the subject's
      // next speech act (an attribution set in the clause has its subject between: the plan, officials said, …).
      if (comma && hit && !hit.participle && t !== c.t && hit.cue.clause !== 'none') return cutAt(t);
    }
    return sentenceEnd;
  }

  function cutAt(t: number): number {
    return toks[t - 1]!.end;
  }

  /** The clause [start, end): indirect, or mixed when it holds marks. */
  function clause(start: number, end: number, ms: MarkSpan[], _cueTok: number): { span: Span; kind: DocQuote['kind']; marks: MarkSpan[] } | null {
    let span = trimMixed(src, start, end);
    if (span.end <= span.start) return null;
    const inside = ms.filter((m) => m.open >= start && m.open < span.end);
    let kind: DocQuote['kind'] = 'indirect';
    for (const m of inside) {
      const t = tokenAtOrAfter(m.open, 0, toks.length);
      const prevW = norms[t - 1] ?? '';
      const nWords = wordsIn(src, { start: m.open + 1, end: m.close });
      // Scare quotes around a term (so-called "...", what he called a "...") do not make the clause mixed.
      const scare = prevW === 'called' || norms[t - 2] === 'called' || prevW === 'so' || /so-called\s*$/.test(src.slice(Math.max(0, m.open - 12), m.open)) || (nWords <= 2 && isTermLike(t, m.close));
      if (!scare) kind = 'mixed';
    }
    if (span.start >= span.end) return null;
    // A clause that starts with its marks and ends where they close is direct.
    const whole = inside.length === 1 && inside[0]!.open <= start && inside[0]!.close >= span.end - 1;
    if (whole) {
      span = directSpan(src, inside[0]!);
      kind = 'direct';
    }
    return { span, kind, marks: inside };
  }

  function isTermLike(t: number, close: number): boolean {
    let k = t;
    let nouns = 0;
    let plural = false;
    while (k < toks.length && toks[k]!.end <= close) {
      if (has(k, Pos.Verb | Pos.Adverb | Pos.Determiner | Pos.Preposition)) return false;
      if (has(k, Pos.Noun)) nouns++;
      if (has(k, Pos.Plural)) plural = true;
      k++;
    }
    return nouns >= 2 || plural;
  }
}

/** The content between marks: no marks, no trailing . , ; : (? and ! stay). */
function directSpan(src: string, m: MarkSpan): Span {
  let s = m.open + 1;
  let e = m.close;
  // "’My …,’’ he said: a mark doubled by a single one (see marks.ts) is one mark.
  if (/[’‘]/.test(src[s] ?? '') && /["“‘]/.test(src[m.open]!)) s++;
  if (src[e] === '’' && src[e - 1] === '’') e--;
  while (s < e && /\s/.test(src[s]!)) s++;
  while (e > s && (/\s/.test(src[e - 1]!) || /[.,‚;:…—–-]/.test(src[e - 1]!))) e--;
  return { start: s, end: e };
}

/** A clause span: trimmed, a closing mark at its end dropped (mixed quotes stop before it). */
function trimMixed(src: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(src[s]!)) s++;
  for (let k = 0; k < 3; k++) {
    while (e > s && TRAIL.test(src[e - 1]!)) e--;
    if (e > s && MARKS.includes(src[e - 1]!)) e--;
  }
  while (e > s && TRAIL.test(src[e - 1]!)) e--;
  return { start: s, end: e };
}

function trim(src: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(src[s]!)) s++;
  while (e > s && (/\s/.test(src[e - 1]!) || /[.,;:]/.test(src[e - 1]!))) e--;
  return { start: s, end: e };
}

function stripOuterMarks(src: string, span: Span): Span {
  const a = src[span.start] ?? '';
  const b = src[span.end - 1] ?? '';
  if (span.end - span.start > 2 && MARKS.includes(a) && MARKS.includes(b)) return trim(src, span.start + 1, span.end - 1);
  return span;
}

function wordsIn(src: string, span: Span): number {
  return src.slice(span.start, span.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Marks that hold a title, a name or a slogan rather than speech. */
function isTitle(norms: readonly string[], lex: EnCueLexicon, sStart: number, firstIn: number, src: string, content: Span, atSentenceStart: boolean): boolean {
  for (let t = Math.max(sStart, firstIn - 4); t < firstIn; t++) {
    for (const ph of lex.titleCues) if (phraseAt(norms, t, ph) && t + ph.length >= firstIn - 2) return true;
  }
  const words = src.slice(content.start, content.end).split(/\s+/).filter(Boolean);
  if (!atSentenceStart && words.length <= 6) {
    const capped = words.filter((w) => /^[\p{Lu}\d]/u.test(w));
    if (capped.length >= 2 && words.every((w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && lex.titleSmallWords.has(w.toLowerCase())))) return true;
  }
  return false;
}
