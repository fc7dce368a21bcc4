// Questions asked of the knowledge base: quotes (by speaker, about an entity,
// in a period), the most quoted speakers, and everything known of one entity.
// A name resolves through every spelling the KB has seen of an entity, in
// either script (لافروف, Lavrov, Sergey Lavrov all reach person.sergey-lavrov);
// rejected quotes are left out and corrected ones carry the correction.
import type { DuckDBConnection } from '@duckdb/node-api';
import { normaliseString } from '../text/normalise.ts';
import { rows } from './store.ts';

type Param = string | number | boolean | null;

/** Collects positional parameters for one statement. */
class Params {
  readonly values: Param[] = [];
  add(v: Param): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  list(vs: Param[]): string {
    return vs.length ? vs.map((v) => this.add(v)).join(', ') : 'NULL';
  }
}

export interface Resolved {
  /** Entity ids the name or id stands for (several when a spelling is shared). */
  ids: string[];
  /** The normalised name, for speakers the KB knows by name only. */
  norm: string;
}

const ENTITY_ID = /^(person|place|organisation)\.[^\s]+$/;

export async function resolveName(conn: DuckDBConnection, nameOrId: string): Promise<Resolved> {
  const norm = normaliseString(nameOrId).trim().replace(/\s+/g, ' ');
  if (ENTITY_ID.test(nameOrId)) {
    const found = await rows(conn, `SELECT entity_id FROM entity_summaries WHERE entity_hash = md5($1) AND entity_id = $1`, [nameOrId]);
    if (found.length) return { ids: [nameOrId], norm };
  }
  let found = await rows(conn, `SELECT DISTINCT entity_id FROM entity_lookup WHERE norm = $1 ORDER BY 1`, [norm]);
  // A single word of a longer name (Lavrov, لافروف in سيرغي لافروف) when no spelling is the whole name.
  if (!found.length && !norm.includes(' ')) {
    found = await rows(
      conn,
      `SELECT DISTINCT entity_id FROM entity_lookup WHERE list_contains(string_split(norm, ' '), $1) ORDER BY 1`,
      [norm],
    );
  }
  return { ids: found.map((r) => String(r.entity_id)), norm };
}

export interface QuoteFilter {
  speaker?: string;
  mentions?: string;
  since?: string;
  until?: string;
  lang?: 'ar' | 'en';
  reviewed?: boolean;
  limit?: number;
  /** Only these columns (of QUOTE_FIELDS), e.g. the table's; all by default. */
  columns?: readonly string[];
}

export const QUOTE_COLUMNS = ['date', 'article', 'quote', 'kind', 'speaker', 'speaker_id', 'text', 'review', 'cluster'];

/** Every column a quote row can have, in output order, with its column in the look-up tables (store.ts). */
const QUOTE_FIELDS: ReadonlyArray<[string, string]> = [
  ['date', 'date'], ['article', 'article_id'], ['quote', 'quote_id'], ['kind', 'kind'], ['speaker', 'speaker_name'],
  ['speaker_id', 'speaker_entity_id'], ['text', 'text'], ['review', 'review_status'], ['reviewer', 'reviewer'],
  ['cluster', 'cluster_id::VARCHAR'], ['lang', 'lang'], ['path', 'path'], ['outlet', 'outlet'], ['start', 'start'],
  ['end', '"end"'], ['cue', 'cue'], ['resolution', 'resolution'], ['rule', 'rule'], ['confidence', 'confidence'],
];

/** Above this many keys one scan with IN reads the table's range between them, rather than a scan per key. */
const KEYED_SCANS = 64;

/**
 * The rows of a table sorted by md5(key) (store.ts REBUILD_LOOKUPS) whose key is one of
 * `keys`, as a FROM source: one scan per key, each on the key's md5, so that DuckDB's
 * min/max per row group skips all but the row groups holding it (an IN over several
 * hashes is checked against their whole range, which spans most of the table).
 */
