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

export const KB_SCHEMA_VERSION = 4;

/** DuckDB's memory limit while ingest loads articles, unless ISNAD_KB_MEMORY gives one (see ingest.ts). */
export const KB_LOAD_MEMORY_LIMIT = '512MB';

/** A memory size given in the environment when it reads as one (512MB, 2GiB), else the fallback. */
export function memorySetting(given: string | undefined, fallback: string): string {
  return given && /^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(given.trim()) ? given.trim() : fallback;
}

export class KbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbError';
  }
}

/** Fills speaker_counts from the quotes (rejected ones left out): every speaker, or those in kb_touched_speakers. */
export function speakerCounts(only: boolean): string {
  return `INSERT INTO speaker_counts
  SELECT q.speaker_key, mode(q.speaker_name), any_value(q.speaker_entity_id), count(*)::INTEGER,
         count(DISTINCT q.article_id)::INTEGER, min(a.date), max(a.date)
  FROM quotes q JOIN articles a ON a.id = q.article_id
  WHERE q.speaker_key IS NOT NULL AND q.review_status IS DISTINCT FROM 'rejected'
    ${only ? 'AND q.speaker_key IN (SELECT speaker_key FROM kb_touched_speakers)' : ''}
  GROUP BY q.speaker_key`;
}
export const SPEAKER_COUNTS = speakerCounts(false);

/**
 * The look-up tables the query commands read, rebuilt from the base tables at the end
 * of each ingest (after clustering: they carry each quote's cluster). Rows of the base
 * tables are stored in ingest order, so the quotes of one speaker or about one entity
 * lie in every row group, and a look-up read and decompressed the whole quote table
 * (1.3 s of CPU at 100,000 articles). Here each table holds the quotes (rejected ones
 * left out, corrections applied) with every column a query prints, physically sorted by
 * its key, so that DuckDB's min/max statistics per row group skip all but the one or two
 * row groups that hold the key:
 *   quotes_by_speaker   ordered by md5(speaker_key), then date, article, start
 *   quotes_by_mention   one row per quote and entity named inside it, by md5(entity), date, ...
 *   quotes_by_date      every quote, by date (undated last), article, start
 * The key is sorted by its md5 because DuckDB keeps only the first 8 bytes of a string's
 * min/max: every `person.s…` speaker would share one range. Queries test the md5 (to skip
 * row groups) and the key itself (for the answer).
 *   entity_articles     the articles that name each entity, by md5(entity), newest first
 * entity_summaries holds one row per entity with what `isnad kb entity` prints from the
 * 1.7 million entity and 7 million spelling rows of 100,000 articles.
 */
const QUOTE_LOOKUP_COLUMNS = `a.date, q.article_id, q.quote_id, q.kind, q.speaker_name, q.speaker_entity_id, q.speaker_key, q.text,
  q.review_status, q.reviewer, m.cluster_id, a.lang, a.path, a.outlet, q.start, q."end", q.cue, q.resolution, q.rule,
  q.confidence, q.qid`;
const QUOTE_JOINS = `JOIN articles a ON a.id = q.article_id LEFT JOIN quote_cluster_members m ON m.qid = q.qid`;
const LIVE = `q.review_status IS DISTINCT FROM 'rejected'`;
export const LOOKUP_TABLES = ['quotes_by_speaker', 'quotes_by_mention', 'quotes_by_date', 'entity_articles', 'entity_summaries'] as const;

/**
 * What each look-up table holds, as a SELECT: every row, or (with `only`) the rows of
 * the articles in table kb_pending_articles, or of the entities in kb_touched_entities.
 */
