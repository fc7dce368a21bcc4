// Arabic entity recognition: gazetteer names (proclitics stripped), persons
// after and before title phrases, organisations from head patterns, and
// in-document coreference (surnames, titles bound to a name earlier, gazetteer
// roles). One left-to-right walk per sentence; every lookup is a Map/Set probe
// per token, so the cost grows with the article, not with the gazetteer.
import type { Doc, DocEntity, EntityMention } from '../../document.ts';
import type { EntityType } from '../../schema/output.ts';
import type { PersonRule } from '../../schema/entity-rules.ts';
import { gazetteerEntity, insertPath, longestMatch, longestMatchRooted, nameTokens, type Gazetteer, type NameHit, type TrieMatch, type TrieNode } from '../../entities/gazetteer.ts';
import { WordKeyCache, type ArabicEntityRules, type CompiledOrgRule, type WordKeys } from './entity-rules.ts';
import { slugify } from '../../entities/slug.ts';
import { CorefIndex, emptyFeatures, mergeFeatures, readFeatures, describe, type CorefCandidate, type CorefFeatures, type CorefLexicon, type CorefMention } from '../../entities/coref.ts';

/** Quotation marks between two words: " “ ” « » „ ' ‘ ’ (by char code: the gap walk reads every character between tokens). */
function isQuoteCode(c: number): boolean {
  return c === 0x22 || c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb || c === 0x201e || c === 0x27 || c === 0x2018 || c === 0x2019;
}

interface Nested {
  start: number;
  end: number;
  strip: number;
  entityId: string;
  rule: string;
  kind: 'name' | 'alias';
}

interface Title {
  start: number;
  strip: number;
  end: number;
  headEnd: number;
  /** The head's key (article and clitics dropped). */
  headKey: string;
  counterpart: boolean;
  definite: boolean;
  nested: Nested[];
  demonyms: Array<[number, number]>;
  /** End of the title when no name follows (a tentative bridge such as في is dropped). */
  tentativeEnd: number;
  /** The title ends on a phrase in quote marks (وكيلة «الصحة العامة»): the name after it follows a mark. */
  quotedEnd?: boolean;
}

interface Head {
  end: number;
  strip: number;
  key: string;
  definite: boolean;
}

interface NameFound {
  start: number;
  end: number;
  strip: number;
  entityId: string | null;
  rule: string;
  kind: 'name' | 'alias';
}

/**
 * Finds the article's entities and mentions, and returns what its titles and names
 * say about each person and organisation (role, field, nationality, kind), which
 * the speaker sieve reads to resolve descriptions (الوزير، الوزارة).
 */
export interface ArabicEntityFacts {
  /** What the article's titles and names say about each person and organisation (read on first call: most articles never need it). */
  features: () => Map<string, CorefFeatures>;
  /** Token index → the country a nationality adjective or place name there stands for (الروسي → russia). */
  nationalityAt: Map<number, string>;
}

// The hit a gazetteer node stands for, by its hits (nodes live for the run).
const primaryHits = new WeakMap<NameHit[], NameHit>();

// A person's names as tokens, for the aliases of every article that names them: the gazetteer's
// names come back article after article, and normalising and splitting them each time was 2% of
// the walk. Bounded: emptied when full. The arrays are only read.
const NAME_TOKENS_LIMIT = 20_000;
const nameTokensOf = new Map<string, readonly string[]>();
function cachedNameTokens(name: string): readonly string[] {
  let toks = nameTokensOf.get(name);
  if (toks === undefined) {
    if (nameTokensOf.size >= NAME_TOKENS_LIMIT) nameTokensOf.clear();
    nameTokensOf.set(name, (toks = nameTokens(name)));
  }
  return toks;
}

// Words known, in the current article's alias pass, to start no name met in it: by word id,
// marked with the number of the pass.
let aliasPasses = 0;

// One word-key cache per rule set (and gazetteer), kept for the run.
const wordCaches = new WeakMap<ArabicEntityRules, WordKeyCache>();
function wordKeyCache(rules: ArabicEntityRules, gz: Gazetteer): WordKeyCache {
  let cache = wordCaches.get(rules);
  if (!cache || cache.gazetteerRoot !== gz.root) wordCaches.set(rules, (cache = new WordKeyCache(rules, gz.root)));
  return cache;
}

// The walk's per-token arrays, kept from one article to the next instead of made anew for each
// (they were a tenth of the stage's allocation): filled for the article's tokens before use, and
// dropped for fresh ones past POOL_LIMIT tokens so that one huge article does not stay in memory.
// An article's walk is over when findArabicEntities returns; only features() reads them after,
// and the speaker sieve calls it before the next article starts.
const POOL_LIMIT = 1 << 16;
const pool = { norms: [] as string[], words: [] as WordKeys[], gz: [] as Array<TrieMatch | null | undefined>, heads: [] as Array<Head | null | undefined> };
function pooled<T>(arr: T[], n: number, fill: T): T[] {
  if (n > POOL_LIMIT) return new Array<T>(n).fill(fill);
  if (arr.length <= n) arr.length = n + 1;
  // Past the article's last token the walk reads at most one slot (norms[j + 1] ?? ''): blank it.
  return arr.fill(fill, 0, n + 1);
}

// ---- the article being walked ----------------------------------------------------
// The walk's state lives in module variables, set by findArabicEntities for the article it walks,
// and its helpers below are module functions that read them: made once for the run. As closures
// inside findArabicEntities, some eighty functions were made for every article, and under tsx (which
// keeps function names: the bench, the tests, eval:real) each one made cost a defineProperty and
// a hidden class of its own, a tenth of the pipeline's time. One article is walked at a time;
// features() reads this state after the walk, and the speaker sieve asks for it before the next
// article starts (as with the pooled arrays above).
let doc: Doc;
let gz: Gazetteer;
let rules: ArabicEntityRules;
let coref: CorefLexicon | undefined;
let features: Map<string, CorefFeatures>;
let nationalityAt: Map<number, string>;
let toks: Doc['tokens'];
let n: number;
let src: string;
let norms: string[];
let art: string;
let gap: Uint8Array;
let cache: WordKeyCache;
let words: WordKeys[];
let has: Uint8Array;
let titleBodies: Set<string> | undefined;
let nameEnds: Set<string> | undefined;
let verbObjects: Set<string> | undefined;
let settingPrepositions: Set<string> | undefined;
let settingNouns: Set<string> | undefined;
let stopNames: Set<string> | undefined;
let gzCache: Array<TrieMatch | null | undefined>;
let headCache: Array<Head | null | undefined>;
let patronymic: Set<string>;
let afterTitle: PersonRule | undefined;
let beforeTitle: PersonRule | undefined;
let aliasRule: PersonRule | undefined;
let corefRule: PersonRule | undefined;
let roleRule: PersonRule | undefined;
let honorifics: Set<string> | undefined;
let givenNameHeads: Set<string> | undefined;
let boundTitles: Array<[string, Title, (() => CorefFeatures) | null]>;
let featuresRead: boolean;
let pending: Array<{ t: Title; sentence: number }>;
let mentions: EntityMention[];
let orgAliases: Array<{ tokens: string[]; entityId: string; rule: string }>;
let covered: Uint8Array;
let bindings: Map<string, string>;
let discoveredByKey: Map<string, string>;
let usedIds: Map<string, string>;
let lastTitleNoDem: string[] | null;
let lastTitleHead: string[] | null;
let orgStems: Map<string, { bare?: string; withAdjective: Set<string> }>;
let local: Map<string, TrieNode>;
let localRules: Map<string, string>;
let year: number | null;

