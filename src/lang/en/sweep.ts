// compromise's post-tagger runs its few hundred match rules through one "sweep"
// (methods.one.bulkMatch): for each comma-split piece of each sentence it
// gathers the rules hooked on a word or tag the piece holds, drops duplicates,
// keeps those whose needs are met, and runs them. compromise gathers by walking
// every hook key of the net and concatenating arrays, and drops duplicates
// through an object keyed by the rules' source text, per piece: most of the
// post-tagger's time (about a quarter of all tagging) went there, not into
// matching. This is the same gathering done from the piece's side (only the keys
// the piece holds, in the net's key order) with numbered rules, so the rules
// tried, their order and so every tag set are the same as compromise's
// (tests/english/nlp-parse.test.ts compares the tags with and without it).

/** One parsed token of a match rule (compromise's parseMatch: the fields read here). */
interface Reg {
  word?: string;
  tag?: string;
  fastOr?: Set<string>;
  pos?: string;
  optional?: boolean;
  negative?: boolean;
  anything?: boolean;
  greedy?: boolean;
  start?: boolean;
  end?: boolean;
  choices?: unknown;
  id?: unknown;
  fuzzy?: boolean;
  use?: string;
  method?: string;
}
/** A compromise term (the fields its matcher reads for a word, a tag or a fast or-list). */
interface MatchTerm {
  text: string;
  normal: string;
  machine: string | null;
  root?: string;
  implicit?: string;
  alias?: string[];
  tags: Set<string>;
}

/** A compiled match rule as compromise's buildNet leaves it (the fields read here). */
interface NetMatch {
  match: string;
  regs: Reg[];
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
}
interface Net {
  hooks: Record<string, NetMatch[]>;
  always: NetMatch[];
}
/** The rules that share one source text (compromise keeps the first of them it meets; they share needs and wants, parsed from the text). */
interface Group {
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  /** For a long list of wants: how many times each want is in it. */
  wantCounts?: Map<string, number>;
  /** The last piece (its stamp) that looked at the group. */
  seen: number;
  /** Every place the text is hooked, in the order compromise meets them: key position, place in that key's list, the rule there. */
  entries: Array<{ key: string; at: number; index: number; rule: NetMatch }>;
}
interface Prepared {
  /** Groups to look at when the piece holds a key: a group with needs under one of them only, a group with wants alone under each want. */
  byKey: Map<string, Group[]>;
  stamp: number;
}
type MatchFn = (document: unknown[], m: NetMatch) => { ptrs: number[][] };
interface Methods {
  one: { cacheDoc(document: unknown[][]): Array<Set<string>>; match: MatchFn; bulkMatch: BulkMatch };
}
type BulkMatch = (document: unknown[][], net: Net, methods: Methods, opts?: { matchOne?: boolean }) => unknown[];

const prepared = new WeakMap<Net, Prepared>();

function prepare(net: Net): Prepared {
  let p = prepared.get(net);
  if (p) return p;
  const groups = new Map<string, Group>();
  Object.keys(net.hooks).forEach((key, at) => {
    net.hooks[key]!.forEach((rule, index) => {
      let g = groups.get(rule.match);
      if (!g) groups.set(rule.match, (g = { needs: rule.needs, wants: rule.wants, minWant: rule.minWant, minWords: rule.minWords, seen: 0, entries: [] }));
      g.entries.push({ key, at, index, rule });
    });
  });
  const byKey = new Map<string, Group[]>();
  const hook = (key: string, g: Group) => {
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    if (!list.includes(g)) list.push(g);
  };
  // A need that is a word is rarer than a tag; among tags, the one fewer rules hang on.
  const weight = (k: string) => (k.startsWith('#') || k.startsWith('%') ? 1000 + (net.hooks[k]?.length ?? 0) : 0);
  for (const g of groups.values()) {
    if (g.wants.length > 32) {
      g.wantCounts = new Map();
      for (const w of g.wants) g.wantCounts.set(w, (g.wantCounts.get(w) ?? 0) + 1);
    }
    if (g.needs.length) hook([...g.needs].sort((a, b) => weight(a) - weight(b))[0]!, g);
    else for (const w of g.wants) hook(w, g);
  }
  p = { byKey, stamp: 0 };
  prepared.set(net, p);
  return p;
}

