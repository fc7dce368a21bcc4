// The compiled gazetteer: every name, demonym and role title of every entry,
// in Arabic and English, compiled ONCE per run into one token trie (Map-based,
// keyed by normalised tokens). Matching a position costs a few Map lookups per
// token whatever the size of the gazetteer, and is language-neutral: a profile
// supplies the candidate keys of the first token (the Arabic profile strips
// proclitics, the English one passes the token as is) and checks the `cased`
// flag of a hit against the source when letter case matters (US vs us).
import type { GazetteerEntry, GazetteerFile } from '../schema/gazetteer.ts';
import type { LanguageFile } from '../schema/rules.ts';
import type { Lang } from '../schema/output.ts';
import type { Doc, DocEntity } from '../document.ts';
import { normaliseString } from '../text/normalise.ts';
import { isTokenChar } from '../text/token-chars.ts';
import { DataFileError, displayPath, type DataProblem } from '../util/load-yaml.ts';

export type HitKind = 'name' | 'demonym' | 'role';

/** What a complete path of the trie stands for. */
export interface NameHit {
  kind: HitKind;
  /** The entity named, the place of a demonym, or the holder of a role. */
  entityId: string;
  lang: Lang;
  /** The spelling in the gazetteer file. */
  form: string;
  /** True when the form has capitals that must match in the source (English acronyms: US, WHO). */
  cased: boolean;
  /** For roles: index into the entry's roles. */
  role?: number;
}

export interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  hits: NameHit[] | undefined;
}

export interface RoleRef {
  entityId: string;
  from?: number;
  to?: number;
}

export interface Gazetteer {
  entries: Map<string, GazetteerEntry>;
  /** Children of the trie root, keyed by the first normalised token of a name. */
  root: Map<string, TrieNode>;
  /** Longest name in tokens. */
  maxTokens: number;
  /** How many names, demonyms and titles were compiled. */
  size: number;
  /** Role titles by title key (see titleKey), for titles that name no one in the article. */
  roles: Map<string, RoleRef[]>;
  /** Per entry, the normalised keys (tokens joined by spaces) of its names marked ambiguous. */
  ambiguous: Map<string, Set<string>>;
  /**
   * Names of several entries that at least one of them marks ambiguous (عمان: Oman and Amman),
   * by normalised key: the entries, in the order the files list them. The article's evidence
   * decides between them (see link-ambiguous-names).
   */
  shared: Map<string, string[]>;
  /** Every entry that has one of those shared names. */
  sharedIds: Set<string>;
}

type Locate = (path: PropertyKey[]) => { line: number; col: number };

/** Splits a normalised string into tokens exactly as segment-text does. */
export function splitTokens(norm: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < norm.length) {
    if (!isTokenChar(norm.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    while (i < norm.length && isTokenChar(norm.charCodeAt(i))) i++;
    out.push(norm.slice(s, i));
  }
  return out;
}

/** Normalised tokens of a name. */
export function nameTokens(name: string): string[] {
  return splitTokens(normaliseString(name));
}

/**
 * The key of a title phrase: its tokens joined by spaces, with the article
 * dropped from the first one (الرئيس الروسي and رئيس الروسي are one key), so
 * that gazetteer roles and title phrases found in a text meet.
 */
export function titleKey(tokens: readonly string[], article = 'ال'): string {
  if (tokens.length === 0) return '';
  const first = tokens[0]!;
  const head = article && first.startsWith(article) && first.length > article.length + 1 ? first.slice(article.length) : first;
  return tokens.length === 1 ? head : `${head} ${tokens.slice(1).join(' ')}`;
}

function isCased(form: string, lang: Lang): boolean {
  if (lang !== 'en') return false;
  // An acronym or a mixed-case short form: the lower-cased token would be a common word.
  const letters = form.replace(/[^A-Za-z]/g, '');
  return letters.length > 0 && letters.length <= 5 && letters === letters.toUpperCase();
}

/** Adds one path to the trie; returns the node at its end. */
export function insertPath(root: Map<string, TrieNode>, tokens: readonly string[]): TrieNode {
  let map = root;
  let node: TrieNode | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    node = map.get(t);
    if (!node) {
      node = { next: undefined, hits: undefined };
      map.set(t, node);
    }
    if (k < tokens.length - 1) map = node.next ??= new Map();
  }
  return node!;
}

export interface CompileOptions {
  /** Extra entries merged after the files (benchmarks, tests). */
  extra?: GazetteerEntry[];
}