function keyed(p: Params, table: string, hashColumn: string, keyColumn: string, keys: Param[]): string {
  if (!keys.length) return `(SELECT * FROM ${table} WHERE false)`;
  if (keys.length > KEYED_SCANS) return `(SELECT * FROM ${table} WHERE ${keyColumn} IN (${p.list(keys)}))`;
  return `(${keys
    .map((k) => {
      const v = p.add(k);
      return `SELECT * FROM ${table} WHERE ${hashColumn} = md5(${v}) AND ${keyColumn} = ${v}`;
    })
    .join(' UNION ALL ')})`;
}

/** Which of these speaker keys have quotes (an unnamed source's name key seldom does). */
async function speakerKeys(conn: DuckDBConnection, keys: string[]): Promise<string[]> {
  const p = new Params();
  const found = await rows(conn, `SELECT speaker_key FROM speaker_counts WHERE speaker_key IN (${p.list(keys)}) ORDER BY 1`, p.values);
  return found.map((r) => String(r.speaker_key));
}

export async function findQuotes(conn: DuckDBConnection, f: QuoteFilter): Promise<Record<string, unknown>[]> {
  const { sql, params } = await quotesQuery(conn, f);
  return rows(conn, sql, params);
}

export interface RowStream {
  /** The columns of every row, in order, known before the first row. */
  columns: string[];
  /** The rows a chunk (DuckDB's 2,048 rows) at a time, as findQuotes gives them. */
  chunks: AsyncIterable<Record<string, unknown>[]>;
}

/**
 * The quotes findQuotes gives, a chunk at a time as DuckDB produces them: printing every
 * quote of a big speaker starts at once and never holds the whole answer.
 */
export async function streamQuotes(conn: DuckDBConnection, f: QuoteFilter): Promise<RowStream> {
  const { sql, params } = await quotesQuery(conn, f);
  const result = await conn.stream(sql, params);
  return { columns: result.columnNames(), chunks: result.yieldRowObjectJson() as AsyncIterable<Record<string, unknown>[]> };
}

/** The statement that answers a quote filter. */
async function quotesQuery(conn: DuckDBConnection, f: QuoteFilter): Promise<{ sql: string; params: Param[] }> {
  const p = new Params();
  // Rejected quotes are not in the look-up tables. The table read is the one sorted by the
  // most selective filter given: the speaker's, else the entity's, else the dates'.
  let from = 'quotes_by_date';
  let bySpeaker = false;
  const where: string[] = [];
  let once = '';
  if (f.speaker !== undefined) {
    const r = await resolveName(conn, f.speaker);
    // speaker_key is the speaker's entity id, or name:<normalised name> for a speaker known by name only.
    const keys = await speakerKeys(conn, [...r.ids, `name:${r.norm}`]);
    from = keyed(p, 'quotes_by_speaker', 'speaker_hash', 'speaker_key', keys);
    bySpeaker = true;
  }
  if (f.mentions !== undefined) {
    const r = await resolveName(conn, f.mentions);
    if (bySpeaker) {
      where.push(`qid IN (SELECT qid FROM quote_mentions WHERE entity_id IN (${p.list(r.ids)}))`);
    } else {
      from = keyed(p, 'quotes_by_mention', 'mention_hash', 'mention_id', r.ids);
      // A quote naming two of the entities a name stands for has a row for each.
      if (r.ids.length > 1) once = 'QUALIFY row_number() OVER (PARTITION BY qid) = 1';
    }
  }
  if (f.since) where.push(`date >= CAST(${p.add(f.since)} AS DATE)`);
  if (f.until) where.push(`date <= CAST(${p.add(f.until)} AS DATE)`);
  if (f.lang) where.push(`lang = ${p.add(f.lang)}`);
  if (f.reviewed) where.push(`review_status IN ('approved', 'corrected')`);
  const limit = f.limit ? `LIMIT ${p.add(f.limit)}` : '';
  // Every string column costs a conversion per row in JavaScript: the table asks for its own only.
  const fields = f.columns ? QUOTE_FIELDS.filter(([name]) => f.columns!.includes(name)) : QUOTE_FIELDS;
  return {
    sql: `SELECT ${fields.map(([name, sql]) => `${sql} AS "${name}"`).join(', ')}
     FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${once}
     ORDER BY date NULLS LAST, article_id, start ${limit}`,
    params: p.values,
  };
}

