// Quote clusters across articles: the same statement reprinted, trimmed or
// re-punctuated by several outlets becomes one cluster.
//
// Method: MinHash over character shingles of a matching key, with
// locality-sensitive hashing by bands (Broder 1997; Indyk & Motwani 1998, as
// in Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3). Each
// quote gets BANDS bucket numbers at ingest; quotes sharing a bucket in any band
// are linked, and clusters are the connected components, found by union-find
// over the links (which DuckDB finds and verifies, spilling to disk past its
// memory limit). No pair of quotes is ever compared unless LSH put them
// in one bucket, so the cost grows with the number of quotes, not its square.
//
// With BANDS = 20 bands of ROWS = 4 hashes, two quotes whose shingle sets
// have Jaccard similarity s become candidates with probability
// 1 - (1 - s^4)^20: 0.94 at s = 0.6, 0.72 at 0.5, 0.15 at 0.3, 0.002 at 0.1.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../util/project-root.ts';
import { normaliseString } from '../text/normalise.ts';
import { loadYamlFile } from '../util/load-yaml.ts';
import { LanguageFileSchema } from '../schema/rules.ts';

export const BANDS = 20;
export const ROWS = 4;
const HASHES = BANDS * ROWS;
const SHINGLE = 5;
/** Windows of a long quote: WINDOW words every WINDOW_STEP words, indexed in WINDOW_BANDS bands. */
export const WINDOW = 10;
export const WINDOW_STEP = 3;
export const WINDOW_BANDS = 8;
/** Keys shorter than this (نعم، "no comment") say too little to be told apart: they stay alone. */
export const MIN_KEY_CHARS = 16;
/** Share of the shorter quote's shingles the longer must hold for two candidates to be one statement. */
export const CONTAINMENT = 0.85;

/**
 * The letters that attach in front of an Arabic word (rules/ar/language.yaml:
 * proclitics و ف ب ل ك and the article ال), as one prefix to drop from each word.
 * Note: the key only has to be the same for both copies of a statement, so a
 * word whose first letter merely looks like a clitic (وزير → زير) is harmless.
 */
export function loadCliticPrefix(rulesDir = join(PROJECT_ROOT, 'rules')): RegExp {
  const settings = loadYamlFile(join(rulesDir, 'ar', 'language.yaml'), LanguageFileSchema).data;
  const letters = settings.proclitics.map((p) => normaliseString(p)).join('');
  const article = settings.article ? escapeRe(normaliseString(settings.article)) : '';
  const alternatives = [`[${letters}]{1,2}${article ? `(?:${article})?` : ''}`, ...(article ? [article] : [])];
  return new RegExp(`^(?:${alternatives.join('|')})(?=\\p{L}{2})`, 'u');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The matching key of a quote: normalised letters and digits, clitics and punctuation dropped. */
export function quoteKey(text: string, cliticPrefix: RegExp): string {
  const norm = normaliseString(text);
  const words = norm.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.map((w) => (/[\u0600-\u06ff]/.test(w) ? w.replace(cliticPrefix, '') : w)).join(' ');
}

function fnv1a(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mixer (the murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x7feb352d)));

/** How many distinct shingles a key has (for the containment estimate). */
export function shingleCount(key: string): number {
  const seen = new Set<number>();
  const last = Math.max(0, key.length - SHINGLE);
  for (let i = 0; i <= last; i++) seen.add(fnv1a(key, i, Math.min(key.length, i + SHINGLE)));
  return seen.size;
}

/** The MinHash signature of a key's character shingles. */
export function minhash(key: string): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const last = Math.max(0, key.length - SHINGLE);
  const seen = new Set<number>();
  for (let i = 0; i <= last; i++) {
    const base = fnv1a(key, i, Math.min(key.length, i + SHINGLE));
    if (seen.has(base)) continue;
    seen.add(base);
    for (let k = 0; k < HASHES; k++) {
      const v = mix(base ^ SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** One bucket number per band (53-bit, exact in a JS number and in a BIGINT). */
export function bandBuckets(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h1 = 0x12345 + b;
    let h2 = 0x6789 + b;
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r]!;
      h1 = mix(h1 ^ v);
      h2 = mix(Math.imul(h2, 31) ^ v ^ 0x5bd1e995);
    }
    out.push((h1 >>> 11) * 0x100000000 + h2);
  }
  return out;
}

