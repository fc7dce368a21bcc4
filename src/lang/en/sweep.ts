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
interface Prepared {
  /** Position of each hook key in Object.keys(net.hooks) (the order compromise concatenates in). */
  keyAt: Map<string, number>;
  lists: NetMatch[][];
  /** One number per distinct rule text (compromise drops a rule whose text came before). */
  idOf: Map<NetMatch, number>;
  seen: Uint32Array;
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
  const keys = Object.keys(net.hooks);
  const keyAt = new Map<string, number>();
  keys.forEach((k, i) => keyAt.set(k, i));
  const byText = new Map<string, number>();
  const idOf = new Map<NetMatch, number>();
  const lists = keys.map((k) => net.hooks[k]!);
  for (const list of lists) {
    for (const m of list) {
      let id = byText.get(m.match);
      if (id === undefined) byText.set(m.match, (id = byText.size));
      idOf.set(m, id);
    }
  }
  p = { keyAt, lists, idOf, seen: new Uint32Array(byText.size), stamp: 0 };
  prepared.set(net, p);
  return p;
}

/** compromise's bulkMatch (sweep/index.js and its four steps), gathering each piece's rules from the piece's own words and tags. */
function fastBulkMatch(document: unknown[][], net: Net, methods: Methods, opts: { matchOne?: boolean } = {}): unknown[] {
  const p = prepare(net);
  const caches = methods.one.cacheDoc(document);
  const results: unknown[] = [];
  const at: number[] = [];
  for (let n = 0; n < document.length; n++) {
    const have = caches[n]!;
    const words = document[n]!.length;
    at.length = 0;
    for (const item of have) {
      const k = p.keyAt.get(item);
      if (k !== undefined) at.push(k);
    }
    at.sort((a, b) => a - b);
    if (++p.stamp === 0xffffffff) {
      p.seen.fill(0);
      p.stamp = 1;
    }
    const stamp = p.stamp;
    const todo: NetMatch[] = [];
    for (const k of at) {
      for (const m of p.lists[k]!) {
        const id = p.idOf.get(m)!;
        if (p.seen[id] === stamp) continue;
        p.seen[id] = stamp;
        if (!m.needs.every((x) => have.has(x))) continue;
        if (m.ifNo !== undefined && m.ifNo.some((x) => have.has(x))) continue;
        if (m.wants.length !== 0) {
          let found = 0;
          for (const w of m.wants) if (have.has(w)) found++;
          if (found < m.minWant) continue;
        }
        if (words >= m.minWords) todo.push(m);
      }
    }
    for (const m of net.always) if (words >= m.minWords) todo.push(m);
    for (const m of todo) {
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