export function findArabicEntities(article: Doc, gazetteer: Gazetteer, entityRules: ArabicEntityRules, corefLexicon?: CorefLexicon): ArabicEntityFacts {
  doc = article;
  gz = gazetteer;
  rules = entityRules;
  coref = corefLexicon;
  features = new Map<string, CorefFeatures>();
  nationalityAt = new Map<number, string>();
  toks = doc.tokens;
  n = toks.length;
  if (n === 0) return { features: () => features, nationalityAt };
  src = doc.source;
  norms = pooled(pool.norms, n, '');
  for (let k = 0; k < n; k++) norms[k] = toks[k]!.norm;
  art = rules.article;

  honorifics = rules.lists.get('honorifics');
  // gap[j]: 0 only spaces between token j-1 and j; 1 a comma; 2 quote marks only; 3 other; 4 other sentence.
  gap = new Uint8Array(n);
  gap[0] = 4;
  for (let j = 1; j < n; j++) {
    if (toks[j]!.sentence !== toks[j - 1]!.sentence) {
      gap[j] = 4;
      continue;
    }
    let g = 0;
    for (let c = toks[j - 1]!.end; c < toks[j]!.start; c++) {
      const ch = src.charCodeAt(c);
      if (ch === 0x20 || ch === 0xa0 || ch === 0x09 || ch === 0x200f || ch === 0x200e || ch === 0x0640) continue;
      // د. يوسف أبو الريش: the full stop of an abbreviated honorific joins it to the name.
      if (ch === 0x2e && toks[j - 1]!.end - toks[j - 1]!.start === 1 && honorifics?.has(norms[j - 1]!)) continue;
      if (ch === 0x060c || ch === 0x2c) g = Math.max(g, 1);
      else if (isQuoteCode(ch)) g = Math.max(g, 2);
      else g = 3;
    }
    // هينيس-بلاسخارت: a lone hyphen between two words with no space may join the parts of a name.
    if (g === 3 && toks[j]!.start - toks[j - 1]!.end === 1 && src.charCodeAt(toks[j - 1]!.end) === 0x2d) g = 5;
    gap[j] = g;
  }

  cache = wordKeyCache(rules, gz);
  cache.startArticle();
  words = pooled<WordKeys>(pool.words, n, undefined as unknown as WordKeys);
  // has[k]: bit 1, token k may start a title head; bit 2, a gazetteer name. parseTitle asks both at
  // every token, and most tokens start neither: a byte read instead of a walk to the word's keys.
  has = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const w = (words[k] = cache.getToken(toks[k]!.wordId, norms[k]!));
    has[k] = (w.heads.length ? 1 : 0) | (w.gazetteer.length ? 2 : 0);
  }
  /** A relative adjective's ending: -ي, or -ية (written يه once normalised). */
  // (Not the active participles of verbs ending in ي, which are nouns: والي، قاضي، راعي، محامي.)
  titleBodies = rules.lists.get('titleBodies');

  nameEnds = rules.lists.get('nameEnds');
  verbObjects = rules.lists.get('verbObjects');
  settingPrepositions = rules.lists.get('settingPrepositions');
  settingNouns = rules.lists.get('settingNouns');
  stopNames = rules.lists.get('stopNames');
  gzCache = pooled(pool.gz, n, undefined);

  // ---- heads --------------------------------------------------------------
  // A title head at j depends on j alone: the walk's limit is always the end of j's sentence.
  // Asked again and again (names, titles and organisations all stop at one), it is found once.
  headCache = pooled(pool.heads, n, undefined);

  patronymic = rules.lists.get('patronymic') ?? new Set<string>();

  afterTitle = rules.person['person-after-title'];
  beforeTitle = rules.person['person-before-title'];
  aliasRule = rules.person['alias-surname'];
  corefRule = rules.person['title-coreference'];
  roleRule = rules.person['title-gazetteer-role'];

  givenNameHeads = rules.lists.get('givenNameHeads');
  // Each bound title with, for a counterpart (نظيره الأفغاني), the title it is the counterpart of.
  boundTitles = [];
  featuresRead = false;
  /** Titles that named no one and bound to no one during the walk, for the coreference pass. */
  pending = [];

  // ---- state ---------------------------------------------------------------
  mentions = [];
  orgAliases = [];
  covered = new Uint8Array(n);
  bindings = new Map<string, string>();
  discoveredByKey = new Map<string, string>();
  usedIds = new Map<string, string>();
  lastTitleNoDem = null;
  lastTitleHead = null;
  /**
   * An organisation's name with a nationality adjective at its end, and the same name without it
   * (اتحاد الغرف التجارية المصرية، then اتحاد الغرف التجارية), are one body, unless the article
   * holds two adjectives for that stem (وزارة الخارجية الروسية and السورية): the bare name is then
   * either. Per stem: the id of the bare name, and the ids of the adjective forms.
   */
  orgStems = new Map<string, { bare?: string; withAdjective: Set<string> }>();
  // Names of the persons met so far (full names and surnames), for aliases.
  local = new Map<string, TrieNode>();
  localRules = new Map<string, string>();

  // The article's year, if a date is written (the first 19xx/20xx token).
  year = null;
  for (let k = 0; k < n; k++) {
    const w = norms[k]!;
    if (w.length === 4 && /^(19|20)\d\d$/.test(w)) {
      year = Number(w);
      break;
    }
  }

  // ---- the walk --------------------------------------------------------------
  for (const s of doc.sentences) {
    const limit = s.tokenEnd;
    let i = s.tokenStart;
    while (i < limit) {
      // 1. A title phrase, with the name after it or a referent from earlier.
      const t = parseTitle(i, limit);
      if (t) {
        let named = nameAfter(t.end, limit, t.nested.some((m) => doc.entities.get(m.entityId)?.source === 'rule') ? 2 : 1, t.quotedEnd) ?? appositionAfter(t, limit);
        if (!named && !t.counterpart) {
          const h = bodyBeforeHonorific(t.end, limit);
          const after = h === -1 ? null : nameAfter(h, limit, 2);
          if (after) {
            t.end = h;
            named = after;
          }
        }
        // الناطق باسم مجلس القضاء الأعلى القاضي عبد الستار بيرقدار: a complete title (ending on a
        // definite word) stacked on a definite title that names someone is that person's too (the
        // second head is then no adjective of the word before it). After an indefinite word the next
        // title is its genitive (مدير مكتب الرئيس ...): not stacked.
        const stacked = named || t.counterpart || gap[t.end] !== 0 || !isDefinite(norms[t.end - 1]!) ? null : parseTitle(t.end, limit, true);
        if (stacked && stacked.definite && !stacked.counterpart) named = nameAfter(stacked.end, limit, 1, stacked.quotedEnd);
        if (named) {
          const id = named.entityId ?? discovered('person', named.start, named.end, named.strip, named.rule).id;
          const via = named.entityId ? (afterTitle?.id ?? named.rule) : named.rule;
          emitTitle(t, id, via);
          addRole(id, t);
          bind(t, id);
          if (stacked) {
            emitTitle(stacked, id, via);
            addRole(id, stacked);
            bind(stacked, id);
          }
          emit(named.start, named.end, named.strip, id, named.kind, named.rule);
          i = named.end;
          // العقيد فادي سليم، المتحدث باسم الجيش: a second title in apposition is the same person's.
          const t2 = beforeTitle && gap[i] === 1 ? parseTitle(i, limit) : null;
          if (t2 && !t2.counterpart && t2.end > t2.headEnd && !nameAfter(t2.end, limit)) {
            trimTentative(t2);
            emitTitle(t2, id, beforeTitle!.id);
            addRole(id, t2);
            bind(t2, id);
            i = t2.end;
          }
          continue;
        }
        trimTentative(t);
        const specific = t.definite || t.end - t.start >= 2;
        const r = specific ? resolveTitle(t) : null;
        if (r) {
          emitTitle(t, r.entityId, r.rule);
          addRole(r.entityId, t);
        } else {
          emitNested(t);
          if (specific || t.headEnd > t.start) pending.push({ t, sentence: toks[t.start]!.sentence });
        }
        i = Math.max(t.end, i + 1);
        continue;
      }
      // 2. A gazetteer name (a person may be followed by an apposition title).
      const g = gzAt(i);
      if (g) {
        const h = primary(g.hits);
        if (h.kind === 'name') {
          emit(i, g.end, g.strip, h.entityId, 'name', h.entityId);
          let next = g.end;
          if (typeOf(h.entityId) === 'person' && beforeTitle && (triggerBefore(i) || sentenceStart(i) || gap[g.end] === 1)) {
            const t2 = g.end < limit && (gap[g.end] === 0 || gap[g.end] === 1) ? parseTitle(g.end, limit) : null;
            if (titleOfNameBefore(t2, limit)) {
              emitTitle(t2, h.entityId, beforeTitle.id);
              addRole(h.entityId, t2);
              bind(t2, h.entityId);
              next = t2.end;
            }
          }
          i = next;
          continue;
        }
        i = g.end;
        continue;
      }
      // 3. An unknown name before its title, after a trigger (وكان فلاديمير تشيجوف مندوب روسيا) or a
      // nationality with the article (وصف الفرنسي صبري لموشي المدير الفني لفريق الجيش …).
      const demonymBefore = i > 0 && gap[i] === 0 && isDefinite(norms[i - 1]!) && gzAt(i - 1)?.end === i && primary(gzAt(i - 1)!.hits).kind === 'demonym';
      // أكد "مبارك المنصوري" محافظ المصرف المركزي: the name may stand in quote marks of its own.
      const quotedAfterTrigger = i > 0 && gap[i] === 2 && isTrigger(i - 1);
      if (beforeTitle && (triggerBefore(i) || sentenceStart(i) || demonymBefore || quotedAfterTrigger)) {
        // أكد السيد القصير، وزير الزراعة: after an honorific, a surname alone is enough.
        const n0 = honorifics?.has(norms[i]!) && i + 1 < limit && gap[i + 1] === 0 ? i + 1 : i;
        const surname = n0 > i && n0 + 1 < limit && gap[n0 + 1] === 1 && isDefinite(norms[n0]!) && !isStop(n0) && !headAt(n0, limit) && !gzAt(n0);
        const run = surname ? { end: n0 + 1 } : nameRun(n0, limit, Math.max(2, beforeTitle.minNameTokens), beforeTitle.maxNameTokens, beforeTitle.maxBareTokens);
        if (run && run.end < limit && (gap[run.end] === 0 || gap[run.end] === 1 || (quotedAfterTrigger && gap[run.end] === 2 && closesOnMark(run.end, limit)))) {
          const t2 = parseTitle(run.end, limit, true);
          // (قال با آدما موسى الناطق باسم المترشح محمد ولد عبد العزيز: the name after is the candidate's.)
          if (titleOfNameBefore(t2, limit)) {
            const ent = discovered('person', n0, run.end, 0, beforeTitle.id);
            emit(n0, run.end, 0, ent.id, 'name', beforeTitle.id);
            emitTitle(t2, ent.id, beforeTitle.id);
            addRole(ent.id, t2);
            bind(t2, ent.id);
            i = t2.end;
            continue;
          }
        }
      }
      // 4. An organisation from a head pattern.
      const o = orgAt(i, limit);
      if (o) {
        emit(o.start, o.end, o.strip, o.entityId, 'name', o.rule);
        if (o.aliasFrom >= 0) orgAliases.push({ tokens: norms.slice(o.aliasFrom, o.end), entityId: o.entityId, rule: o.rule });
        i = o.end;
        continue;
      }
      i++;
    }
  }

  // ---- aliases: surnames and repeated names anywhere in the article ------------
  for (const a of orgAliases) addLocal(a.tokens, a.entityId, 'alias');
  if (local.size) {
    // The words whose keys start a name met in this article, marked from the names' side (a
    // handful of first keys) instead of probing every token's keys.
    const pass = ++aliasPasses;
    for (const key of local.keys()) cache.markKey(key, pass);
    for (const s of doc.sentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        if (covered[i] || words[i]!.aliasPass !== pass) continue;
        const keys = ck(i);
        const m = longestMatch(local, norms, i, s.tokenEnd, keys, joined);
        if (!m) continue;
        let free = true;
        for (let k = m.start; k < m.end; k++) if (covered[k]) free = false;
        const ids = new Set(m.hits.map((h) => h.entityId));
        if (!free || ids.size !== 1) continue;
        const hit = m.hits[0]!;
        const isAlias = hit.role === 1;
        const ent = doc.entities.get(hit.entityId)!;
        const rule = isAlias ? (ent.type === 'person' ? aliasRule!.id : orgAliasRule(hit.entityId)) : localRule(hit.entityId);
        emit(m.start, m.end, m.strip, hit.entityId, isAlias ? 'alias' : 'name', rule);
        i = m.end - 1;
      }
    }
  }

  // ---- descriptions: titles no binding resolved, by role, field, nationality and organisation ----
  // وزير خارجية قطر after وزير الخارجية القطري محمد ...; المتحدث باسم الجيش after العقيد ...، المتحدث باسم الجيش.
  if (coref && pending.length && corefRule) {
    readAllFeatures();
    for (const m of mentions) {
      const e = doc.entities.get(m.entityId);
      if (e?.type === 'organisation' && m.kind === 'name' && !features.has(e.id)) noteFeatures(e.id, spanFeatures(m.tokenStart, m.tokenEnd, 0));
    }
    const candidates: CorefCandidate[] = [];
    for (const [entityId, f] of features) {
      const type = doc.entities.get(entityId)?.type;
      if (type === 'person' || type === 'organisation') candidates.push({ entityId, type, features: f });
    }
    const at: CorefMention[] = mentions.map((m) => ({ entityId: m.entityId, sentence: toks[m.tokenStart]!.sentence, position: m.tokenStart }));
    const index = new CorefIndex(coref, candidates, at);
    for (const { t, sentence } of pending) {
      const words: string[] = [];
      for (let k = t.start; k < t.end; k++) words.push(bareOf(k, k === t.start ? t.strip : 0));
      const desc = describe(words, coref, true);
      if (!desc || desc.type !== 'person') continue;
      const f = titleFeatures(t);
      desc.nationality ??= f.nationality;
      for (const o of f.organisations) if (!desc.organisations.includes(o)) desc.organisations.push(o);
      const match = index.resolve(desc, sentence, t.start);
      if (!match) continue;
      const firstNested = t.nested.length ? t.nested[0]!.start : t.end;
      emit(t.start, firstNested, t.strip, match.entityId, 'title', corefRule.id);
    }
  }

  mentions.sort((a, b) => a.start - b.start);
  doc.mentions = mentions;
  // Entities without a mention (none expected) are dropped so the output stays consistent.
  const mentioned = new Set<string>();
  for (const m of mentions) mentioned.add(m.entityId);
  for (const id of [...doc.entities.keys()]) if (!mentioned.has(id)) doc.entities.delete(id);

  for (let k = 0; k < n; k++) {
    const g = gzCache[k];
    if (!g) continue;
    const h = primary(g.hits);
    const place = placeSlug(h.entityId);
    if (place && (h.kind === 'demonym' || h.kind === 'name')) for (let j = g.start; j < g.end; j++) nationalityAt.set(j, place);
  }
  return { features: readAllFeatures, nationalityAt };
}