/** compromise's bulkMatch (sweep/index.js and its four steps), gathering each piece's rules from the piece's own words and tags. */
function fastBulkMatch(document: unknown[][], net: Net, methods: Methods, opts: { matchOne?: boolean } = {}): unknown[] {
  if (seeingPostNet) postNet = net;
  const p = prepare(net);
  const caches = cacheDoc(document as CachedTerm[][]);
  const results: unknown[] = [];
  const todo: Array<{ at: number; index: number; rule: NetMatch }> = [];
  for (let n = 0; n < document.length; n++) {
    const have = caches[n]!;
    const words = document[n]!.length;
    const stamp = ++p.stamp;
    todo.length = 0;
    for (const item of have) {
      const list = p.byKey.get(item);
      if (list === undefined) continue;
      for (const g of list) {
        if (g.seen === stamp) continue;
        g.seen = stamp;
        if (words < g.minWords || !holdsAll(have, g.needs)) continue;
        // Enough of its wants (counted until there are enough). A group with no needs is hooked under
        // each of its wants, so the piece holds at least the one it was met under.
        if (g.minWant > (g.needs.length === 0 ? 1 : 0)) {
          let found = 0;
          if (g.wantCounts !== undefined && g.wants.length > have.size) {
            // A long list (a rule on one of many words): the piece's own items looked up in it instead.
            for (const item of have) {
              const c = g.wantCounts.get(item);
              if (c !== undefined && (found += c) >= g.minWant) break;
            }
          } else for (const w of g.wants) if (have.has(w) && ++found === g.minWant) break;
          if (found < g.minWant) continue;
        }
        // The rule compromise meets first: under the first key (in the net's order) the piece holds (a group hooked once is met there).
        const first = g.entries.length === 1 ? g.entries[0]! : g.entries.find((e) => have.has(e.key))!;
        const m = first.rule;
        if (m.ifNo !== undefined && m.ifNo.some((x) => have.has(x))) continue;
        todo.push(first);
      }
    }
    todo.sort((a, b) => a.at - b.at || a.index - b.index);
    const always = net.always;
    for (let i = 0, end = todo.length + always.length; i < end; i++) {
      const m = i < todo.length ? todo[i]!.rule : always[i - todo.length]!;
      if (i >= todo.length && words < m.minWords) continue;
      const terms = document[n] as MatchTerm[];
      const from = firstStart(terms, m);
      if (from < 0) continue;
      // Where no try can start before `from`, compromise's matcher finds the same from there on (see firstStart).
      const shift = from > 0 && !anchored(m) ? from : 0;
      const res = methods.one.match([shift ? terms.slice(shift) : terms], m);
      if (res.ptrs.length > 0) {
        for (const ptr of res.ptrs) {
          ptr[0] = n;
          ptr[1]! += shift;
          ptr[2]! += shift;
          results.push(Object.assign({}, m, { pointer: ptr }));
        }
        if (opts.matchOne === true) return [results[0]];
      }
    }
  }
  return results;
}

// A rule's leading tokens, checked against the piece before compromise's matcher runs it.
// compromise's runMatch tries the rule from every term of the piece (a copy of the rest of
// the piece each time) and most tries fail on the first tokens; nearly half the rules that
// pass the gathering above cannot match anywhere in their piece. A try that starts at term i
// must match its first token on term i, its second on term i + 1, and so on, for as long as
// the tokens are plain (a word, a tag or a list of words: not optional, negated, greedy
// before the last, anchored, or anything that reads more than the one term), and as long as
// no term is a contraction's first part (compromise may skip the implicit part after it).
// When no start passes, compromise's matcher would find nothing: the rule is not run. When the
// first start that passes is term i > 0, the tries from terms 0 to i - 1 would all fail and
// move nothing on, so the rule is run on the piece from term i and what it finds is shifted
// back: the same matches, unless the rule has a ^ or $ anchor (which reads where the piece
// starts and ends), when it runs over the whole piece as compromise runs it.

/** True when compromise's doesMatch is decided here from the term alone: a word, a tag, or a fast or-list. */
function isPlain(r: Reg): boolean {
  if (r.optional || r.negative || r.anything || r.start || r.end || r.choices !== undefined || r.id !== undefined || r.fuzzy || r.use !== undefined || r.method !== undefined) return false;
  return r.word !== undefined || r.tag !== undefined || (r.fastOr !== undefined && r.pos === undefined);
}

/** compromise's doesMatch (match/methods/match/term/doesMatch.js) for a plain token. */
function plainMatch(t: MatchTerm, r: Reg): boolean {
  if (r.word !== undefined) return (t.machine !== null && t.machine === r.word) || (t.alias !== undefined && t.alias.includes(r.word)) || r.word === t.text || r.word === t.normal;
  if (r.tag !== undefined) return t.tags.has(r.tag);
  const s = t.root || t.implicit || t.machine || t.normal;
  return r.fastOr!.has(s) || r.fastOr!.has(t.text);
}

const leads = new WeakMap<NetMatch, Reg[]>();
/** The rule's leading plain tokens (a greedy one ends them). */
function leadOf(m: NetMatch): Reg[] {
  let lead = leads.get(m);
  if (lead) return lead;
  lead = [];
  for (const r of m.regs ?? []) {
    if (!isPlain(r)) break;
    lead.push(r);
    if (r.greedy) break;
  }
  leads.set(m, lead);
  return lead;
}

