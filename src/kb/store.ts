// The knowledge base: one embedded DuckDB file holding who said what across
// every ingested article. This module owns the schema: the tables, their
// version (kb_meta.schema_version) and the migrations from one version to the
// next. A database written by a newer isnad is refused, never touched.
//
// Note: rows are tied to their article (article_id) so that a changed article
// is replaced by deleting its rows and inserting the new ones in one
// transaction. No PRIMARY KEY constraints: DuckDB indexes would make that
// delete-then-insert costlier, and the ingest keeps ids unique itself.
import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const KB_SCHEMA_VERSION = 2;

/** DuckDB's memory limit while ingest loads articles, unless ISNAD_KB_MEMORY gives one (see ingest.ts). */
export const KB_LOAD_MEMORY_LIMIT = '512MB';

export class KbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbError';
  }
}

/** Fills speaker_counts from the quotes (rejected ones left out). */
export const SPEAKER_COUNTS = `INSERT INTO speaker_counts
  SELECT q.speaker_key, mode(q.speaker_name), any_value(q.speaker_entity_id), count(*)::INTEGER,
         count(DISTINCT q.article_id)::INTEGER, min(a.date), max(a.date)
  FROM quotes q JOIN articles a ON a.id = q.article_id
  WHERE q.speaker_key IS NOT NULL AND q.review_status IS DISTINCT FROM 'rejected'
  GROUP BY q.speaker_key`;

/** Each migration takes the database from version `to - 1` to `to`. */
const MIGRATIONS: ReadonlyArray<{ to: number; statements: string[] }> = [
  {
    to: 1,
    statements: [
      `CREATE TABLE articles (
        id VARCHAR NOT NULL, path VARCHAR, output_file VARCHAR, lang VARCHAR, title VARCHAR,
        date DATE, date_text VARCHAR, dateline VARCHAR, place VARCHAR, place_entity_id VARCHAR, outlet VARCHAR,
        sha256 VARCHAR, chars INTEGER, content_hash VARCHAR, quotes INTEGER, ingested_at TIMESTAMP)`,
      `CREATE TABLE article_entities (
        article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, type VARCHAR, name VARCHAR, source VARCHAR,
        roles VARCHAR[], mentions INTEGER)`,
      // Every spelling of an entity an article gives (gazetteer names of both scripts and the
      // forms written in the text), normalised for look-up; kind 'title' is a title phrase.
      `CREATE TABLE entity_names (
        article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, name VARCHAR, norm VARCHAR, kind VARCHAR, seen INTEGER)`,
      `CREATE TABLE mentions (
        article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR, rule VARCHAR)`,
      `CREATE TABLE quotes (
        qid BIGINT NOT NULL, article_id VARCHAR NOT NULL, quote_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        kind VARCHAR, cue VARCHAR, speaker_entity_id VARCHAR, speaker_name VARCHAR, speaker_key VARCHAR, resolution VARCHAR,
        rule VARCHAR, confidence DOUBLE, review_status VARCHAR, reviewer VARCHAR, review_note VARCHAR,
        extracted_text VARCHAR, extracted_speaker_entity_id VARCHAR, extracted_speaker_name VARCHAR, extracted_kind VARCHAR,
        norm VARCHAR, shingles INTEGER, signature UINTEGER[])`,
      // Locality-sensitive hashing of each quote's MinHash signature: quotes that share a
      // bucket in any band are candidates for the same cluster (see cluster.ts).
      `CREATE TABLE quote_bands (qid BIGINT NOT NULL, article_id VARCHAR NOT NULL, band SMALLINT, bucket BIGINT)`,
      // Distinct spellings (not titles) -> entity, rebuilt after each ingest: names resolve here.
      `CREATE TABLE entity_lookup (norm VARCHAR, entity_id VARCHAR)`,
      `CREATE TABLE quote_cluster_members (cluster_id BIGINT, qid BIGINT)`,
      `CREATE TABLE quote_clusters (
        id BIGINT, text VARCHAR, occurrences INTEGER, articles INTEGER, speaker_entity_id VARCHAR, speaker_name VARCHAR,
        speaker_conflict BOOLEAN, speakers VARCHAR[], first_date DATE, last_date DATE)`,
      `CREATE VIEW entity_variants AS
        SELECT entity_id, name, sum(seen)::INTEGER AS seen, (count(DISTINCT article_id) FILTER (WHERE seen > 0))::INTEGER AS articles
        FROM entity_names WHERE kind <> 'title' GROUP BY entity_id, name`,
      `CREATE VIEW entities AS
        WITH e AS (
          SELECT e.entity_id, any_value(e.type) AS type, mode(e.name) AS name, count(DISTINCT e.article_id)::INTEGER AS articles,
                 sum(e.mentions)::INTEGER AS mentions, min(a.date) AS first_date, max(a.date) AS last_date
          FROM article_entities e JOIN articles a ON a.id = e.article_id GROUP BY e.entity_id),
        v AS (
          SELECT entity_id, list({'name': name, 'seen': seen, 'articles': articles} ORDER BY seen DESC, name) AS variants
          FROM entity_variants GROUP BY entity_id)
        SELECT e.entity_id AS id, e.type, e.name, v.variants, e.articles, e.mentions, e.first_date, e.last_date
        FROM e LEFT JOIN v USING (entity_id)`,
    ],
  },
  {
    // Which entities each quote names inside its span, found at ingest: `quotes --mentions`
    // and `entity` read it instead of joining every mention to every quote of its article.
    to: 2,
    statements: [
      `CREATE TABLE quote_mentions (qid BIGINT NOT NULL, article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL)`,
      `INSERT INTO quote_mentions
        SELECT DISTINCT q.qid, q.article_id, m.entity_id FROM mentions m
        JOIN quotes q ON q.article_id = m.article_id AND m.start >= q.start AND m."end" <= q."end"`,
      // Who speaks most, counted once per ingest (rebuildSummaries) rather than per query.
      `CREATE TABLE speaker_counts (
        speaker_key VARCHAR, speaker VARCHAR, id VARCHAR, quotes INTEGER, articles INTEGER, first_date DATE, last_date DATE)`,
      SPEAKER_COUNTS,
    ],
  },
];

