// Attributes English quotations with an ordered sieve (as the Arabic one): the
// first rule that applies wins and the quote records its id.
//
//   en.speaker.continuation   a quoted sentence with no verb of its own, or the next
//                             paragraph of a quotation: the speaker goes on;
//   en.speaker.headline       "Lavrov: ..." / "'...' – Calloway fumes";
//   en.speaker.according-to   according to X;
//   en.speaker.inverted       "...," said Lavrov;
//   en.speaker.after-quote    "...," Lavrov said / the minister said / he said;
//   en.speaker.before-cue     Lavrov said: "..." / Lavrov said that ...;
//   en.speaker.participle     ..., saying ... / with X saying ...: the main clause's subject;
//   en.speaker.next-sentence  "..." The remark came from X;
//   en.speaker.colon          X gave a short answer: "Yes." (a named subject only);
//   en.speaker.none           nothing applies: no speaker, low confidence.
//
// A speaker phrase is resolved the same way whatever rule found it: a person
// named in it; a title bound to a person ("the minister") or else the last
// person named before; a pronoun to the last named person who fits (he/she by
// gender where known); an unnamed source ("a senior official briefed on the
// talks") as a speaker without an entity, its description as its name; "the
// source" to the last unnamed source; "the group", "the ministry" to the last
// organisation; an organisation or a country named in it.
import { firstTokenFrom, type Doc, type DocQuote, type DocSpeaker, type EntityMention } from '../../document.ts';
import type { EnCueLexicon } from './cue-lexicon.ts';
import type { EnQuoteInfo } from './quotes.ts';
import type { EnglishEntityFacts } from './entities.ts';
import type { CompiledEnEntityRules } from './entity-rules.ts';
import { Pos, givenNameGender } from './nlp.ts';
import type { Gazetteer } from '../../entities/gazetteer.ts';
import { CorefIndex, compatibility, describe as describeWords, emptyFeatures, readFeatures, type CorefCandidate, type CorefDescription, type CorefFeatures, type CorefLexicon } from '../../entities/coref.ts';

interface Found {
  speaker: DocSpeaker;
  confidence: number;
  via?: string;
}