// ---- the walk's helpers (they read the state above) ------------------------------
const joined = (j: number) => gap[j] === 0 || gap[j] === 5;
const softJoined = (j: number) => gap[j] === 0 || gap[j] === 2;
const ck = (j: number) => words[j]!.clitic;
const isDefinite = (w: string) => w.startsWith(art) && w.length > art.length + 1;
const isCliticDefinite = (w: string) => {
  if (w.startsWith('لل') && w.length > 4) return true;
  for (const p of rules.prefixes) if (w.length > p.length + art.length + 1 && w.startsWith(p) && w.startsWith(art, p.length)) return true;
  return false;
};
const cliticCommon = (w: string, k = -1) => {
  // بأسمى، لأكبر: ب/ل/ك before a hamza (an elative, أفعل) is a preposition; no name starts so.
  if (k >= 0 && (w.charCodeAt(0) === 0x0628 || w.charCodeAt(0) === 0x0644 || w.charCodeAt(0) === 0x0643) && src.charCodeAt(toks[k]!.start + 1) === 0x0623) return true;
  // بمراجعة، لتطوير: ب/ل/ك before a long verbal noun (مفاعلة، تفعيل) is a preposition, not a name's first letter.
  const c0 = w.charCodeAt(0);
  if ((c0 === 0x0628 || c0 === 0x0644 || c0 === 0x0643) && w.length >= 6 && (w.charCodeAt(1) === 0x0645 || w.charCodeAt(1) === 0x062a)) return true;
  for (const p of rules.prefixes) {
    if (w.length <= p.length + 2 || !w.startsWith(p) || p === 'و' || p === 'ف') continue;
    const rest = w.slice(p.length);
    if (rules.notName.has(rest) || rules.complements.has(rest) || rules.orgHeads.has(rest) || rules.heads.has(rest)) return true;
  }
  return false;
};
// (Nor their feminine in -ية, written يه: محامية، قاضية.)
const isNisba = (w: string) => {
  if (w.length <= 3 || !(w.endsWith('ي') || w.endsWith('يه'))) return false;
  const m = w.endsWith('ه') ? w.slice(0, -1) : w;
  return !(m.length === 4 && m[1] === 'ا') && !(m.length === 5 && m[0] === 'م' && m[2] === 'ا');
};
const stripArticle = (w: string) => (isDefinite(w) ? w.slice(art.length) : w);
/** stripArticle(norms[j]) without a new string: the word's first bare key is the same word without the article. */
const bareAt = (j: number) => words[j]!.bare[0]!.key;
// Stop words and triggers, with a conjunction (و، ف) attached or not (see WordKeys).
const isStop = (j: number) => words[j]!.stop;
const isTrigger = (j: number) => words[j]!.trigger;
const hasTanwin = (j: number) => {
  for (let c = toks[j]!.start; c < toks[j]!.end; c++) {
    const code = src.charCodeAt(c);
    if (code >= 0x064b && code <= 0x064d) return true;
  }
  return false;
};

// Sentence ends by token.
const sentEnd = (j: number) => doc.sentences[toks[j]!.sentence]!.tokenEnd;
// A word that shows where a name ends (nameEnds), or فإن (حسب الوزير محمد العلي فإن …), which
// normalises to the name particle فان (فان دايك) and is told from it by the hamza as written.
const nameEndAt = (j: number): boolean => {
  const w = norms[j]!;
  if (nameEnds?.has(w)) return true;
  return w === 'فان' && src.charCodeAt(toks[j]!.start + 1) === 0x0625;
};

// ---- gazetteer ----------------------------------------------------------
// (A loop, not hits.some with a callback: asked at every step of every trie walk.)
const accept = (hits: NameHit[]) => {
  for (let x = 0; x < hits.length; x++) if (hits[x]!.lang === 'ar' || !hits[x]!.cased) return true;
  return false;
};
const gzAt = (j: number): TrieMatch | null => {
  if (!(has[j]! & 2)) return null;
  let m = gzCache[j];
  if (m === undefined) gzCache[j] = m = longestMatchRooted(norms, j, sentEnd(j), words[j]!.gazetteer, joined, accept);
  return m;
};
const primary = (hits: NameHit[]): NameHit => {
  let h = primaryHits.get(hits);
  if (h === undefined) {
    const ok = hits.filter((h) => h.lang === 'ar' || !h.cased);
    h = ok.find((h) => h.kind === 'name' && h.lang === 'ar') ?? ok.find((h) => h.kind === 'name') ?? ok.find((h) => h.kind === 'role') ?? ok[0]!;
    if (h !== undefined) primaryHits.set(hits, h);
  }
  return h;
};
const typeOf = (id: string): EntityType => gz.entries.get(id)?.type ?? (id.split('.')[0] as EntityType);
const headAt = (j: number, limit: number): Head | null => {
  if (!(has[j]! & 1)) return null;
  if (limit !== sentEnd(j)) return findHead(j, limit);
  let h = headCache[j];
  if (h === undefined) headCache[j] = h = findHead(j, limit);
  return h;
};
const findHead = (j: number, limit: number): Head | null => {
  const keys = words[j]!.heads;
  let best: Head | null = null;
  for (let x = 0; x < keys.length; x++) {
    const k = keys[x]!;
    let node: TrieNode | undefined = k.node;
    let e = j + 1;
    let key = k.key;
    while (node) {
      if (node.hits && (!best || e > best.end)) best = { end: e, strip: k.strip, key, definite: k.definite };
      if (!node.next || e >= limit || !joined(e)) break;
      node = node.next.get(norms[e]!);
      key += ` ${norms[e]}`;
      e++;
    }
  }
  return best;
};

// ---- organisations from patterns ------------------------------------------
/**
 * The name rule c makes with its head at j (clitics `strip`); `withArticle`: the head was written
 * with the article (المنتخب العراقي), which only rules with headWithArticle take, head kept.
 */
