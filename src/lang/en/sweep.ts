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

/** A compiled match rule as compromise's buildNet leaves it (the fields read here). */
interface NetMatch {
  match: string;
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
    if (g.needs.length) hook([...g.needs].sort((a, b) => weight(a) - weight(b))[0]!, g);
    else for (const w of g.wants) hook(w, g);
  }
  p = { byKey, stamp: 0 };
  prepared.set(net, p);
  return p;
}

/** compromise's bulkMatch (sweep/index.js and its four steps), gathering each piece's rules from the piece's own words and tags. */
function fastBulkMatch(document: unknown[][], net: Net, methods: Methods, opts: { matchOne?: boolean } = {}): unknown[] {
  const p = prepare(net);
  const caches = methods.one.cacheDoc(document);
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
        if (words < g.minWords || !g.needs.every((x) => have.has(x))) continue;
        if (g.wants.length !== 0) {
          let found = 0;
          for (const w of g.wants) if (have.has(w)) found++;
          if (found < g.minWant) continue;
        }
        // The rule compromise meets first: under the first key (in the net's order) the piece holds.
        const first = g.entries.find((e) => have.has(e.key))!;
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
      const res = methods.one.match([document[n]], m);
      if (res.ptrs.length > 0) {
        for (const ptr of res.ptrs) {
          ptr[0] = n;
          results.push(Object.assign({}, m, { pointer: ptr }));
        }
        if (opts.matchOne === true) return [results[0]];
      }
    }
  }
  return results;
}

const original = new WeakMap<Methods, BulkMatch>();
/** Puts the faster gathering in place of compromise's bulkMatch (`on`), or compromise's own back. */
export function useFastSweep(methods: Methods, on = true): void {
  if (!original.has(methods)) original.set(methods, methods.one.bulkMatch);
  methods.one.bulkMatch = on ? (fastBulkMatch as unknown as BulkMatch) : original.get(methods)!;
}
