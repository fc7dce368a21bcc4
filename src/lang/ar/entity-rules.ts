// Compiles the Arabic entity rule files (rules/ar/titles.yaml and
// rules/ar/entity-*.yaml) into sets and small tries, once per run.
import { WordTable } from '../../text/intern.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityRulesFile, OrganisationRule, PersonRule } from '../../schema/entity-rules.ts';
import { EntityRulesFileSchema } from '../../schema/entity-rules.ts';
import { loadYamlFile } from '../../util/load-yaml.ts';
import { normaliseString } from '../../text/normalise.ts';
import { insertPath, splitTokens, type FirstKey, type RootedKey, type TrieNode } from '../../entities/gazetteer.ts';
import { compileCorefLexicon, type CorefLexicon } from '../../entities/coref.ts';
import { CorefRulesSchema } from '../../schema/coref-rules.ts';

export interface CompiledOrgRule {
  rule: OrganisationRule;
  list: Set<string> | undefined;
}

export interface ArabicEntityRules {
  /** Clitic prefixes (normalised), shortest first. */
  prefixes: string[];
  article: string;
  stop: Set<string>;
  particles: Set<string>;
  compound: Set<string>;
  notName: Set<string>;
  triggers: Set<string>;
  /** Title heads, keyed without the article; hits mark counterpart heads. */
  heads: Map<string, TrieNode>;
  counterparts: Set<string>;
  complements: Set<string>;
  qualifiers: Set<string>;
  bridges: Set<string>;
  tentativeBridges: Set<string>;
  maxTitleTokens: number;
  person: Partial<Record<PersonRule['kind'], PersonRule>>;
  /** Organisation rules by head word. */
  orgHeads: Map<string, CompiledOrgRule[]>;
  lists: Map<string, Set<string>>;
}