const orgByRule = (j: number, limit: number, c: CompiledOrgRule, strip: number, withArticle: boolean): (Nested & { aliasFrom: number }) | null => {
  const found = orgComplement(j + 1, limit, c);
  if (!found) return null;
  const keep = withArticle || c.rule.keepHead;
  // مدينة الرياض: a known place after a generic head is the gazetteer's, found at the next token.
  if (c.rule.type === 'place' && !keep && knownPlaceAt(j + 1, found.end)) return null;
  const s0 = keep ? j : j + 1;
  const st = keep ? strip : 0;
  const ent = discovered(c.rule.type, s0, found.end, st, c.rule.id);
  return { start: s0, end: found.end, strip: st, entityId: ent.id, rule: c.rule.id, kind: 'name', aliasFrom: !withArticle && c.rule.aliasWithoutHead ? j + 1 : -1 };
};
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const orgAt = (j: number, limit: number): (Nested & { aliasFrom: number }) | null => {
  // 320 قرية، 5 مستشفيات: a head after a number is counted, not named.
  if (j > 0 && joined(j) && isDigit(norms[j - 1]!.charCodeAt(0))) return null;
  const keys = words[j]!.orgHeads;
  for (let x = 0; x < keys.length; x++) {
    const k = keys[x]!;
    for (const c of rules.orgHeads.get(k.key) ?? []) {
      const o = orgByRule(j, limit, c, k.strip, false);
      if (o) return o;
    }
  }
  const withArticle = words[j]!.orgHeadsWithArticle;
  if (withArticle.length && (isDefinite(norms[j]!) || isCliticDefinite(norms[j]!))) {
    for (const k of withArticle) {
      for (const c of rules.orgHeads.get(k.key) ?? []) {
        const o = c.rule.headWithArticle ? orgByRule(j, limit, c, k.strip, true) : null;
        if (o) return o;
      }
    }
  }
  return null;
};
const knownPlaceAt = (p: number, end: number): boolean => {
  const g = gzAt(p);
  return !!g && g.end === end && primary(g.hits).kind === 'name' && typeOf(primary(g.hits).entityId) === 'place';
};
const orgComplement = (p0: number, limit: number, c: CompiledOrgRule): { end: number } | null => {
  const r = c.rule;
  let p = p0;
  let count = 0;
  if (p >= limit || !softJoined(p)) return null;
  // A known organisation after the head is the gazetteer's (حركة طالبان → Taliban).
  const g0 = gzAt(p);
  if (g0 && primary(g0.hits).kind === 'name' && typeOf(primary(g0.hits).entityId) !== 'place') return null;
  if (r.complement === 'list-field') return fieldComplement(p0, limit, c);
  while (count < r.max && p < limit && (p === p0 ? softJoined(p) : joined(p))) {
    const w = norms[p]!;
    if (isStop(p) || headAt(p, limit) || rules.orgHeads.has(w)) break;
    const g = gzAt(p);
    if (g && primary(g.hits).kind === 'demonym') break;
    let ok = false;
    // وزارة التربية والتعليم: a second list word joined by و continues the name.
    if (r.complement === 'list') ok = !!c.list && (c.list.has(w) || c.list.has(bareAt(p)) || (count > 0 && w.startsWith('و') && c.list.has(stripArticle(w.slice(1)))));
    else if (r.complement === 'definite') ok = isDefinite(w) && !rules.notName.has(w);
    // (قرية منهم: a preposition with a pronoun is no name.)
    else if (r.complement === 'bare') ok = !isDefinite(w) && !rules.notName.has(w) && !hasTanwin(p) && !verbObjects?.has(w);
    else ok = count === 0 ? !isDefinite(w) && !rules.notName.has(w) : true;
    if (!ok) break;
    if (g && primary(g.hits).kind === 'name') {
      if (typeOf(primary(g.hits).entityId) === 'person') break;
      p = g.end;
      count += g.end - g.start;
      continue;
    }
    p++;
    count++;
  }
  if (count < r.min) return null;
  // Without a clear end, a bare name is kept to its shortest form (شركة تالابات زيادة → تالابات).
  if (r.complement === 'bare' && count > r.min && p < limit && joined(p) && !boundary(p, limit)) p = p0 + r.min;
  if (r.place && p < limit && (joined(p) || (count === 0 && softJoined(p)))) {
    const g = gzAt(p);
    if (g && (primary(g.hits).kind === 'demonym' || typeOf(primary(g.hits).entityId) === 'place')) return { end: g.end };
  }
  return r.place === 'required' ? null : { end: p };
};
/**
 * المؤسسة الوطنية للنفط، الهيئة العامة للطيران المدني، المجلس الأعلى للقضاء الليبي: a word of the
 * rule's list, a field with ل and the article, at most one adjective with the article, and a
 * nationality or place that may close the name.
 */
const fieldComplement = (p0: number, limit: number, c: CompiledOrgRule): { end: number } | null => {
  if (!joined(p0) || !c.list || !(c.list.has(norms[p0]!) || c.list.has(bareAt(p0)))) return null;
  let p = p0 + 1;
  if (p >= limit || !joined(p) || !isCliticDefinite(norms[p]!) || !norms[p]!.startsWith('لل') || isStop(p) || gzAt(p)) return null;
  p++;
  const demonymOrPlace = (k: number) => {
    const g = gzAt(k);
    return !!g && (primary(g.hits).kind === 'demonym' || typeOf(primary(g.hits).entityId) === 'place');
  };
  if (p < limit && joined(p) && isDefinite(norms[p]!) && !isStop(p) && !headAt(p, limit) && !gzAt(p) && !rules.notName.has(norms[p]!)) p++;
  if (c.rule.place && p < limit && joined(p) && demonymOrPlace(p)) return { end: gzAt(p)!.end };
  return { end: p };
};
// A place where a name visibly ends: punctuation or the sentence end, a complementiser
// or preposition, or a known entity glued to ل (حميد رضا نوري للجزيرة).
const clearEnd = (j: number, limit: number): boolean => {
  if (j >= limit || !joined(j)) return true;
  if (nameEndAt(j)) return true;
  // با آدما موسى الناطق باسم …: a title in apposition follows the name.
  if (headAt(j, limit)) return true;
  // في حديث صحفي، خلال مؤتمر صحفي: the occasion of speech follows the speaker's name.
  if (settingPrepositions?.has(norms[j]!) && j + 1 < limit && joined(j + 1) && words[j + 1]!.bare.some((k) => settingNouns?.has(k.key))) return true;
  // للصحيفة، لرويترز: who was told follows the speaker's name.
  if (norms[j]!.startsWith('لل') && isCliticDefinite(norms[j]!)) return true;
  const g = gzAt(j);
  return !!g && g.strip > 0 && primary(g.hits).kind === 'name';
};
// A token that ends a name: a stop word, a head, a known entity, punctuation, the end.
const boundary = (j: number, limit: number): boolean => {
  if (j >= limit || !joined(j)) return true;
  if (isStop(j) || headAt(j, limit) || isTrigger(j)) return true;
  const g = gzAt(j);
  return !!g && primary(g.hits).kind !== 'demonym';
};

// ---- names ---------------------------------------------------------------
/** A run of name tokens at j (no title, no known entity): [j, end). */
/**
 * Where plain name parts from `from` reach a plain end of the name (a complementiser or time
 * adverb, punctuation, the sentence end) by token `last` (inclusive): that token, or -1.
 */
const plainPartsEnd = (from: number, last: number, limit: number): number => {
  for (let m = from; m <= last; m++) {
    if (m >= limit || !joined(m) || nameEndAt(m)) return m;
    const w = norms[m]!;
    if (isDefinite(w) || rules.particles.has(w) || isCliticDefinite(w) || isStop(m) || headAt(m, limit) || isTrigger(m) || gzAt(m) || hasTanwin(m)) return -1;
  }
  return -1;
};
/** بالعاتي، بالحسني: بال + a word with the nisba ending, as a surname, where a comma, a complementiser or the sentence end follows. */
const belSurname = (k: number, limit: number): boolean => {
  const w = norms[k]!;
  // The nisba ending (-ي) tells the surname from a place or time phrase (بالملعب، بالمناسبة).
  if (!w.startsWith('بال') || w.length < 6 || !w.endsWith('ي') || cliticCommon(w)) return false;
  return k + 1 >= limit || gap[k + 1] === 1 || nameEndAt(k + 1);
};
/** The code of token k's last letter as the source writes it (diacritics and tatweel skipped). */
const lastLetter = (k: number): number => {
  for (let c = toks[k]!.end - 1; c >= toks[k]!.start; c--) {
    const code = src.charCodeAt(c);
    if (!((code >= 0x064b && code <= 0x0652) || code === 0x0640)) return code;
  }
  return 0;
};
/**
 * سامر علي أن: a name (علي) that normalises to a stop word (على) is a part of the name when the
 * source spells it as the name (final ي, not ى) and the name visibly ends right after it.
 */
