// Attributes each quotation to its speaker with an ordered sieve of rules, in
// the manner of Muzny et al. (2017, "A two-stage sieve approach for quote
// attribution"): the first rule that applies wins, and the quote records its id.
//
//   1. explicit subject after the verb (وقال لافروف ...) or before it (وكان لافروف أعلن ...);
//      a headline's speaker before its colon (لافروف: ...);
//   2. a title phrase that entity coreference bound to a person (وأضاف الوزير الروسي ...);
//   3. organisations and their statements (وأضاف البيان → the ministry that issued it)
//      and unnamed sources (مصدر في الخارجية الروسية → a speaker without an entity);
//   4. implicit subject (وأضاف: / وتابع / مضيفا / من جانبه قال) → the speaker of the
//      statement before it;
//   5. the speaker named after the quotation (“...”، قال لافروف);
//   6. nothing applies: no speaker, low confidence — never a guess dressed as certain.
import { firstTokenFrom, type Doc, type DocEntity, type DocQuote, type DocSpeaker, type EntityMention, type Span } from '../../document.ts';
import type { CueLexicon } from '../../quotes/cue-lexicon.ts';
import { normaliseString } from '../../text/normalise.ts';
import type { CueHit } from './quotes.ts';
import { CorefIndex, describe, emptyFeatures, type CorefCandidate, type CorefDescription, type CorefLexicon } from '../../entities/coref.ts';
import type { ArabicEntityFacts } from './entities.ts';

/** The coreference lexicon and what the entity stage learnt, for descriptions (الوزير، الوزارة). */
export interface ArabicCoref {
  lex: CorefLexicon;
  facts: ArabicEntityFacts;
}

interface SieveState {
  doc: Doc;
  lex: CueLexicon;
  mentionAt: Map<number, EntityMention>;
  mentionEndingAt: Map<number, EntityMention>;
  cueAt: Map<number, CueHit>;
  /** The speaker of the previous statement, for implicit subjects. */
  last: DocSpeaker | null;
  /** The last organisation that spoke, for statements (البيان). */
  lastOrganisation: DocSpeaker | null;
  /** The last unnamed source, for المصدر. */
  lastSource: DocSpeaker | null;
  /** The issuer of the last statement named with its issuer, for البيان. */
  lastIssuer: DocSpeaker | null;
  coref: SieveCoref | null;
  /** Token index where the last attributed quotation ends. */
  lastAt: number;
}

type Rule = { id: string; apply: (q: DocQuote, s: SieveState) => { speaker: DocSpeaker; confidence: number } | null };

function speakerFromMention(s: SieveState, m: EntityMention, resolution: DocSpeaker['resolution']): DocSpeaker | null {
  const ent = s.doc.entities.get(m.entityId);
  if (!ent || ent.type === 'place') return null;
  return { entityId: ent.id, name: ent.name, mention: { start: m.start, end: m.end }, resolution: m.kind === 'title' ? 'title' : resolution };
}

/** The first person/organisation mention starting in the token range [from, to). */
function firstMention(s: SieveState, from: number, to: number): EntityMention | null {
  for (let t = from; t < to; t++) {
    const m = s.mentionAt.get(t);
    if (m && s.doc.entities.get(m.entityId)?.type !== 'place') return m;
  }
  return null;
}

/** وكان فلاديمير تشيجوف مندوب روسيا الدائم ... أكد: the person right after a clause-initial كان is the verb's subject. */
function kanaSubject(s: SieveState, c: number): EntityMention | null {
  const sentence = s.doc.tokens[c]!.sentence;
  for (let t = c - 1; t >= Math.max(0, c - 14); t--) {
    const tok = s.doc.tokens[t]!;
    if (tok.sentence !== sentence) return null;
    if (s.lex.copulas.has(tok.norm) || (tok.norm.startsWith('و') && s.lex.copulas.has(tok.norm.slice(1)))) {
      const m = s.mentionAt.get(t + 1);
      return m && s.doc.entities.get(m.entityId)?.type !== 'place' ? m : null;
    }
    if (s.cueAt.has(t)) return null;
  }
  return null;
}

/** A person mention in [from, to) set off by a comma before it (an apposition naming the subject). */
function appositivePerson(s: SieveState, from: number, to: number): EntityMention | null {
  for (let t = from; t < to; t++) {
    const m = s.mentionAt.get(t);
    if (!m || s.doc.entities.get(m.entityId)?.type !== 'person') continue;
    const prev = s.doc.tokens[t - 1];
    if (prev && /[،,]/.test(s.doc.source.slice(prev.end, s.doc.tokens[t]!.start))) return m;
  }
  return null;
}

/** What the coreference lexicon reads in token t alone, as a title or role word (الوزير، المتحدثة), if anything. */
function describeWord(s: SieveState, t: number): CorefDescription | null {
  return s.coref ? describe([bare(s.doc.tokens[t]!.norm, true)], s.coref.lex, true) : null;
}

/**
 * قائد الأمن الداخلي في محافظة دمشق العميد أسامة عاتكة: a subject that opens with a person's
 * title word and names exactly one person, by name, before the complementiser: that person,
 * though a preposition stands between (the title's complement).
 */
function titledPerson(s: SieveState, from: number, to: number): EntityMention | null {
  if (!s.coref || from >= to) return null;
  if (describeWord(s, from)?.type !== 'person') return null;
  let found: EntityMention | null = null;
  for (let t = from; t < to; t++) {
    // وأشار وزير الزراعة، في مداخلة …، مع الاعلامي ابراهيم عيسى، إلى أن: the title ends at its
    // comma; a person named past it is someone else (here the interviewer).
    if (t > from && !found && /[،,]/.test(s.doc.source.slice(s.doc.tokens[t - 1]!.end, s.doc.tokens[t]!.start))) return null;
    const m = s.mentionAt.get(t);
    if (!m || s.doc.entities.get(m.entityId)?.type !== 'person') continue;
    if (found && found.entityId !== m.entityId) return null;
    if (m.kind === 'name') found = m;
    t = m.tokenEnd - 1;
  }
  return found;
}

/**
 * A token that opens a phrase naming who was told (قال لوكالة رويترز، صرح للصحيفة،
 * لـCNN): ل before an outlet word, ل glued to the article, or a lone لـ.
 */
function isRecipient(s: SieveState, t: number): boolean {
  const w = s.doc.tokens[t]!.norm;
  if (w === 'ل') return true;
  if (!w.startsWith('ل') || w.length < 3) return false;
  let rest = w.slice(1);
  // لموقعنا، لصحيفتنا: the outlet's own word with a possessive.
  for (const p of s.lex.possessives) if (rest.length > p.length + 2 && rest.endsWith(p) && s.lex.recipientHeads.has(rest.slice(0, -p.length))) rest = rest.slice(0, -p.length);
  const heads = s.lex.recipientHeads;
  // لوكالة، لـالصحيفة; للصحيفة is ل + الصحيفة with the alef dropped.
  return heads.has(rest) || (rest.startsWith('ال') && heads.has(rest.slice(2))) || (w.startsWith('لل') && heads.has(w.slice(2)));
}