export function attributeEnglishSpeakers(
  doc: Doc,
  lex: EnCueLexicon,
  info: Map<DocQuote, EnQuoteInfo>,
  facts: EnglishEntityFacts,
  rules: CompiledEnEntityRules,
  pos: Uint32Array,
  coref: CorefLexicon,
  gz: Gazetteer | null,
): void {
  const src = doc.source;
  const toks = doc.tokens;
  const norms = toks.map((t) => t.norm);
  const has = (j: number, bits: number) => ((pos[j] ?? 0) & bits) !== 0;
  const mentionAt = new Map<number, EntityMention>();
  for (const m of doc.mentions) for (let k = m.tokenStart; k < m.tokenEnd; k++) mentionAt.set(k, m);
  // Quotations, by start: a name inside one is what the speaker talks about, not who speaks next.
  const quoteSpans = [...doc.quotes].sort((a, b) => a.start - b.start);
  const inQuote = (pos0: number): DocQuote | null => {
    let lo = 0;
    let hi = quoteSpans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (quoteSpans[mid]!.start <= pos0) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - 3; k--) if (quoteSpans[k]!.end > pos0) return quoteSpans[k]!;
    return null;
  };
  const outside = (m: EntityMention) => !inQuote(m.start);
  const corefIndex = buildCorefIndex(doc, coref, lex, gz, facts, pos, outside);
  /** Entities named inside the quotation: its speaker is rarely among them (Starmer "should hear …," the Prime Minister responded). */
  const namedInside = (q: DocQuote | undefined) => {
    const ids = new Set<string>();
    if (!q) return ids;
    for (const m of doc.mentions) {
      if (m.start >= q.end) break;
      if (m.start >= q.start && m.end <= q.end && m.kind !== 'title') ids.add(m.entityId);
    }
    return ids;
  };
  const typeOf = (m: EntityMention) => doc.entities.get(m.entityId)?.type;
  let lastSource: DocSpeaker | null = null;
  const sourcesByHead = new Map<string, DocSpeaker>();
  let lastPlural: DocSpeaker | null = null;
  const gapAt = (j: number) => (j > 0 ? src.slice(toks[j - 1]!.end, toks[j]!.start) : '');
  /** A noun for a person (a woman, a witness, a spokesman). */
  const personNoun = (w: string) => lex.genderedNouns.male.has(w) || lex.genderedNouns.female.has(w) || lex.sourceNouns.has(w);
  const sentenceOf = (j: number) => doc.sentences[toks[j]!.sentence]!;
  // who/which as relative pronouns (not the WHO).
  const isRelative = (k: number) => lex.relativePronouns.has(norms[k]!) && src[toks[k]!.start] === norms[k]![0];

  const fromMention = (m: EntityMention, resolution: DocSpeaker['resolution']): DocSpeaker => {
    const ent = doc.entities.get(m.entityId)!;
    return { entityId: ent.id, name: ent.name, mention: { start: m.start, end: m.end }, resolution: m.kind === 'title' ? 'title' : ent.type === 'organisation' ? 'organisation' : resolution };
  };
  /** The last mention before token `before` that passes `ok`. */
  const lastMention = (before: number, ok: (m: EntityMention) => boolean): EntityMention | null => {
    let best: EntityMention | null = null;
    for (const m of doc.mentions) {
      if (m.tokenEnd > before) break;
      if (ok(m)) best = m;
    }
    return best;
  };
  /** Whether a mention stands before the first verb of its sentence (its subject, or part of it). */
  const inSubjectPosition = (m: EntityMention): boolean => {
    const s = doc.sentences[toks[m.tokenStart]!.sentence]!;
    for (let k = s.tokenStart; k < m.tokenStart; k++) if (has(k, Pos.Verb) && !mentionAt.has(k) && !has(k, Pos.Gerund | Pos.Participle | Pos.Adverb) && !lex.subjectAdverbs.has(norms[k]!)) return false;
    return true;
  };
  const genderOf = (id: string) => corefIndex.candidate(id)?.features.gender ?? facts.gender.get(id) ?? null;
  const fitsGender = (m: EntityMention, g: 'm' | 'f' | null) => !g || !genderOf(m.entityId) || genderOf(m.entityId) === g;
  /** Speakers already chosen, by sentence. */
  const speakerOfSentence = new Map<number, DocSpeaker>();
  /**
   * The person a pronoun or a bare title most likely refers to: walking back sentence by
   * sentence, the speaker of a quote there or a person in subject position (before the
   * sentence's first verb) that fits; else the last person named who fits.
   */
  const recentSubject = (before: number, ok: (m: EntityMention) => boolean, g: 'm' | 'f' | null = null): EntityMention | DocSpeaker | null => {
    if (before <= 0) return null;
    const first = toks[Math.min(before, toks.length - 1)]!.sentence;
    let chained = false;
    for (let si = first; si >= 0 && si >= first - 6; si--) {
      const s = doc.sentences[si]!;
      let verb = s.tokenEnd;
      for (let k = s.tokenStart; k < s.tokenEnd; k++) {
        // (“…,” Mohsin told a news conference after he said …: the verbs of a quotation are not the sentence's.)
        if (has(k, Pos.Verb) && !mentionAt.has(k) && !has(k, Pos.Gerund | Pos.Participle) && !inQuote(toks[k]!.start)) {
          verb = k;
          break;
        }
      }
      // A sentence before this one whose quotation has a person as speaker has them as subject
      // ("Answering questions from TD Gino Kenny, the chief executive Stephen Mulvany said: …").
      const sp = speakerOfSentence.get(si);
      if (sp?.entityId && doc.entities.get(sp.entityId)?.type === 'person' && si !== first) {
        const m = doc.mentions.find((x) => x.entityId === sp.entityId);
        if (m && ok(m)) return sp;
      }
      // So is an unnamed one whose description does not say another gender ("the judge — without
      // mentioning Khan's name — remarked that …" / "“…,” he said": the judge, not Khan).
      if (g && sp && !sp.entityId && si !== first && (sp.resolution === 'source' || sp.resolution === 'description') && (unnamedGender(sp.name) ?? g) === g) return sp;
      // Of the persons in subject position that fit, one whose gender is known to match comes first.
      let unsure: EntityMention | null = null;
      for (let k = s.tokenStart; k < Math.min(verb, before); k++) {
        const m = mentionAt.get(k);
        if (!m || typeOf(m) !== 'person' || !ok(m) || !outside(m)) continue;
        if (!g || genderOf(m.entityId) === g) return m;
        unsure ??= m;
      }
      if (unsure) return unsure;
      // An unnamed speaker whose description says the gender (Mrs May's spokesman … he said).
      if (g && sp && !sp.entityId && si !== first && (sp.resolution === 'source' || sp.resolution === 'description') && unnamedGender(sp.name) === g) return sp;
      // "… as unpleasant as the champions' manager Michael Ryan. Having set out …, he had to
      // watch …. “…,” he said": past a sentence whose subject is the same pronoun, the person that
      // pronoun took up is the last one named in the sentence before it, in whatever position.
      if (chained && g) {
        for (let k = Math.min(s.tokenEnd, before) - 1; k >= s.tokenStart; k--) {
          const m = mentionAt.get(k);
          if (m && typeOf(m) === 'person' && ok(m) && outside(m) && genderOf(m.entityId) === g) return m;
        }
      }
      if (g && si !== first && si < first) {
        chained = false;
        // (The pronoun as a subject: right before a verb, anywhere in the sentence.)
        const same = g === 'm' ? lex.pronouns.male : lex.pronouns.female;
        for (let k = s.tokenStart; k + 1 < s.tokenEnd && !chained; k++) if (same.has(norms[k]!) && has(k + 1, Pos.Verb) && !inQuote(toks[k]!.start)) chained = true;
      }
    }
    return lastMention(before, (x) => typeOf(x) === 'person' && ok(x) && outside(x));
  };
  const asSpeaker = (r: EntityMention | DocSpeaker, resolution: DocSpeaker['resolution']): DocSpeaker =>
    'entityId' in r && 'tokenStart' in r ? fromMention(r as EntityMention, resolution) : { ...(r as DocSpeaker), mention: undefined, resolution };
  /** Titles that resolved to a person in this article (the chief executive → Marcus Obi). */
  const titleBound = new Map<string, DocSpeaker>();

  /** A title word in the plural (chiefs, commissioners): a group of unnamed holders, as a source noun is. */
  const pluralTitle = (w: string) => w.length > 3 && w.endsWith('s') && rules.titles.has(w.slice(0, -1));
  const lowWords = (t: string) => t.toLowerCase().split(/[\s’']+/).filter(Boolean);
  /** The speaker of the nearest quote before `before` (within six sentences), when a person whose gender, guessed from a given name alone, is not `g`. */
  const lastGuessedSpeaker = (before: number, g: 'm' | 'f'): { speaker: DocSpeaker; sentence: number } | null => {
    const first = toks[Math.min(before, toks.length - 1)]!.sentence;
    for (let si = first; si >= 0 && si >= first - 6; si--) {
      const sp = speakerOfSentence.get(si);
      if (!sp) continue;
      if (!sp.entityId || !facts.nameGender.has(sp.entityId) || genderOf(sp.entityId) === g) return null;
      return { speaker: sp, sentence: si };
    }
    return null;
  };
  const unnamedGender = (name: string): 'm' | 'f' | null => {
    const words = lowWords(name);
    const g = describeWords(words, coref, false)?.gender ?? null;
    if (g) return g;
    // "Another woman", "a local father of three": the head noun's gender.
    const male = words.some((w) => lex.genderedNouns.male.has(w));
    const female = words.some((w) => lex.genderedNouns.female.has(w));
    return male === female ? null : male ? 'm' : 'f';
  };
  /** Unnamed people the article introduces or quotes (an unnamed Cabinet minister; a senior official briefed on the talks). */
  const unnamedPeople: Array<{ speaker: DocSpeaker; d: CorefDescription; sentence: number; position: number }> = [];
  const noteUnnamed = (speaker: DocSpeaker, sentence: number, position: number) => {
    const d = describeWords(lowWords(speaker.name), coref, false);
    if (d && d.type === 'person') unnamedPeople.push({ speaker: { ...speaker, mention: undefined }, d, sentence, position });
  };
  // "An unnamed Cabinet minister launched …": an indefinite description opening a sentence outside quotes.
  for (const sent of doc.sentences) {
    let a = sent.tokenStart;
    // "Elsewhere an unnamed Cabinet minister …", "Meanwhile, a senior official …".
    if (lex.sentenceAdverbs.has(norms[a] ?? '')) a++;
    if (!lex.determiners.has(norms[a] ?? '') || lex.definites.has(norms[a] ?? '') || inQuote(toks[a]!.start)) continue;
    let e = a + 1;
    while (e < sent.tokenEnd && e - a < 6 && !(mentionAt.has(e) && typeOf(mentionAt.get(e)!) === 'person') && /^\s+$/.test(gapAt(e)) && !(has(e, Pos.Verb) && !has(e, Pos.Noun | Pos.Adjective))) e++;
    const d = describeWords(norms.slice(a, e), coref, false);
    if (!d || d.type !== 'person' || !lex.sourceNouns.has(norms[e - 1]!)) continue;
    unnamedPeople.push({ speaker: { entityId: null, name: src.slice(toks[a]!.start, toks[e - 1]!.end), resolution: 'source' }, d, sentence: sent.tokenStart === a ? toks[a]!.sentence : toks[a]!.sentence, position: a });
  }
  /** The most recent unnamed person before token `before` that the description fits, with its distance in sentences. */
  const unnamedFor = (d: CorefDescription, before: number): { speaker: DocSpeaker; distance: number } | null => {
    const sentence = toks[Math.min(before, toks.length - 1)]!.sentence;
    let best: (typeof unnamedPeople)[number] | null = null;
    for (const u of unnamedPeople) {
      if (u.position >= before || sentence - u.sentence > 12) continue;
      if (!compatibility(d, { entityId: '', type: 'person', features: u.d }, coref)) continue;
      if (!best || u.position > best.position) best = u;
    }
    return best ? { speaker: best.speaker, distance: sentence - best.sentence } : null;
  };
  /** A description in the lede may name its person just after it (Iran's foreign minister said … Mohammad Javad Zarif spoke …). */
  const resolveAhead = (d: CorefDescription, sentence: number, after: number, exclude: (id: string) => boolean) => {
    for (const m of doc.mentions) {
      if (m.tokenStart <= after || typeOf(m) !== 'person' || !outside(m)) continue;
      if (toks[m.tokenStart]!.sentence - sentence > 2) break;
      const cand = corefIndex.candidate(m.entityId);
      if (!cand || exclude(m.entityId)) continue;
      const fit = compatibility(d, cand, coref);
      if (fit && fit.agreed.includes('role')) return { entityId: m.entityId, rule: 'coref.person.ahead', distance: 0 };
    }
    return null;
  };

  /** The speaker named by the phrase in tokens [from, to), for a quote whose cue is at `at`. */
  const resolve = (from: number, to: number, at: number, resolution: DocSpeaker['resolution'], q?: DocQuote): Found | null => {
    // "AKRON (AP) -- Analysts say": the dateline before the subject is not part of it.
    const dl = doc.dateline;
    if (dl && toks[from]!.start < dl.end) while (to - from >= 2 && toks[from]!.start < dl.end + 2) from++;
    // "where he allegedly claimed": a relative word before the subject, an adverb after it.
    if (to - from >= 2 && lex.clauseOpeners.has(norms[from]!) && !mentionAt.has(from)) from++;
    while (to - from >= 2 && !mentionAt.has(to - 1) && (lex.subjectAdverbs.has(norms[to - 1]!) || (has(to - 1, Pos.Adverb) && /ly$/.test(norms[to - 1]!)))) to--;
    while (from < to && lex.subjectAdverbs.has(norms[from]!) && !mentionAt.has(from)) from++;
    // "Bongo's spokesman however said": a sentence adverb between the subject and the cue is not part of it.
    while (to - from >= 2 && (lex.sentenceAdverbs.has(norms[to - 1]!) || lex.subjectAdverbs.has(norms[to - 1]!)) && !mentionAt.has(to - 1)) to--;
    // "The government on Saturday said": a time adjunct at the end is not part of who speaks.
    while (to - from >= 3 && lex.timeWords.has(norms[to - 1]!) && !mentionAt.has(to - 1) && lex.timeLeads.has(norms[to - 2]!)) to -= 2;
    if (from >= to) return null;
    const span = { start: toks[from]!.start, end: toks[to - 1]!.end };
    // A pronoun.
    if (to - from === 1) {
      const w = norms[from]!;
      const g = lex.pronouns.male.has(w) ? 'm' : lex.pronouns.female.has(w) ? 'f' : null;
      if (g) {
        const m = recentSubject(from, (x) => fitsGender(x, g), g);
        // "Kim Hyun Joon … said …. “…,” he said": the person quoted last, whose gender was only
        // guessed from a given name (compromise reads Kim as female), is nearer than the person
        // the guess would pass over to.
        const guessedLast = lastGuessedSpeaker(from, g);
        if (guessedLast && (!m || !('tokenStart' in m) || toks[m.tokenStart]!.sentence < guessedLast.sentence)) {
          return { speaker: { ...guessedLast.speaker, mention: span, resolution: 'implicit' }, confidence: 0.6, via: 'pronoun' };
        }
        if (m) return { speaker: { ...asSpeaker(m, 'implicit'), mention: span, resolution: 'implicit' }, confidence: 0.75, via: 'pronoun' };
        // "KM Nurul Huda … He said": a gender guessed from a given name alone (Nurul) yields to the
        // pronoun when no person fits it.
        const guessed = recentSubject(from, (x) => fitsGender(x, g) || facts.nameGender.has(x.entityId));
        if (!guessed) return null;
        return { speaker: { ...asSpeaker(guessed, 'implicit'), mention: span, resolution: 'implicit' }, confidence: 0.6, via: 'pronoun' };
      }
      if (lex.pronouns.plural.has(w)) {
        if (lastPlural) return { speaker: { ...lastPlural, mention: span, resolution: 'implicit' }, confidence: 0.6, via: 'pronoun' };
        const m = lastMention(from, (x) => typeOf(x) === 'organisation');
        if (m) return { speaker: { ...fromMention(m, 'implicit'), mention: span }, confidence: 0.55, via: 'pronoun' };
        const np = pluralBefore(from);
        if (np) return { speaker: { entityId: null, name: np.name, mention: span, resolution: 'implicit' }, confidence: 0.55, via: 'pronoun' };
        return null;
      }
      if (lex.pronouns.neuter.has(w)) {
        // "…," it said: the organisation last named outside quotations (a place a quotation talks
        // about, "in Ondo state", is not who speaks); a place only when no organisation was named.
        // The organisation that has been speaking comes first (NCDC said …; … "…," it said), when it
        // spoke within the last few paragraphs.
        if (q) {
          for (let k = doc.quotes.indexOf(q) - 1; k >= 0; k--) {
            const o = doc.quotes[k]!;
            if (q.hints.paragraph - o.hints.paragraph > 3) break;
            if (!o.speaker?.entityId || doc.entities.get(o.speaker.entityId)?.type !== 'organisation') continue;
            // Another organisation in subject position since then (Later the WFP announced …) is "it".
            const rival = doc.mentions.some((x) => x.start >= o.end && x.end <= q.start && typeOf(x) === 'organisation' && x.entityId !== o.speaker!.entityId && outside(x) && inSubjectPosition(x));
            if (rival) break;
            return { speaker: { ...o.speaker, mention: span, resolution: 'implicit' }, confidence: 0.6, via: 'pronoun' };
          }
        }
        // An organisation in subject position (UPS earned …) before one in a complement (closed on
        // the New York Stock Exchange), within the last few paragraphs.
        const near = (x: EntityMention) => toks[from]!.sentence - toks[x.tokenStart]!.sentence <= 12;
        const m =
          lastMention(from, (x) => typeOf(x) === 'organisation' && outside(x) && near(x) && inSubjectPosition(x)) ??
          lastMention(from, (x) => typeOf(x) === 'organisation' && outside(x)) ??
          lastMention(from, (x) => typeOf(x) === 'place' && outside(x));
        if (m) return { speaker: { ...fromMention(m, 'implicit'), mention: span }, confidence: 0.55, via: 'pronoun' };
        return null;
      }
    }
    // Cut the phrase at a comma or a relative clause: "A WHO official, who was not authorised ...".
    let end = from;
    // A name a hyphen joins to the next word (Korea-based, US-led), before `limit`: it modifies the head.
    const hyphenModifier = (m: EntityMention | undefined, limit: number) => !!m && m.tokenEnd < limit && /^[-‐]$/.test(gapAt(m.tokenEnd));
    const startsHyphenModifier = (k: number, limit: number) => mentionAt.get(k)?.tokenStart === k && hyphenModifier(mentionAt.get(k), limit);
    // (Not before such a place: the Suwon, South Korea-based company; nor at a title's acronym in
    // brackets: Delhi Chief Electoral Officer (CEO) Ranbir Singh.)
    const bracketedAcronym = (k: number) => /^\s*\($/.test(gapAt(k)) && k + 1 < to && /^\)\s+$/.test(gapAt(k + 1)) && /^\p{Lu}{2,6}$/u.test(src.slice(toks[k]!.start, toks[k]!.end));
    while (end < to && (end === from || !/[,;(]/.test(gapAt(end)) || (/^,\s*$/.test(gapAt(end)) && startsHyphenModifier(end, to)) || bracketedAcronym(end) || (end > from && bracketedAcronym(end - 1))) && !isRelative(end)) end++;
    if (end === from) return null;
    const words = norms.slice(from, end);
    // The head noun: the last noun before a preposition or a participle.
    let headIdx = -1;
    // Where the head's phrase ends: a participle or relative after it starts a clause about it
    // ("the latest report released by the NCDC via its official website" is a report, not an official).
    let phraseEnd = end;
    for (let k = from; k < end; k++) {
      if (k > from && (lex.headStops.has(norms[k]!) || isRelative(k))) break;
      // "Malaysia PM defies pressure to quit, says …": the subject's own finite verb ends its phrase.
      if (k > from && has(k, Pos.Verb) && has(k, Pos.PresentTense | Pos.PastTense) && !has(k, Pos.Noun | Pos.Participle | Pos.Gerund) && !mentionAt.has(k)) {
        phraseEnd = k;
        break;
      }
      if (k > from && has(k, Pos.Participle | Pos.PastTense) && !has(k, Pos.Noun)) {
        phraseEnd = k;
        break;
      }
      if (!lex.determiners.has(norms[k]!)) headIdx = k;
    }
    const head = headIdx >= 0 ? norms[headIdx]! : '';
    // "the Suwon, South Korea-based company said": a name joined to the next word by a hyphen
    // (Korea-based, US-led) modifies the head; the phrase cut at the comma is a definite description.
    const definite = lex.definites.has(words[0] ?? '') || startsHyphenModifier(from, end);
    // A person named in the phrase (also a title already bound to one: the minister).
    const possessor = (m: EntityMention) => m.tokenEnd < end && norms[m.tokenEnd] === 's' && /^['’]$/.test(gapAt(m.tokenEnd));
    const nameText = src.slice(toks[from]!.start, toks[end - 1]!.end);
    const inside = namedInside(q);
    const sentenceAt = toks[Math.min(at, toks.length - 1)]!.sentence;
    // A description (the Prime Minister, the Kremlin spokesman, Iran's foreign minister, the
    // Islamist faction): the coreference core picks the most salient entity it fits.
    // (So is "Malaysia PM", "Kenya police chief": a place or body right before the title, as in headlines.)
    const possessed = (() => {
      const m = mentionAt.get(from);
      if (!m || m.tokenStart !== from || typeOf(m) === 'person') return null;
      if (possessor(m)) return m;
      return m.tokenEnd < end && headIdx >= m.tokenEnd && rules.titles.has(norms[headIdx]!) && /^\s+$/.test(gapAt(m.tokenEnd)) ? m : null;
    })();
    const corefFor = (): Found | null => {
      if (!definite && !possessed) return null;
      let d: CorefDescription | null = describeWords(norms.slice(from, phraseEnd), coref, false);
      if (!d) return null;
      // "Iran's foreign minister" is a person; "Yemen's health ministry" stays as written.
      if (possessed && d.type !== 'person') return null;
      // The organisations named inside (the Kremlin spokesman): the referent belongs to one of them.
      for (let k = from; k < end; k++) {
        const m = mentionAt.get(k);
        if (m && typeOf(m) === 'organisation' && d.type === 'person' && !d.organisations.includes(m.entityId)) d = { ...d, organisations: [...d.organisations, m.entityId] };
      }
      const exclude = (id: string) => inside.has(id) || (mentionAt.get(headIdx)?.entityId === id && d!.type === 'person' && typeOf(mentionAt.get(headIdx)!) !== 'person');
      // "Marcus Obi has heard the jokes. The chief executive of Corvane Robotics … says": a description that
      // names its organisation introduces the role of the person just named; a bare one ("the prosecutor") does not.
      const namesItsBody = d.type === 'person' && d.organisations.length > 0;
      const back = corefIndex.resolve(d, sentenceAt, from, exclude, namesItsBody ? { unknownRoleReach: 1 } : undefined);
      const unnamed = d.type === 'person' ? unnamedFor(d, from) : null;
      if (unnamed && (!back || unnamed.distance < back.distance)) return { speaker: { ...unnamed.speaker, mention: span, resolution: 'source' }, confidence: 0.6, via: 'coref.unnamed' };
      const match = back ?? (d.type === 'person' ? resolveAhead(d, sentenceAt, at, exclude) : null);
      if (match) {
        const ent = doc.entities.get(match.entityId)!;
        // What the description says is now known of the entity (the chief executive … later "the chief executive").
        corefIndex.addFeatures(match.entityId, { ...d, gender: d.type === 'person' ? d.gender : null });
        return { speaker: { entityId: ent.id, name: ent.name, mention: span, resolution: d.type === 'person' ? 'title' : 'organisation' }, confidence: 0.7, via: match.rule };
      }
      // An organisation of that kind not named (the German foreign ministry … the ministry): the phrase rules below.
      if (!definite || d.type === 'organisation') return null;
      return { speaker: { entityId: null, name: nameText, mention: span, resolution: 'description' }, confidence: 0.4, via: 'description' };
    };
    /**
     * "An assistant to Prosecuting Attorney Ruth Okoye said", "a spokesman for President X": a person
     * after the head noun and to/for (or of, with lowercase words between: the lawyer of convicted
     * killer X) is the head's complement, not who speaks. "Minister of Foreign Affairs Sergey Lavrov"
     * is a title and its holder.
     */
    const complementOfHead = (m: EntityMention): boolean => {
      if (headIdx < from || headIdx >= m.tokenStart || mentionAt.has(headIdx)) return false;
      for (let p = headIdx + 1; p < m.tokenStart; p++) {
        const w = norms[p]!;
        if (w === 'to') return true;
        // "Minister for Kashmir Affairs Barjees Tahir": a portfolio in capitals after "for" is the
        // title's; "a spokesman for President X": a title right before the name makes it the complement.
        if (w === 'for') {
          let caps = p + 1 < m.tokenStart;
          for (let t = p + 1; t < m.tokenStart && caps; t++) caps = /^\p{Lu}/u.test(src.slice(toks[t]!.start, toks[t]!.end));
          return !(caps && rules.titles.has(norms[headIdx]!) && !rules.titles.has(norms[m.tokenStart - 1]!));
        }
        if (w === 'of') {
          for (let t = p + 1; t < m.tokenStart; t++) if (!/^\p{Lu}/u.test(src.slice(toks[t]!.start, toks[t]!.end)) && !['of', 'and', 'the'].includes(norms[t]!)) return true;
          return false;
        }
      }
      return false;
    };
    for (let k = from; k < to; k++) {
      const m = mentionAt.get(k);
      // Past the phrase's cut, in an aside, only a name right after the comma stands for the
      // subject (The minister, Sergey Lavrov, said); "the jurist, without mentioning Trump by name," does not.
      if (m && k >= end && !(m.tokenStart === k && /,/.test(gapAt(k)))) continue;
      // "Delhi BJP chief Manoj Tiwari's claims that …": a possessor with nothing after it but the cue
      // (a noun of speech) is who speaks; "Putin's spokesman said" is the spokesman.
      if (m && typeOf(m) === 'person' && (!possessor(m) || m.tokenEnd + 1 >= to)) {
        if (complementOfHead(m)) {
          k = m.tokenEnd - 1;
          continue;
        }
        // "William Blair analyst Nicholas Heymann said": a name before a title word and the
        // title's holder is the holder's firm or place, not who speaks.
        let holder = -1;
        for (let k2 = m.tokenEnd + 1; k2 < Math.min(to, m.tokenEnd + 4) && holder < 0; k2++) {
          const m2 = mentionAt.get(k2);
          if (m2 && m2.tokenStart === k2 && typeOf(m2) === 'person' && m2.kind !== 'title' && rules.titles.has(norms[k2 - 1]!)) holder = k2;
        }
        if (holder >= 0) {
          k = holder - 1;
          continue;
        }
        if (m.kind === 'title') {
          const viaCore = corefFor();
          if (viaCore && viaCore.speaker.entityId) return viaCore;
          if (inside.has(m.entityId)) return viaCore;
        }
        const sp = fromMention(m, resolution);
        // "Prince Abdulaziz said": the speaker is named with the honorific as written.
        const h = m.tokenStart;
        if (m.kind !== 'title' && h > from && rules.honorifics.has(norms[h - 1]!) && /^\s+$/.test(gapAt(h))) sp.mention = { start: toks[h - 1]!.start, end: m.end };
        return { speaker: sp, confidence: m.kind === 'title' ? 0.8 : 0.9 };
      }
    }
    // Note: a phrase whose head is a name (The Russian Foreign Ministry said) names its speaker.
    if (!(headIdx >= 0 && mentionAt.has(headIdx))) {
      const viaCore = corefFor();
      if (viaCore) return viaCore;
    }
    // An unnamed source: a senior official briefed on the talks; the source.
    if (head && (lex.sourceNouns.has(head) || pluralTitle(head)) && !(headIdx >= 0 && mentionAt.has(headIdx))) {
      if (definite) {
        const prev = sourcesByHead.get(head) ?? (lastSource && !lex.collectiveSources.has(head) ? lastSource : null);
        if (prev) return { speaker: { ...prev, mention: span, resolution: 'source' }, confidence: 0.7, via: 'unnamed' };
      }
      // A title over a person named before (the spokeswoman, the governor) is a person, not a source.
      if (!(definite && rules.titles.has(head))) {
        const sp: DocSpeaker = { entityId: null, name: nameText, mention: { start: toks[from]!.start, end: toks[end - 1]!.end }, resolution: 'source' };
        return { speaker: sp, confidence: 0.7, via: 'unnamed' };
      }
    }
    // "the 26-year-old": an age stands for a person, as a title does.
    // "the 65-year-old jurist" too: an age with a head noun after it.
    if (definite && words.includes('year') && (words[words.length - 1] === 'old' || words[words.indexOf('year') + 1] === 'old')) {
      const m = recentSubject(at, () => true);
      if (m) return { speaker: { ...asSpeaker(m, 'title'), mention: span, resolution: 'title' }, confidence: 0.6, via: 'title' };
    }
    // A title or a demonym with no name: the last person named before who fits (the minister, the Norwegian).
    if (head && (rules.titles.has(head) || facts.demonyms.has(headIdx)) && !mentionAt.has(headIdx)) {
      const d = describeWords([head], coref, false);
      const g = d?.gender ?? null;
      const bound = titleBound.get(head);
      if (bound && definite) return { speaker: { ...bound, mention: span, resolution: 'title' }, confidence: 0.7, via: 'title' };
      const withRole = lastMention(at, (x) => typeOf(x) === 'person' && fitsGender(x, g) && (doc.entities.get(x.entityId)?.roles ?? []).some((r) => r.split(' ').includes(head)));
      // Not a person whose known roles say otherwise ("PTI Chairman Imran Khan … Judge says").
      const mayHold = (x: EntityMention) => {
        const c = d?.type === 'person' ? corefIndex.candidate(x.entityId) : undefined;
        return !c || compatibility(d!, c, coref) !== null;
      };
      const m = withRole ?? recentSubject(at, (x) => fitsGender(x, g) && mayHold(x) && !(x.tokenStart >= from && x.tokenEnd <= to));
      if (m) {
        const sp = asSpeaker(m, 'title');
        if (definite) titleBound.set(head, { ...sp, mention: undefined });
        return { speaker: { ...sp, mention: span, resolution: 'title' }, confidence: 0.65, via: 'title' };
      }
      if (!definite) return { speaker: { entityId: null, name: nameText, mention: span, resolution: 'source' }, confidence: 0.5, via: 'unnamed' };
      return null;
    }
    // "the group", "the ministry", "the statement": the last organisation.
    if (definite && head && (lex.groupNouns.has(head) || lex.statementNouns.has(head)) && !mentionAt.has(headIdx)) {
      // The last organisation of that kind, or of no known kind (the club is not the broadcaster named last).
      const kindFits = (x: EntityMention) => {
        const k = facts.orgKind.get(x.entityId);
        return !k || k === head || lex.statementNouns.has(head);
      };
      // Of those, the one the article has named most so far ("the company" of a company profile), the latest on a tie.
      const mostNamed = (ok: (x: EntityMention) => boolean): EntityMention | null => {
        const count = new Map<string, number>();
        let best: EntityMention | null = null;
        for (const x of doc.mentions) {
          if (x.tokenEnd > at) break;
          if (typeOf(x) !== 'organisation' || !ok(x)) continue;
          const c = (count.get(x.entityId) ?? 0) + 1;
          count.set(x.entityId, c);
          if (!best || c >= (count.get(best.entityId) ?? 0)) best = x;
        }
        return best;
      };
      const m = mostNamed((x) => facts.orgKind.get(x.entityId) === head) ?? mostNamed(kindFits);
      if (m) return { speaker: { ...fromMention(m, 'organisation'), mention: span }, confidence: 0.7, via: 'organisation' };
    }
    if (definite && head && lex.groupNouns.has(head) && !mentionAt.has(headIdx)) {
      const named = phraseWithHead(head, from);
      if (named) return { speaker: { entityId: null, name: named, mention: span, resolution: 'organisation' }, confidence: 0.6, via: 'organisation' };
    }
    // An organisation or a country named in it.
    for (let k = from; k < end; k++) {
      const m = mentionAt.get(k);
      if (hyphenModifier(m, end)) continue;
      if (m && (typeOf(m) === 'organisation' || typeOf(m) === 'place')) {
        // "the spokesman of Parliament", "a spokesman for the ministry": a person of the body speaks,
        // not the body; with no one the description binds to, the description as written.
        // "Fire chiefs in Australia", "farmers from across Kenya": a place after a preposition is
        // where the head's people are, not who speaks.
        let placeComplement = false;
        if (typeOf(m) === 'place') for (let p = Math.max(from, headIdx + 1); p < m.tokenStart; p++) if (has(p, Pos.Preposition)) placeComplement = true;
        if (headIdx >= 0 && headIdx < m.tokenStart && !mentionAt.has(headIdx) && (rules.titles.has(head) || lex.sourceNouns.has(head) || pluralTitle(head) || placeComplement))
          return { speaker: { entityId: null, name: nameText, mention: { start: toks[from]!.start, end: toks[end - 1]!.end }, resolution: definite ? 'description' : 'source' }, confidence: 0.5, via: 'description' };
        // "Yemen’s health ministry": the ministry, not Yemen; "Ukraine's air force": the air force as written.
        const later = mentionAt.get(end - 1);
        const pick = later && later !== m && typeOf(later) === 'organisation' ? later : m;
        if (pick === m && possessor(m) && m.tokenEnd + 1 < end) return { speaker: { entityId: null, name: nameText, mention: { start: toks[from]!.start, end: toks[end - 1]!.end }, resolution: 'source' }, confidence: 0.6, via: 'unnamed' };
        return { speaker: { ...fromMention(pick, resolution), mention: span }, confidence: 0.8 };
      }
    }
    // Words as written: an unknown name or a group (Diplomats, Aid agencies); not a count ("428 patients are waiting …").
    if (end > from && end - from <= 8 && !lex.determiners.has(words[words.length - 1]!) && !/^\d/.test(words[0]!)) {
      return { speaker: { entityId: null, name: nameText, mention: { start: toks[from]!.start, end: toks[end - 1]!.end }, resolution: 'source' }, confidence: 0.5, via: 'unnamed' };
    }
    return null;
  };

  /** The last phrase before token `before` that ends in `head` with modifiers (The German foreign ministry), without its article. */
  const phraseWithHead = (head: string, before: number): string | null => {
    for (let k = before - 1; k > 0; k--) {
      if (norms[k] !== head || mentionAt.has(k)) continue;
      let a = k;
      while (a > 0 && k - a < 4 && toks[a - 1]!.sentence === toks[k]!.sentence && !lex.determiners.has(norms[a - 1]!) && /^\s+$/.test(gapAt(a)) && (has(a - 1, Pos.Adjective | Pos.ProperNoun | Pos.Demonym) || /^\p{Lu}/u.test(src.slice(toks[a - 1]!.start, toks[a - 1]!.end)))) a--;
      if (a === k) continue;
      return src.slice(toks[a]!.start, toks[k]!.end);
    }
    return null;
  };

  /** A plural noun phrase opening the sentence before token j (Union leaders walked out ...). */
  const peopleNoun = (w: string): boolean => {
    if (lex.sourceNouns.has(w) || lex.groupNouns.has(w) || lex.collectiveSources.has(w)) return true;
    const t = describeWords([w], coref, false)?.type;
    return t === 'person' || t === 'organisation';
  };
  const pluralBefore = (j: number): { name: string } | null => {
    const s = sentenceOf(j);
    for (let k = s.tokenStart - 1; k >= 0 && k >= s.tokenStart - 40; k--) {
      const ps = sentenceOf(k);
      let e = ps.tokenStart;
      while (e < ps.tokenEnd && !has(e, Pos.Verb)) e++;
      // The plural must name people or a body (residents, officials, the authorities), not things (the shots).
      if (e > ps.tokenStart && has(e - 1, Pos.Plural) && peopleNoun(norms[e - 1]!)) return { name: src.slice(toks[ps.tokenStart]!.start, toks[e - 1]!.end) };
      k = ps.tokenStart;
    }
    return null;
  };

  /** The subject phrase before a cue: [from, to). */
  const subjectBefore = (cue: number, depth = 0): [number, number] | null => {
    const s = sentenceOf(cue);
    let e = cue;
    while (e > s.tokenStart && lex.subjectAdverbs.has(norms[e - 1]!) && !mentionAt.has(e - 1)) e--;
    if (e <= s.tokenStart) return null;
    // "John Thune (R-S.D.) said": a bracket between the subject and the verb is passed over.
    if (/\)\s*$/.test(gapAt(e))) {
      let p = e - 1;
      while (p > s.tokenStart && e - p < 8 && !/\(/.test(gapAt(p))) p--;
      if (p > s.tokenStart && /\(/.test(gapAt(p))) e = p;
    }
    // "the judge — without mentioning Khan's name — remarked that": so is an aside between dashes.
    if (/[—–]\s*$/.test(gapAt(e)) || /^\s+-\s+$/.test(gapAt(e))) {
      let p = e - 1;
      while (p > s.tokenStart && e - p < 12 && !/[—–]|\s-\s/.test(gapAt(p))) p--;
      if (p > s.tokenStart && /[—–]|\s-\s/.test(gapAt(p))) e = p;
    }
    const w = norms[e - 1]!;
    // "Italian media quoted him as having said there was …": the one quoted, the object of "quoted".
    if (w === 'having' && norms[e - 2] === 'as' && depth === 0) {
      for (let k = e - 3; k > s.tokenStart && k >= e - 10; k--) {
        if (lex.quotingVerbs.has(norms[k]!)) return k + 1 < e - 2 ? [k + 1, e - 2] : null;
        if (/[,;:]/.test(gapAt(k + 1))) break;
      }
      return null;
    }
    // "X was honest enough to admit that", "X wants to stress that": an infinitive's subject is
    // the subject of the finite verb before it.
    if (w === 'to' && depth === 0) {
      for (let k = e - 2; k > s.tokenStart && k >= e - 7; k--) {
        if (mentionAt.has(k) || /[,;:]/.test(gapAt(k + 1))) break;
        if (has(k, Pos.Copula | Pos.Auxiliary | Pos.Modal) || (has(k, Pos.Verb) && has(k, Pos.PastTense | Pos.PresentTense) && !has(k, Pos.Noun))) {
          // "ordered the company to state that": an object between them is who speaks, not the subject.
          for (let j = k + 1; j < e - 1; j++) if (has(j, Pos.Noun | Pos.Pronoun) || lex.determiners.has(norms[j]!)) return null;
          return subjectBefore(k, 1);
        }
      }
      return null;
    }
    // "said Edward Wolfe, analyst with Bear Stearns, who noted that": a relative "who" after a comma
    // stands for the person the sentence named last before it.
    if (w === 'who' && /,/.test(gapAt(e - 1)) && depth === 0) {
      for (let k = e - 2; k >= s.tokenStart && k >= e - 16; k--) {
        const m = mentionAt.get(k);
        // A name after a preposition (analyst with Bear Stearns) is a complement, not the person.
        if (m && typeOf(m) === 'person' && outside(m) && !(m.tokenStart > 0 && has(m.tokenStart - 1, Pos.Preposition))) return [m.tokenStart, m.tokenEnd];
        if (m) k = m.tokenStart;
      }
      return null;
    }
    // "a view she described as": the pronoun right before the verb is its subject.
    if (lex.pronouns.male.has(w) || lex.pronouns.female.has(w) || lex.pronouns.plural.has(w) || lex.pronouns.neuter.has(w)) return [e - 1, e];
    // "..., but warned that", "... and insisted": the subject of the sentence's first verb.
    if ((w === 'and' || w === 'but') && depth === 0) {
      for (let k = s.tokenStart; k < e - 1; k++) {
        if (has(k, Pos.Verb) && !mentionAt.has(k) && !has(k, Pos.Gerund | Pos.Participle)) return subjectBefore(k, 1);
      }
      return null;
    }
    // "Ngozi Okonkwo, who stumbled … by telling …, then clarifying …, told the BBC": a relative clause
    // set off after the name, however many commas it holds, is passed over to the name.
    if (/,/.test(gapAt(e)) && depth === 0) {
      for (let k = s.tokenStart + 1; k < e - 1; k++) {
        if (!lex.relativePronouns.has(norms[k]!) || !/,/.test(gapAt(k))) continue;
        // (The name opens the sentence.)
        const m = mentionAt.get(s.tokenStart);
        if (m && m.tokenStart === s.tokenStart && m.tokenEnd === k && typeOf(m) === 'person' && outside(m)) return [m.tokenStart, m.tokenEnd];
        break;
      }
    }
    // "X, a spokeswoman for ..., told": pass over a stretch between commas.
    if (/,/.test(gapAt(e))) {
      let p = e - 1;
      while (p > s.tokenStart && !/,/.test(gapAt(p))) p--;
      if (p > s.tokenStart) {
        const np = phraseBack(p, s.tokenStart);
        const hasPerson = (a: number, b: number) => {
          for (let k = a; k < b; k++) {
            const m = mentionAt.get(k);
            if (m && typeOf(m) === 'person' && !(m.tokenEnd < b && norms[m.tokenEnd] === 's' && /^['’]$/.test(gapAt(m.tokenEnd)))) return true;
          }
          return false;
        };
        // Walk back over further appositions (X, 34, a teacher in Kharkiv, said).
        let np2 = np;
        let p2 = p;
        for (let guard = 0; guard < 3 && np2 > s.tokenStart && /,/.test(gapAt(np2)) && !hasPerson(np2, p2) && (lex.determiners.has(norms[np2]!) || /^\d+$/.test(norms[np2]!)); guard++) {
          p2 = np2;
          np2 = phraseBack(p2, s.tokenStart);
        }
        if (np2 !== np && hasPerson(np2, p2)) return [np2, p2];
        // "John Thune, R-S.D., said": a party and state tag is not the subject.
        if (/^\(?[RDI]-[A-Z][\w.]*\)?$/.test(src.slice(toks[p]!.start, toks[e - 1]!.end).replace(/\s/g, '')) && hasPerson(np, p)) return [np, p];
        // "The minister, Sergey Lavrov, said": an apposition names the subject; "the jurist, without
        // mentioning Trump by name, said" is an adjunct opening with a preposition or an -ing form.
        const adjunct = (has(p, Pos.Preposition) || has(p, Pos.Gerund)) && !mentionAt.has(p);
        if (!hasPerson(np, p) && hasPerson(p, e) && !adjunct) return [p, e];
        // "Gavi, the Vaccine Alliance, which ...": the name before an apposition.
        if (np > s.tokenStart && /,/.test(gapAt(np)) && lex.determiners.has(norms[np]!) && mentionAt.has(np - 1)) return [mentionAt.get(np - 1)!.tokenStart, p];
        return [np, p];
      }
    }
    return [phraseBack(e, s.tokenStart), e];
  };
  const phraseBack = (e: number, limit: number): number => {
    if (e <= limit) return e;
    let s = e - 1;
    while (s > limit && e - s < 14 && (!/[,;:“”"‘’(—–]/.test(gapAt(s)) || (/^['’]$/.test(gapAt(s)) && norms[s] === 's'))) s--;
    // Stop at a conjunction or a verb inside (… and Lavrov said).
    for (let k = e - 1; k >= s; k--) {
      if (lex.subjectBoundaries.has(norms[k]!) && k < e - 1 && !(k + 1 < e && /^\p{Lu}/u.test(src.slice(toks[k + 1]!.start, toks[k + 1]!.end)) && k > s && /^\p{Lu}/u.test(src.slice(toks[k - 1]!.start, toks[k - 1]!.end)))) return k + 1;
    }
    return s;
  };

  const RULES: Array<{ id: string; apply: (q: DocQuote, i: EnQuoteInfo) => Found | null }> = [
    {
      id: 'en.speaker.continuation',
      apply: (_q, i) => {
        if (i.side !== 'continuation' || !i.continues?.speaker) return null;
        return { speaker: { ...i.continues.speaker, mention: undefined, resolution: 'implicit' }, confidence: 0.8 };
      },
    },
    {
      // A paragraph that is only a quotation, after the last speaker's quote, or after one
      // narrative paragraph about that speaker alone (Roca also praised the fans. / "It was terrific …"):
      // the speaker goes on. Another person named in between stops it.
      id: 'en.speaker.floating',
      apply: (q, i) => {
        if (i.side !== 'none' || q.quoteRule !== 'en.quote.paragraph-marks') return null;
        const k = doc.quotes.indexOf(q);
        const last = k > 0 ? doc.quotes[k - 1]! : null;
        if (!last?.speaker) return null;
        // The last quotation left open at its paragraph's end (a mark opens it, none closes it): a
        // paragraph after it with no marks and no person named is more of the same speech, whose
        // opening mark the page dropped ("I don't feel pleased … / People were saying … / "We've …).
        const lastPara = doc.paragraphs[last.hints.paragraph];
        const open = (last.quoteRule === 'en.quote.paragraph-marks' || last.quoteRule === 'en.quote.paragraph-continuation') && !!lastPara && !/[”"]/.test(src.slice(last.end, lastPara.end));
        const between: number[] = [];
        for (let p = last.hints.paragraph + 1; p < q.hints.paragraph; p++) {
          const para = doc.paragraphs[p];
          if (para && !para.boilerplate && /\S/.test(src.slice(para.start, para.end))) between.push(p);
        }
        if (between.length > 1) return null;
        let self = false;
        // "Not only did Akram Khan talk about the dismissal of Ryan Cook, …": in the narration between,
        // the person named first is its subject; others named after them are what it is about.
        let subjectIsSelf = false;
        const lastParaEnd = lastPara?.end ?? last.end;
        for (const m of doc.mentions) {
          if (m.start < last.end || !outside(m)) continue;
          if (m.start >= q.start) break;
          if (typeOf(m) !== 'person') continue;
          if (m.entityId !== last.speaker.entityId) {
            if (!subjectIsSelf) return null;
            continue;
          }
          self = true;
          if (m.start >= lastParaEnd) subjectIsSelf = true;
        }
        if (between.length === 1 && !self && !(open && !/[“”"]/.test(src.slice(doc.paragraphs[between[0]!]!.start, doc.paragraphs[between[0]!]!.end)))) {
          const para = doc.paragraphs[between[0]!]!;
          const t0 = firstTokenFrom(doc, para.start);
          if (!(lex.pronouns.male.has(norms[t0] ?? '') || lex.pronouns.female.has(norms[t0] ?? ''))) return null;
        }
        return { speaker: { ...last.speaker, mention: undefined, resolution: 'implicit' }, confidence: 0.55 };
      },
    },
    {
      // A quoted sentence at the end of a paragraph after its narration: the person the sentence
      // before it opens with, named or a pronoun ("She charged Abaya with … "I am directing …"").
      id: 'en.speaker.previous-sentence',
      apply: (q) => {
        if (q.quoteRule !== 'en.quote.sentence-marks') return null;
        const qs = toks[firstTokenFrom(doc, q.start)]?.sentence;
        if (qs === undefined || qs === 0) return null;
        const prev = doc.sentences[qs - 1]!;
        if (prev.paragraph !== doc.sentences[qs]!.paragraph) return null;
        // A sentence reporting someone's words right before it: the same speaker goes on (But he said
        // adaptation was now the main game. “This drought … has been going for eight years”.)
        const before = speakerOfSentence.get(qs - 1);
        if (before && (before.entityId || before.resolution === 'source' || before.resolution === 'description')) return { speaker: { ...before, mention: undefined, resolution: 'implicit' }, confidence: 0.55 };
        let t = prev.tokenStart;
        // (But he …, However, she …)
        if (t + 1 < prev.tokenEnd && (lex.clauseTurns.has(norms[t]!) || lex.sentenceAdverbs.has(norms[t]!))) t++;
        const w = norms[t]!;
        if (lex.pronouns.male.has(w) || lex.pronouns.female.has(w)) return resolve(t, t + 1, t, 'implicit', q);
        // The person opening it, after title words at most (President Arroyo says …).
        for (let k = t; k < Math.min(prev.tokenEnd, t + 5); k++) {
          const m = mentionAt.get(k);
          if (m && typeOf(m) === 'person' && outside(m) && m.tokenStart === k) return { speaker: { ...fromMention(m, 'implicit'), mention: undefined }, confidence: 0.5 };
          if (m || !/^\p{Lu}/u.test(src.slice(toks[k]!.start, toks[k]!.end))) break;
        }
        return null;
      },
    },
    {
      id: 'en.speaker.headline',
      apply: (q, i) => {
        if (i.side !== 'headline' || !i.speaker) return null;
        let [from, to] = i.speaker;
        // "AKRON Analysts: …": the dateline's place in capitals opening a headline's label is not the speaker.
        const place = doc.dateline?.place?.text;
        if (place && to - from >= 2 && src.slice(toks[from]!.start, toks[from]!.end) === place && /^\p{Lu}{3,}$/u.test(place)) from++;
        const r = resolve(from, to, q.start, 'headline', q);
        if (r && r.via !== 'title' && r.via !== 'unnamed') return { speaker: { ...r.speaker, resolution: 'headline' }, confidence: 0.85 };
        const text = src.slice(toks[from]!.start, toks[to - 1]!.end);
        return { speaker: { entityId: null, name: text, mention: { start: toks[from]!.start, end: toks[to - 1]!.end }, resolution: 'headline' }, confidence: 0.5 };
      },
    },
    {
      id: 'en.speaker.according-to',
      apply: (q, i) => (i.side === 'according' && i.speaker ? resolve(i.speaker[0], i.speaker[1], i.speaker[0], 'explicit', q) : null),
    },
    {
      id: 'en.speaker.inverted',
      apply: (q, i) => (i.side === 'inverted' && i.speaker ? resolve(i.speaker[0], i.speaker[1], i.cueToken ?? i.speaker[0], 'after', q) : null),
    },
    {
      id: 'en.speaker.after-quote',
      apply: (q, i) => (i.side === 'subject' && i.speaker ? resolve(i.speaker[0], i.speaker[1], i.speaker[0], 'after', q) : null),
    },
    {
      id: 'en.speaker.before-cue',
      apply: (q, i) => {
        if (i.side !== 'subject' || i.speaker || i.cueToken === undefined) return null;
        const r = subjectBefore(i.cueToken);
        return r ? resolve(r[0], r[1], r[0], 'explicit', q) : null;
      },
    },
    {
      id: 'en.speaker.participle',
      apply: (q, i) => {
        if (i.side !== 'participle' || i.cueToken === undefined) return null;
        const c = i.cueToken;
        // "with Governor Andrew Bailey saying ...": the name right before.
        const m = mentionAt.get(c - 1);
        if (m && typeOf(m) !== 'place' && !/,/.test(gapAt(c))) return { speaker: fromMention(m, 'explicit'), confidence: 0.85 };
        // "featured a woman claiming that …": a person noun right before, with its determiner and no comma.
        if (!m && c >= 2 && !/,/.test(gapAt(c)) && personNoun(norms[c - 1]!)) {
          let d = c - 1;
          while (d > 0 && c - 1 - d < 3 && !lex.determiners.has(norms[d]!) && /^[ \u00a0]*$/.test(gapAt(d))) d--;
          if (lex.determiners.has(norms[d]!)) {
            const r = resolve(d, c, c, 'explicit', q);
            if (r) return r;
          }
        }
        // '"…," said de Mistura, also noting that …': the speaker of the quotation before it in the sentence.
        const s = sentenceOf(c);
        for (const o of doc.quotes) {
          if (o === q || o.start >= toks[c]!.start) break;
          if (o.speaker && o.end > s.start && o.start >= src.lastIndexOf('\n', s.start)) {
            const oi = info.get(o);
            if (oi && oi.side !== 'participle' && oi.cueToken !== undefined && oi.cueToken < c && toks[oi.cueToken]!.sentence === toks[c]!.sentence) return { speaker: { ...o.speaker, mention: undefined }, confidence: 0.8, via: 'same-sentence' };
          }
        }
        // "Lavrov also criticised Western sanctions, saying ...": the main clause's subject.
        for (let k = s.tokenStart; k < c; k++) {
          if (inQuote(toks[k]!.start)) continue;
          if (has(k, Pos.Verb) && !mentionAt.has(k) && !has(k, Pos.Gerund)) {
            // "Littleproud, who stumbled … by first telling X …": the relative clause's subject is the name before who.
            const sb = subjectBefore(lex.relativePronouns.has(norms[k - 1] ?? '') ? k - 1 : k, 1);
            const r = sb ? resolve(sb[0], sb[1], k, 'explicit', q) : null;
            if (r) return r;
            break;
          }
        }
        return null;
      },
    },
    {
      id: 'en.speaker.next-sentence',
      apply: (q, i) => (i.side === 'next-sentence' && i.speaker ? resolve(i.speaker[0], i.speaker[1], i.speaker[0], 'after', q) : null),
    },
    {
      id: 'en.speaker.colon',
      apply: (q, i) => {
        if (i.side !== 'colon' || !i.speaker) return null;
        for (let k = i.speaker[0]; k < i.speaker[1]; k++) {
          const m = mentionAt.get(k);
          if (m && typeOf(m) === 'person') return { speaker: fromMention(m, 'explicit'), confidence: 0.7 };
        }
        return null;
      },
    },
  ];

  for (const q of doc.quotes) {
    const i = info.get(q);
    if (!i) continue;
    let found: Found | null = null;
    for (const rule of RULES) {
      found = rule.apply(q, i);
      if (found) {
        q.attributionRule = found.via && rule.id !== 'en.speaker.continuation' ? `${rule.id}.${found.via}` : rule.id;
        break;
      }
    }
    if (!found) {
      q.speaker = null;
      q.attributionRule = 'en.speaker.none';
      q.confidence = Math.min(q.confidence, 0.2);
      continue;
    }
    q.speaker = found.speaker;
    q.confidence = Math.min(q.confidence, found.confidence);
    const qTok = firstTokenFrom(doc, q.start);
    {
      const at = i.cueToken ?? Math.min(qTok, toks.length - 1);
      if (at < toks.length) {
        if (found.speaker.entityId) corefIndex.noteSpeaker(found.speaker.entityId, toks[at]!.sentence, at);
        else if (found.speaker.resolution === 'source') noteUnnamed(found.speaker, toks[at]!.sentence, at);
      }
    }
    if (qTok < toks.length) speakerOfSentence.set(toks[qTok]!.sentence, found.speaker);
    if (i.cueToken !== undefined) speakerOfSentence.set(toks[i.cueToken]!.sentence, found.speaker);
    if (found.speaker.entityId === null && (found.speaker.resolution === 'source' || found.speaker.resolution === 'description')) {
      lastSource = { ...found.speaker, mention: undefined };
      const words = found.speaker.name.toLowerCase().split(/\s+/);
      for (const w of words) if (lex.sourceNouns.has(w)) sourcesByHead.set(w, lastSource);
      // (A plural, or a group that papers refer to as "they": his team said. They also said …)
      if (/s$/.test(words[words.length - 1] ?? '') || lex.groupNouns.has(words[words.length - 1] ?? '')) lastPlural = lastSource;
    }
  }
  // A quotation running over paragraphs ("… / "… / "…," it said: each paragraph opens a mark, only
  // the last closes) is attributed where it ends: the earlier paragraphs take that speaker.
  for (let k = doc.quotes.length - 2; k >= 0; k--) {
    const q = doc.quotes[k]!;
    const next = doc.quotes[k + 1]!;
    if (q.speaker || !next.speaker) continue;
    if (q.quoteRule !== 'en.quote.paragraph-marks' && q.quoteRule !== 'en.quote.paragraph-continuation') continue;
    const para = doc.paragraphs[q.hints.paragraph];
    const nextPara = doc.paragraphs[next.hints.paragraph];
    if (!para || !nextPara || next.hints.paragraph !== q.hints.paragraph + 1) continue;
    // Unclosed here (no closing mark after the quotation in its paragraph), and the next opens its paragraph.
    if (/[”"’']/.test(src.slice(q.end, para.end)) || src.slice(nextPara.start, next.start).replace(/[\s“"‘']/g, '') !== '') continue;
    q.speaker = { ...next.speaker, mention: undefined, resolution: 'after' };
    q.attributionRule = 'en.speaker.quote-runs-on';
    q.confidence = Math.min(q.confidence, 0.6);
  }
  // Headlines whose speaker is a title ("Health Secretary: ...", "Corvane CEO: ..."): the same title
  // resolved in the body, else the person quoted most in the article.
  const counts = new Map<string, { n: number; sp: DocSpeaker }>();
  for (const q of doc.quotes) {
    if (!q.speaker?.entityId || doc.entities.get(q.speaker.entityId)?.type !== 'person') continue;
    const c = counts.get(q.speaker.entityId) ?? { n: 0, sp: q.speaker };
    c.n++;
    counts.set(q.speaker.entityId, c);
  }
  const main = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  for (const q of doc.quotes) {
    const i = info.get(q);
    if (!i?.headline || !main) continue;
    const unresolved = !q.speaker || (q.speaker.entityId === null && q.attributionRule !== 'en.speaker.according-to') || q.attributionRule?.endsWith('.title');
    if (!unresolved) continue;
    const phrase = q.speaker?.mention ? src.slice(q.speaker.mention.start, q.speaker.mention.end) : '';
    if (q.speaker && !phrase.split(/\s+/).some((w) => rules.titles.has(w.toLowerCase()) || rules.honorifics.has(w.toLowerCase()))) continue;
    q.speaker = { ...main.sp, ...(q.speaker?.mention ? { mention: q.speaker.mention } : {}), resolution: 'headline' };
    q.attributionRule = 'en.speaker.headline-main-speaker';
    q.confidence = Math.min(q.confidence, 0.5);
  }
}


/**
 * The coreference candidates of an English article: every person and organisation
 * with the features its roles (the gazetteer's, for the article's year when it
 * names one), the title words before its names (Kremlin Spokesman Dmitry Peskov),
 * an apposition after them (X, the Russian ambassador,), a first name's gender
 * and an organisation's own name (Russian Foreign Ministry) state.
 */
const hasFeatures = (f: CorefFeatures) => f.roles.length > 0 || f.domains.length > 0 || f.nationality !== null || f.organisationKind !== null;

function buildCorefIndex(doc: Doc, lex: CorefLexicon, cues: EnCueLexicon, gz: Gazetteer | null, facts: EnglishEntityFacts, pos: Uint32Array, outside: (m: EntityMention) => boolean): CorefIndex {
  const toks = doc.tokens;
  const src = doc.source;
  const norms = toks.map((t) => t.norm);
  const has = (j: number, bits: number) => ((pos[j] ?? 0) & bits) !== 0;
  const gapAt = (j: number) => (j > 0 ? src.slice(toks[j - 1]!.end, toks[j]!.start) : '');
  const words = (t: string) => t.toLowerCase().split(/[\s’']+/).filter(Boolean);
  let year: number | null = null;
  for (let k = 0; k < toks.length && year === null; k++) if (/^(19|20)\d\d$/.test(norms[k]!)) year = Number(norms[k]);
  const feats = new Map<string, CorefFeatures>();
  for (const ent of doc.entities.values()) {
    if (ent.type === 'place') continue;
    const f = emptyFeatures();
    for (const r of ent.roles) readFeatures(words(r), lex, f);
    for (const r of gz?.entries.get(ent.id)?.roles ?? []) {
      if (year !== null && ((r.from !== undefined && r.from > year) || (r.to !== undefined && r.to < year))) continue;
      for (const t of r.en) readFeatures(words(t), lex, f);
    }
    if (ent.type === 'organisation') {
      readFeatures(words(ent.name), lex, f);
      const kind = facts.orgKind.get(ent.id);
      if (kind) readFeatures([kind], lex, f);
      f.roles = [];
      f.gender = null;
    } else f.gender = facts.gender.get(ent.id) ?? null;
    feats.set(ent.id, f);
  }
  const mentionStarting = new Map<number, EntityMention>();
  for (const m of doc.mentions) mentionStarting.set(m.tokenEnd - 1, m);
  for (const m of doc.mentions) {
    const f = feats.get(m.entityId);
    const ent = doc.entities.get(m.entityId);
    if (!f || !ent || ent.type !== 'person' || m.kind === 'title') continue;
    const sent = doc.sentences[toks[m.tokenStart]!.sentence]!;
    // A first name says the gender (Catherine Ashton).
    if (!f.gender && m.tokenEnd - m.tokenStart >= 2) {
      if (has(m.tokenStart, Pos.FemaleName) && !has(m.tokenStart, Pos.MaleName)) f.gender = 'f';
      else if (has(m.tokenStart, Pos.MaleName) && !has(m.tokenStart, Pos.FemaleName)) f.gender = 'm';
      else if (gz?.entries.has(m.entityId)) f.gender = givenNameGender(norms[m.tokenStart]!);
    }
    // Title words right before the name: Kremlin Spokesman Dmitry Peskov, Iran's foreign minister Zarif.
    let a = m.tokenStart;
    while (a > sent.tokenStart && m.tokenStart - a < 7 && (/^\s*$/.test(gapAt(a)) || (/^['’]$/.test(gapAt(a)) && norms[a] === 's'))) {
      const prev = mentionStarting.get(a - 1);
      if (prev && doc.entities.get(prev.entityId)?.type === 'person') break;
      if (prev) {
        if (doc.entities.get(prev.entityId)?.type === 'organisation' && !f.organisations.includes(prev.entityId)) f.organisations.push(prev.entityId);
        a = prev.tokenStart;
        continue;
      }
      if (has(a - 1, Pos.Verb) && !has(a - 1, Pos.Noun)) break;
      // "ATC judge taunts Imran Khan": a headline's present-tense verb (read as a plural noun) right
      // before the name is no title word unless it says a role or a field (that made Khan the judge).
      if (a === m.tokenStart && has(a - 1, Pos.Verb | Pos.Plural) && /^\p{Ll}.*s$/u.test(src.slice(toks[a - 1]!.start, toks[a - 1]!.end)) && !hasFeatures(readFeatures([norms[a - 1]!], lex))) break;
      if (cues.determiners.has(norms[a - 1]!) || cues.headStops.has(norms[a - 1]!) || cues.subjectBoundaries.has(norms[a - 1]!)) break;
      a--;
    }
    if (a < m.tokenStart) readFeatures(norms.slice(a, m.tokenStart), lex, f);
    // An apposition after it: X, the Russian ambassador, said; X, a spokeswoman for the ministry.
    if (m.tokenEnd < sent.tokenEnd && /^\s*,\s*$/.test(gapAt(m.tokenEnd)) && (cues.determiners.has(norms[m.tokenEnd]!) || cues.possessives.has(norms[m.tokenEnd]!))) {
      let e = m.tokenEnd + 1;
      while (e < sent.tokenEnd && e - m.tokenEnd < 10 && !/[,;:()“”"—–]/.test(gapAt(e))) e++;
      // (According to Todd, the sheriff also said …: a phrase that runs into a finite verb is the next clause's subject.)
      let finite = false;
      for (let k = m.tokenEnd + 1; k < e && !cues.relativePronouns.has(norms[k]!); k++) if (has(k, Pos.Verb) && !has(k, Pos.Noun | Pos.Gerund | Pos.Participle)) finite = true;
      const d = finite ? null : describeWords(norms.slice(m.tokenEnd, e), lex, false);
      if (d && d.type === 'person') {
        readFeatures(norms.slice(m.tokenEnd, e), lex, f);
        for (let k = m.tokenEnd; k < e; k++) {
          const o = mentionStarting.get(k);
          if (o && doc.entities.get(o.entityId)?.type === 'organisation' && !f.organisations.includes(o.entityId)) f.organisations.push(o.entityId);
        }
      }
    }
  }
  const candidates: CorefCandidate[] = [];
  for (const [entityId, features] of feats) candidates.push({ entityId, type: doc.entities.get(entityId)!.type as 'person' | 'organisation', features });
  const mentions = doc.mentions.filter(outside).map((m) => ({ entityId: m.entityId, sentence: toks[m.tokenStart]!.sentence, position: m.tokenStart }));
  return new CorefIndex(lex, candidates, mentions);
}
