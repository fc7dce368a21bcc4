// The coreference core, shared by every language: which person or organisation a
// description ("the minister", "the Russian diplomat", "the Kremlin spokesman",
// "the ministry", الوزير, الدبلوماسي الروسي, الوزارة) refers to.
//
// Candidates are the entities the article has named, each with features read from
// the words around its names (roles, field, nationality, organisation, kind of
// organisation, gender). A description has features of the same kind. A candidate
// is compatible when no feature that both know disagrees and every role the
// description names is one the candidate holds (a broader word such as "diplomat"
// or "official" covers several roles). Among compatible candidates the most salient
// wins: the one mentioned most recently (counted in sentences), where having spoken
// counts as a mention with a bonus, and each feature the candidate leaves unknown
// costs a little. No compatible candidate: null, and the caller keeps the
// description as written (resolution `description`) — never a guess.
//
// The core knows no language: words reach it already normalised by the language
// half (English lower case, Arabic without ال), and its word lists come from
// rules/<lang>/coref.yaml (src/schema/coref-rules.ts).
//
// Method: an entity-centric, feature-agreement pass in the manner of the
// deterministic sieves of Lee et al. (2013), reduced to the nominal-description
// step; salience by recency and speaker status as in quote attribution work
// (Muzny et al. 2017). Not verified beyond the project's table tests and dev set.
import { join } from 'node:path';
import { CorefRulesSchema, type CorefRules } from '../schema/coref-rules.ts';
import { loadYamlFile } from '../util/load-yaml.ts';

export type CorefGender = 'm' | 'f';
export type CorefType = 'person' | 'organisation';

/** What the words around a name or in a description say about its referent. */
export interface CorefFeatures {
  /** Role ids (minister, spokesperson, coach). */
  roles: string[];
  /** Field ids (foreign, health, finance). */
  domains: string[];
  /** Nationality id (russia), if stated. */
  nationality: string | null;
  /** Kind of organisation (ministry, bank, newspaper), for organisations. */
  organisationKind: string | null;
  /** Ids of organisations the referent belongs to (the Kremlin spokesman → the Kremlin). */
  organisations: string[];
  gender: CorefGender | null;
}

/** A description to resolve: its features and whether it refers to a person or an organisation. */
export interface CorefDescription extends CorefFeatures {
  type: CorefType;
}

export interface CorefCandidate {
  entityId: string;
  type: CorefType;
  features: CorefFeatures;
}

/** Where an entity is mentioned: a sentence index and a position (token index) in the article. */
export interface CorefMention {
  entityId: string;
  sentence: number;
  position: number;
}

export interface CorefMatch {
  entityId: string;
  /** Rule id: coref.<type>.<features that agreed>, e.g. coref.person.role-nationality. */
  rule: string;
  /** Sentences between the description and the antecedent's last mention (or speech). */
  distance: number;
}

export interface CorefOptions {
  /** How many sentences back a description may reach. */
  window?: number;
  /** Having spoken counts as a mention this many sentences nearer. */
  speakerBonus?: number;
  /** What each feature a candidate leaves unknown costs, in sentences. */
  unknownCost?: number;
  /**
   * How many sentences back a candidate of whom no role is known may still take a
   * role description ("Stevie Calloway watched from the touchline. … the coach said").
   * Default 0 (the same sentence only): "Marsh was charged. The prosecutor said …"
   * must not make the defendant the prosecutor. A caller may widen it for one
   * description that introduces a role rather than repeats one (resolve's `override`).
   */
  unknownRoleReach?: number;
}

type Feature = { kind: 'role' | 'domain' | 'nationality' | 'orgKind' | 'male' | 'female'; id: string };

export interface CorefLexicon {
  /** Every word and phrase, space-joined, to the features it expresses. */
  phrases: Map<string, Feature[]>;
  /** The longest phrase, in words. */
  maxWords: number;
  /** The first word of every phrase: a word that is none starts no match (scanWords skips it without building a key). */
  firstWords?: Set<string>;
  /** Role id → role ids (or role/field) it also covers; '*' for all. */
  covers: Map<string, string[]>;
  /** Role id → the field it implies. */
  roleDomain: Map<string, string>;
}