/** A mention whose own first word carries the preposition ل (لرويترز، لقناة الجزيرة): the addressee. */
function isAddressed(s: SieveState, m: EntityMention): boolean {
  const tok = s.doc.tokens[m.tokenStart]!;
  if (m.start > tok.start && s.doc.source[tok.start] === 'ل') return true;
  const prev = m.tokenStart - 1;
  return prev >= 0 && s.doc.tokens[prev]!.sentence === tok.sentence && isRecipient(s, prev) && s.doc.source.slice(s.doc.tokens[prev]!.end, tok.start).trim().replace(/["“”«»]/g, '') === '';
}

/** The end of a recipient phrase starting at t: the outlet's name after ل is skipped with it. */
function skipRecipient(s: SieveState, t: number, to: number): number {
  let e = t + 1;
  const m = s.mentionAt.get(e);
  if (m && m.tokenEnd <= to) return m.tokenEnd;
  const own = s.mentionAt.get(t);
  if (own && own.tokenEnd <= to) return own.tokenEnd;
  return e;
}

/** Tokens between the cue and what it introduces: where the subject stands (وقال لافروف في مؤتمر صحفي إن). */
function subjectRange(q: DocQuote, s: SieveState): [number, number] | null {
  const r = rawSubjectRange(q, s);
  if (!r) return r;
  // صرح للصحيفة أن / قال لرويترز مسؤول إن: who was told is not who spoke; أعلنت الاثنين مصادر
  // أمنية أن: nor is when.
  let from = r[0];
  for (;;) {
    if (from < r[1] && isRecipient(s, from)) from = skipRecipient(s, from, r[1]);
    else if (from < r[1] && s.lex.timeWords.has(s.doc.tokens[from]!.norm) && !s.mentionAt.has(from)) from++;
    else break;
  }
  return [from, r[1]];
}

function rawSubjectRange(q: DocQuote, s: SieveState): [number, number] | null {
  const c = q.hints.cueToken;
  if (c === undefined) return null;
  const hit = s.cueAt.get(c);
  let from = c + 1;
  while (from < s.doc.tokens.length && s.doc.tokens[from]!.end <= (hit?.span.end ?? 0)) from++;
  let to = from;
  const limit = hit?.intro ? introStart(hit, s.doc) : q.start;
  while (to < s.doc.tokens.length && s.doc.tokens[to]!.start < limit && s.doc.tokens[to]!.sentence === s.doc.tokens[c]!.sentence) to++;
  if (hit?.cue.subjectAfter) {
    for (let t = from; t < to; t++) if (s.doc.tokens[t]!.norm === hit.cue.subjectAfter) return [t + 1, to];
  }
  return [from, to];
}

function introStart(hit: CueHit, doc: Doc): number {
  const i = hit.intro!;
  return i.type === 'complementiser' ? doc.tokens[i.token]!.start : i.pos;
}

/** أمله، قلقها: a stance noun with a possessive pronoun is the cue's object (أعرب عن أمله في أن). */
function isStance(s: SieveState, t: number): boolean {
  const w = s.doc.tokens[t]!.norm;
  for (const p of s.lex.possessives) if (w.length > p.length + 1 && w.endsWith(p) && s.lex.stanceNouns.has(w.slice(0, -p.length))) return true;
  return false;
}

/** A subject noun phrase made of plain words: the text up to the first stop word, at most four words. */
function rawSubject(s: SieveState, from: number, to: number): Span | null {
  const { doc, lex } = s;
  let end = from;
  while (end < to && end - from < 4 && !lex.subjectStops.has(doc.tokens[end]!.norm) && !isRecipient(s, end)) {
    end++;
    // الحكومة العراقية، أنها: the word before a comma closes the subject.
    if (/[،,:]/.test(doc.source.slice(doc.tokens[end - 1]!.end, doc.tokens[end]?.start ?? doc.tokens[end - 1]!.end))) break;
  }
  if (end === from || lex.subjectStops.has(doc.tokens[from]!.norm) || isStance(s, from)) return null;
  // محمود المواس الحائز على ...: after a name of a plain word and a word with the article, a second
  // word with the article describes the person (the participle of a relative phrase).
  const def = (t: number) => doc.tokens[t]!.norm.startsWith('ال');
  if (end - from >= 3 && !def(from) && def(from + 1) && def(from + 2) && !describeWord(s, from)) end = from + 2;
  // Stop before a trailing comma-separated aside.
  const span = { start: doc.tokens[from]!.start, end: doc.tokens[Math.min(end, to) - 1]!.end };
  // وكيلة «الصحة العامة»: a mark opened inside the phrase closes with it.
  const opened = (doc.source.slice(span.start, span.end).match(/[«“"]/g) ?? []).length;
  const closed = (doc.source.slice(span.start, span.end).match(/[»”"]/g) ?? []).length;
  if (opened > closed && /[»”"]/.test(doc.source[span.end] ?? '')) span.end++;
  return span;
}

const RULES: Rule[] = [
  {
    id: 'ar.speaker.headline',
    apply(q, s) {
      const h = q.hints.headlineSpeaker;
      if (!h) return null;
      const m = firstMention(s, h.tokenStart, h.tokenEnd);
      // وزير الخارجية: ... / رئيس «الواحة القابضة»: ...: an organisation or place after a title word
      // is whose title it is; the speaker is the title's holder, looked for below.
      const titled = m && m.tokenStart > h.tokenStart && s.doc.entities.get(m.entityId)?.type !== 'person';
      if (m && !titled) {
        const sp = speakerFromMention(s, m, 'headline');
        if (sp) return { speaker: { ...sp, resolution: 'headline' }, confidence: 0.85 };
      }
      // A title that the article resolves later (نائب وزير الخارجية الروسي: ...).
      const text = s.doc.view.text.slice(s.doc.tokens[h.tokenStart]!.vStart, s.doc.tokens[h.tokenEnd - 1]!.vEnd);
      for (const mm of s.doc.mentions) {
        if (mm.kind !== 'title') continue;
        const mt = s.doc.view.text.slice(s.doc.tokens[mm.tokenStart]?.vStart ?? 0, s.doc.tokens[mm.tokenEnd - 1]?.vEnd ?? 0);
        if (mt === text || mt.endsWith(text)) {
          const sp = speakerFromMention(s, mm, 'headline');
          if (sp) return { speaker: { ...sp, mention: { start: h.start, end: h.end }, resolution: 'headline' }, confidence: 0.75 };
        }
      }
      // رئيس أوكرانيا: ... above an article about الرئيس الأوكراني فولوديمير زيلينسكي: a headline
      // description refers ahead, to the compatible person the article names.
      if (s.coref) {
        const words: string[] = [];
        for (let t = h.tokenStart; t < h.tokenEnd; t++) words.push(bare(s.doc.tokens[t]!.norm, t === h.tokenStart));
        const desc = describe(words, s.coref.lex, true);
        if (desc) {
          for (let t = h.tokenStart; t < h.tokenEnd; t++) desc.nationality ??= s.coref.facts.nationalityAt.get(t) ?? null;
          const last = s.doc.tokens.length;
          const match = s.coref.index.resolve(desc, s.doc.sentences.length, last);
          const ent = match ? s.doc.entities.get(match.entityId) : undefined;
          if (ent) return { speaker: { entityId: ent.id, name: ent.name, mention: { start: h.start, end: h.end }, resolution: 'headline' }, confidence: 0.65 };
        }
      }
      return { speaker: { entityId: null, name: s.doc.source.slice(h.start, h.end), mention: { start: h.start, end: h.end }, resolution: 'headline' }, confidence: 0.6 };
    },
  },
  {
    id: 'ar.speaker.explicit-after-verb',
    apply(q, s) {
      if (q.hints.cueForm !== 'verb') return null;
      const r = subjectRange(q, s);
      if (!r) return null;
      let m = firstMention(s, r[0], r[1]);
      // قال مصدر لوكالة رويترز إن: the outlet that was told is no subject.
      while (m && isAddressed(s, m)) m = firstMention(s, m.tokenEnd, r[1]);
      if (!m) return null;
      // وكيلة «الصحة العامة» بثينة المضف: an organisation after a person's title word is whose
      // title it is; the speaker is the title's holder (named later, or a description), not it.
      // (قال المهندس أمين الناصر رئيس شركة أرامكو: the title word may come after words the walk
      // did not read as a name.)
      let titleWord = -1;
      if (m.tokenStart > r[0] && s.doc.entities.get(m.entityId)?.type !== 'person')
        for (let t = r[0]; t < m.tokenStart && titleWord < 0; t++) if (describeWord(s, t)?.type === 'person') titleWord = t;
      if (titleWord >= 0) {
        const holder = titledPerson(s, titleWord, r[1]);
        const sp = holder && speakerFromMention(s, holder, 'explicit');
        return sp ? { speaker: sp, confidence: 0.8 } : null;
      }
      // The subject comes first: a mention after a preposition (في، مع ...) is not the subject,
      // unless it stands in apposition to a title, between commas (المحلل في شركة ...، طارق النعيمي، أن).
      for (let t = r[0]; t < m.tokenStart; t++) {
        const w = s.doc.tokens[t]!.norm;
        // وذكر المصدر لوكالة رويترز / قال بيان للوزارة: the subject is the source or the statement.
        if (s.lex.sourceNouns.has(w) || s.lex.statementNouns.has(w)) return null;
        if (!s.lex.subjectStops.has(w)) continue;
        m = appositivePerson(s, t, r[1]) ?? titledPerson(s, r[0], r[1]);
        if (!m) return null;
        break;
      }
      const sp = speakerFromMention(s, m, 'explicit');
      return sp ? { speaker: sp, confidence: sp.resolution === 'title' ? 0.85 : 0.9 } : null;
    },
  },
  {
    id: 'ar.speaker.explicit-before-verb',
    apply(q, s) {
      const c = q.hints.cueToken;
      if (c === undefined || q.hints.cueForm !== 'verb') return null;
      // وكان لافروف أعلن أن ... / لافروف قال إن ...: a mention that ends right before the verb, in its
      // sentence; أيمن الصفدي، الثلاثاء، أكد أن: time words between them are passed over (not before
      // a verb with و/ف, which opens a new clause).
      let before = c;
      const w = s.doc.tokens[c]!.norm;
      if (!w.startsWith('و') && !w.startsWith('ف')) while (before > 0 && s.lex.timeWords.has(s.doc.tokens[before - 1]!.norm) && !s.mentionAt.has(before - 1)) before--;
      // ... للمنتخب المصري وقال: a verb with و/ف opens a clause of its own; the name that ends the
      // clause before it is not its subject (the subject, if any, is that clause's).
      const joinedVerb = w.startsWith('و') || w.startsWith('ف');
      const m = (joinedVerb ? undefined : (s.mentionEndingAt.get(before) ?? s.mentionEndingAt.get(c))) ?? kanaSubject(s, c);
      if (!m || s.doc.tokens[m.tokenStart]!.sentence !== s.doc.tokens[c]!.sentence) return null;
      // وبحسب سبوتنيك، قالت المؤسسة …: a name after an "according to" word is the channel, not the subject.
      const lead = m.tokenStart > 0 ? s.doc.tokens[m.tokenStart - 1]!.norm : '';
      if (s.lex.according.has(lead) || (lead.startsWith('و') && s.lex.according.has(lead.slice(1)))) return null;
      // مفوض الأونروا يؤكد أن: a body after a person's title word is whose title it is, not the subject.
      const sentenceStart = s.doc.sentences[s.doc.tokens[c]!.sentence]!.tokenStart;
      if (m.tokenStart > sentenceStart && s.doc.entities.get(m.entityId)?.type !== 'person' && describeWord(s, m.tokenStart - 1)?.type === 'person') return null;
      const sp = speakerFromMention(s, m, 'explicit');
      return sp ? { speaker: sp, confidence: 0.85 } : null;
    },
  },
  {
    // إدارة مجمع ناصر الطبي والتي أكدت أنها …: a cue right after a relative pronoun has the noun
    // phrase before the pronoun as its subject: the entity named there, or its words (at most
    // four, back to a preposition, a stop word or punctuation).
    id: 'ar.speaker.relative-antecedent',
    apply(q, s) {
      const c = q.hints.cueToken;
      if (c === undefined || c < 2 || q.hints.cueForm !== 'verb') return null;
      const { doc, lex } = s;
      const rel = c - 1;
      if (!lex.relativePronouns.has(doc.tokens[rel]!.norm) || doc.tokens[rel]!.sentence !== doc.tokens[c]!.sentence) return null;
      if (!/^\s*$/.test(doc.source.slice(doc.tokens[rel]!.end, doc.tokens[c]!.start))) return null;
      const m = s.mentionEndingAt.get(rel);
      if (m && doc.tokens[m.tokenStart]!.sentence === doc.tokens[c]!.sentence) {
        const sp = speakerFromMention(s, m, 'explicit');
        return sp ? { speaker: sp, confidence: 0.75 } : null;
      }
      const sentenceStart = doc.sentences[doc.tokens[c]!.sentence]!.tokenStart;
      let from = rel;
      while (from > sentenceStart && rel - from < 4) {
        const t = from - 1;
        const w = doc.tokens[t]!.norm;
        if (lex.subjectStops.has(w) || lex.markPrepositions.has(w) || s.cueAt.has(t)) break;
        if (!/^\s*$/.test(doc.source.slice(doc.tokens[t]!.end, doc.tokens[t + 1]!.start))) break;
        from = t;
      }
      if (from === rel || (from === sentenceStart && rel - from >= 4)) return null;
      // (وعن الأسماء التي يتوقع أن …: only a phrase that opens with a word for a person or a body.)
      if (!describeWord(s, from)) return null;
      const raw = { start: doc.tokens[from]!.start, end: doc.tokens[rel - 1]!.end };
      return { speaker: { entityId: null, name: doc.source.slice(raw.start, raw.end), mention: raw, resolution: 'explicit' }, confidence: 0.5 };
    },
  },
  {
    id: 'ar.speaker.statement-issuer',
    apply(q, s) {
      const r = subjectRange(q, s);
      if (!r || r[0] >= r[1]) return null;
      const first = s.doc.tokens[r[0]]!.norm;
      if (!s.lex.statementNouns.has(first)) return null;
      const named = statementIssuer(s, r[0] + 1, r[1]);
      if (named) {
        s.lastIssuer = named;
        return { speaker: named, confidence: 0.75 };
      }
      const org = (first.startsWith('ال') ? s.lastIssuer : null) ?? s.lastOrganisation ?? lastOrganisationMention(s, q.start);
      if (!org) return null;
      return { speaker: { ...org, mention: { start: s.doc.tokens[r[0]]!.start, end: s.doc.tokens[r[0]]!.end }, resolution: 'organisation' }, confidence: 0.75 };
    },
  },
  {
    id: 'ar.speaker.unnamed-source',
    apply(q, s) {
      let r = subjectRange(q, s);
      // وكانت مصادر أمنية أفادت أن: the source stands between a clause-initial copula and the verb.
      if (r && r[0] >= r[1] && q.hints.cueForm === 'verb') r = copulaSubjectRange(s, q.hints.cueToken!, 8) ?? r;
      if (!r || r[0] >= r[1]) return null;
      const first = s.doc.tokens[r[0]]!.norm;
      if (!s.lex.sourceNouns.has(first)) return null;
      // المصدر (definite) is the source named before.
      if (first.startsWith('ال') && s.lastSource) return { speaker: { ...s.lastSource, resolution: 'source' }, confidence: 0.7 };
      let end = r[0] + 1;
      const { tokens, source } = s.doc;
      // مصدر فلسطيني مطلع على المفاوضات لصحيفة ...، قوله: the description ends at who was told, a comma or a stop word.
      // مصدر أمني للإخبارية: right after an indefinite description (no preposition in it yet), a
      // word of ل + article names who was told; after في المكتب الإعلامي it is the genitive (للرئاسة).
      let prepositional = false;
      while (end < r[1] && end - r[0] < 7 && !s.lex.sourceStops.has(tokens[end]!.norm) && !isRecipient(s, end) && !/[،,]/.test(source.slice(tokens[end - 1]!.end, tokens[end]!.start))) {
        const m = s.mentionAt.get(end);
        if (m && isAddressed(s, m)) break;
        const w = tokens[end]!.norm;
        if (!prepositional && w.startsWith('لل') && w.length > 4) break;
        if (s.lex.subjectStops.has(w)) prepositional = true;
        end++;
      }
      const span = { start: s.doc.tokens[r[0]]!.start, end: s.doc.tokens[end - 1]!.end };
      return { speaker: { entityId: null, name: s.doc.source.slice(span.start, span.end), mention: span, resolution: 'source' }, confidence: 0.7 };
    },
  },
  {
    id: 'ar.speaker.participle-main-clause',
    apply(q, s) {
      if (q.hints.cueForm !== 'participle') return null;
      const sp = mainClauseSubject(q, s);
      return sp ? { speaker: sp, confidence: 0.75 } : null;
    },
  },
  {
    id: 'ar.speaker.implicit-new-subject',
    apply(q, s) {
      // وقال الزيني: «...». / وأبدى الفخراني رضاه عن ... / وأضاف: «...»: a sentence between the
      // last quotation and this one whose subject is someone else moves the topic to them.
      if (q.hints.cueForm === 'participle' || !implicitSubject(q, s)) return null;
      const sp = subjectShift(q, s);
      return sp ? { speaker: { ...sp, mention: undefined, resolution: 'implicit' }, confidence: 0.6 } : null;
    },
  },
  {
    id: 'ar.speaker.implicit-previous',
    apply(q, s) {
      if (!implicitSubject(q, s)) return null;
      return { speaker: { ...s.last!, mention: undefined, resolution: 'implicit' }, confidence: q.hints.cueForm === 'participle' ? 0.8 : q.quoteRule === 'ar.quote.paragraph-marks' ? 0.5 : 0.75 };
    },
  },
  {
    id: 'ar.speaker.implicit-headline',
    apply(q, s) {
      // وحيد خليلوزيتش مدرب منتخب المغرب يعلن …, then وتابع: “…”: a statement with no subject and
      // no one quoted before it belongs to the person the headline opens with, as its subject; else
      // to the subject of one of the two sentences before it (a speech verb that quoted nothing).
      if (s.last || !implicitSubject(q, s, true)) return null;
      const person = headlineSubject(s, q.start) ?? subjectShift(q, s);
      return person ? { speaker: { ...person, mention: undefined, resolution: 'implicit' }, confidence: 0.5 } : null;
    },
  },
  {
    id: 'ar.speaker.anaphor-previous',
    apply(q, s) {
      // وأشار المتحدث إلى أنه، وأضاف المسؤول ذاته أن: the speaker quoted last, whoever they are.
      if (q.hints.cueForm !== 'verb') return null;
      const r = subjectRange(q, s);
      if (!r || r[0] >= r[1]) return null;
      const { tokens } = s.doc;
      const first = tokens[r[0]]!.norm;
      // وقال معاليه، وأضاف سموه: an honorific pronoun stands for a person: the person quoted last,
      // else the person named last before the quotation.
      if (s.lex.personAnaphors.has(first) && (r[0] + 1 === r[1] || s.lex.subjectStops.has(tokens[r[0] + 1]!.norm))) {
        const mention = { start: tokens[r[0]]!.start, end: tokens[r[0]]!.end };
        const lastIsPerson = s.last?.entityId && s.doc.entities.get(s.last.entityId)?.type === 'person';
        const person = lastIsPerson ? s.last : lastPersonMention(s, q.start);
        return person ? { speaker: { ...person, mention, resolution: 'title' }, confidence: 0.7 } : null;
      }
      if (!s.last) return null;
      const next = r[0] + 1 < r[1] ? tokens[r[0] + 1]!.norm : null;
      const same = next !== null && s.lex.sameWords.has(next);
      const alone = s.lex.speakerAnaphors.has(first) && (next === null || s.lex.subjectStops.has(next) || same);
      if (!alone && !(same && first.startsWith('ال') && describeWord(s, r[0]))) return null;
      const end = same ? r[0] + 2 : r[0] + 1;
      const mention = { start: tokens[r[0]]!.start, end: tokens[end - 1]!.end };
      // A description resolved to an entity, as ar.speaker.description resolves one.
      return { speaker: { ...s.last, mention, resolution: s.last.entityId ? 'title' : s.last.resolution }, confidence: 0.7 };
    },
  },
  {
    id: 'ar.speaker.named-after-quote',
    apply(q, s) {
      if (q.quoteRule !== 'ar.quote.marks-speaker-after' || q.hints.cueToken === undefined) return null;
      const c = q.hints.cueToken;
      const sentence = s.doc.tokens[c]!.sentence;
      const end = s.doc.sentences[sentence]!.tokenEnd;
      const m = firstMention(s, c + 1, Math.min(end, c + 6));
      if (m) {
        const sp = speakerFromMention(s, m, 'after');
        if (sp) return { speaker: { ...sp, resolution: sp.resolution === 'title' ? 'title' : 'after' }, confidence: 0.8 };
      }
      const raw = rawSubject(s, c + 1, end);
      return raw ? { speaker: { entityId: null, name: s.doc.source.slice(raw.start, raw.end), mention: raw, resolution: 'after' }, confidence: 0.55 } : null;
    },
  },
  {
    id: 'ar.speaker.description',
    apply(q, s) {
      // وأضاف الدبلوماسي الروسي / وقالت الوزارة / وكانت المجموعة قد ذكرت: a description refers to
      // the most recent compatible person or organisation; with none, it stays a description.
      const found = descriptionSubject(q, s);
      if (!found) return null;
      const sp = resolveDescription(s, found);
      if (sp) return { speaker: sp, confidence: 0.7 };
      const { span } = found;
      return { speaker: { entityId: null, name: s.doc.source.slice(span.start, span.end), mention: span, resolution: 'description' }, confidence: 0.45 };
    },
  },
  {
    id: 'ar.speaker.title-role',
    apply(q, s) {
      // وأضاف الوزير الروسي ...: a short title whose words all belong to a title the article gave someone.
      const subject = plainSubject(q, s);
      if (!subject) return null;
      const { r, raw } = subject;
      const title: string[] = [];
      for (let t = r[0]; t < r[1] && s.doc.tokens[t]!.end <= raw.end; t++) title.push(s.doc.tokens[t]!.norm);
      if (!title[0]?.startsWith('ال') || title.length > 4) return null;
      const wanted = [title[0].slice(2), ...title.slice(1)];
      let best: { id: string; at: number } | null = null;
      for (const ent of s.doc.entities.values()) {
        if (ent.type !== 'person' || !ent.roles.length) continue;
        const fits = ent.roles.some((role) => {
          const roleWords = new Set(normaliseString(role).split(/\s+/).flatMap((w) => [w, w.replace(/^ال/, '')]));
          return wanted.every((w) => roleWords.has(w));
        });
        if (!fits) continue;
        const at = lastMentionBefore(s, ent.id, q.start);
        if (at !== -1 && (!best || at > best.at)) best = { id: ent.id, at };
      }
      if (!best) return null;
      const ent = s.doc.entities.get(best.id)!;
      return { speaker: { entityId: ent.id, name: ent.name, mention: raw, resolution: 'title' }, confidence: 0.75 };
    },
  },
  {
    id: 'ar.speaker.raw-subject',
    apply(q, s) {
      const raw = plainSubject(q, s)?.raw;
      if (!raw) return null;
      return { speaker: { entityId: null, name: s.doc.source.slice(raw.start, raw.end), mention: raw, resolution: 'explicit' }, confidence: 0.5 };
    },
  },
];

/**
 * وكانت مصادر أمنية (قد) أفادت: the tokens between a clause-initial copula and the verb at c, in its
 * sentence and at most `reach` tokens back, without the particles before the verb.
 */
function copulaSubjectRange(s: SieveState, c: number, reach: number): [number, number] | null {
  const { doc } = s;
  const sentence = doc.tokens[c]!.sentence;
  for (let t = c - 1; t >= Math.max(doc.sentences[sentence]!.tokenStart, c - reach); t--) {
    const w = doc.tokens[t]!.norm;
    if (s.lex.copulas.has(w) || (w.startsWith('و') && s.lex.copulas.has(w.slice(1)))) {
      let to = c;
      while (to > t + 1 && s.lex.copulaParticles.has(doc.tokens[to - 1]!.norm)) to--;
      return t + 1 < to ? [t + 1, to] : null;
    }
  }
  return null;
}

/** The description standing as the cue's subject (after it, or after a clause-initial كان before it). */
function descriptionSubject(q: DocQuote, s: SieveState): { desc: CorefDescription; span: Span; sentence: number; position: number } | null {
  if (!s.coref || q.hints.cueForm !== 'verb') return null;
  const { doc } = s;
  const c = q.hints.cueToken!;
  let from = -1;
  let to = -1;
  const r = subjectRange(q, s);
  if (r && r[0] < r[1] && !s.mentionAt.has(r[0])) {
    const end = rawSubjectEnd(s, r[0], r[1]);
    if (end > r[0]) {
      from = r[0];
      to = end;
    }
  }
  if (from < 0) return copulaDescription(s, c);
  return describeTokens(s, from, to);
}

/** One past the last token of the plain subject phrase at `from` (see rawSubject), or `from` when there is none. */
function rawSubjectEnd(s: SieveState, from: number, to: number): number {
  const raw = rawSubject(s, from, to);
  let end = from;
  while (raw && end < to && s.doc.tokens[end]!.end <= raw.end) end++;
  return end;
}

/** The person or organisation a description refers to, by the coreference core; null when none fits. */
function resolveDescription(s: SieveState, d: { desc: CorefDescription; span: Span; sentence: number; position: number }): DocSpeaker | null {
  const match = s.coref!.index.resolve(d.desc, d.sentence, d.position, kindUnknown(s, d.desc));
  const ent = match ? s.doc.entities.get(match.entityId) : undefined;
  return ent ? { entityId: ent.id, name: ent.name, mention: d.span, resolution: ent.type === 'organisation' ? 'organisation' : 'title' } : null;
}

/** وكانت المجموعة قد ذكرت أن: the description between a clause-initial copula and the verb at c. */
function copulaDescription(s: SieveState, c: number): { desc: CorefDescription; span: Span; sentence: number; position: number } | null {
  const r = copulaSubjectRange(s, c, 6);
  return r ? describeTokens(s, r[0], r[1]) : null;
}

function describeTokens(s: SieveState, from: number, to: number): { desc: CorefDescription; span: Span; sentence: number; position: number } | null {
  const { doc } = s;
  if (!s.coref || to <= from || to - from > 6) return null;
  const words: string[] = [];
  for (let t = from; t < to; t++) words.push(bare(doc.tokens[t]!.norm, t === from));
  const desc = describe(words, s.coref.lex, true);
  if (!desc) return null;
  // قالت هيئة عائلات الأسرى: an indefinite head in construct names a body of its own; only a
  // definite description (الهيئة، الوزير الروسي) or a title of a named country (رئيس أوكرانيا) refers back.
  const head = doc.tokens[from]!.norm.replace(/^[وف]/, '');
  if (!head.startsWith('ال') && !(desc.type === 'person' && hasNationality(s, from, to))) return null;
  for (let t = from; t < to; t++) {
    const place = s.coref.facts.nationalityAt.get(t);
    if (place) desc.nationality ??= place;
    const m = s.mentionAt.get(t);
    const ent = m ? doc.entities.get(m.entityId) : undefined;
    if (ent?.type === 'organisation' && !desc.organisations.includes(ent.id)) desc.organisations.push(ent.id);
  }
  return { desc, span: { start: doc.tokens[from]!.start, end: doc.tokens[to - 1]!.end }, sentence: doc.tokens[from]!.sentence, position: from };
}

/**
 * وتقول الحكومة التركية: a description of a kind of organisation refers only to an
 * organisation known to be of that kind, never to one whose kind is unknown.
 */
function kindUnknown(s: SieveState, desc: CorefDescription): ((entityId: string) => boolean) | undefined {
  if (desc.type !== 'organisation' || !desc.organisationKind) return undefined;
  return (id) => s.coref!.index.candidate(id)?.features.organisationKind == null;
}

function hasNationality(s: SieveState, from: number, to: number): boolean {
  for (let t = from; t < to; t++) if (s.coref?.facts.nationalityAt.has(t)) return true;
  return false;
}

// The kind a gazetteer organisation's names say, read once per run (the names do not change).
const kindsByLexicon = new WeakMap<CorefLexicon, Map<string, string | null>>();
function kindFromNames(ent: DocEntity, lex: CorefLexicon): string | null {
  let cache = kindsByLexicon.get(lex);
  if (!cache) kindsByLexicon.set(lex, (cache = new Map()));
  const key = ent.source === 'gazetteer' ? ent.id : null;
  if (key && cache.has(key)) return cache.get(key)!;
  let kind: string | null = null;
  for (const name of ent.names.ar ?? []) {
    kind = describe(normaliseString(name).split(/\s+/).map((w, k) => bare(w, k === 0)), lex, true)?.organisationKind ?? null;
    if (kind) break;
  }
  if (key) cache.set(key, kind);
  return kind;
}

/** A word as the coreference lists write it: without a conjunction (first word only) or the article. */
function bare(w: string, first: boolean): string {
  let x = w;
  if (first && (x.startsWith('و') || x.startsWith('ف')) && x.length > 3 && x.slice(1).startsWith('ال')) x = x.slice(1);
  return x.startsWith('ال') && x.length > 3 ? x.slice(2) : x;
}

/** Whether the quote's subject is left implicit (وأضاف: / مضيفا / a quotation standing alone). */
function implicitSubject(q: DocQuote, s: SieveState, withoutLast = false): boolean {
  // “...”، قال X: the speaker is named after the quotation.
  if ((!s.last && !withoutLast) || q.quoteRule === 'ar.quote.marks-speaker-after') return false;
  if (q.hints.cueForm === 'participle' || q.quoteRule === 'ar.quote.paragraph-marks') return true;
  if (q.hints.cueForm !== 'verb') return false;
  const c = q.hints.cueToken!;
  // وكانت المجموعة قد ذكرت في إفصاح أن: the subject stands before the verb.
  if (kanaSubject(s, c) || copulaDescription(s, c)) return false;
  const r = subjectRange(q, s);
  // وأضاف: / وتابع أنه ... / وأضاف في رسالته إن: nothing, or only a prepositional phrase, between cue and content.
  const empty = !r || r[0] >= r[1] || s.lex.subjectStops.has(s.doc.tokens[r[0]]!.norm) || isStance(s, r[0]);
  const prev = s.doc.tokens[c - 1];
  const lead = prev && prev.sentence === s.doc.tokens[c]!.sentence && (s.lex.leadWords.has(prev.norm) || s.lex.sideOpeners.has(prev.norm));
  if (!empty && !lead) return false;
  if (!empty && lead && r && firstMention(s, r[0], r[1])) return false;
  // من ناحيته أكد محمود المواس ... أن: "for his part" brings in another party; a subject after the
  // verb is that party even when it is no known name.
  if (!empty && prev && s.lex.sideOpeners.has(prev.norm)) return false;
  return true;
}

/**
 * The person a headline opens with (its first words, a definite title or a name), when the
 * article's first paragraph is a headline (one sentence, no final full stop) and comes before `at`.
 */
function headlineSubject(s: SieveState, at: number): DocSpeaker | null {
  const { doc } = s;
  const p = doc.paragraphs.findIndex((x) => !x.boilerplate);
  const first = doc.sentences.find((x) => x.paragraph === p);
  if (!first || first.end > at || doc.sentences.some((x) => x !== first && x.paragraph === p)) return null;
  if (/[.!؟?:]\s*$/.test(doc.source.slice(first.start, first.end))) return null;
  const m = s.mentionAt.get(first.tokenStart);
  if (!m || doc.entities.get(m.entityId)?.type !== 'person') return null;
  return speakerFromMention(s, m, 'implicit');
}

/**
 * The subject of the latest sentence between the previous quotation and this one, when
 * it is another person or organisation than the last speaker: the first mention among
 * the sentence's first words (وأبدى الفخراني رضاه / وكان أبو ريدة قد صرح), outside quotations.
 */
function subjectShift(q: DocQuote, s: SieveState): DocSpeaker | null {
  const { doc } = s;
  const here = q.hints.cueToken !== undefined ? doc.tokens[q.hints.cueToken]!.sentence : doc.tokens[firstTokenFrom(doc, q.start)]?.sentence;
  if (here === undefined) return null;
  // With no one quoted before, only the two sentences right before (صرّح … الشيخ محمد بن راشد على
  // منصة اكس عن …. وأضاف أن “…”: the subject of a speech verb that reported no quote).
  const lastSentence = s.lastAt < 0 ? Math.max(-1, here - 3) : doc.tokens[Math.min(s.lastAt, doc.tokens.length - 1)]!.sentence;
  // A cue inside its sentence (وعلّق المدرب رامي سعيد على …، وقال إن …) is coordinated with the
  // verb that opens it, whose subject is looked for first, before the cue.
  const cue = q.hints.cueToken;
  const inside = cue !== undefined && cue > doc.sentences[here]!.tokenStart + 1 && s.lastAt < doc.sentences[here]!.tokenStart;
  for (let k = inside ? here : here - 1; k > lastSentence; k--) {
    const sent = doc.sentences[k]!;
    // (After a speech verb opening the sentence, its subject may follow a long title chain:
    // صرّح نائب رئيس الدولة ورئيس مجلس الوزراء وحاكم دبي الشيخ محمد بن راشد.)
    const reach = s.lastAt < 0 && s.cueAt.get(sent.tokenStart)?.cue.kind === 'verb' ? 12 : 3;
    const stop = k === here ? cue! : sent.tokenEnd;
    // (على الجانب الآخر، وصف الفرنسي صبري لموشي …: an adjunct set off by a comma may open it.)
    let from = sent.tokenStart;
    for (let t = sent.tokenStart + 1; t < Math.min(stop, sent.tokenStart + 5); t++) {
      if (doc.source.slice(doc.tokens[t - 1]!.end, doc.tokens[t]!.start).includes('،')) {
        if (!s.mentionAt.has(t - 1) && !doc.quotes.some((x) => x.start <= doc.tokens[t]!.start && doc.tokens[t]!.start < x.end)) from = t;
        break;
      }
    }
    for (let t = from; t < Math.min(stop, from + reach); t++) {
      const m = s.mentionAt.get(t);
      if (!m) continue;
      const ent = doc.entities.get(m.entityId);
      if (!ent || ent.type === 'place' || isAddressed(s, m) || doc.quotes.some((x) => m.start >= x.start && m.end <= x.end)) continue;
      // وتوجه وزير الصحة بالشكر: the ministry after a title word is the title's complement; the subject is the title's holder.
      if (ent.type === 'organisation' && t > sent.tokenStart && describeWord(s, t - 1)?.type === 'person') return null;
      // وتابعوا: "مدير ...": a name after a colon or a quote mark is inside words reported, not a subject.
      if (/[:"“”«»]/.test(doc.source.slice(sent.start, m.start))) break;
      if (ent.id === s.last?.entityId) return null;
      return { entityId: ent.id, name: ent.name, resolution: 'implicit' };
    }
  }
  return null;
}

/** The plain words after a finite cue that stand for its subject, when no entity was recognised there. */
function plainSubject(q: DocQuote, s: SieveState): { r: [number, number]; raw: Span } | null {
  if (q.hints.cueForm !== 'verb') return null;
  const r = subjectRange(q, s);
  if (!r || r[0] >= r[1]) return null;
  const raw = rawSubject(s, r[0], r[1]);
  return raw ? { r, raw } : null;
}

/**
 * The issuer named with a statement (بيان صادر عن الحكومة العراقية، بيان لوزارة الدفاع،
 * بيان وزارة الخارجية): an organisation mention, or the plain words after عن.
 */
function statementIssuer(s: SieveState, from: number, to: number): DocSpeaker | null {
  const { doc, lex } = s;
  let t = from;
  let linked = false;
  while (t < to && t - from < 3 && lex.issuerLinks.has(doc.tokens[t]!.norm)) {
    t++;
    linked = true;
  }
  if (t >= to) return null;
  const m = s.mentionAt.get(t);
  if (m) {
    const ent = doc.entities.get(m.entityId);
    if (ent && ent.type !== 'place') return { entityId: ent.id, name: ent.name, mention: { start: m.start, end: m.end }, resolution: 'organisation' };
  }
  if (!linked) return null;
  const raw = rawSubject(s, t, to);
  return raw ? { entityId: null, name: doc.source.slice(raw.start, raw.end), mention: raw, resolution: 'organisation' } : null;
}

/**
 * نفت وزارة الخارجية الشائعات، مؤكدة أن ...: a participle continues the verb that opens
 * its sentence; when that verb made no quote of its own, its subject is the speaker.
 */
function mainClauseSubject(q: DocQuote, s: SieveState): DocSpeaker | null {
  const c = q.hints.cueToken;
  if (c === undefined) return null;
  const { doc } = s;
  const sentence = doc.sentences[doc.tokens[c]!.sentence]!;
  for (let t = c - 1; t >= sentence.tokenStart; t--) {
    const hit = s.cueAt.get(t);
    if (!hit || hit.cue.kind !== 'verb') continue;
    if (hit.intro) return null;
    let from = t + 1;
    while (from < c && doc.tokens[from]!.end <= hit.span.end) from++;
    const m = s.mentionAt.get(from) ?? s.mentionEndingAt.get(t) ?? kanaSubject(s, t);
    if (m && !isAddressed(s, m)) return speakerFromMention(s, m, 'explicit');
    // وكانت الوزارة قد نفت ...، مؤكدة أن: a description before the verb; وطالب المدير الفني
    // للنادي ...، مشيرا إلى أن: a description after it.
    let d = s.coref ? copulaDescription(s, t) : null;
    if (!d && s.coref && from < c) {
      const end = rawSubjectEnd(s, from, c);
      if (end > from) d = describeTokens(s, from, end);
    }
    return d ? resolveDescription(s, d) : null;
  }
  // رفض رئيس الاتحاد عادل الشريف الاتهامات، مشيرا إلى أن: no cue verb, but the sentence
  // opens with a verb and its subject, and nothing spoke since.
  // (ومن المقاعد النيابية، تحدث رئيس المجلس مرزوق الغانم عن …، مضيفا: a short fronted phrase
  // and a comma may come before that verb.)
  let verb = sentence.tokenStart;
  const src = doc.source;
  for (let t = sentence.tokenStart + 1; t < Math.min(c, sentence.tokenStart + 5); t++) {
    const between = src.slice(doc.tokens[t - 1]!.end, doc.tokens[t]!.start);
    if (between.includes('،') || between.includes(',')) {
      verb = t;
      break;
    }
  }
  const m = s.mentionAt.get(verb + 1);
  if (!m || m.tokenEnd > c || isAddressed(s, m) || s.lex.subjectStops.has(doc.tokens[verb]!.norm)) return null;
  // Another verb cue in between has its own subject; a participle before this one (مشيرا إلى
  // الوقفة، مضيفا: …) continues the same main clause.
  for (const [other, hit] of s.cueAt) if (other >= sentence.tokenStart && other < c && other !== verb && hit.cue.kind === 'verb') return null;
  return speakerFromMention(s, m, 'explicit');
}

function lastMentionBefore(s: SieveState, entityId: string, before: number): number {
  let at = -1;
  for (const m of s.doc.mentions) {
    if (m.start >= before) break;
    if (m.entityId === entityId) at = m.start;
  }
  return at;
}

/** The entity of that type named last before `before`, as a speaker resolved as `resolution`. */
function lastMentionOf(s: SieveState, before: number, type: 'person' | 'organisation', resolution: DocSpeaker['resolution']): DocSpeaker | null {
  for (let i = s.doc.mentions.length - 1; i >= 0; i--) {
    const m = s.doc.mentions[i]!;
    if (m.start >= before) continue;
    const ent = s.doc.entities.get(m.entityId);
    if (ent?.type === type) return { entityId: ent.id, name: ent.name, resolution };
  }
  return null;
}
const lastPersonMention = (s: SieveState, before: number) => lastMentionOf(s, before, 'person', 'title');
const lastOrganisationMention = (s: SieveState, before: number) => lastMentionOf(s, before, 'organisation', 'organisation');

/**
 * The coreference side of the sieve: the index is built on the first description that needs it
 * (most articles name every speaker, and building it costs a pass over entities and mentions);
 * the speakers noted before then are replayed into it.
 *
 * Note: a class, not an object literal with a getter. A literal's accessor is a new closure per
 * article, which V8 keeps in the object's hidden map; maps live in the old generation, so every
 * young-generation collection held the closure, and through it the whole article, alive.
 */
class SieveCoref implements ArabicCoref {
  readonly lex: CorefLexicon;
  readonly facts: ArabicEntityFacts;
  private built: CorefIndex | null = null;
  private readonly speeches: Array<[string, number, number]> = [];
  constructor(
    coref: ArabicCoref,
    private readonly build: () => CorefIndex,
  ) {
    this.lex = coref.lex;
    this.facts = coref.facts;
  }

  get index(): CorefIndex {
    if (!this.built) {
      this.built = this.build();
      for (const [id, sentence, position] of this.speeches) this.built.noteSpeaker(id, sentence, position);
    }
    return this.built;
  }

  noteSpeaker(id: string, sentence: number, position: number): void {
    if (this.built) this.built.noteSpeaker(id, sentence, position);
    else this.speeches.push([id, sentence, position]);
  }
}

export function attributeArabicSpeakers(doc: Doc, lex: CueLexicon, cues: CueHit[], coref?: ArabicCoref | null): void {
  const mentionAt = new Map<number, EntityMention>();
  for (const m of doc.mentions) if (!mentionAt.has(m.tokenStart)) mentionAt.set(m.tokenStart, m);
  const mentionEndingAt = new Map<number, EntityMention>();
  for (const m of doc.mentions) if (doc.entities.get(m.entityId)?.type !== 'place') mentionEndingAt.set(m.tokenEnd, m);
  const s: SieveState = { doc, lex, mentionAt, mentionEndingAt, cueAt: new Map(cues.map((c) => [c.token, c])), last: null, lastOrganisation: null, lastSource: null, lastIssuer: null, coref: null, lastAt: -1 };
  const buildIndex = (coref: ArabicCoref): CorefIndex => {
    const features = coref.facts.features();
    const candidates: CorefCandidate[] = [];
    for (const [entityId, f] of features) {
      const type = doc.entities.get(entityId)?.type;
      if (type === 'person' || type === 'organisation') candidates.push({ entityId, type, features: f });
    }
    // Organisations the entity stage read no title for still carry the kind their name says (وزارة، مجموعة).
    const firstName = new Map<string, EntityMention>();
    for (const x of doc.mentions) if (x.kind === 'name' && !firstName.has(x.entityId)) firstName.set(x.entityId, x);
    for (const ent of doc.entities.values()) {
      if (ent.type !== 'organisation' || features.has(ent.id)) continue;
      const m = firstName.get(ent.id);
      if (!m) continue;
      const words: string[] = [];
      for (let t = m.tokenStart; t < m.tokenEnd; t++) words.push(bare(doc.tokens[t]!.norm, t === m.tokenStart));
      let d = describe(words, coref.lex, true);
      if (d) for (let t = m.tokenStart; t < m.tokenEnd; t++) d.nationality ??= coref.facts.nationalityAt.get(t) ?? null;
      // الحوثيين is also جماعة أنصار الله: the kind may be in another of its names.
      if (!d?.organisationKind) {
        const kind = kindFromNames(ent, coref.lex);
        if (kind) d = d ? { ...d, organisationKind: kind } : { ...emptyFeatures(), type: 'organisation', organisationKind: kind };
      }
      candidates.push({ entityId: ent.id, type: 'organisation', features: d ? { ...d } : { roles: [], domains: [], nationality: null, organisationKind: null, organisations: [], gender: null } });
    }
    // أعلنت مجموعة أرامكو: a kind word right before one of an organisation's names says its kind
    // (one pass over the mentions).
    const kindless = new Map<string, CorefCandidate>();
    for (const c of candidates) if (c.type === 'organisation' && !c.features.organisationKind) kindless.set(c.entityId, c);
    for (const x of doc.mentions) {
      const c = x.tokenStart > 0 ? kindless.get(x.entityId) : undefined;
      if (!c) continue;
      const before = describe([bare(doc.tokens[x.tokenStart - 1]!.norm, true)], coref.lex, true);
      if (before?.type === 'organisation' && before.organisationKind) {
        c.features = { ...c.features, organisationKind: before.organisationKind };
        kindless.delete(x.entityId);
      }
    }
    const at = doc.mentions.map((m) => ({ entityId: m.entityId, sentence: doc.tokens[m.tokenStart]!.sentence, position: m.tokenStart }));
    return new CorefIndex(coref.lex, candidates, at);
  };
  if (coref) s.coref = new SieveCoref(coref, () => buildIndex(coref));
  for (const q of doc.quotes) {
    let chosen: { speaker: DocSpeaker; confidence: number } | null = null;
    for (const rule of RULES) {
      chosen = rule.apply(q, s);
      if (chosen) {
        q.attributionRule = rule.id;
        break;
      }
    }
    if (!chosen) {
      q.speaker = null;
      q.attributionRule = 'ar.speaker.none';
      q.confidence = Math.min(q.confidence, 0.2);
      continue;
    }
    q.speaker = chosen.speaker;
    q.confidence = Math.min(q.confidence, chosen.confidence);
    s.lastAt = Math.max(0, firstTokenFrom(doc, q.end) - 1);
    if (chosen.speaker.entityId && s.coref && q.hints.cueToken !== undefined) {
      const c = q.hints.cueToken;
      s.coref.noteSpeaker(chosen.speaker.entityId, doc.tokens[c]!.sentence, c);
    }
    s.last = chosen.speaker;
    const ent = chosen.speaker.entityId ? doc.entities.get(chosen.speaker.entityId) : null;
    if (ent?.type === 'organisation') s.lastOrganisation = { ...chosen.speaker, mention: undefined };
    if (chosen.speaker.resolution === 'source') s.lastSource = { ...chosen.speaker, mention: undefined };
  }
}
