// `isnad kb export`: the knowledge base as files other tools read without isnad.
// jsonl — quotes.jsonl, one line per quote cluster with every occurrence
//         (quote-centric, in the manner of the public Quotebank dumps);
// csv   — quotes.csv (one row per occurrence, with its cluster), articles.csv,
//         entities.csv, for spreadsheets;
// parquet — articles, entities, mentions, quotes, quote_clusters, each a
//         .parquet file written by DuckDB's COPY, for Spark, Trino or DuckDB.
// Rejected quotes are left out of every export; corrected ones carry the correction.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { memorySetting } from './store.ts';

export type ExportFormat = 'jsonl' | 'csv' | 'parquet';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const LIVE = `q.review_status IS DISTINCT FROM 'rejected'`;

const OCCURRENCES = `
  SELECT m.cluster_id, q.article_id, a.path, a.date, a.outlet, a.lang, q.quote_id, q.start, q."end", q.text, q.kind,
         q.speaker_name AS speaker, q.speaker_entity_id AS speaker_id, q.resolution, q.cue, q.rule, q.confidence,
         q.review_status, q.reviewer, q.extracted_text, q.extracted_speaker_name
  FROM quotes q JOIN articles a ON a.id = q.article_id JOIN quote_cluster_members m ON m.qid = q.qid
  WHERE ${LIVE}`;

const CLUSTERS = `
  SELECT c.id AS cluster_id, c.text AS quotation, c.speaker_name AS speaker, c.speaker_entity_id AS speaker_id,
         c.speaker_conflict, c.speakers, c.occurrences AS num_occurrences, c.articles AS num_articles, c.first_date, c.last_date,
         list({'article_id': o.article_id, 'path': o.path, 'date': o.date, 'outlet': o.outlet, 'lang': o.lang,
               'quote_id': o.quote_id, 'start': o.start, 'end': o."end", 'text': o.text, 'kind': o.kind,
               'speaker': o.speaker, 'speaker_id': o.speaker_id, 'resolution': o.resolution, 'cue': o.cue,
               'rule': o.rule, 'confidence': o.confidence, 'review_status': o.review_status, 'reviewer': o.reviewer}
              ORDER BY o.date NULLS LAST, o.article_id, o.start) AS occurrences
  FROM quote_clusters c JOIN (${OCCURRENCES}) o ON o.cluster_id = c.id
  GROUP BY ALL ORDER BY num_occurrences DESC, cluster_id`;

const ENTITIES_FLAT = `
  SELECT id, type, name, array_to_string(list_transform(variants, v -> v.name), ' | ') AS variants, articles, mentions, first_date, last_date
  FROM entities ORDER BY articles DESC, id`;

/** Writes the export files into `outDir` and returns their paths. */
export async function exportKb(conn: DuckDBConnection, format: ExportFormat, outDir: string): Promise<string[]> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const copy = async (select: string, name: string, options: string) => {
    const file = join(dir, name);
    await conn.run(`COPY (${select}) TO ${sqlString(file)} (${options})`);
    written.push(file);
  };
  // DuckDB's COPY writes as it reads, but the cluster lines gather every occurrence first:
  // under a fixed limit, what does not fit spills to a folder of its own (the database may
  // be open read-only, and other processes may export beside this one).
  // Note: DuckDB refuses to switch a temporary directory it has used already (a connection that
  // has ingested, or exported before): the folder a connection was given is kept for it, and
  // removed when the process ends, never between two exports (a second export on the same
  // connection spilled into a folder the first had removed).
  let spill = spillFolders.get(conn);
  if (!spill) {
    spill = mkdtempSync(join(tmpdir(), 'isnad-kb-export-'));
    spillFolders.set(conn, spill);
    removeAtExit(spill);
  }
  // The cluster lines gather each cluster's occurrences in one list, which DuckDB cannot spill:
  // at 20,000 articles the 512 MB of a load ran out, so an export has a limit of its own.
  await conn.run(`SET memory_limit = '${memorySetting(process.env.ISNAD_KB_MEMORY, KB_EXPORT_MEMORY_LIMIT)}'`);
  await conn.run(`SET temp_directory = ${sqlString(spill)}`).catch((err: Error) => {
    if (!/Cannot switch temporary directory/.test(err.message)) throw err;
  });
  {
    if (format === 'jsonl') {
      await copy(CLUSTERS, 'quotes.jsonl', 'FORMAT json');
    } else if (format === 'csv') {
      await copy(`${OCCURRENCES} ORDER BY a.date NULLS LAST, q.article_id, q.start`, 'quotes.csv', 'FORMAT csv, HEADER true');
      await copy(`SELECT id, path, lang, title, date, date_text, dateline, place, outlet, sha256, chars, quotes FROM articles ORDER BY id`, 'articles.csv', 'FORMAT csv, HEADER true');
      await copy(ENTITIES_FLAT, 'entities.csv', 'FORMAT csv, HEADER true');
    } else {
      await copy(`SELECT * EXCLUDE (output_file, content_hash) FROM articles ORDER BY id`, 'articles.parquet', 'FORMAT parquet');
      await copy(`SELECT * FROM entities ORDER BY id`, 'entities.parquet', 'FORMAT parquet');
      await copy(`SELECT * FROM mentions ORDER BY article_id, start`, 'mentions.parquet', 'FORMAT parquet');
      await copy(
        `SELECT m.cluster_id, q.* EXCLUDE (norm) FROM quotes q JOIN quote_cluster_members m ON m.qid = q.qid WHERE ${LIVE} ORDER BY q.article_id, q.start`,
        'quotes.parquet',
        'FORMAT parquet',
      );
      await copy(`SELECT * FROM quote_clusters ORDER BY id`, 'quote_clusters.parquet', 'FORMAT parquet');
    }
  }
  return written;
}

/** A fixed limit for exports (ISNAD_KB_MEMORY overrides it), above the load's. */
const KB_EXPORT_MEMORY_LIMIT = '2GB';

/** The spill folder each connection was given (see exportKb). */
const spillFolders = new WeakMap<object, string>();
const toRemove = new Set<string>();
function removeAtExit(dir: string): void {
  if (toRemove.size === 0) process.once('exit', () => {
    for (const d of toRemove) rmSync(d, { recursive: true, force: true });
  });
  toRemove.add(dir);
}