export function compileGazetteer(
  files: Array<{ file: string; data: GazetteerFile; locate: Locate }>,
  settings: Record<Lang, LanguageFile>,
  warnings: string[],
  opts: CompileOptions = {},
): Gazetteer {
  const problems: DataProblem[] = [];
  const entries = new Map<string, GazetteerEntry>();
  // Which file and line each entry comes from, for messages (the line is looked up when asked).
  const origin = new Map<string, () => string>();
  const root = new Map<string, TrieNode>();
  const roles = new Map<string, RoleRef[]>();
  const ambiguous = new Map<string, Set<string>>();
  const article = settings?.ar?.article ?? 'ال';
  let maxTokens = 1;
  let size = 0;
  // name key (lang + tokens) → first entity that used it, for the duplicate warning.
  const owners = new Map<string, { id: string; where: () => string }>();
  const warned = new Set<string>();
  // name key (lang + tokens) → every entity that has it, for names someone marks ambiguous.
  const holders = new Map<string, string[]>();
  const shared = new Map<string, string[]>();

  const problem = (file: string, locate: Locate | undefined, path: PropertyKey[], message: string) => {
    const pos = locate ? locate(path) : { line: 1, col: 1 };
    const shownPath = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    problems.push({ file: displayPath(file), line: pos.line, col: pos.col, path: shownPath, message });
  };

  const add = (tokens: string[], hit: NameHit, where: () => string) => {
    const node = insertPath(root, tokens);
    if (hit.kind === 'name') {
      const key = `${hit.lang}\u0000${tokens.join(' ')}`;
      const owner = owners.get(key);
      const list = holders.get(key);
      if (!list) holders.set(key, [hit.entityId]);
      else if (!list.includes(hit.entityId)) list.push(hit.entityId);
      // A name shared on purpose (marked ambiguous by either entry) is resolved per article, not a slip.
      const declared = (id: string) => ambiguous.get(id)?.has(tokens.join(' ')) ?? false;
      if (owner && owner.id !== hit.entityId && (declared(owner.id) || declared(hit.entityId))) {
        // no warning
      } else if (owner && owner.id !== hit.entityId && !warned.has(`${key}\u0000${hit.entityId}`)) {
        warned.add(`${key}\u0000${hit.entityId}`);
        warnings.push(`the name "${hit.form}" is given to two entities: ${owner.id} (${owner.where()}) and ${hit.entityId} (${where()}); the first is used`);
      } else if (!owner) owners.set(key, { id: hit.entityId, where });
      if (node.hits?.some((h) => h.kind === 'name' && h.entityId === hit.entityId && h.lang === hit.lang)) return;
    }
    (node.hits ??= []).push(hit);
    if (tokens.length > maxTokens) maxTokens = tokens.length;
    size++;
  };

  const sources: Array<{ file: string; locate: Locate | undefined; entities: GazetteerEntry[]; demonyms: GazetteerFile['demonyms'] }> = files.map((f) => ({
    file: f.file,
    locate: f.locate,
    entities: f.data.entities,
    demonyms: f.data.demonyms,
  }));
  if (opts.extra?.length) sources.push({ file: '(generated)', locate: undefined, entities: opts.extra, demonyms: [] });

  // Ids first, so that demonyms may point at places of any file.
  for (const src of sources) {
    src.entities.forEach((e, i) => {
      // Where the entry is, for messages only: finding a line may parse the file (see loadYamlFile).
      const where = () => `${displayPath(src.file)}:${src.locate ? src.locate(['entities', i, 'id']).line : 0}`;
      const prev = origin.get(e.id);
      if (prev) {
        problem(src.file, src.locate, ['entities', i, 'id'], `duplicate id ${e.id} (first defined at ${prev()})`);
        return;
      }
      origin.set(e.id, where);
      entries.set(e.id, e);
    });
  }
  for (const src of sources) {
    src.entities.forEach((e, i) => {
      if (entries.get(e.id) !== e) return;
      const where = origin.get(e.id)!;
      for (const lang of ['ar', 'en'] as const) {
        for (const form of e.ambiguous?.[lang] ?? []) {
          let keys = ambiguous.get(e.id);
          if (!keys) ambiguous.set(e.id, (keys = new Set()));
          keys.add(nameTokens(form).join(' '));
        }
      }
      if (e.within !== undefined && !entries.has(e.within)) problem(src.file, src.locate, ['entities', i, 'within'], `unknown place ${e.within}`);
      for (const lang of ['ar', 'en'] as const) {
        e.names[lang].forEach((form, k) => {
          const tokens = nameTokens(form);
          if (tokens.length === 0) {
            problem(src.file, src.locate, ['entities', i, 'names', lang, k], `the name "${form}" has no letters or digits`);
            return;
          }
          add(tokens, { kind: 'name', entityId: e.id, lang, form, cased: isCased(form, lang) }, where);
        });
      }
      e.roles.forEach((role, r) => {
        for (const lang of ['ar', 'en'] as const) {
          role[lang].forEach((form, k) => {
            const tokens = nameTokens(form);
            if (tokens.length === 0) {
              problem(src.file, src.locate, ['entities', i, 'roles', r, lang, k], `the title "${form}" has no letters or digits`);
              return;
            }
            add(tokens, { kind: 'role', entityId: e.id, lang, form, cased: false, role: r }, where);
            const key = titleKey(tokens, lang === 'ar' ? article : '');
            let list = roles.get(key);
            if (!list) roles.set(key, (list = []));
            list.push({ entityId: e.id, ...(role.from !== undefined ? { from: role.from } : {}), ...(role.to !== undefined ? { to: role.to } : {}) });
          });
        }
      });
    });
    src.demonyms.forEach((d, i) => {
      if (!entries.has(d.place)) {
        problem(src.file, src.locate, ['demonyms', i, 'place'], `unknown place ${d.place}`);
        return;
      }
      for (const lang of ['ar', 'en'] as const) {
        for (const form of d[lang]) {
          const tokens = nameTokens(form);
          if (tokens.length) add(tokens, { kind: 'demonym', entityId: d.place, lang, form, cased: false }, () => displayPath(src.file));
        }
      }
    });
  }
  if (problems.length) throw new DataFileError(problems);
  for (const [id, keys] of ambiguous) {
    for (const key of keys) {
      for (const lang of ['ar', 'en'] as const) {
        const ids = holders.get(`${lang}\u0000${key}`);
        if (!ids || ids.length < 2 || !ids.includes(id)) continue;
        const list = shared.get(key);
        if (!list) shared.set(key, [...ids]);
        else for (const other of ids) if (!list.includes(other)) list.push(other);
      }
    }
  }
  const sharedIds = new Set([...shared.values()].flat());
  return { entries, root, maxTokens, size, roles, ambiguous, shared, sharedIds };
}