export interface QuoteSketch {
  /** [band, bucket] pairs; none when the key is too short to cluster. */
  buckets: Array<[number, number]>;
  /** MinHash signature of the whole key, and its number of distinct shingles. */
  signature: number[];
  shingles: number;
}

/**
 * The LSH sketch of a quote: all BANDS bands of the whole quote, and for a long
 * quote the first WINDOW_BANDS bands of each window of WINDOW words. An outlet
 * that trims a statement to half its length keeps a Jaccard similarity near 0.5
 * with the whole, which LSH catches only by chance, but near 1 with the window
 * it kept. Candidates are then verified by containment (see recomputeClusters).
 */
export function sketchQuote(key: string): QuoteSketch {
  if (key.length < MIN_KEY_CHARS) return { buckets: [], signature: [], shingles: 0 };
  const out = new Map<string, [number, number]>();
  const add = (sig: Uint32Array, bands: number) => {
    bandBuckets(sig)
      .slice(0, bands)
      .forEach((bucket, band) => out.set(`${band}:${bucket}`, [band, bucket]));
  };
  const whole = minhash(key);
  add(whole, BANDS);
  const words = key.split(' ');
  if (words.length >= WINDOW + WINDOW_STEP) {
    const starts: number[] = [];
    for (let i = 0; i + WINDOW <= words.length; i += WINDOW_STEP) starts.push(i);
    if (starts[starts.length - 1]! + WINDOW < words.length) starts.push(words.length - WINDOW);
    for (const i of starts) add(minhash(words.slice(i, i + WINDOW).join(' ')), WINDOW_BANDS);
  }
  return { buckets: [...out.values()], signature: Array.from(whole), shingles: shingleCount(key) };
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Candidate pairs verified per statement: about VERIFY_CHUNK pairs carry one signature each (~320 bytes). */
const VERIFY_CHUNK = 250_000;

const count = async (conn: DuckDBConnection, sql: string): Promise<number> => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]![0]);

/**
 * The verified links of the quotes whose bands `bands` (a table or subquery with qid,
 * band, bucket) holds, into temp table kb_edges (a, b). Star edges: each member of a
 * bucket to the bucket's smallest qid among all of quote_bands (linear in the bucket,
 * never all pairs), kept when the signatures show the shorter quote (almost) contained
 * in the longer.
 *
 * Note: every step is a DuckDB aggregate, join or insert, which spill to the temp
 * directory past the memory limit; the verification, which joins each pair to both
 * signatures, runs over VERIFY_CHUNK pairs at a time (a range of the pairs' first qid),
 * so that what a join must hold stays small whatever the size of the database.
 */
async function verifiedEdges(conn: DuckDBConnection, bands: string): Promise<number> {
  // Note: a bucket's smallest qid is taken over all its members, not only those in `bands`:
  // the smallest may be in another cluster (its link to a member failed the check), and
  // linking the members to the smallest of their own would find links a full run does not.
  const all = bands === 'quote_bands';
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_reps AS
    SELECT band, bucket, min(qid) AS rep FROM quote_bands
    ${all ? '' : `SEMI JOIN (SELECT DISTINCT band, bucket FROM ${bands}) t ON t.band = quote_bands.band AND t.bucket = quote_bands.bucket`}
    GROUP BY band, bucket HAVING count(*) > 1`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_cand AS
    SELECT DISTINCT b.qid AS a, r.rep AS b FROM ${bands} b JOIN kb_reps r USING (band, bucket) WHERE b.qid <> r.rep`);
  await conn.run(`DROP TABLE kb_reps`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_edges (a BIGINT, b BIGINT)`);
  const [n, lo, hi] = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE, min(a)::DOUBLE, max(a)::DOUBLE FROM kb_cand`)).getRowsJS()[0] as [number, number | null, number | null];
  if (n > 0) {
    const chunks = Math.ceil(n / VERIFY_CHUNK);
    const step = Math.ceil((hi! - lo! + 1) / chunks);
    for (let from = lo!; from <= hi!; from += step) {
      // With J estimated from the signatures, |A ∩ B| = J (|A| + |B|) / (1 + J).
      await conn.run(`INSERT INTO kb_edges SELECT a, b FROM (
        SELECT e.a, e.b, x.shingles AS nx, y.shingles AS ny,
               list_sum(list_transform(range(1, ${HASHES + 1}), i -> (x.signature[i] = y.signature[i])::INTEGER)) / ${HASHES} AS j
        FROM (SELECT a, b FROM kb_cand WHERE a >= ${from} AND a < ${from + step}) e
        JOIN quotes x ON x.qid = e.a JOIN quotes y ON y.qid = e.b)
        WHERE j * (nx + ny) / (1 + j) >= ${CONTAINMENT} * least(nx, ny)`);
    }
  }
  await conn.run(`DROP TABLE kb_cand`);
  return count(conn, `SELECT count(*) FROM kb_edges`);
}