export interface Kb {
  file: string;
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  close(): void;
}

async function scalar(conn: DuckDBConnection, sql: string, params: Array<string | number | null> = []): Promise<unknown> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowsJS()[0]?.[0];
}

async function schemaVersion(conn: DuckDBConnection): Promise<number | null> {
  const has = await scalar(conn, `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kb_meta' AND database_name = current_database()`);
  if (Number(has) === 0) return null;
  const v = await scalar(conn, `SELECT value FROM kb_meta WHERE key = 'schema_version'`);
  return v === undefined ? null : Number(v);
}

/**
 * Opens (and when writable, creates or migrates) the knowledge base in `file`.
 * Refuses a database of a newer schema version, and in read-only mode one that does not exist.
 */
export async function openKb(file: string, opts: { readOnly?: boolean; memoryLimit?: string } = {}): Promise<Kb> {
  if (opts.readOnly && !existsSync(file)) throw new KbError(`no knowledge base at ${file}: run 'isnad kb ingest OUTPUT_DIR --db ${file}' first`);
  let instance: DuckDBInstance;
  try {
    // DuckDB's own limit (80% of the machine) unless one is given: ingest caps the load itself.
    const config: Record<string, string> = opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {};
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    instance = await DuckDBInstance.create(file, config);
  } catch (err) {
    throw new KbError(`cannot open ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const conn = await instance.connect();
  const kb: Kb = {
    file,
    instance,
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  try {
    const version = await schemaVersion(conn);
    if (version !== null && version > KB_SCHEMA_VERSION) {
      throw new KbError(
        `${file} has knowledge-base schema version ${version}, newer than this isnad understands (${KB_SCHEMA_VERSION}); ` +
          'it was left untouched: use a newer isnad or another --db file',
      );
    }
    if (opts.readOnly) {
      if (version === null) throw new KbError(`${file} is not an isnad knowledge base (no kb_meta table)`);
      if (version < KB_SCHEMA_VERSION) throw new KbError(`${file} has schema version ${version}: run 'isnad kb ingest' once to migrate it to ${KB_SCHEMA_VERSION}`);
    } else {
      await migrate(conn, version ?? 0);
    }
  } catch (err) {
    kb.close();
    throw err;
  }
  return kb;
}

/** Applies every migration after `from`, each in its own transaction with the version it reaches. */
async function migrate(conn: DuckDBConnection, from: number): Promise<void> {
  for (const m of MIGRATIONS) {
    if (m.to <= from) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      if (m.to === 1) await conn.run(`CREATE TABLE kb_meta (key VARCHAR NOT NULL, value VARCHAR)`);
      for (const sql of m.statements) await conn.run(sql);
      await conn.run(`DELETE FROM kb_meta WHERE key = 'schema_version'`);
      await conn.run(`INSERT INTO kb_meta VALUES ('schema_version', $1)`, [String(m.to)]);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  }
}

export async function readMeta(conn: DuckDBConnection, key: string): Promise<string | undefined> {
  const v = await scalar(conn, `SELECT value FROM kb_meta WHERE key = $1`, [key]);
  return v === undefined || v === null ? undefined : String(v);
}

export async function writeMeta(conn: DuckDBConnection, key: string, value: string): Promise<void> {
  await conn.run(`DELETE FROM kb_meta WHERE key = $1`, [key]);
  await conn.run(`INSERT INTO kb_meta VALUES ($1, $2)`, [key, value]);
}

/** Rows as plain JS objects (BIGINT as number when safe, dates as YYYY-MM-DD strings). */
export async function rows(conn: DuckDBConnection, sql: string, params: Array<string | number | boolean | null> = []): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}