const stopSpeltAsName = (k: number, j: number, limit: number): boolean => {
  if (!stopNames?.has(norms[k]!) || lastLetter(k) !== 0x064a) return false;
  const endsAt = (e: number) => e >= limit || gap[e] !== 0 || nameEndAt(e);
  if (k > j) return endsAt(k + 1);
  // الدكتور علي عمارة، / وزير التموين علي المصيلحي أن: as the first part, one more part must
  // follow and the name end there (the preposition in الوزير علي هامش المؤتمر is followed by more).
  const next = k + 1;
  if (!(next < limit && gap[next] === 0 && !isStop(next) && !headAt(next, limit))) return false;
  if (endsAt(next + 1)) return true;
  // وزير المال علي حسن خليل في حديث: a third plain part (no article, no known word) where the
  // name visibly ends after it (not على هامش المؤتمر).
  const third = next + 1;
  return third < limit && gap[third] === 0 && !isDefinite(norms[third]!) && !isStop(third) && !headAt(third, limit) && !gzAt(third) && clearEnd(third + 1, limit);
};
const nameRun = (j: number, limit: number, minTokens: number, maxTokens: number, maxBare: number): { end: number } | null => {
  let k = j;
  let prevDefinite = false;
  let prevCompoundable = false;
  let bare = 0;
  // Plain parts past maxBare are allowed up to here (see below).
  let plainEnd = -1;
  // Particles of descent and family (بن، آل, which normalises to ال) do not count towards
  // maxTokens: أحمد بن سعيد آل مكتوم.
  let particles = 0;
  while (k < limit && k - j - particles < maxTokens) {
    if (k > j && !joined(k) && gap[k] !== 5) break;
    const w = norms[k]!;
    // و إستغرب وزير الصحة: a proclitic written apart (و، ف) is a word of one letter, never a name's part.
    if (w.length === 1 && rules.prefixes.includes(w)) {
      if (k === j) return null;
      break;
    }
    // عبد الرحمن بن بوزيد مديري المستشفيات: a title word in the plural or dual construct (-ي) before
    // a word with the article, after two parts of a name, is where the name ends.
    if (k - j >= 2 && w.length > 4 && w.endsWith('ي') && rules.heads.has(w.slice(0, -1)) && k + 1 < limit && joined(k + 1) && isDefinite(norms[k + 1]!)) break;
    // A word written twice (سيرغي لافروف لافروف) is a slip, not a name part.
    if (k > j && w === norms[k - 1]) break;
    const isBare = !isDefinite(w) && !rules.particles.has(w) && !(k > j && rules.particles.has(norms[k - 1]!));
    // هيثم محمد إبراهيم، حميد رضا نوري: a third plain part only where the name visibly ends;
    // أسامة محمد خير عاتكة حينها: a fourth only where a complementiser, a time adverb or
    // punctuation shows the end (not the weaker signs of clearEnd).
    if (isBare && bare >= maxBare && k >= plainEnd) {
      if (!(maxBare >= 2 && k > j && bare === maxBare)) break;
      if (clearEnd(k + 1, limit)) plainEnd = k + 1;
      else {
        plainEnd = plainPartsEnd(k + 1, j + maxTokens, limit);
        if (plainEnd === -1) break;
      }
    }
    // After بن/عبد the next word is a name part even when it is also a title word (بن مساعد).
    if (nameEndAt(k)) break;
    // وتكنولوجيا، واستراتيجيات: و glued to a long word is the conjunction; names that start with
    // و are short (وليد، وائل، وفاء، وجدي).
    if (w.length >= 7 && w.charCodeAt(0) === 0x0648 && !rules.particles.has(w)) {
      if (k === j) return null;
      break;
    }
    // رئيس الحكومة طلبت منه: the word before a preposition with a pronoun is a verb.
    // (Not علية after بن: the pronoun is written ه, the name ends in ة.)
    if (k > j && verbObjects?.has(w) && !rules.particles.has(norms[k - 1]!) && !(w.endsWith('ه') && lastLetter(k) !== 0x0647)) {
      k--;
      break;
    }
    const afterParticle = k > j && rules.particles.has(norms[k - 1]!);
    if ((isStop(k) && !stopSpeltAsName(k, j, limit)) || (!afterParticle && headAt(k, limit) && !(k === j && givenNameAt(k, limit))) || isTrigger(k)) break;
    // فان، دي inside a name are particles, not ف + a known word.
    const g = k > j && rules.particles.has(w) ? null : gzAt(k);
    const def = isDefinite(w);
    if (g) {
      const h = primary(g.hits);
      // فراس الأبيض: a place the gazetteer marks ambiguous (the word is also a common one) is a
      // surname after a given name.
      const surname = k > j && g.end === k + 1 && h.kind === 'name' && typeOf(h.entityId) === 'place' && !!gz.ambiguous.get(h.entityId)?.has(w);
      // أحمد بن سعيد آل مكتوم: right after a particle of descent or family, a one-word name the
      // gazetteer knows (مكتوم) is this name's part.
      if (!surname && !(h.kind === 'demonym' && k > j && def && g.end === k + 1) && !(afterParticle && g.end === k + 1)) break;
    }
    // A preposition or conjunction glued to the article (للسكان، والأسد) opens a new phrase,
    // except a Maghrebi surname in بال (عبد المنعم بالعاتي، إن) where the name visibly ends after it.
    if (isCliticDefinite(w) && !(k > j && belSurname(k, limit))) break;
    if (k === j) {
      // لفريق المصري، بمراجعة اللقطة: a preposition glued to a common noun opens no name.
      if (cliticCommon(w, k)) return null;
      if (def || rules.notName.has(w) || rules.compound.has(w) || rules.orgHeads.has(w) || /^[0-9]/.test(w)) return null;
      // رئيس أرامكو وكبير إدارييها …: و before a common word or a title word is the conjunction.
      if (w.length > 3 && w.charCodeAt(0) === 0x0648 && (rules.notName.has(w.slice(1)) || rules.heads.has(w.slice(1)))) return null;
    } else {
      // عمرو أديب ببرنامج "الحكاية": a preposition glued to a common noun ends the name.
      if (cliticCommon(w)) break;
      // After a definite part (الأسد), a bare word is the next phrase — unless the
      // definite part is the second half of a compound (صلاح الدين رباني).
      // عثمان الطيب بابكر: a plain part after it still belongs where the name visibly ends there.
      if (prevDefinite && !def && !prevCompoundable && !rules.particles.has(w) && !(k - j === 2 && clearEnd(k + 1, limit))) break;
      // عادل الشريف الاتهامات: after a definite surname, a second word with the article is
      // the verb's object, unless the first was half of a compound (عبد العزيز الفيصل).
      if (prevDefinite && def && !prevCompoundable && !rules.compound.has(w)) break;
      // هاجم النائب ميشال فرعون الحكومة: a word with the article that heads an organisation (حكومة،
      // وزارة) is the verb's object, not a surname.
      if (def && !afterParticle && (rules.orgHeads.has(bareAt(k)) || !!titleBodies?.has(bareAt(k)))) break;
      if (/^[0-9]/.test(w)) break;
    }
    if (hasTanwin(k)) return null;
    if (isBare) bare++;
    prevDefinite = def;
    prevCompoundable = rules.compound.has(w) || (k > j && rules.particles.has(norms[k - 1]!));
    if (k > j && (patronymic.has(w) || w === 'ال')) particles++;
    k++;
  }
  // A name does not end on a particle (عبد, بن).
  while (k > j && rules.particles.has(norms[k - 1]!)) k--;
  if (k - j < minTokens) return null;
  if (k - j - particles >= maxTokens && !boundary(k, limit) && !clearEnd(k, limit)) return null;
  return { end: k };
};
/**
 * المهندس أمين الناصر، الدكتور أمير عبد الله: right after an honorific, a title head that is also
 * a common given name starts the name when the word after it is no complement of a title (أمين
 * عام، أمين الصندوق، أمير قطر) and the name visibly ends after it (a particle, a title head,
 * punctuation, a complementiser).
 */
const givenNameAt = (j: number, limit: number): boolean => {
  // (محافظ المصرف المركزي، سلطان السويدي، أمس: also right after a comma, where an apposition opens.)
  if (!givenNameHeads?.has(norms[j]!) || j === 0 || j + 1 >= limit || !(joined(j) || gap[j] === 1) || !joined(j + 1)) return false;
  if (!(gap[j] === 1 || honorifics?.has(norms[j - 1]!))) return false;
  const next = norms[j + 1]!;
  if (rules.particles.has(next)) return true;
  const b = bareAt(j + 1);
  if (rules.complements.has(b) || rules.qualifiers.has(b) || rules.bridges.has(next) || isStop(j + 1) || headAt(j + 1, limit)) return false;
  const g = gzAt(j + 1);
  // (سلطان السويدي: a nationality adjective after the given name is a surname, as in nameRun.)
  if (g && !(primary(g.hits).kind === 'name' && typeOf(primary(g.hits).entityId) === 'person') && !(primary(g.hits).kind === 'demonym' && g.end === j + 2)) return false;
  if (orgAt(j + 1, limit)) return false;
  const after = j + 2;
  return after >= limit || gap[after] !== 0 || !!headAt(after, limit) || nameEndAt(after);
};
/** The person named right after a title ending at e. */
const nameAfter = (e: number, limit: number, minTokens = 1, quotedEnd = false): NameFound | null => {
  if (e >= limit) return null;
  // المدير الفني البرتغالي ” كارلوس كيروش”: a name of two parts or more set in quote marks
  // of its own right after the title.
  if (gap[e] === 2 && !quotedEnd) {
    // (الوزيرة "الصالح": one part when it names a person the article named before.)
    const inMarks = nameAfterCore(e, limit, Math.max(2, minTokens));
    return inMarks && (inMarks.end - inMarks.start >= 2 || inMarks.entityId !== null) && closesOnMark(inMarks.end, limit) ? inMarks : null;
  }
  if (!(gap[e] === 0 || gap[e] === 1 || (gap[e] === 2 && quotedEnd))) return null;
  // وزير الصحة الدكتور توفيق الربيعة / وزير الداخلية، اللواء محمد إبراهيم: an honorific
  // between the title and the name belongs to neither.
  if (honorifics) {
    let h = e;
    while (h < limit && h - e < 3 && (h === e || gap[h] === 0) && honorifics.has(norms[h]!)) h++;
    if (h > e && h < limit && gap[h] === 0) return nameAfterCore(h, limit, minTokens);
  }
  return nameAfterCore(e, limit, minTokens);
};
const nameAfterCore = (e: number, limit: number, minTokens: number): NameFound | null => {
  const g = gzAt(e);
  if (g) {
    const h = primary(g.hits);
    if (h.kind === 'name' && typeOf(h.entityId) === 'person') return { start: e, end: g.end, strip: g.strip, entityId: h.entityId, rule: h.entityId, kind: 'name' };
    return null;
  }
  const known = local.size ? longestMatch(local, norms, e, limit, ck(e), joined) : null;
  if (known) {
    const ids = new Set(known.hits.map((h) => h.entityId));
    const hit = known.hits[0]!;
    if (ids.size === 1 && doc.entities.get(hit.entityId)?.type === 'person')
      return { start: e, end: known.end, strip: known.strip, entityId: hit.entityId, rule: hit.role === 1 ? (aliasRule?.id ?? hit.entityId) : localRule(hit.entityId), kind: hit.role === 1 ? 'alias' : 'name' };
  }
  if (!afterTitle) return null;
  const run = nameRun(e, limit, Math.max(minTokens, afterTitle.minNameTokens), afterTitle.maxNameTokens, afterTitle.maxBareTokens);
  if (!run) return null;
  // مدير عام مجمع ناصر الطبي د. يوسف أبو الريش: words right before an honorific are the title's
  // body, not a name; the name follows the honorific.
  if (run.end < limit && gap[run.end] === 0 && honorifics?.has(norms[run.end]!)) return null;
  return { start: e, end: run.end, strip: 0, entityId: null, rule: afterTitle.id, kind: 'name' };
};