/** Rule files of a language: titles.yaml and every entity-*.yaml, sorted. */
export function entityRuleFiles(rulesDir: string, lang: string): string[] {
  const dir = join(rulesDir, lang);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f === 'titles.yaml' || /^entity-.*\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function loadEntityRuleFiles(files: string[]): EntityRulesFile[] {
  return files.map((f) => loadYamlFile(f, EntityRulesFileSchema).data);
}

const norm1 = (w: string) => splitTokens(normaliseString(w)).join(' ');

export function compileArabicRules(files: EntityRulesFile[]): ArabicEntityRules {
  const lists = new Map<string, Set<string>>();
  let prefixes: string[] = [];
  let article = 'ال';
  const titleWords = { heads: [] as string[], counterparts: [] as string[], complements: [] as string[], qualifiers: [] as string[], bridges: [] as string[], tentativeBridges: [] as string[] };
  let maxTitleTokens = 10;
  const person: Partial<Record<PersonRule['kind'], PersonRule>> = {};
  const orgRules: OrganisationRule[] = [];
  for (const f of files) {
    if (f.proclitics) prefixes = f.proclitics.map(norm1);
    if (f.article) article = norm1(f.article);
    for (const [name, words] of Object.entries(f.lists)) {
      let set = lists.get(name);
      if (!set) lists.set(name, (set = new Set()));
      for (const w of words) set.add(norm1(w));
    }
    if (f.titles) {
      for (const k of Object.keys(titleWords) as Array<keyof typeof titleWords>) for (const w of f.titles[k]) titleWords[k].push(w);
      maxTitleTokens = f.titles.maxTokens;
    }
    for (const r of f.rules) person[r.kind] ??= r;
    for (const r of f.organisations) orgRules.push(r);
  }
  prefixes = [...new Set(prefixes)].sort((a, b) => a.length - b.length);
  const bare = (w: string) => {
    const n = norm1(w);
    return n.startsWith(article) && n.length > article.length + 1 ? n.slice(article.length) : n;
  };
  const heads = new Map<string, TrieNode>();
  for (const h of [...titleWords.heads, ...titleWords.counterparts]) {
    const toks = bare(h).split(' ');
    const node = insertPath(heads, toks);
    node.hits ??= [{ kind: 'role', entityId: '', lang: 'ar', form: h, cased: false }];
  }
  const orgHeads = new Map<string, CompiledOrgRule[]>();
  for (const rule of orgRules) {
    const list = rule.list ? lists.get(rule.list) : undefined;
    for (const h of rule.heads) {
      const key = bare(h);
      let arr = orgHeads.get(key);
      if (!arr) orgHeads.set(key, (arr = []));
      arr.push({ rule, list });
    }
  }
  const get = (n: string) => lists.get(n) ?? new Set<string>();
  return {
    prefixes,
    article,
    stop: get('stop'),
    particles: get('particles'),
    compound: get('compound'),
    notName: get('notName'),
    triggers: get('triggers'),
    heads,
    counterparts: new Set(titleWords.counterparts.map(bare)),
    complements: new Set(titleWords.complements.map(bare)),
    qualifiers: new Set(titleWords.qualifiers.map(bare)),
    bridges: new Set(titleWords.bridges.map(norm1)),
    tentativeBridges: new Set(titleWords.tentativeBridges.map(norm1)),
    maxTitleTokens,
    person,
    orgHeads,
    lists,
  };
}

/**
 * Candidate keys of a token with its proclitics stripped: the token itself,
 * then each prefix removed (وب+الأمم → الأمم), with ل+ال written لل restored
 * (للعراق → العراق). Remainders shorter than two letters are not tried.
 */
export function cliticKeys(norm: string, rules: Pick<ArabicEntityRules, 'prefixes' | 'article'>): FirstKey[] {
  const out: FirstKey[] = [{ key: norm, strip: 0 }];
  const art = rules.article;
  for (const p of rules.prefixes) {
    if (norm.length - p.length < 2 || !norm.startsWith(p)) continue;
    const rest = norm.slice(p.length);
    out.push({ key: rest, strip: p.length });
    // ل + ال is written لل: the article's alef is dropped.
    if (art.length === 2 && p.endsWith(art[1]!) && rest.startsWith(art[1]!) && rest.length >= 3) out.push({ key: art[0]! + rest, strip: p.length });
  }
  return out;
}

export interface BareKey extends FirstKey {
  definite: boolean;
}

/** cliticKeys plus the same keys without the article (for title heads and word lists). */
export function bareKeys(norm: string, rules: Pick<ArabicEntityRules, 'prefixes' | 'article'>): BareKey[] {
  return bareOfClitic(cliticKeys(norm, rules), rules.article);
}

function bareOfClitic(keys: readonly FirstKey[], art: string): BareKey[] {
  const out: BareKey[] = [];
  for (const k of keys) {
    if (art && k.key.startsWith(art) && k.key.length > art.length + 1) out.push({ key: k.key.slice(art.length), strip: k.strip, definite: true });
    else out.push({ key: k.key, strip: k.strip, definite: false });
  }
  return out;
}

/**
 * What the entity walk asks of one word whatever its place in the text: its
 * clitic and bare keys, and, among them, only those that start a gazetteer
 * path, a title head or an organisation head (most words start none, so most
 * lookups end before they begin).
 */
export interface WordKeys {
  clitic: readonly FirstKey[];
  bare: readonly BareKey[];
  /** Keys that start a gazetteer path, with the root's node for each (looked up once per word). */
  gazetteer: readonly RootedKey[];
  /** Keys that start a title head, with the head trie's node for each. */
  heads: readonly (BareKey & { node: TrieNode })[];
  orgHeads: readonly FirstKey[];
  /** Bare keys whose organisation rules take a head written with the article (المنتخب العراقي). */
  orgHeadsWithArticle: readonly BareKey[];
  /** In the stop list, or in the trigger list, as is or after و/ف (never a name particle such as فان). */
  stop: boolean;
  trigger: boolean;
  /** The alias pass (one per article) in which one of this word's clitic keys starts a name met in the article. */
  aliasPass: number;
}

/** How many words the cache keeps before it starts afresh (memory stays bounded over any number of articles). */
const WORD_CACHE_LIMIT = 100_000;

/**
 * Word keys computed once per distinct word and run, not once per token: news
 * vocabulary repeats, so after the first articles nearly every token is a hit
 * and the walk allocates nothing for it. Bound to one rule set and one gazetteer.
 */
export class WordKeyCache {
  private readonly words = new Map<string, WordKeys>();
  constructor(
    private readonly rules: Pick<ArabicEntityRules, 'prefixes' | 'article' | 'heads' | 'orgHeads' | 'stop' | 'triggers' | 'particles' | 'lists'>,
    readonly gazetteerRoot: Map<string, TrieNode>,
  ) {}

  private readonly byId = new WordTable<WordKeys>();
  /** Clitic key → the words met so far with that key among their cliticKeys (the inverse, for markKey). */
  private byClitic = new Map<string, WordKeys[]>();

  /**
   * Called before each article's tokens are looked up: the cache starts afresh past its limit
   * here, between articles, never within one (markKey finds an article's words in it).
   */
  startArticle(): void {
    if (this.words.size < WORD_CACHE_LIMIT) return;
    this.words.clear();
    this.byClitic.clear();
    this.byId.clear();
  }

  /** get(norm) for a token: by its word id first (an array read), else by its string. */
  getToken(wordId: number, norm: string): WordKeys {
    let w = this.byId.get(wordId, norm);
    if (w === undefined) {
      w = this.get(norm);
      this.byId.set(wordId, norm, w);
    }
    return w;
  }

  /**
   * Marks with `pass` every word met so far one of whose clitic keys (cliticKeys) is `key`, so that
   * asking whether a token's keys start a name is a field read, not a probe per key and token.
   * One probe of the inverse index kept as words are added (it was a probe per prefix, each with
   * a new string to hash: prefix + key).
   */
  markKey(key: string, pass: number): void {
    const ws = this.byClitic.get(key);
    if (ws) for (let x = 0; x < ws.length; x++) ws[x]!.aliasPass = pass;
  }

  get(norm: string): WordKeys {
    let w = this.words.get(norm);
    if (w === undefined) {
      const clitic = cliticKeys(norm, this.rules);
      const bare = bareOfClitic(clitic, this.rules.article);
      w = {
        clitic,
        bare,
        gazetteer: rooted(clitic, this.gazetteerRoot),
        heads: withPossessive(rooted(bare, this.rules.heads), bare, this.rules),
        orgHeads: only(clitic, (k) => this.rules.orgHeads.has(k.key)),
        orgHeadsWithArticle: only(bare, (k) => this.rules.orgHeads.get(k.key)?.some((c) => c.rule.headWithArticle) === true),
        stop: inList(this.rules.stop, norm, this.rules.particles),
        trigger: inList(this.rules.triggers, norm, this.rules.particles),
        aliasPass: 0,
      };
      this.words.set(norm, w);
      for (const k of clitic) {
        const ws = this.byClitic.get(k.key);
        if (ws === undefined) this.byClitic.set(k.key, [w]);
        else if (ws[ws.length - 1] !== w) ws.push(w);
      }
    }
    return w;
  }
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Word lists (stop words, triggers) are function words and verbs: only a
 * conjunction (و، ف) can be attached to them, never ب/ل/ك (كيري is no ك+يرى).
 */
function inList(set: Set<string>, w: string, particles: Set<string>): boolean {
  if (set.has(w)) return true;
  // فان (van) is a name particle, not ف + أن.
  if (particles.has(w)) return false;
  const c = w.charCodeAt(0);
  return (c === 0x0648 || c === 0x0641) && w.length > 2 && set.has(w.slice(1));
}

/** The keys that start a path of `root`, each with its node. */
/**
 * وزيرها خالد العناني، رئيسهم: a title head with a possessive pronoun (the list possessiveSuffixes)
 * is the head, when the word is no head as it is. (Not ه: ة is written ه once normalised, and
 * أمينة is a name, not أمين + ه.)
 */
function withPossessive(
  found: readonly (BareKey & { node: TrieNode })[],
  bare: readonly BareKey[],
  rules: Pick<ArabicEntityRules, 'heads' | 'lists'>,
): readonly (BareKey & { node: TrieNode })[] {
  if (found.length) return found;
  const suffixes = rules.lists.get('possessiveSuffixes');
  if (!suffixes) return found;
  let out: (BareKey & { node: TrieNode })[] | undefined;
  for (const k of bare) {
    if (k.definite) continue;
    for (const suf of suffixes) {
      if (k.key.length - suf.length < 3 || !k.key.endsWith(suf)) continue;
      const key = k.key.slice(0, -suf.length);
      const node = rules.heads.get(key);
      if (node) (out ??= []).push({ key, strip: k.strip, definite: true, node });
    }
  }
  return out ?? found;
}

function rooted<K extends FirstKey>(keys: readonly K[], root: Map<string, TrieNode>): readonly (K & { node: TrieNode })[] {
  let out: (K & { node: TrieNode })[] | undefined;
  for (const k of keys) {
    const node = root.get(k.key);
    if (node) (out ??= []).push({ ...k, node });
  }
  return out ?? NONE;
}

function only<T>(keys: readonly T[], keep: (k: T) => boolean): readonly T[] {
  let out: T[] | undefined;
  for (const k of keys) if (keep(k)) (out ??= []).push(k);
  return out ?? NONE;
}

/**
 * The Arabic word lists of the coreference core (rules/ar/coref.yaml), normalised
 * as the matcher normalises text and without the article, so that a title's bare
 * words can be looked up as they are.
 */
export function loadArabicCoref(rulesDir: string): CorefLexicon {
  const data = loadYamlFile(join(rulesDir, 'ar', 'coref.yaml'), CorefRulesSchema).data;
  const bareWord = (w: string) =>
    splitTokens(normaliseString(w))
      .map((t) => (t.startsWith('ال') && t.length > 3 ? t.slice(2) : t))
      .join(' ');
  const words = (ws: string[]) => [...new Set(ws.map(bareWord))];
  return compileCorefLexicon({
    ...data,
    roles: data.roles.map((r) => ({ ...r, words: words(r.words), male: words(r.male), female: words(r.female) })),
    domains: data.domains.map((d) => ({ ...d, words: words(d.words) })),
    nationalities: data.nationalities.map((d) => ({ ...d, words: words(d.words) })),
    organisationKinds: data.organisationKinds.map((d) => ({ ...d, words: words(d.words) })),
    gender: { male: words(data.gender.male), female: words(data.gender.female) },
  });
}