export function emptyFeatures(): CorefFeatures {
  return { roles: [], domains: [], nationality: null, organisationKind: null, organisations: [], gender: null };
}

export function compileCorefLexicon(rules: CorefRules): CorefLexicon {
  const phrases = new Map<string, Feature[]>();
  let maxWords = 1;
  const add = (w: string, f: Feature) => {
    const key = w.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
    if (!key) return;
    maxWords = Math.max(maxWords, key.split(' ').length);
    const list = phrases.get(key) ?? [];
    if (!list.some((x) => x.kind === f.kind && x.id === f.id)) list.push(f);
    phrases.set(key, list);
  };
  const covers = new Map<string, string[]>();
  const roleDomain = new Map<string, string>();
  for (const r of rules.roles) {
    for (const w of r.words) add(w, { kind: 'role', id: r.id });
    for (const w of r.male) add(w, { kind: 'male', id: r.id });
    for (const w of r.female) add(w, { kind: 'female', id: r.id });
    if (r.covers.length) covers.set(r.id, r.covers);
    if (r.domain) roleDomain.set(r.id, r.domain);
  }
  for (const d of rules.domains) for (const w of d.words) add(w, { kind: 'domain', id: d.id });
  for (const n of rules.nationalities) for (const w of n.words) add(w, { kind: 'nationality', id: n.id });
  for (const k of rules.organisationKinds) for (const w of k.words) add(w, { kind: 'orgKind', id: k.id });
  for (const w of rules.gender.male) add(w, { kind: 'male', id: 'gender' });
  for (const w of rules.gender.female) add(w, { kind: 'female', id: 'gender' });
  const firstWords = new Set<string>();
  for (const key of phrases.keys()) firstWords.add(key.split(' ')[0]!);
  return { phrases, maxWords, covers, roleDomain, firstWords };
}

/** Loads and compiles rules/<lang>/coref.yaml. */
export function loadCorefLexicon(rulesDir: string, lang: string): CorefLexicon {
  return compileCorefLexicon(loadYamlFile(join(rulesDir, lang, 'coref.yaml'), CorefRulesSchema).data);
}

/** The one-word titles and honorifics that say a man or a woman holds them (spokesman, Mrs). */
export function genderedWords(lex: CorefLexicon): { male: Set<string>; female: Set<string> } {
  const male = new Set<string>();
  const female = new Set<string>();
  for (const [w, fs] of lex.phrases) {
    if (w.includes(' ')) continue;
    if (fs.some((f) => f.kind === 'male')) male.add(w);
    if (fs.some((f) => f.kind === 'female')) female.add(w);
  }
  return { male, female };
}

/** One feature-bearing word or phrase found in a run of words. */
export interface CorefWord {
  /** Index of its first word and one past its last. */
  start: number;
  end: number;
  features: ReadonlyArray<{ kind: string; id: string }>;
}

/** The feature-bearing words and phrases in `words` (normalised), longest first, left to right. */
export function scanWords(words: readonly string[], lex: CorefLexicon): CorefWord[] {
  const out: CorefWord[] = [];
  for (let i = 0; i < words.length; ) {
    // Every phrase key starts with its first word and a space: a word (without spaces of its own)
    // that begins none is passed over without joining keys for it.
    const w0 = words[i]!;
    if (lex.firstWords && !lex.firstWords.has(w0) && !w0.includes(' ')) {
      i++;
      continue;
    }
    let found: CorefWord | null = null;
    for (let len = Math.min(lex.maxWords, words.length - i); len >= 1 && !found; len--) {
      const hit = lex.phrases.get(len === 1 ? w0 : words.slice(i, i + len).join(' '));
      if (hit) found = { start: i, end: i + len, features: hit };
    }
    if (found) {
      out.push(found);
      i = found.end;
    } else i++;
  }
  return out;
}

/** The features that `words` (normalised: a title, a role phrase, an apposition) state. */
export function readFeatures(words: readonly string[], lex: CorefLexicon, into: CorefFeatures = emptyFeatures()): CorefFeatures {
  for (const w of scanWords(words, lex)) addWordFeatures(w, lex, into);
  return into;
}