/**
 * مدير عام مجمع ناصر الطبي د. يوسف أبو الريش: where a title's body of up to four words (no stop
 * word, no trigger, no punctuation) ends on an honorific that a name follows, the honorific's
 * token; -1 otherwise.
 */
const bodyBeforeHonorific = (e: number, limit: number): number => {
  if (!honorifics) return -1;
  for (let k = e; k < limit && k - e <= 4; k++) {
    if (k > e && honorifics.has(norms[k]!)) return k + 1 < limit && gap[k + 1] === 0 ? k : -1;
    if (!joined(k) || isStop(k) || isTrigger(k) || nameEndAt(k)) return -1;
  }
  return -1;
};

/** A quote mark stands right after token end - 1 (the next token follows a mark, or the sentence ends on one). */
const closesOnMark = (end: number, limit: number): boolean => {
  if (end < limit) return gap[end] === 2;
  const c = src.charCodeAt(toks[end - 1]!.end);
  return isQuoteCode(c);
};

/**
 * كبير المحللين في شركة «كوامكو» للاستشارات، مارك جونسون، أن: a name of two parts or more
 * set off by commas a few words after a title holds it.
 */
const appositionAfter = (t: Title, limit: number): NameFound | null => {
  for (let k = t.end; k < limit && k - t.end <= 4; k++) {
    // (وأكد وزير الفلاحة أن المخزون كاف، مطمئنا …: a clause, not an apposition, stands before the
    // comma; a preposition may: مدير الطرق في أمانة عمّان الكبرى، سليمان الشمري.)
    if (nameEndAt(k - 1) || isTrigger(k - 1)) return null;
    if (gap[k] === 1) {
      // (محاميه، المغربي جواد بنعيسي: a nationality with the article may open the apposition.)
      let n = k;
      while (n < limit && n - k < 2 && isDefinite(norms[n]!) && gzAt(n)?.end === n + 1 && primary(gzAt(n)!.hits).kind === 'demonym' && gap[n + 1] === 0) n++;
      const named = nameAfterCore(n, limit, 2);
      if (!named || (named.end < limit && gap[named.end] !== 1 && !clearEnd(named.end, limit))) return null;
      return named;
    }
    if (gap[k] !== 0 && gap[k] !== 2) return null;
  }
  return null;
};

// ---- titles --------------------------------------------------------------
const canContinueTitle = (k: number, limit: number): boolean => {
  if (k >= limit || !joined(k) || isStop(k)) return false;
  const g = gzAt(k);
  if (g) {
    const h = primary(g.hits);
    return h.kind === 'demonym' || (h.kind === 'name' && typeOf(h.entityId) !== 'person');
  }
  if (orgAt(k, limit)) return true;
  const b = bareAt(k);
  // وزير الخارجية وشؤون المغتربين، وزير التجارة والصناعة: a complement joined by و continues it.
  const w = norms[k]!;
  if (w.length > 3 && w.startsWith('و') && rules.complements.has(stripArticle(w.slice(1)))) return true;
  return rules.complements.has(b) || (isDefinite(norms[k]!) && !headAt(k, limit));
};

/** A bare word in construct with a following word with the article (مكافحة الإرهاب). */
const isConstruct = (k: number, limit: number): boolean =>
  k + 1 < limit && joined(k) && joined(k + 1) && !isDefinite(norms[k]!) && isDefinite(norms[k + 1]!) && !isStop(k) && !headAt(k, limit);

/**
 * The end of a phrase of at most four words in quote marks starting at j, when it reads as a
 * body's name (its first word has the article or is an organisation word) and a person's name
 * of two parts or more follows the closing mark; -1 otherwise.
 */
const quotedComplementEnd = (j: number, limit: number): number => {
  if (!(isDefinite(norms[j]!) || rules.orgHeads.has(bareAt(j)))) return -1;
  for (let k = j + 1; k < limit && k - j <= 4; k++) {
    if (gap[k] === 2) {
      const named = nameAfterCore(k, limit, 2);
      return named && named.end - named.start >= 2 ? k : -1;
    }
    if (gap[k] !== 0 || isStop(k) || isTrigger(k)) return -1;
  }
  return -1;
};

/** `afterName`: a name ends right before i (كريم النجار المتحدث باسم …), so a definite head there is no adjective. */
const parseTitle = (i: number, limit: number, afterName = false): Title | null => {
  let head = headAt(i, limit);
  // د. يوسف أبو الريش: an abbreviated honorific (its full stop joined it to the next word) is a title.
  if (!head && i + 1 < limit && gap[i + 1] === 0 && toks[i]!.end - toks[i]!.start === 1 && src.charCodeAt(toks[i]!.end) === 0x2e && honorifics?.has(norms[i]!))
    head = { end: i + 1, strip: 0, key: norms[i]!, definite: true };
  const g = gzAt(i);
  if (g && g.hits.some((h) => h.kind === 'role') && (!head || g.end > head.end)) {
    const key = words[i]!.bare.find((k) => k.strip === g.strip)?.key ?? norms[i]!;
    head = { end: g.end, strip: g.strip, key: [key, ...norms.slice(i + 1, g.end)].join(' '), definite: true };
  }
  if (!head) return null;
  // A definite head right after a definite noun is an adjective (العامل الرئيس: the main factor).
  if (!afterName && head.definite && head.strip === 0 && i > 0 && joined(i) && isDefinite(norms[i - 1]!) && !covered[i - 1]) return null;
  // ندوة صحفية، مؤتمر صحفي، مصدر إعلامي: so is a bare nisba head (-ي، -ية) after a bare noun
  // that is neither a verb of the lists nor a title word (قال صحفي، ناشط حقوقي stay titles).
  if (!head.definite && head.strip === 0 && head.end === i + 1 && i > 0 && joined(i) && isNisba(norms[i]!) && !covered[i - 1]) {
    const p = i - 1;
    if (!isDefinite(norms[p]!) && !isStop(p) && !isTrigger(p) && !headAt(p, limit) && !gzAt(p)) return null;
  }
  const t: Title = {
    start: i,
    strip: head.strip,
    end: head.end,
    headEnd: head.end,
    headKey: head.key,
    counterpart: rules.counterparts.has(head.key),
    definite: head.definite,
    nested: [],
    demonyms: [],
    tentativeEnd: -1,
  };
  let j = head.end;
  let lastWasHead = true;
  let afterBridge = false;
  let bodyBefore = false;
  let tentNested = 0;
  let tentDem = 0;
  while (j < limit && j - i < rules.maxTitleTokens && softJoined(j)) {
    // Quote marks may stand only around a known organisation or place (المتحدث باسم "الحوثيين"),
    // or around a body's name the gazetteer does not know when a person's name follows the
    // closing mark (وكيلة «الصحة العامة» بثينة المضف).
    if (gap[j] === 2) {
      // مدير "المرصد السوري" رامي عبد الرحمن: the mark closes a known name the title holds.
      const last = t.nested[t.nested.length - 1];
      if (last && last.end === j) {
        t.quotedEnd = true;
        break;
      }
      const gq = gzAt(j);
      const hq = gq ? primary(gq.hits) : null;
      if (!hq || hq.kind !== 'name' || typeOf(hq.entityId) === 'person') {
        const close = quotedComplementEnd(j, limit);
        if (close > 0) {
          j = close;
          t.quotedEnd = true;
        }
        break;
      }
    }
    if (lastWasHead && !t.counterpart) {
      const h2 = headAt(j, limit);
      if (h2 && !rules.counterparts.has(h2.key) && !givenNameAt(j, limit)) {
        j = h2.end;
        t.headEnd = j;
        continue;
      }
    }
    lastWasHead = false;
    const gm = gzAt(j);
    if (gm) {
      const h = primary(gm.hits);
      if (h.kind === 'demonym') {
        t.demonyms.push([j, gm.end]);
        j = gm.end;
        continue;
      }
      if (h.kind === 'name' && typeOf(h.entityId) !== 'person') {
        t.nested.push({ start: j, end: gm.end, strip: gm.strip, entityId: h.entityId, rule: h.entityId, kind: 'name' });
        j = gm.end;
        continue;
      }
      break;
    }
    const o = orgAt(j, limit);
    if (o) {
      t.nested.push(o);
      j = o.end;
      continue;
    }
    const w = norms[j]!;
    if (afterBridge && isConstruct(j, limit)) {
      j++;
      continue;
    }
    // وزير الصحة في حكومة تصريف الأعمال فراس الأبيض: a body word without the article takes a
    // genitive, here a word in construct with one that has it; kept only where a name follows.
    if (bodyBefore && isConstruct(j, limit)) {
      if (t.tentativeEnd < 0) {
        t.tentativeEnd = j;
        tentNested = t.nested.length;
        tentDem = t.demonyms.length;
      }
      bodyBefore = false;
      j += 2;
      continue;
    }
    bodyBefore = false;
    afterBridge = false;
    if (rules.bridges.has(w) || rules.tentativeBridges.has(w)) {
      if (!canContinueTitle(j + 1, limit) && !isConstruct(j + 1, limit)) break;
      afterBridge = true;
      if (rules.tentativeBridges.has(w) && t.tentativeEnd < 0) {
        t.tentativeEnd = j;
        tentNested = t.nested.length;
        tentDem = t.demonyms.length;
      }
      j++;
      continue;
    }
    const b = bareAt(j);
    if (rules.complements.has(b) || rules.qualifiers.has(b)) {
      bodyBefore = !isDefinite(w) && !!titleBodies?.has(b);
      j++;
      continue;
    }
    // وزير الخارجية وشؤون المغتربين، وزير التجارة والصناعة: a complement joined by و continues the title.
    if (w.length > 3 && w.startsWith('و') && rules.complements.has(stripArticle(w.slice(1)))) {
      j++;
      continue;
    }
    // مدير عام القياس والتقويم والامتحانات: a definite complement joined by و to the definite one
    // before it continues the title; a title head or a known name after و is a second person or
    // body (وزير الخارجية والرئيس السوري، … والأردن), not part of it.
    if (t.tentativeEnd < 0 && w.length > 5 && w.startsWith('و') && isDefinite(w.slice(1)) && j > t.headEnd - 1 && (isDefinite(norms[j - 1]!) || (norms[j - 1]!.startsWith('و') && isDefinite(norms[j - 1]!.slice(1)))) && !isStop(j) && !headAt(j, limit) && !gzAt(j) && !rules.notName.has(w.slice(1))) {
      j++;
      continue;
    }
    // الرئيسة التنفيذية للمجموعة، المدير الفني للفريق: ل + the article before a body word. ل + a
    // body word without it is in construct with what follows: a word with the article (لنادي
    // الهلال) or another complement (لفريق كرة القدم).
    if ((w.startsWith('لل') && w.length > 4 && (rules.complements.has(w.slice(2)) || rules.orgHeads.has(w.slice(2)))) || (w.startsWith('ل') && w.length > 3 && rules.complements.has(w.slice(1)) && j + 1 < limit && (isDefinite(norms[j + 1]!) || rules.complements.has(bareAt(j + 1))))) {
      j++;
      continue;
    }
    // رئيس المجلس الأعلى للآثار مصطفى وزيري: ل + the article after a definite word of the title
    // continues it only where a name follows (tentatively, as في does): رئيس الوزراء للصحفيين
    // is who was told. So does ب + the article (عضو اللجنة التنظيمية بالمهرجان أيمن خنفر، مدير
    // الإعلام بالوزارة سامي علي).
    // So does ب + a body word in construct (مدرب فريق كرة القدم بنادي الجزيرة خالد …).
    const afterDefinite = ((w.startsWith('لل') && w.length > 4) || (w.startsWith('بال') && w.length > 5)) && isDefinite(norms[j - 1]!);
    const bodyWithBa = w.startsWith('ب') && w.length > 3 && rules.complements.has(w.slice(1)) && j + 1 < limit && isDefinite(norms[j + 1]!);
    if ((afterDefinite || bodyWithBa) && j > t.start && !covered[j] && !gzAt(j)) {
      if (t.tentativeEnd < 0) {
        t.tentativeEnd = j;
        tentNested = t.nested.length;
        tentDem = t.demonyms.length;
      }
      j++;
      continue;
    }
    if (isStop(j) || isTrigger(j)) break;
    if (isDefinite(w) && !headAt(j, limit) && !rules.notName.has(w)) {
      j++;
      continue;
    }
    break;
  }
  t.end = j;
  if (t.tentativeEnd < 0) t.tentativeEnd = j;
  else (t as Title & { trim?: [number, number] }).trim = [tentNested, tentDem];
  return t;
};
const trimTentative = (t: Title) => {
  const trim = (t as Title & { trim?: [number, number] }).trim;
  if (!trim) return;
  t.end = t.tentativeEnd;
  t.nested.length = trim[0];
  t.demonyms.length = trim[1];
};

