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
    const found = await rows(conn, `SELECT DISTINCT entity_id FROM article_entities WHERE entity_id = $1`, [nameOrId]);
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

/** Every column a quote row can have, in output order, with its SQL. */
const QUOTE_FIELDS: ReadonlyArray<[string, string]> = [
  ['date', 'a.date'], ['article', 'q.article_id'], ['quote', 'q.quote_id'], ['kind', 'q.kind'], ['speaker', 'q.speaker_name'],
  ['speaker_id', 'q.speaker_entity_id'], ['text', 'q.text'], ['review', 'q.review_status'], ['reviewer', 'q.reviewer'],
  ['cluster', 'm.cluster_id::VARCHAR'], ['lang', 'a.lang'], ['path', 'a.path'], ['outlet', 'a.outlet'], ['start', 'q.start'],
  ['end', 'q."end"'], ['cue', 'q.cue'], ['resolution', 'q.resolution'], ['rule', 'q.rule'], ['confidence', 'q.confidence'],
];

export async function findQuotes(conn: DuckDBConnection, f: QuoteFilter): Promise<Record<string, unknown>[]> {
  const p = new Params();
  const where = [`q.review_status IS DISTINCT FROM 'rejected'`];
  if (f.speaker !== undefined) {
    const r = await resolveName(conn, f.speaker);
    // speaker_key is the speaker's entity id, or name:<normalised name> for a speaker known by
    // name only: one column to test (an OR over two columns is not pushed into the scan).
    where.push(`q.speaker_key IN (${p.list([...r.ids, `name:${r.norm}`])})`);
  }
  if (f.mentions !== undefined) {
    const r = await resolveName(conn, f.mentions);
    where.push(`q.qid IN (SELECT qid FROM quote_mentions WHERE entity_id IN (${p.list(r.ids)}))`);
  }
  if (f.since) where.push(`a.date >= CAST(${p.add(f.since)} AS DATE)`);
  if (f.until) where.push(`a.date <= CAST(${p.add(f.until)} AS DATE)`);
  if (f.lang) where.push(`a.lang = ${p.add(f.lang)}`);
  if (f.reviewed) where.push(`q.review_status IN ('approved', 'corrected')`);
  const limit = f.limit ? `LIMIT ${p.add(f.limit)}` : '';
  // Every string column costs a conversion per row in JavaScript: the table asks for its own only.
  const fields = f.columns ? QUOTE_FIELDS.filter(([name]) => f.columns!.includes(name)) : QUOTE_FIELDS;
  return rows(
    conn,
    `SELECT ${fields.map(([name, sql]) => `${sql} AS "${name}"`).join(', ')}
     FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN quote_cluster_members m ON m.qid = q.qid
     WHERE ${where.join(' AND ')}
     ORDER BY a.date NULLS LAST, q.article_id, q.start ${limit}`,
    p.values,
  );
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
    // From the base tables, filtered by the entity first (the entities view aggregates them all).
    const [e] = await rows(
      conn,
      `SELECT any_value(e.type) AS type, mode(e.name) AS name, count(DISTINCT e.article_id)::INTEGER AS articles,
              sum(e.mentions)::INTEGER AS mentions, min(a.date) AS first_date, max(a.date) AS last_date
       FROM article_entities e JOIN articles a ON a.id = e.article_id WHERE e.entity_id = $1`,
      [id],
    );
    if (!e || e.type === null) continue;
    const variants = await rows(
      conn,
      `SELECT name, sum(seen)::INTEGER AS seen, (count(DISTINCT article_id) FILTER (WHERE seen > 0))::INTEGER AS articles
       FROM entity_names WHERE entity_id = $1 AND kind <> 'title' GROUP BY name ORDER BY seen DESC, name`,
      [id],
    );
    const roles = await rows(
      conn,
      `SELECT role, count(DISTINCT article_id)::INTEGER AS articles FROM (SELECT article_id, unnest(roles) AS role FROM article_entities WHERE entity_id = $1)
       GROUP BY role ORDER BY articles DESC, role`,
      [id],
    );
    const articles = await rows(
      conn,
      `SELECT a.id, a.date, a.title, e.mentions FROM article_entities e JOIN articles a ON a.id = e.article_id
       WHERE e.entity_id = $1 ORDER BY a.date DESC NULLS LAST, a.id LIMIT $2`,
      [id, limit],
    );
    const by = await rows(
      conn,
      `SELECT a.date, q.article_id AS article, q.quote_id AS quote, q.text FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.speaker_entity_id = $1 AND q.review_status IS DISTINCT FROM 'rejected'
       ORDER BY a.date DESC NULLS LAST, q.article_id, q.start LIMIT $2`,
      [id, limit],
    );
    const about = await rows(
      conn,
      `SELECT a.date, q.article_id AS article, q.quote_id AS quote, q.speaker_name AS speaker, q.text
       FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.review_status IS DISTINCT FROM 'rejected' AND q.speaker_entity_id IS DISTINCT FROM $1
         AND q.qid IN (SELECT qid FROM quote_mentions WHERE entity_id = $1)
       ORDER BY a.date DESC NULLS LAST, q.article_id, q.start LIMIT $2`,
      [id, limit],
    );
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