const anchors = new WeakMap<NetMatch, boolean>();
/** True when a token of the rule (or of one of its alternatives) is anchored to the start (^) or the end ($) of the piece. */
function anchored(m: NetMatch): boolean {
  let a = anchors.get(m);
  if (a === undefined) {
    const walk = (regs: Reg[]): boolean => regs.some((r) => r.start === true || r.end === true || (Array.isArray(r.choices) && (r.choices as Reg[][]).some(walk)));
    anchors.set(m, (a = walk(m.regs ?? [])));
  }
  return a;
}

/** The first term at which the rule's leading tokens match (0 when it has none), or -1 when they match at no start (so compromise's matcher would find nothing). */
function firstStart(terms: MatchTerm[], m: NetMatch): number {
  const lead = leadOf(m);
  if (lead.length === 0) return 0;
  for (let i = 0; i + lead.length <= terms.length; i++) {
    let j = 0;
    for (; j < lead.length; j++) {
      const t = terms[i + j]!;
      if (!plainMatch(t, lead[j]!)) break;
      if (t.implicit) {
        j = lead.length;
        break;
      }
    }
    if (j === lead.length) return i;
  }
  return -1;
}

/** The post-tagger's net (its rules, indexed), as compromise's post-tagger built it: its module keeps it to itself. */
let postNet: Net | null = null;
let seeingPostNet = false;

/** A compromise view, as postTag reads it. */
export interface TaggedView {
  world: { methods: { one: { bulkMatch: BulkMatch; bulkTagger(found: unknown[], pieces: unknown[][], world: unknown): unknown }; two: { quickSplit(docs: unknown[][]): unknown[][] } } };
  docs: unknown[][];
  compute(hook: string): unknown;
  uncache(): unknown;
  unfreeze(): unknown;
}

/**
 * compromise's post-tagger hook (2-two/postTagger/compute): each sentence split at its commas
 * (quickSplit), the rules matched on every piece (bulkMatch), then their tags set (bulkTagger),
 * the same calls on the same pieces. compromise's sweep also builds a view of every match found
 * (a pointer fixed and a View made per match), which the post-tagger throws away; this does not
 * build them. The first call runs compromise's own hook, which builds the net and shows it here.
 */
export function postTag(view: TaggedView): void {
  if (!postNet) {
    seeingPostNet = true;
    try {
      view.compute('postTagger');
    } finally {
      seeingPostNet = false;
    }
    return;
  }
  const { methods } = view.world;
  const pieces = methods.two.quickSplit(view.docs);
  const found = methods.one.bulkMatch(pieces, postNet, methods as unknown as Methods);
  methods.one.bulkTagger(found, pieces, view.world);
  view.uncache();
  view.unfreeze();
}

/** A compromise term, as its cacheDoc reads it. */
interface CachedTerm {
  normal: string;
  switch?: string;
  implicit?: string;
  machine?: string | null;
  root?: string;
  alias?: string[];
  tags: Set<string>;
}
/** '#' + tag, made once per tag name. */
const hashTags = new Map<string, string>();
/**
 * compromise's cacheDoc (1-one/cache/methods/cacheDoc.js): per piece, the set of its words and
 * '#'-tags, in the same order, with each '#'-tag string made once per run, not once per term.
 */
function cacheDoc(document: CachedTerm[][]): Array<Set<string>> {
  return document.map((terms) => {
    const items = new Set<string>();
    for (const term of terms) {
      if (term.normal !== '') items.add(term.normal);
      if (term.switch) items.add(`%${term.switch}%`);
      if (term.implicit) items.add(term.implicit);
      if (term.machine) items.add(term.machine);
      if (term.root) items.add(term.root);
      if (term.alias) for (const a of term.alias) items.add(a);
      for (const tag of term.tags) {
        let h = hashTags.get(tag);
        if (h === undefined) hashTags.set(tag, (h = '#' + tag));
        items.add(h);
      }
    }
    return items;
  });
}

function holdsAll(have: Set<string>, keys: string[]): boolean {
  for (let k = 0; k < keys.length; k++) if (!have.has(keys[k]!)) return false;
  return true;
}

const original = new WeakMap<Methods, BulkMatch>();
/** Puts the faster gathering in place of compromise's bulkMatch (`on`), or compromise's own back. */
export function useFastSweep(methods: Methods, on = true): void {
  if (!original.has(methods)) original.set(methods, methods.one.bulkMatch);
  methods.one.bulkMatch = on ? (fastBulkMatch as unknown as BulkMatch) : original.get(methods)!;
}