/**
 * الناطق باسم المترشح محمد ولد عبد العزيز: where a bridge (باسم، لدى) is followed by a title head,
 * the name after the title is that inner head's holder, not the outer title's. Returns the inner
 * head's token (the title is cut before it), or -1.
 */
const cutAtInnerHead = (t: Title, limit: number): number => {
  // (From the title's second word: the bridge may close a head such as المتحدث باسم.)
  for (let k = t.start + 1; k + 1 < t.end; k++) {
    if (!rules.bridges.has(norms[k]!) || !headAt(k + 1, limit)) continue;
    const inner = k + 1;
    t.end = inner;
    t.headEnd = Math.min(t.headEnd, inner);
    t.tentativeEnd = Math.min(t.tentativeEnd, inner);
    t.nested = t.nested.filter((m) => m.end <= inner);
    t.demonyms = t.demonyms.filter(([, b]) => b <= inner);
    return inner;
  }
  return -1;
};

/**
 * A title right after a name (… موسى الناطق باسم الحزب) is that name's when no name of its own
 * follows it, or when the name that follows is an inner head's (الناطق باسم المترشح محمد …); the
 * title is trimmed to the part that is the name's.
 */
const roleHeadAt = (start: number, end: number) => {
  const g = end - start >= 2 ? gzAt(start) : null;
  return !!g && g.end === end && g.hits.some((h) => h.kind === 'role');
};
const titleOfNameBefore = (t2: Title | null, limit: number): t2 is Title => {
  if (!t2 || t2.counterpart) return false;
  if (nameAfter(t2.end, limit)) return cutAtInnerHead(t2, limit) >= 0;
  // A bare head (أحمد سمير مدير) is no title of the name; a role phrase of the gazetteer (مدرب
  // منتخب المغرب), read whole as the head, is, and so is a chain of heads opening on the
  // article (هاني يونس المستشار الإعلامي لرئيس الوزراء).
  if (t2.end <= t2.headEnd && !roleHeadAt(t2.start, t2.headEnd) && !(t2.definite && t2.headEnd - t2.start >= 3)) return false;
  trimTentative(t2);
  return true;
};

/** Token k is inside one of the title's nationality adjectives. */
const inDemonym = (t: Title, k: number) => t.demonyms.some(([a, b]) => k >= a && k < b);
const titleParts = (t: Title) => {
  const headBare = t.headKey.split(' ');
  const all: string[] = [...headBare];
  const noDem: string[] = [...headBare];
  const head: string[] = [...headBare];
  const dem: string[] = [];
  for (let k = t.headEnd; k < t.end; k++) {
    const w = norms[k]!;
    all.push(w);
    if (inDemonym(t, k)) dem.push(w);
    else noDem.push(w);
    if (rules.qualifiers.has(bareAt(k))) head.push(w);
  }
  // headKey may span several tokens; keep head-chain tokens between them.
  for (let k = t.start + headBare.length; k < t.headEnd; k++) {
    all.splice(k - t.start, 0, norms[k]!);
    noDem.splice(k - t.start, 0, norms[k]!);
    head.splice(k - t.start, 0, norms[k]!);
  }
  return { all, noDem, head, dem };
};

// ---- features for coreference ----------------------------------------------
/** A word as the coreference lists write it: proclitics and the article dropped. */
const bareOf = (k: number, strip: number) => (strip === 0 ? bareAt(k) : stripArticle(norms[k]!.slice(strip)));
const placeSlug = (id: string) => (id.startsWith('place.') ? id.slice(6) : null);
/**
 * مدرب المنتخب الوطني العراقي، مدرب منتخب مصر: a place or its adjective at token k right after an
 * organisation word (or one word after it) is the organisation's, not the person's. `words` are
 * the bare words of the span from token s0.
 */
const ofOrganisation = (words: readonly string[], s0: number, k: number) => {
  for (let p = k - 1; p >= Math.max(s0, k - 2); p--) if (coref && readFeatures([words[p - s0]!], coref).organisationKind) return true;
  return false;
};
/** Features of the words [s, e): roles and fields from the word lists, nationality and organisations from known names. */
const spanFeatures = (s0: number, e: number, strip: number): CorefFeatures => {
  const words: string[] = [];
  for (let k = s0; k < e; k++) words.push(bareOf(k, k === s0 ? strip : 0));
  const f = coref ? readFeatures(words, coref) : emptyFeatures();
  for (let k = s0; k < e; k++) {
    // Asked of every token: inside a title the gazetteer matched as a whole (وزير الخارجية
    // الروسي, a role), the walk never looked at الروسي on its own.
    const g = gzAt(k);
    if (!g) continue;
    const h = primary(g.hits);
    const place = placeSlug(h.entityId);
    if (place && (h.kind === 'demonym' || h.kind === 'name')) {
      if (!ofOrganisation(words, s0, k)) f.nationality ??= place;
    }
    else if (h.kind === 'name' && typeOf(h.entityId) === 'organisation' && !f.organisations.includes(h.entityId)) f.organisations.push(h.entityId);
  }
  return f;
};
const titleFeatures = (t: Title): CorefFeatures => {
  const f = spanFeatures(t.start, t.end, t.strip);
  for (const m of t.nested) {
    const place = placeSlug(m.entityId);
    if (place) f.nationality ??= place;
    else if (!f.organisations.includes(m.entityId)) f.organisations.push(m.entityId);
  }
  return f;
};
const noteFeatures = (id: string, f: CorefFeatures) => {
  const have = features.get(id);
  if (have) mergeFeatures(have, f);
  else features.set(id, f);
};
const readAllFeatures = () => {
  if (featuresRead) return features;
  featuresRead = true;
  for (const [id, t, of] of boundTitles) {
    const f = titleFeatures(t);
    // نظيره الأفغاني: a counterpart holds the same role in its own country (the minister's counterpart is a minister).
    if (of) {
      const o = of();
      for (const r of o.roles) if (!f.roles.includes(r)) f.roles.push(r);
      for (const d of o.domains) if (!f.domains.includes(d)) f.domains.push(d);
    }
    noteFeatures(id, f);
  }
  return features;
};