export const SPEAKER_COLUMNS = ['speaker', 'id', 'quotes', 'articles', 'first_date', 'last_date'];

export async function topSpeakers(conn: DuckDBConnection, top: number): Promise<Record<string, unknown>[]> {
  // Counted at ingest (store.ts SPEAKER_COUNTS). Note: a quote's speaker name is the entity's
  // canonical name when it has an entity.
  return rows(
    conn,
    `SELECT speaker, id, quotes, articles, first_date, last_date FROM speaker_counts
     ORDER BY quotes DESC, articles DESC, speaker_key LIMIT $1`,
    [top],
  );
}

export interface EntityReport {
  id: string;
  type: string;
  name: string;
  articles: number;
  mentions: number;
  first_date: string | null;
  last_date: string | null;
  variants: Array<{ name: string; seen: number; articles: number }>;
  roles: Array<{ role: string; articles: number }>;
  article_list: Array<{ id: string; date: string | null; title: string; mentions: number }>;
  quotes_by: Record<string, unknown>[];
  quotes_about: Record<string, unknown>[];
}

/** Everything the KB knows of the entities a name or id stands for. */
export async function describeEntity(conn: DuckDBConnection, nameOrId: string, limit = 10): Promise<EntityReport[]> {
  const { ids } = await resolveName(conn, nameOrId);
  const out: EntityReport[] = [];
  for (const id of ids) {
    // Counted at ingest (store.ts REBUILD_LOOKUPS), each table sorted by md5 of the entity id.
    const [e] = await rows(
      conn,
      `SELECT type, name, articles, mentions, first_date, last_date, variants, roles FROM entity_summaries
       WHERE entity_hash = md5($1) AND entity_id = $1`,
      [id],
    );
    if (!e) continue;
    const articles = await rows(
      conn,
      `SELECT article_id AS id, date, title, mentions FROM entity_articles
       WHERE entity_hash = md5($1) AND entity_id = $1 ORDER BY date DESC NULLS LAST, article_id LIMIT $2`,
      [id, limit],
    );
    const by = await rows(
      conn,
      `SELECT date, article_id AS article, quote_id AS quote, text FROM quotes_by_speaker
       WHERE speaker_hash = md5($1) AND speaker_key = $1
       ORDER BY date DESC NULLS LAST, article_id, start LIMIT $2`,
      [id, limit],
    );
    const about = await rows(
      conn,
      `SELECT date, article_id AS article, quote_id AS quote, speaker_name AS speaker, text FROM quotes_by_mention
       WHERE mention_hash = md5($1) AND mention_id = $1 AND speaker_entity_id IS DISTINCT FROM $1
       ORDER BY date DESC NULLS LAST, article_id, start LIMIT $2`,
      [id, limit],
    );
    const variants = (e.variants ?? []) as Array<Record<string, unknown>>;
    const roles = (e.roles ?? []) as Array<Record<string, unknown>>;
    out.push({
      id,
      type: String(e.type),
      name: String(e.name),
      articles: Number(e.articles),
      mentions: Number(e.mentions),
      first_date: (e.first_date as string | null) ?? null,
      last_date: (e.last_date as string | null) ?? null,
      variants: variants.map((v) => ({ name: String(v.name), seen: Number(v.seen), articles: Number(v.articles) })),
      roles: roles.map((r) => ({ role: String(r.role), articles: Number(r.articles) })),
      article_list: articles.map((r) => ({ id: String(r.id), date: (r.date as string | null) ?? null, title: String(r.title), mentions: Number(r.mentions) })),
      quotes_by: by,
      quotes_about: about,
    });
  }
  return out;
}