function addWordFeatures(w: CorefWord, lex: CorefLexicon, f: CorefFeatures): void {
  for (const x of w.features) {
    if (x.kind === 'role') {
      if (!f.roles.includes(x.id)) f.roles.push(x.id);
      const d = lex.roleDomain.get(x.id);
      if (d && !f.domains.includes(d)) f.domains.push(d);
    } else if (x.kind === 'domain') {
      if (!f.domains.includes(x.id)) f.domains.push(x.id);
    } else if (x.kind === 'nationality') f.nationality ??= x.id;
    else if (x.kind === 'orgKind') f.organisationKind = x.id;
    else if (x.kind === 'male') f.gender ??= 'm';
    else if (x.kind === 'female') f.gender ??= 'f';
  }
}

/**
 * Reads a description phrase: its head is the role or organisation kind nearest the
 * head end (the last word in English, the first in Arabic). Null when it names
 * neither a role nor a kind of organisation.
 */
export function describe(words: readonly string[], lex: CorefLexicon, headFirst: boolean): CorefDescription | null {
  const found = scanWords(words, lex);
  const f = emptyFeatures();
  for (const w of found) addWordFeatures(w, lex, f);
  const heads = found.filter((w) => w.features.some((x) => x.kind === 'role' || x.kind === 'orgKind'));
  const head = headFirst ? heads[0] : heads[heads.length - 1];
  if (!head) return null;
  const type: CorefType = head.features.some((x) => x.kind === 'orgKind') && !head.features.some((x) => x.kind === 'role') ? 'organisation' : 'person';
  // Only the head says the gender: Mrs May's spokesman is a man, Mrs May's spokesperson unknown.
  f.gender = head.features.some((x) => x.kind === 'male') ? 'm' : head.features.some((x) => x.kind === 'female') ? 'f' : null;
  if (type === 'organisation') f.gender = null;
  else f.organisationKind = null;
  return { type, ...f };
}

/** Adds b's known features to a (an entity named with several titles). */
export function mergeFeatures(a: CorefFeatures, b: CorefFeatures): CorefFeatures {
  for (const r of b.roles) if (!a.roles.includes(r)) a.roles.push(r);
  for (const d of b.domains) if (!a.domains.includes(d)) a.domains.push(d);
  for (const o of b.organisations) if (!a.organisations.includes(o)) a.organisations.push(o);
  a.nationality ??= b.nationality;
  a.organisationKind ??= b.organisationKind;
  a.gender ??= b.gender;
  return a;
}

/** Does a role the description names fit the candidate's roles and fields? */
function roleFits(role: string, cand: CorefFeatures, lex: CorefLexicon): boolean {
  if (cand.roles.includes(role)) return true;
  for (const c of lex.covers.get(role) ?? []) {
    if (c === '*') return cand.roles.length > 0;
    const [r, d] = c.split('/');
    if (cand.roles.includes(r!) && (!d || cand.domains.includes(d))) return true;
  }
  return false;
}

/**
 * Whether a candidate may be what the description refers to: null when a feature
 * disagrees, else the features that agreed and how many the candidate leaves unknown.
 */
export function compatibility(desc: CorefDescription, cand: CorefCandidate, lex: CorefLexicon): { agreed: string[]; unknown: number; roleUnknown: boolean } | null {
  if (desc.type !== cand.type) return null;
  const c = cand.features;
  const agreed: string[] = [];
  let unknown = 0;
  let roleUnknown = false;
  if (desc.roles.length) {
    if (c.roles.length === 0) {
      // Nothing known of its roles: it may fit, but only close by (see CorefOptions.unknownRoleReach).
      roleUnknown = true;
      unknown++;
    } else if (!desc.roles.every((r) => roleFits(r, c, lex))) return null;
    else agreed.push('role');
  }
  if (desc.organisationKind) {
    if (c.organisationKind && c.organisationKind !== desc.organisationKind) return null;
    if (c.organisationKind) agreed.push('kind');
    else unknown++;
  }
  if (desc.domains.length) {
    if (c.domains.length && !desc.domains.some((d) => c.domains.includes(d))) return null;
    if (c.domains.length) agreed.push('field');
    else unknown++;
  }
  if (desc.nationality) {
    if (c.nationality && c.nationality !== desc.nationality) return null;
    if (c.nationality) agreed.push('nationality');
    else unknown++;
  }
  if (desc.organisations.length) {
    if (c.organisations.length && !desc.organisations.some((o) => c.organisations.includes(o))) return null;
    if (c.organisations.length) agreed.push('organisation');
    else unknown++;
  }
  if (desc.gender && c.gender) {
    if (desc.gender !== c.gender) return null;
    agreed.push('gender');
  }
  return { agreed, unknown, roleUnknown };
}