const entity = (id: string): DocEntity => gazetteerEntity(doc, gz, id)!;
const textOf = (s: number, e: number, strip: number) => {
  const sp = doc.view.span(toks[s]!.vStart + strip, toks[e - 1]!.vEnd);
  return src.slice(sp.start, sp.end);
};
// للمنتخب المصري and المنتخب المصري are one name: where ل and ال fuse, the key restores the alef.
const fusedAt = (s: number, strip: number) => strip > 0 && norms[s]!.slice(strip - 1, strip + 1) === 'لل';
const keyOf = (s: number, e: number, strip: number) => {
  const first = norms[s]!.slice(strip);
  return [fusedAt(s, strip) ? `ا${first}` : first, ...norms.slice(s + 1, e)].join(' ');
};
const sameOrg = (s: number, e: number, strip: number): { stem: string; adjective: boolean; id?: string } => {
  const g = e - s >= 3 ? gzAt(e - 1) : null;
  const adjective = !!g && g.end === e && primary(g.hits).kind === 'demonym';
  const stem = keyOf(s, adjective ? e - 1 : e, strip);
  const known = orgStems.get(stem);
  if (!known) return { stem, adjective };
  const id = adjective ? (known.withAdjective.size === 0 ? known.bare : undefined) : known.withAdjective.size === 1 ? [...known.withAdjective][0] : undefined;
  return id ? { stem, adjective, id } : { stem, adjective };
};
const discovered = (type: EntityType, s: number, e: number, strip: number, _rule: string): DocEntity => {
  const key = `${type}\u0000${keyOf(s, e, strip)}`;
  const have = discoveredByKey.get(key);
  if (have) return doc.entities.get(have)!;
  const org = type === 'organisation' ? sameOrg(s, e, strip) : null;
  if (org?.id) {
    const same = doc.entities.get(org.id)!;
    const written = (fusedAt(s, strip) ? 'ا' : '') + textOf(s, e, strip);
    if (!same.names.ar!.includes(written)) same.names.ar!.push(written);
    discoveredByKey.set(key, org.id);
    return same;
  }
  const base = `${type}.${slugify(keyOf(s, e, strip))}`;
  let id = base;
  for (let k = 2; gz.entries.has(id) || (usedIds.has(id) && usedIds.get(id) !== key); k++) id = `${base}-${k}`;
  usedIds.set(id, key);
  discoveredByKey.set(key, id);
  // The name as written, with the alef restored where ل and ال fuse (للتلفزيون: التلفزيون).
  const name = (fusedAt(s, strip) ? 'ا' : '') + textOf(s, e, strip);
  const ent: DocEntity = { id, type, name, names: { ar: [name] }, source: 'rule', roles: [] };
  doc.entities.set(id, ent);
  if (org) {
    const stems = orgStems.get(org.stem) ?? { withAdjective: new Set<string>() };
    if (org.adjective) stems.withAdjective.add(id);
    else stems.bare ??= id;
    orgStems.set(org.stem, stems);
  }
  return ent;
};
const localRule = (id: string) => localRules.get(id) ?? id;
const addLocal = (tokens: readonly string[], entityId: string, kind: 'name' | 'alias') => {
  if (!tokens.length) return;
  const node = insertPath(local, tokens);
  const hits = (node.hits ??= []);
  if (!hits.some((h) => h.entityId === entityId)) hits.push({ kind: 'name', entityId, lang: 'ar', form: kind, cased: false, role: kind === 'alias' ? 1 : 0 });
};
const notePerson = (e: DocEntity, rule: string) => {
  if (localRules.has(e.id)) return;
  localRules.set(e.id, rule);
  for (const name of e.names.ar ?? []) {
    const toksOf = cachedNameTokens(name);
    addLocal(toksOf, e.id, 'name');
    if (!aliasRule || toksOf.length < 2) continue;
    const last = toksOf[toksOf.length - 1]!;
    if (last.length >= 3 && !rules.particles.has(last) && !rules.compound.has(last) && !rules.stop.has(last)) addLocal([last], e.id, 'alias');
    // رامي عبد الرحمن → عبد الرحمن: a compound surname is referred to whole.
    else if (toksOf.length >= 3 && rules.compound.has(last) && rules.particles.has(toksOf[toksOf.length - 2]!)) addLocal(toksOf.slice(-2), e.id, 'alias');
    // عبد العزيز بن سلمان → الأمير عبد العزيز: a compound given name before a patronymic
    // refers to the person too (a single given name such as محمد is too common to).
    const bin = toksOf.findIndex((w, k) => k >= 2 && patronymic.has(w));
    if (bin >= 2 && rules.particles.has(toksOf[0]!) && rules.compound.has(toksOf[1]!)) addLocal(toksOf.slice(0, bin), e.id, 'alias');
  }
};
const emit = (s: number, e: number, strip: number, entityId: string, kind: EntityMention['kind'], rule: string) => {
  if (e <= s) return;
  for (let k = s; k < e; k++) if (covered[k]) return;
  const sp = doc.view.span(toks[s]!.vStart + strip, toks[e - 1]!.vEnd);
  mentions.push({ start: sp.start, end: sp.end, entityId, kind, rule, tokenStart: s, tokenEnd: e });
  covered.fill(1, s, e);
  const ent = doc.entities.get(entityId) ?? entity(entityId);
  if (kind === 'name' && ent.type === 'person') notePerson(ent, rule);
};
const emitNested = (t: Title) => {
  for (const m of t.nested) emit(m.start, m.end, m.strip, m.entityId, m.kind, m.rule);
};
/** The title mention: from the title start to its first nested mention. */
const emitTitle = (t: Title, entityId: string, rule: string) => {
  const firstNested = t.nested.length ? t.nested[0]!.start : t.end;
  emit(t.start, firstNested, t.strip, entityId, 'title', rule);
  emitNested(t);
};
/**
 * The features of the nearest title before token `at` in its sentence, one the walk parsed or
 * one the gazetteer matched whole as a role (وزير الخارجية الروسي سيرغي لافروف).
 */
const titleBefore = (at: number): (() => CorefFeatures) | null => {
  const s0 = doc.sentences[toks[at]!.sentence]!.tokenStart;
  for (let k = at - 1; k >= s0; k--) {
    const g = gzAt(k);
    if (g && g.end <= at && g.hits.some((h) => h.kind === 'role')) return () => spanFeatures(k, g.end, g.strip);
    if (!headAt(k, sentEnd(k))) continue;
    const t = parseTitle(k, sentEnd(k));
    if (t && !t.counterpart && t.end <= at) return () => titleFeatures(t);
  }
  return null;
};
/** وقال لافروف خلال مؤتمر صحفي مع نظيره: with no title before it, the person named before in the sentence, as known by then. */
const personBefore = (at: number): (() => CorefFeatures) | null => {
  const sentence = toks[at]!.sentence;
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!;
    if (m.tokenEnd > at) continue;
    if (toks[m.tokenStart]!.sentence !== sentence) break;
    if (doc.entities.get(m.entityId)?.type === 'person') return () => features.get(m.entityId) ?? emptyFeatures();
  }
  return null;
};
const addRole = (entityId: string, t: Title) => {
  const e = doc.entities.get(entityId) ?? entity(entityId);
  const role = textOf(t.start, t.end, t.strip);
  if (!e.roles.includes(role)) e.roles.push(role);
  // Read later, and only if a description asks (see readAllFeatures).
  if (t.counterpart) {
    // Whose counterpart: the person named before in the sentence, as known by then; else the title before.
    const person = personBefore(t.start);
    const title = titleBefore(t.start);
    boundTitles.push([entityId, t, () => {
      const f = person?.();
      return f && f.roles.length ? f : (title?.() ?? emptyFeatures());
    }]);
  } else boundTitles.push([entityId, t, null]);
};
const bind = (t: Title, entityId: string) => {
  if (!corefRule) return;
  const p = titleParts(t);
  if (t.counterpart) {
    if (lastTitleNoDem && p.dem.length) {
      bindings.set([...lastTitleNoDem, ...p.dem].join(' '), entityId);
      if (lastTitleHead) bindings.set([...lastTitleHead, ...p.dem].join(' '), entityId);
    }
    bindings.set(p.all.join(' '), entityId);
    return;
  }
  bindings.set(p.all.join(' '), entityId);
  bindings.set(p.noDem.join(' '), entityId);
  bindings.set([...p.head, ...p.dem].join(' '), entityId);
  bindings.set(p.head.join(' '), entityId);
  lastTitleNoDem = p.noDem;
  lastTitleHead = p.head;
};
const resolveTitle = (t: Title): { entityId: string; rule: string } | null => {
  const p = titleParts(t);
  const keys: string[] = [p.all.join(' ')];
  if (t.counterpart && lastTitleNoDem && p.dem.length) keys.push([...lastTitleNoDem, ...p.dem].join(' '));
  else if (p.dem.length) keys.push([...p.head, ...p.dem].join(' '));
  // الوزير, the head alone: the last one bound to it. وزير الخارجية says more than its head: only
  // that title, or the coreference pass by field (not the education minister named before).
  else if (p.noDem.length === p.head.length) keys.push(p.head.join(' '));
  if (corefRule) {
    for (const k of keys) {
      const id = bindings.get(k);
      if (id) return { entityId: id, rule: corefRule.id };
    }
  }
  if (roleRule) {
    const refs = gz.roles.get(p.all.join(' '));
    if (refs?.length) {
      const y = year;
      const fits = y !== null ? refs.filter((r) => (r.from === undefined || r.from <= y) && (r.to === undefined || r.to >= y)) : refs.filter((r) => r.to === undefined);
      const ids = new Set(fits.map((r) => r.entityId));
      if (ids.size === 1) return { entityId: [...ids][0]!, rule: roleRule.id };
    }
  }
  return null;
};

const triggerBefore = (i: number) => i > 0 && gap[i] === 0 && isTrigger(i - 1);
const sentenceStart = (i: number) => gap[i] === 4 || gap[i] === 3;

function orgAliasRule(id: string): string {
  return orgAliases.find((a) => a.entityId === id)?.rule ?? id;
}
