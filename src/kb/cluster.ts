// Quote clusters across articles: the same statement reprinted, trimmed or
// re-punctuated by several outlets becomes one cluster.
//
// Method: MinHash over character shingles of a matching key, with
// locality-sensitive hashing by bands (Broder 1997; Indyk & Motwani 1998, as
// in Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3). Each
// quote gets BANDS bucket numbers at ingest; quotes sharing a bucket in any band
// are linked, and clusters are the connected components, computed in SQL by
// label propagation. No pair of quotes is ever compared unless LSH put them
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

/**
 * Recomputes quote_cluster_members and quote_clusters from quote_bands. Every
 * quote that is not rejected belongs to exactly one cluster (alone when nothing
 * matched it); the cluster id is the smallest qid of its members. A cluster
 * keeps its speaker when its occurrences that have one agree, and flags a
 * conflict when they name different speakers.
 */
export async function recomputeClusters(conn: DuckDBConnection): Promise<{ clusters: number; iterations: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_live AS SELECT qid FROM quotes WHERE review_status IS DISTINCT FROM 'rejected'`);
  // Star edges: each member of a bucket to the bucket's smallest qid — linear in the bucket, never all pairs.
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_edges AS
    WITH b AS (SELECT qb.qid, qb.band, qb.bucket FROM quote_bands qb SEMI JOIN kb_live l ON l.qid = qb.qid),
         s AS (SELECT qid, min(qid) OVER (PARTITION BY band, bucket) AS rep FROM b)
    SELECT DISTINCT qid AS a, rep AS b FROM s WHERE qid <> rep`);
  // Verification: the shorter quote must be (almost) contained in the longer. With J
  // estimated from the signatures, |A ∩ B| = J (|A| + |B|) / (1 + J).
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_edges AS
    SELECT a, b FROM (
      SELECT e.a, e.b, x.shingles AS nx, y.shingles AS ny,
             list_sum(list_transform(range(1, ${HASHES + 1}), i -> (x.signature[i] = y.signature[i])::INTEGER)) / ${HASHES} AS j
      FROM kb_edges e JOIN quotes x ON x.qid = e.a JOIN quotes y ON y.qid = e.b)
    WHERE j * (nx + ny) / (1 + j) >= ${CONTAINMENT} * least(nx, ny)`);
  await conn.run(`INSERT INTO kb_edges SELECT b, a FROM kb_edges`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE kb_label AS SELECT qid, qid AS label FROM kb_live`);
  let iterations = 0;
  for (;;) {
    iterations++;
    await conn.run(`CREATE OR REPLACE TEMP TABLE kb_next AS
      SELECT l.qid, least(l.label, coalesce(min(n.label), l.label)) AS label
      FROM kb_label l LEFT JOIN kb_edges e ON e.a = l.qid LEFT JOIN kb_label n ON n.qid = e.b
      GROUP BY l.qid, l.label`);
    const changed = await conn.runAndReadAll(
      `SELECT count(*) FROM kb_next n JOIN kb_label l USING (qid) WHERE n.label <> l.label`,
    );
    await conn.run(`DROP TABLE kb_label`);
    await conn.run(`ALTER TABLE kb_next RENAME TO kb_label`);
    if (Number(changed.getRowsJS()[0]![0]) === 0 || iterations > 100) break;
  }
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(`DELETE FROM quote_cluster_members`);
    await conn.run(`INSERT INTO quote_cluster_members SELECT label, qid FROM kb_label`);
    await conn.run(`DELETE FROM quote_clusters`);
    await conn.run(`INSERT INTO quote_clusters
      WITH m AS (
        SELECT c.cluster_id, q.*, a.date
        FROM quote_cluster_members c JOIN quotes q USING (qid) JOIN articles a ON a.id = q.article_id),
      s AS (
        SELECT cluster_id, count(DISTINCT speaker_key) AS n_speakers,
               list(DISTINCT coalesce(speaker_entity_id, speaker_name)) FILTER (WHERE speaker_key IS NOT NULL) AS speakers,
               any_value(speaker_entity_id) FILTER (WHERE speaker_key IS NOT NULL) AS speaker_entity_id,
               any_value(speaker_name) FILTER (WHERE speaker_key IS NOT NULL) AS speaker_name
        FROM m GROUP BY cluster_id)
      SELECT m.cluster_id, arg_max(m.text, length(m.text)), count(*)::INTEGER, count(DISTINCT m.article_id)::INTEGER,
             CASE WHEN any_value(s.n_speakers) = 1 THEN any_value(s.speaker_entity_id) END,
             CASE WHEN any_value(s.n_speakers) = 1 THEN any_value(s.speaker_name) END,
             any_value(s.n_speakers) > 1, coalesce(any_value(s.speakers), []::VARCHAR[]), min(m.date), max(m.date)
      FROM m JOIN s USING (cluster_id) GROUP BY m.cluster_id`);
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
  for (const t of ['kb_live', 'kb_edges', 'kb_label']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  const n = await conn.runAndReadAll(`SELECT count(*) FROM quote_clusters`);
  return { clusters: Number(n.getRowsJS()[0]![0]), iterations };
}