function lookupSelect(table: (typeof LOOKUP_TABLES)[number], only: boolean): string {
  const ofArticles = (col: string) => (only ? `AND ${col} IN (SELECT article_id FROM kb_pending_articles)` : '');
  switch (table) {
    case 'quotes_by_speaker':
      return `SELECT md5(q.speaker_key) AS speaker_hash, ${QUOTE_LOOKUP_COLUMNS} FROM quotes q ${QUOTE_JOINS}
        WHERE ${LIVE} AND q.speaker_key IS NOT NULL ${ofArticles('q.article_id')}
        ORDER BY speaker_hash, a.date NULLS LAST, q.article_id, q.start`;
    case 'quotes_by_mention':
      return `SELECT md5(qm.entity_id) AS mention_hash, qm.entity_id AS mention_id, ${QUOTE_LOOKUP_COLUMNS}
        FROM quote_mentions qm JOIN quotes q ON q.qid = qm.qid ${QUOTE_JOINS}
        WHERE ${LIVE} ${ofArticles('q.article_id')}
        ORDER BY mention_hash, a.date NULLS LAST, q.article_id, q.start`;
    case 'quotes_by_date':
      return `SELECT ${QUOTE_LOOKUP_COLUMNS} FROM quotes q ${QUOTE_JOINS} WHERE ${LIVE} ${ofArticles('q.article_id')}
        ORDER BY a.date NULLS LAST, q.article_id, q.start`;
    case 'entity_articles':
      return `SELECT md5(e.entity_id) AS entity_hash, e.entity_id, a.id AS article_id, a.date, a.title, e.mentions
        FROM article_entities e JOIN articles a ON a.id = e.article_id WHERE true ${ofArticles('e.article_id')}
        ORDER BY entity_hash, a.date DESC NULLS LAST, a.id`;
    case 'entity_summaries': {
      // What kb entity prints, from the entities view, with the roles each entity was given.
      const ofEntities = (col: string) => (only ? `WHERE ${col} IN (SELECT entity_id FROM kb_touched_entities)` : '');
      return `WITH r AS (
          SELECT entity_id, list({'role': role, 'articles': articles} ORDER BY articles DESC, role) AS roles
          FROM (SELECT entity_id, role, count(DISTINCT article_id)::INTEGER AS articles
                FROM (SELECT entity_id, article_id, unnest(roles) AS role FROM article_entities ${ofEntities('entity_id')}) GROUP BY entity_id, role)
          GROUP BY entity_id)
        SELECT md5(en.id) AS entity_hash, en.id AS entity_id, en.type, en.name, en.articles, en.mentions, en.first_date, en.last_date,
               coalesce(en.variants, []) AS variants, coalesce(r.roles, []) AS roles
        FROM entities en LEFT JOIN r ON r.entity_id = en.id ${ofEntities('en.id')}
        ORDER BY entity_hash`;
    }
  }
}

/** Rebuilds every look-up table from the base tables, each stored sorted by its key. */
export const REBUILD_LOOKUPS: readonly string[] = LOOKUP_TABLES.map((t) => `CREATE OR REPLACE TABLE ${t} AS ${lookupSelect(t, false)}`);

/**
 * Brings the look-up tables up to date for the articles in kb_pending_articles alone
 * (their old rows out, their new rows in) and the entities in kb_touched_entities, and
 * gives the quotes in kb_relabel (qid, label) of other articles their new cluster.
 * Note: the new rows are appended after the sorted ones, so the last row group or two
 * span every key and each look-up reads them too; ingest rebuilds the tables whole
 * when the rows appended since the last full build grow past a share (see refresh.ts).
 */
export const UPDATE_LOOKUPS: readonly string[] = LOOKUP_TABLES.flatMap((t) => {
  const del =
    t === 'entity_summaries'
      ? `DELETE FROM ${t} WHERE entity_id IN (SELECT entity_id FROM kb_touched_entities)`
      : `DELETE FROM ${t} WHERE article_id IN (SELECT article_id FROM kb_pending_articles)`;
  const relabel = t.startsWith('quotes_by_') ? [`UPDATE ${t} SET cluster_id = r.label FROM kb_relabel r WHERE ${t}.qid = r.qid`] : [];
  return [del, `INSERT INTO ${t} ${lookupSelect(t, true)}`, ...relabel];
});

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
  {
    // The look-up tables, each sorted by its key (see REBUILD_LOOKUPS).
    to: 3,
    statements: [...REBUILD_LOOKUPS],
  },
  {
    // What an ingest changed, kept until the tables derived from the articles (clusters,
    // look-up tables, counts) have caught up (refresh.ts): each written article, and the
    // quotes, entities and LSH buckets a replaced article had. Written in the article's own
    // transaction, so a run that dies before catching up leaves the work to the next.
    to: 4,
    statements: [
      `CREATE TABLE IF NOT EXISTS kb_pending_articles (article_id VARCHAR NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS kb_pending_quotes (qid BIGINT NOT NULL, speaker_key VARCHAR)`,
      `CREATE TABLE IF NOT EXISTS kb_pending_entities (entity_id VARCHAR NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS kb_pending_bands (band SMALLINT, bucket BIGINT)`,
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