/** One candidate key for the first token of a match, and how many view characters of clitics it drops. */
export interface FirstKey {
  key: string;
  strip: number;
}

/** A first key already looked up in the trie's root (word caches keep them per distinct word). */
export interface RootedKey extends FirstKey {
  node: TrieNode;
}

export interface TrieMatch {
  /** Token range [start, end). */
  start: number;
  end: number;
  /** Characters of proclitics dropped from the first token. */
  strip: number;
  hits: NameHit[];
}

/**
 * The longest gazetteer path starting at token `start`: the first token is
 * tried under each candidate key, later tokens must follow exactly and be
 * joined to the previous one (`joined(j)`: no punctuation between j-1 and j).
 * Ties go to the candidate listed first (the least stripped).
 */
export function longestMatch(
  root: Map<string, TrieNode>,
  norms: readonly string[],
  start: number,
  limit: number,
  firstKeys: readonly FirstKey[],
  joined: (j: number) => boolean,
  accept?: (hits: NameHit[]) => boolean,
): TrieMatch | null {
  let best: TrieMatch | null = null;
  for (let x = 0; x < firstKeys.length; x++) best = walkFrom(root.get(firstKeys[x]!.key), firstKeys[x]!.strip, norms, start, limit, joined, accept, best);
  return best;
}

/** longestMatch for first keys whose root nodes are already known: the same walk without the root probes. */
export function longestMatchRooted(
  norms: readonly string[],
  start: number,
  limit: number,
  firstKeys: readonly RootedKey[],
  joined: (j: number) => boolean,
  accept?: (hits: NameHit[]) => boolean,
): TrieMatch | null {
  let best: TrieMatch | null = null;
  for (let x = 0; x < firstKeys.length; x++) best = walkFrom(firstKeys[x]!.node, firstKeys[x]!.strip, norms, start, limit, joined, accept, best);
  return best;
}