/**
 * The antecedents of one article. Build it from the entities and their mentions
 * (sorted by position), note each speaker as quotes are attributed, and ask it
 * for descriptions in text order or any order.
 */
export class CorefIndex {
  private readonly candidates = new Map<string, CorefCandidate>();
  private readonly mentions: CorefMention[];
  private readonly speeches: CorefMention[] = [];
  private readonly opts: Required<CorefOptions>;

  constructor(
    private readonly lex: CorefLexicon,
    candidates: Iterable<CorefCandidate>,
    mentions: readonly CorefMention[],
    opts: CorefOptions = {},
  ) {
    for (const c of candidates) this.candidates.set(c.entityId, c);
    this.mentions = [...mentions].sort((a, b) => a.position - b.position);
    this.opts = { window: opts.window ?? 60, speakerBonus: opts.speakerBonus ?? 2, unknownCost: opts.unknownCost ?? 3, unknownRoleReach: opts.unknownRoleReach ?? 0 };
  }

  candidate(entityId: string): CorefCandidate | undefined {
    return this.candidates.get(entityId);
  }

  /** Adds features learnt later (a title bound to the entity by the language half). */
  addFeatures(entityId: string, features: CorefFeatures): void {
    const c = this.candidates.get(entityId);
    if (c) mergeFeatures(c.features, features);
  }

  /** The entity spoke at this point (its quote's cue or start). */
  noteSpeaker(entityId: string, sentence: number, position: number): void {
    if (this.candidates.has(entityId)) this.speeches.push({ entityId, sentence, position });
  }

  /**
   * The entity a description at (sentence, position) refers to, or null when no
   * entity mentioned before it is compatible.
   */
  resolve(desc: CorefDescription, sentence: number, position: number, exclude?: (entityId: string) => boolean, override?: Pick<CorefOptions, 'unknownRoleReach'>): CorefMatch | null {
    const { window, speakerBonus, unknownCost } = this.opts;
    const unknownRoleReach = override?.unknownRoleReach ?? this.opts.unknownRoleReach;
    const nearest = new Map<string, number>();
    const lastAt = new Map<string, number>();
    const consider = (m: CorefMention, bonus: number) => {
      if (m.position >= position || sentence - m.sentence > window) return;
      const d = Math.max(0, sentence - m.sentence - bonus);
      const prev = nearest.get(m.entityId);
      if (prev === undefined || d < prev) nearest.set(m.entityId, d);
      if ((lastAt.get(m.entityId) ?? -1) < m.position) lastAt.set(m.entityId, m.position);
    };
    // Mentions are sorted: walk back from the description.
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid]!.position < position) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) {
      const m = this.mentions[k]!;
      if (sentence - m.sentence > window) break;
      if (!nearest.has(m.entityId)) consider(m, 0);
    }
    for (const s of this.speeches) consider(s, speakerBonus);
    let best: (CorefMatch & { score: number; position: number }) | null = null;
    for (const [entityId, distance] of nearest) {
      if (exclude?.(entityId)) continue;
      const cand = this.candidates.get(entityId);
      if (!cand) continue;
      const fit = compatibility(desc, cand, this.lex);
      if (!fit || (fit.roleUnknown && distance > unknownRoleReach)) continue;
      const score = distance + fit.unknown * unknownCost;
      const last = lastAt.get(entityId) ?? -1;
      if (!best || score < best.score || (score === best.score && last > best.position)) {
        best = { entityId, distance, score, position: last, rule: `coref.${desc.type}.${fit.agreed.length ? fit.agreed.join('-') : 'recency'}` };
      }
    }
    return best ? { entityId: best.entityId, rule: best.rule, distance: best.distance } : null;
  }
}