/**
 * The connected components of kb_edges, by union-find, into temp table kb_label
 * (qid, label) for every quote with an edge; the label is the component's smallest qid.
 * Memory: 12 bytes per quote with an edge (its qid, sorted, and its parent), the edges
 * read a chunk at a time.
 */
async function labelComponents(conn: DuckDBConnection): Promise<void> {
  const n = await count(conn, `SELECT count(*) FROM (SELECT a FROM kb_edges UNION SELECT b FROM kb_edges)`);
  const ids = new Float64Array(n);
  let k = 0;
  const nodes = await conn.stream(`SELECT q::DOUBLE FROM (SELECT a AS q FROM kb_edges UNION SELECT b FROM kb_edges) ORDER BY q`);
  for (let c = await nodes.fetchChunk(); c && c.rowCount > 0; c = await nodes.fetchChunk()) {
    const v = c.getColumnVector(0);
    for (let i = 0; i < c.rowCount; i++) ids[k++] = v.getItem(i) as number;
  }
  const index = (q: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid]! < q) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!; // path halving
      i = parent[i]!;
    }
    return i;
  };
  const edges = await conn.stream(`SELECT a::DOUBLE, b::DOUBLE FROM kb_edges`);
  for (let c = await edges.fetchChunk(); c && c.rowCount > 0; c = await edges.fetchChunk()) {
    const va = c.getColumnVector(0);
    const vb = c.getColumnVector(1);
    for (let i = 0; i < c.rowCount; i++) {
      const x = find(index(va.getItem(i) as number));
      const y = find(index(vb.getItem(i) as number));
      // The smaller index is the smaller qid: a root is its component's smallest qid.
      if (x < y) parent[y] = x;
      else if (y < x) parent[x] = y;
    }
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_label (qid BIGINT, label BIGINT)`);
  const ap = await conn.createAppender('kb_label', 'main', 'temp');
  for (let i = 0; i < n; i++) {
    ap.appendBigInt(BigInt(ids[i]!));
    ap.appendBigInt(BigInt(ids[find(i)]!));
    ap.endRow();
  }
  ap.flushSync();
  ap.closeSync();
}

/**
 * One quote_clusters row per cluster of quote_cluster_members whose id passes `where`.
 * Ties are broken by qid, so that the row does not depend on the order rows are read in
 * (an incremental refresh must give what a full one gives).
 */
function clusterRows(where: string): string {
  return `INSERT INTO quote_clusters
    SELECT c.cluster_id,
           arg_max(q.text, length(q.text)::BIGINT * 4294967296 - q.qid),
           count(*)::INTEGER, count(DISTINCT q.article_id)::INTEGER,
           CASE WHEN count(DISTINCT q.speaker_key) = 1 THEN min(q.speaker_entity_id) FILTER (WHERE q.speaker_key IS NOT NULL) END,
           CASE WHEN count(DISTINCT q.speaker_key) = 1 THEN min(q.speaker_name) FILTER (WHERE q.speaker_key IS NOT NULL) END,
           count(DISTINCT q.speaker_key) > 1,
           coalesce(list(DISTINCT coalesce(q.speaker_entity_id, q.speaker_name) ORDER BY coalesce(q.speaker_entity_id, q.speaker_name))
                      FILTER (WHERE q.speaker_key IS NOT NULL), []::VARCHAR[]),
           min(a.date), max(a.date)
    FROM quote_cluster_members c JOIN quotes q USING (qid) JOIN articles a ON a.id = q.article_id
    WHERE ${where}
    GROUP BY c.cluster_id`;
}

const LIVE = `review_status IS DISTINCT FROM 'rejected'`;

/**
 * Recomputes quote_cluster_members and quote_clusters from quote_bands. Every
 * quote that is not rejected belongs to exactly one cluster (alone when nothing
 * matched it); the cluster id is the smallest qid of its members. A cluster
 * keeps its speaker when its occurrences that have one agree, and flags a
 * conflict when they name different speakers. The caller holds the transaction.
 */
export async function recomputeClusters(conn: DuckDBConnection): Promise<{ clusters: number; edges: number }> {
  // Rejected quotes have no bands (ingest.ts), so quote_bands holds the live quotes' alone.
  const edges = await verifiedEdges(conn, 'quote_bands');
  await labelComponents(conn);
  await conn.run(`DELETE FROM quote_cluster_members`);
  await conn.run(`INSERT INTO quote_cluster_members
    SELECT coalesce(l.label, q.qid), q.qid FROM quotes q LEFT JOIN kb_label l USING (qid) WHERE q.${LIVE}`);
  await conn.run(`DELETE FROM quote_clusters`);
  await conn.run(clusterRows('true'));
  for (const t of ['kb_edges', 'kb_label']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  return { clusters: await count(conn, `SELECT count(*) FROM quote_clusters`), edges };
}

/**
 * Brings the clusters up to date after the articles of kb_pending_articles were written
 * (their old quotes, when replaced, listed in kb_pending_quotes), touching only the
 * clusters they are in or join, and leaves in temp table kb_relabel (qid, label) the
 * other quotes whose cluster id changed. The caller holds the transaction.
 *
 * Why the result is the full recomputation's: a bucket is touched when a new quote fell
 * in it or a removed quote was in it (kb_pending_bands); the scope is every old cluster
 * holding a removed quote or a member of a touched bucket, plus the new quotes. A link
 * is a member's star edge to its bucket's smallest qid, if the check keeps it. In an
 * untouched bucket the members, the smallest qid and so the link are as before: a kept
 * link had both ends in one old cluster, so a link from the scope stays in it. In a
 * touched bucket every member is in scope. So no link leaves the scope, its components
 * are the full computation's, and outside it nothing changed.
 */
export async function updateClusters(conn: DuckDBConnection): Promise<{ scope: number; edges: number; relabelled: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_new AS
    SELECT qid FROM quotes WHERE article_id IN (SELECT article_id FROM kb_pending_articles) AND ${LIVE}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_seed AS
    SELECT qid FROM kb_pending_quotes UNION SELECT qid FROM kb_new
    UNION SELECT qb.qid FROM quote_bands qb SEMI JOIN (
      SELECT band, bucket FROM quote_bands WHERE article_id IN (SELECT article_id FROM kb_pending_articles)
      UNION SELECT band, bucket FROM kb_pending_bands) t
      ON qb.band = t.band AND qb.bucket = t.bucket`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_old AS
    SELECT qid, cluster_id FROM quote_cluster_members
    WHERE cluster_id IN (SELECT m.cluster_id FROM quote_cluster_members m SEMI JOIN kb_seed s ON s.qid = m.qid)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_scope AS
    SELECT qid FROM kb_old WHERE qid NOT IN (SELECT qid FROM kb_pending_quotes) UNION SELECT qid FROM kb_new`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_scope_bands AS
    SELECT qb.qid, qb.band, qb.bucket FROM quote_bands qb SEMI JOIN kb_scope s ON s.qid = qb.qid`);
  const edges = await verifiedEdges(conn, 'kb_scope_bands');
  await labelComponents(conn);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_members AS
    SELECT coalesce(l.label, s.qid) AS cluster_id, s.qid FROM kb_scope s LEFT JOIN kb_label l USING (qid)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_relabel AS
    SELECT n.qid, n.cluster_id AS label FROM kb_members n JOIN kb_old o USING (qid) WHERE o.cluster_id <> n.cluster_id`);
  await conn.run(`DELETE FROM quote_clusters WHERE id IN (SELECT DISTINCT cluster_id FROM kb_old)`);
  await conn.run(`DELETE FROM quote_cluster_members WHERE qid IN (SELECT qid FROM kb_old)`);
  await conn.run(`INSERT INTO quote_cluster_members SELECT cluster_id, qid FROM kb_members`);
  await conn.run(clusterRows(`c.cluster_id IN (SELECT DISTINCT cluster_id FROM kb_members)`));
  const scope = await count(conn, `SELECT count(*) FROM kb_scope`);
  const relabelled = await count(conn, `SELECT count(*) FROM kb_relabel`);
  for (const t of ['kb_new', 'kb_seed', 'kb_old', 'kb_scope', 'kb_scope_bands', 'kb_members', 'kb_edges', 'kb_label']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  return { scope, edges, relabelled };
}