/** The walk down the trie from one first node: `best` or a longer match found on the way. */
function walkFrom(
  first: TrieNode | undefined,
  strip: number,
  norms: readonly string[],
  start: number,
  limit: number,
  joined: (j: number) => boolean,
  accept: ((hits: NameHit[]) => boolean) | undefined,
  best: TrieMatch | null,
): TrieMatch | null {
  let node = first;
  let j = start + 1;
  while (node) {
    if (node.hits && (!best || j > best.end) && (!accept || accept(node.hits))) best = { start, end: j, strip, hits: node.hits };
    if (!node.next || j >= limit || !joined(j)) break;
    node = node.next.get(norms[j]!);
    j++;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Storage: the trie in a packed form for the data cache. Its generic JSON form (a {"$map": …}
// object per node and a keyed object per hit: 1.9 MB) took about 120 ms to read, parse and turn
// back into Maps at every start, in the main thread and again in each worker; the packed form is
// a table of the distinct strings and one array of numbers, read back in a few milliseconds.
// Packing keeps every Map's order and every object's keys and their order; a trie whose nodes or
// hits hold anything else is not packed (packTrie returns null) and is stored the generic way.

/** A trie packed for storage: `strings` holds every distinct string once, `codes` the structure. */
export interface PackedTrie {
  strings: string[];
  codes: number[];
}

const HIT_KINDS: readonly HitKind[] = ['name', 'demonym', 'role'];
const HIT_LANGS: readonly Lang[] = ['ar', 'en'];
const HIT_KEYS = 'kind,entityId,lang,form,cased';
const ROLE_HIT_KEYS = `${HIT_KEYS},role`;

/**
 * Layout of `codes`: a map is its size followed by its entries; an entry is the string index of
 * its key, a flags number (1: the node has hits, 2: it has a next map), then, with hits, their
 * count and six numbers per hit (kind, entity id, lang, form, cased, role or -1), then, with a
 * next map, that map.
 */
export function packTrie(root: Map<string, TrieNode>): PackedTrie | null {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const codes: number[] = [];
  const packMap = (map: Map<string, TrieNode>): boolean => {
    codes.push(map.size);
    for (const [key, node] of map) {
      if (typeof key !== 'string' || Object.getPrototypeOf(node) !== Object.prototype) return false;
      const keys = Object.keys(node);
      if (keys.some((k) => k !== 'next' && k !== 'hits')) return false;
      const hits = node.hits;
      const next = node.next;
      if ((hits !== undefined && !Array.isArray(hits)) || (next !== undefined && !(next instanceof Map))) return false;
      codes.push(str(key), (hits ? 1 : 0) | (next ? 2 : 0));
      if (hits) {
        codes.push(hits.length);
        for (const h of hits) {
          const shape = Object.keys(h).join(',');
          const kind = HIT_KINDS.indexOf(h.kind);
          const lang = HIT_LANGS.indexOf(h.lang);
          const role = shape === ROLE_HIT_KEYS ? h.role : -1;
          if ((shape !== HIT_KEYS && shape !== ROLE_HIT_KEYS) || kind < 0 || lang < 0 || typeof h.entityId !== 'string' || typeof h.form !== 'string' || typeof h.cased !== 'boolean') return false;
          if (shape === ROLE_HIT_KEYS && !(Number.isInteger(role) && role! >= 0)) return false;
          codes.push(kind, str(h.entityId), lang, str(h.form), h.cased ? 1 : 0, role!);
        }
      }
      if (next && !packMap(next)) return false;
    }
    return true;
  };
  return packMap(root) ? { strings, codes } : null;
}

/** The trie packTrie packed: new Maps, nodes and hits, equal to the packed ones key for key and in the same order. */
export function unpackTrie(packed: PackedTrie): Map<string, TrieNode> {
  const { strings, codes } = packed;
  let at = 0;
  const unpackMap = (): Map<string, TrieNode> => {
    const map = new Map<string, TrieNode>();
    for (let n = codes[at++]!; n > 0; n--) {
      const key = strings[codes[at++]!]!;
      const flags = codes[at++]!;
      // Both keys, in the order insertPath gives them, so that every node has one shape.
      const node: TrieNode = { next: undefined, hits: undefined };
      if (flags & 1) {
        const count = codes[at++]!;
        const hits: NameHit[] = new Array(count);
        for (let k = 0; k < count; k++) {
          const kind = HIT_KINDS[codes[at]!]!;
          const entityId = strings[codes[at + 1]!]!;
          const lang = HIT_LANGS[codes[at + 2]!]!;
          const form = strings[codes[at + 3]!]!;
          const cased = codes[at + 4] === 1;
          const role = codes[at + 5]!;
          hits[k] = role < 0 ? { kind, entityId, lang, form, cased } : { kind, entityId, lang, form, cased, role };
          at += 6;
        }
        node.hits = hits;
      }
      if (flags & 2) node.next = unpackMap();
      map.set(key, node);
    }
    return map;
  };
  const root = unpackMap();
  if (at !== codes.length) throw new Error(`packed trie: ${codes.length - at} numbers left over`);
  return root;
}

/** The article's entity for a gazetteer entry, made from the entry when the article has none yet. */
export function gazetteerEntity(doc: Doc, gz: Gazetteer, id: string): DocEntity | undefined {
  const have = doc.entities.get(id);
  if (have) return have;
  const g = gz.entries.get(id);
  if (!g) return undefined;
  const made: DocEntity = { id, type: g.type, name: g.name, names: { ar: [...g.names.ar], en: [...g.names.en] }, source: 'gazetteer', roles: [] };
  doc.entities.set(id, made);
  return made;
}
