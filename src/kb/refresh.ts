// The tables derived from the articles (entity_lookup, speaker_counts, the quote
// clusters and the look-up tables), brought up to date at the end of an ingest.
//
// An ingest that changed a few articles refreshes only what they touch: their
// rows of the look-up tables, the counts of their speakers and entities, and the
// clusters their quotes are in or join (cluster.ts updateClusters), all in one
// transaction with the clearing of the pending lists (store.ts, schema 4), so a
// crash leaves the work to the next run. One that changed many articles (or a
// database whose last full refresh did not finish) rebuilds them whole, in
// bounded memory (cluster.ts recomputeClusters).
import type { DuckDBConnection } from '@duckdb/node-api';
import { recomputeClusters, updateClusters } from './cluster.ts';
import { readMeta, writeMeta, speakerCounts, REBUILD_LOOKUPS, UPDATE_LOOKUPS } from './store.ts';

export type RefreshMode = 'auto' | 'full' | 'incremental';

export interface RefreshSummary {
  /** What was done: everything rebuilt, or only what the changed articles touch. */
  mode: 'full' | 'incremental';
  /** Whether the look-up tables were rebuilt whole (and so stored sorted again). */
  lookupsRebuilt: boolean;
  clusters: number;
}

/**
 * Changed articles above this share of all articles make the refresh a full one; and
 * articles appended to the look-up tables since they were last sorted, above it,
 * make the look-up tables be rebuilt (each look-up then reads a few extra row groups).
 */
export const INCREMENTAL_SHARE = 0.1;

/** Marks a database whose derived tables must be rebuilt whole (also set by schema 3 while loading). */
const STALE = 'clusters_stale';
/** Articles whose rows were appended to the look-up tables since they were last rebuilt sorted. */
const APPENDED = 'lookups_appended';

const count = async (conn: DuckDBConnection, sql: string): Promise<number> => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]![0]);

/** Whether anything is waiting to be refreshed. */
export async function refreshNeeded(conn: DuckDBConnection): Promise<boolean> {
  return (await readMeta(conn, STALE)) !== undefined || (await count(conn, `SELECT count(*) FROM kb_pending_articles`)) > 0;
}

/**
 * Refreshes the derived tables. `setMemory(which)` sets DuckDB's memory limit for the
 * clustering ('cluster') and for the rest ('load').
 */
export async function refresh(conn: DuckDBConnection, mode: RefreshMode, setMemory: (which: 'load' | 'cluster') => Promise<void>): Promise<RefreshSummary> {
  const articles = await count(conn, `SELECT count(*) FROM articles`);
  const pending = await count(conn, `SELECT count(DISTINCT article_id) FROM kb_pending_articles`);
  const stale = (await readMeta(conn, STALE)) !== undefined;
  const clustered = (await count(conn, `SELECT count(*) FROM quote_cluster_members`)) > 0 || articles === pending;
  const full = mode === 'full' || (mode === 'auto' && (stale || !clustered || pending > INCREMENTAL_SHARE * articles));
  if (full) return fullRefresh(conn, setMemory);

  const appended = Number((await readMeta(conn, APPENDED)) ?? 0) + pending;
  const resort = mode === 'auto' && appended > INCREMENTAL_SHARE * articles;
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(`CREATE OR REPLACE TEMP TABLE kb_touched_entities AS
      SELECT entity_id FROM kb_pending_entities
      UNION SELECT entity_id FROM article_entities WHERE article_id IN (SELECT article_id FROM kb_pending_articles)`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE kb_touched_speakers AS
      SELECT speaker_key FROM kb_pending_quotes WHERE speaker_key IS NOT NULL
      UNION SELECT speaker_key FROM quotes WHERE article_id IN (SELECT article_id FROM kb_pending_articles) AND speaker_key IS NOT NULL`);
    await conn.run(`DELETE FROM entity_lookup WHERE entity_id IN (SELECT entity_id FROM kb_touched_entities)`);
    await conn.run(`INSERT INTO entity_lookup SELECT DISTINCT norm, entity_id FROM entity_names
      WHERE kind <> 'title' AND entity_id IN (SELECT entity_id FROM kb_touched_entities)`);
    await conn.run(`DELETE FROM speaker_counts WHERE speaker_key IN (SELECT speaker_key FROM kb_touched_speakers)`);
    await conn.run(speakerCounts(true));
    await updateClusters(conn);
    for (const sql of resort ? REBUILD_LOOKUPS : UPDATE_LOOKUPS) await conn.run(sql);
    await clearPending(conn);
    await writeMeta(conn, APPENDED, String(resort ? 0 : appended));
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    for (const t of ['kb_touched_entities', 'kb_touched_speakers', 'kb_relabel']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }
  return { mode: 'incremental', lookupsRebuilt: resort, clusters: await count(conn, `SELECT count(*) FROM quote_clusters`) };
}

async function clearPending(conn: DuckDBConnection): Promise<void> {
  for (const t of ['kb_pending_articles', 'kb_pending_quotes', 'kb_pending_entities', 'kb_pending_bands']) await conn.run(`DELETE FROM ${t}`);
}

/**
 * Rebuilds every derived table. The mark that this is under way is committed first and
 * cleared with the last step, so that a run dying in between leaves a full refresh to the next.
 */
async function fullRefresh(conn: DuckDBConnection, setMemory: (which: 'load' | 'cluster') => Promise<void>): Promise<RefreshSummary> {
  await writeMeta(conn, STALE, '1');
  await conn.run('BEGIN TRANSACTION');
  await conn.run(`DELETE FROM entity_lookup`);
  await conn.run(`INSERT INTO entity_lookup SELECT DISTINCT norm, entity_id FROM entity_names WHERE kind <> 'title'`);
  await conn.run(`DELETE FROM speaker_counts`);
  await conn.run(speakerCounts(false));
  await conn.run('COMMIT');
  await setMemory('cluster');
  let clusters: number;
  await conn.run('BEGIN TRANSACTION');
  try {
    clusters = (await recomputeClusters(conn)).clusters;
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await setMemory('load');
  }
  // The look-up tables carry each quote's cluster, so they come last.
  await conn.run('BEGIN TRANSACTION');
  for (const sql of REBUILD_LOOKUPS) await conn.run(sql);
  await clearPending(conn);
  await writeMeta(conn, APPENDED, '0');
  await conn.run(`DELETE FROM kb_meta WHERE key = '${STALE}'`);
  await conn.run('COMMIT');
  return { mode: 'full', lookupsRebuilt: true, clusters };
}
