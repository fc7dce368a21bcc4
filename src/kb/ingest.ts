// `isnad kb ingest`: loads extraction output folders, and the review decisions
// kept beside them (DIR/reviews/<id>.review.json), into the knowledge base.
//
// Idempotent and incremental: an output file whose bytes and review file are
// unchanged since the last ingest (same content hash) is skipped without being
// validated; a changed article has all its rows replaced in ONE transaction, so
// a crash leaves the database as it was before that article. A file that does
// not parse or match the output schema, and a review file that is invalid or
// names an article the folder does not hold, is reported with its path and
// skipped; the rest is ingested.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dateValue, timestampValue, type DuckDBAppender, type DuckDBConnection, type DuckDBListType } from '@duckdb/node-api';
import { ArticleOutputSchema, SCHEMA_VERSION, type ArticleOutput } from '../schema/output.ts';
import { parseReviewFile, describeZodError, type ReviewFile, type ReviewRecord } from '../review/schema.ts';
import { matchReviews, reviewFileName } from '../review/store.ts';
import { REVIEWS_FOLDER } from '../review/articles.ts';
import { normaliseString } from '../text/normalise.ts';
import { loadCliticPrefix, sketchQuote, quoteKey } from './cluster.ts';
import { rows, memorySetting, KB_LOAD_MEMORY_LIMIT, type Kb } from './store.ts';
import { refresh, refreshNeeded, type RefreshMode } from './refresh.ts';

export interface IngestProblem {
  file: string;
  message: string;
}

export interface IngestSummary {
  seen: number;
  added: number;
  replaced: number;
  unchanged: number;
  skipped: IngestProblem[];
  clusters: number | null;
  /** How the derived tables were brought up to date (refresh.ts), when anything changed. */
  refreshed: 'full' | 'incremental' | null;
  milliseconds: number;
}

export interface IngestOptions {
  onArticle?: (file: string, outcome: 'added' | 'replaced' | 'unchanged' | 'skipped') => void;
  /**
   * Articles per transaction (default 1: one transaction per article). Larger
   * batches load faster; a crash then loses the open batch, never half an article.
   */
  batch?: number;
  /** For tests of crash safety: called inside a transaction, before COMMIT, with the last article's id. */
  beforeCommit?: (articleId: string) => void | Promise<void>;
  /**
   * How to bring the clusters and look-up tables up to date at the end: 'auto' (the
   * default) refreshes only what the changed articles touch unless they are many.
   */
  refresh?: RefreshMode;
}

/** Output files under a folder, sorted, one directory at a time (reviews/ and manifest.json left out). */
async function* outputFiles(root: string, dir = root): AsyncGenerator<string> {
  const names: Array<{ name: string; isDir: boolean }> = [];
  for await (const e of await opendir(dir)) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) {
      if (dir === root && e.name === REVIEWS_FOLDER) continue;
      names.push({ name: e.name, isDir: true });
    } else if (e.isFile() && e.name.endsWith('.json') && e.name !== 'manifest.json' && !/\.(review|gold)\.json$/.test(e.name)) {
      names.push({ name: e.name, isDir: false });
    }
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const p = join(dir, n.name);
    if (n.isDir) yield* outputFiles(root, p);
    else yield p;
  }
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

class SkipError extends Error {}

interface Appenders {
  articles: DuckDBAppender;
  article_entities: DuckDBAppender;
  entity_names: DuckDBAppender;
  mentions: DuckDBAppender;
  quotes: DuckDBAppender;
  quote_bands: DuckDBAppender;
  quote_mentions: DuckDBAppender;
  kb_pending_articles: DuckDBAppender;
}

type Cell = string | number | boolean | null | undefined;

function append(ap: DuckDBAppender, cells: Cell[], endRow = true): void {
  for (const c of cells) {
    if (c === null || c === undefined) ap.appendNull();
    else if (typeof c === 'string') ap.appendVarchar(c);
    else if (typeof c === 'boolean') ap.appendBoolean(c);
    else if (Number.isInteger(c)) ap.appendBigInt(BigInt(c));
    else ap.appendDouble(c);
  }
  if (endRow) ap.endRow();
}

/** Parses and validates one output file; throws SkipError with a reason. */
function parseOutput(text: string): ArticleOutput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SkipError(`not JSON: ${(err as Error).message}`);
  }
  const version = (json as { schemaVersion?: unknown })?.schemaVersion;
  if (version !== SCHEMA_VERSION) throw new SkipError(`unknown schema version ${JSON.stringify(version)} (this isnad reads ${SCHEMA_VERSION})`);
  const result = ArticleOutputSchema.safeParse(json);
  if (!result.success) throw new SkipError(`does not match the output schema: ${describeZodError(result.error)}`);
  return result.data;
}

function parseReview(text: string, articleId: string): ReviewFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SkipError(`not JSON: ${(err as Error).message}`);
  }
  // Any known version of the review file (version 1 kept one decision per quote).
  const result = parseReviewFile(json);
  if (!result.success) throw new SkipError(`not a valid review file: ${describeZodError(result.error)}`);
  if (result.data.articleId !== articleId) throw new SkipError(`review file names article ${result.data.articleId}, not ${articleId}`);
  return result.data;
}

export async function ingest(kb: Kb, dirs: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now();
  const conn = kb.conn;
  const summary: IngestSummary = { seen: 0, added: 0, replaced: 0, unchanged: 0, skipped: [], clusters: null, refreshed: null, milliseconds: 0 };
  // What is loaded already: article id -> content hash (a few dozen bytes per article).
  const loaded = new Map<string, string>();
  for (const r of await rows(conn, `SELECT id, content_hash FROM articles`)) loaded.set(String(r.id), String(r.content_hash));
  let nextQid = Number((await rows(conn, `SELECT coalesce(max(qid), 0) AS m FROM quotes`))[0]!.m) + 1;
  let changed = false;
  // DuckDB caches every block it reads or writes up to its memory limit (80% of the machine
  // by default), so loading grew the process with the database. Loading gets a fixed limit
  // (what exceeds it is evicted or spills to FILE.tmp/); the caller's limit is restored at the end.
  const ownLimit = String((await rows(conn, `SELECT current_setting('memory_limit') AS m`))[0]!.m);
  const loadLimit = memorySetting(process.env.ISNAD_KB_MEMORY, KB_LOAD_MEMORY_LIMIT);
  await conn.run(`SET memory_limit = '${loadLimit}'`);
  try {
    return await load();
  } finally {
    await conn.run(`SET memory_limit = '${ownLimit}'`);
  }

  async function load(): Promise<IngestSummary> {
    const writer = new ArticleWriter(conn, Math.max(1, opts.batch ?? 1), loadCliticPrefix(), opts.beforeCommit);

    for (const dir of dirs.map((d) => resolve(d))) {
      const st = await stat(dir).catch(() => null);
      if (!st?.isDirectory()) {
        summary.skipped.push({ file: dir, message: 'not a folder' });
        continue;
      }
      const idsHere = new Set<string>();
      for await (const file of outputFiles(dir)) {
        summary.seen++;
        let outcome: 'added' | 'replaced' | 'unchanged' | 'skipped';
        try {
          const bytes = await readFile(file);
          const text = bytes.toString('utf8');
          // The id is read before validation, to find the review file and the stored hash.
          const articleId = (() => {
            try {
              const id = (JSON.parse(text) as { article?: { id?: unknown } })?.article?.id;
              return typeof id === 'string' ? id : undefined;
            } catch {
              return undefined;
            }
          })();
          const reviewPath = articleId ? join(dir, REVIEWS_FOLDER, reviewFileName(articleId)) : undefined;
          const reviewBytes = reviewPath && existsSync(reviewPath) ? await readFile(reviewPath) : undefined;
          let contentHash = sha(sha(bytes) + (reviewBytes ? sha(reviewBytes) : ''));
          if (articleId) idsHere.add(articleId);
          if (articleId && loaded.get(articleId) === contentHash) {
            outcome = 'unchanged';
          } else {
            const output = parseOutput(text);
            let review: ReviewFile | undefined;
            if (reviewBytes) {
              try {
                review = parseReview(reviewBytes.toString('utf8'), output.article.id);
              } catch (err) {
                // A bad review file is reported; the article goes in without its decisions, and
                // under a hash that no file has, so that the next run reads (and reports) it again.
                summary.skipped.push({ file: reviewPath!, message: (err as Error).message });
                contentHash = `invalid-review:${contentHash}`;
              }
            }
            const existed = loaded.has(output.article.id);
            await writer.write(output, review, { file, contentHash, firstQid: nextQid, replace: existed });
            nextQid += output.quotes.length;
            loaded.set(output.article.id, contentHash);
            changed = true;
            outcome = existed ? 'replaced' : 'added';
          }
        } catch (err) {
          if (!(err instanceof SkipError)) throw err;
          summary.skipped.push({ file, message: err.message });
          outcome = 'skipped';
        }
        if (outcome === 'added') summary.added++;
        else if (outcome === 'replaced') summary.replaced++;
        else if (outcome === 'unchanged') summary.unchanged++;
        opts.onArticle?.(file, outcome);
      }
      await writer.commit();
      // Review files whose article is not in this folder.
      const reviewsDir = join(dir, REVIEWS_FOLDER);
      if (existsSync(reviewsDir)) {
        const expected = new Set([...idsHere].map(reviewFileName));
        for await (const e of await opendir(reviewsDir)) {
          if (e.isFile() && e.name.endsWith('.review.json') && !expected.has(e.name)) {
            summary.skipped.push({ file: join(reviewsDir, e.name), message: 'review file for an article that is not in the folder' });
          }
        }
      }
    }
    if (changed || (await refreshNeeded(conn))) {
      // Clustering a whole database joins every quote's LSH buckets (some 38 per quote); it
      // runs under its own limit when ISNAD_KB_CLUSTER_MEMORY gives one, else the load's, and
      // DuckDB spills what does not fit to FILE.tmp/.
      const clusterLimit = memorySetting(process.env.ISNAD_KB_CLUSTER_MEMORY, loadLimit);
      const r = await refresh(conn, opts.refresh ?? 'auto', (which) => conn.run(`SET memory_limit = '${which === 'cluster' ? clusterLimit : loadLimit}'`).then(() => {}));
      summary.clusters = r.clusters;
      summary.refreshed = r.mode;
    }
    summary.milliseconds = performance.now() - t0;
    return summary;
  }
}


interface WriteOptions {
  file: string;
  contentHash: string;
  firstQid: number;
  /** The article is in the database already: delete its rows first. */
  replace: boolean;
}

const TABLES = ['articles', 'article_entities', 'entity_names', 'mentions', 'quotes', 'quote_bands', 'quote_mentions'] as const;
/** Appended to as well: each written article, for refresh.ts. */
const APPENDED = [...TABLES, 'kb_pending_articles'] as const;

/**
 * Writes articles inside transactions of up to `batch` articles (1 by default:
 * one transaction per article). A crash loses only the open transaction, so the
 * database is as it was before that article (or that batch): never half an article.
 */
class ArticleWriter {
  private ap: Appenders | null = null;
  private inBatch = 0;
  private lastId = '';
  constructor(
    private readonly conn: DuckDBConnection,
    private readonly batch: number,
    private readonly cliticPrefix: RegExp,
    private readonly beforeCommit?: (articleId: string) => void | Promise<void>,
  ) {}

  private async begin(): Promise<Appenders> {
    if (this.ap) return this.ap;
    await this.conn.run('BEGIN TRANSACTION');
    const ap = {} as Appenders;
    for (const t of APPENDED) ap[t] = await this.conn.createAppender(t);
    this.ap = ap;
    return ap;
  }

  private flush(): void {
    for (const t of APPENDED) this.ap![t].flushSync();
  }

  async write(out: ArticleOutput, review: ReviewFile | undefined, opts: WriteOptions): Promise<void> {
    const ap = await this.begin();
    try {
      if (opts.replace) {
        // Rows still in the appenders would escape the DELETE.
        this.flush();
        // What the article had, for the refresh at the end (refresh.ts): in this transaction,
        // so that a crash before the refresh leaves it to the next run.
        await this.conn.run(`INSERT INTO kb_pending_quotes SELECT qid, speaker_key FROM quotes WHERE article_id = $1`, [out.article.id]);
        await this.conn.run(`INSERT INTO kb_pending_entities SELECT DISTINCT entity_id FROM article_entities WHERE article_id = $1`, [out.article.id]);
        await this.conn.run(`INSERT INTO kb_pending_bands SELECT band, bucket FROM quote_bands WHERE article_id = $1`, [out.article.id]);
        for (const t of TABLES) await this.conn.run(`DELETE FROM ${t} WHERE ${t === 'articles' ? 'id' : 'article_id'} = $1`, [out.article.id]);
      }
      appendArticle(ap, out, review, opts, this.cliticPrefix);
      append(ap.kb_pending_articles, [out.article.id]);
    } catch (err) {
      await this.rollback();
      throw err;
    }
    this.lastId = out.article.id;
    if (++this.inBatch >= this.batch) await this.commit();
  }

  async commit(): Promise<void> {
    if (!this.ap) return;
    try {
      for (const t of APPENDED) {
        this.ap[t].flushSync();
        this.ap[t].closeSync();
      }
      this.ap = null;
      await this.beforeCommit?.(this.lastId);
      await this.conn.run('COMMIT');
      this.inBatch = 0;
    } catch (err) {
      await this.rollback();
      throw err;
    }
  }

  async rollback(): Promise<void> {
    if (this.ap) for (const t of APPENDED) this.ap[t].closeSync();
    this.ap = null;
    this.inBatch = 0;
    await this.conn.run('ROLLBACK').catch(() => {});
  }
}

/** Appends one article's rows. */
function appendArticle(ap: Appenders, out: ArticleOutput, review: ReviewFile | undefined, opts: WriteOptions, cliticPrefix: RegExp): void {
  const a = out.article;
  const art = ap.articles;
  append(art, [a.id, a.path, opts.file, a.lang, a.title], false);
  if (a.date?.iso) art.appendDate(dateValue({ year: a.date.year!, month: a.date.month, day: a.date.day }));
  else art.appendNull();
  append(
    art,
    [a.date?.text, a.dateline?.text, a.dateline?.place?.text, a.dateline?.place?.entityId, a.dateline?.outlet?.text, a.sha256, a.chars, opts.contentHash, out.quotes.length],
    false,
  );
  art.appendTimestamp(timestampValue(BigInt(Date.now()) * 1000n));
  art.endRow();

  for (const e of out.entities) {
    const roles = e.roles ?? [];
    ap.article_entities.appendVarchar(a.id);
    ap.article_entities.appendVarchar(e.id);
    ap.article_entities.appendVarchar(e.type);
    ap.article_entities.appendVarchar(e.name);
    ap.article_entities.appendVarchar(e.source);
    ap.article_entities.appendList(roles, ap.article_entities.columnType(5) as DuckDBListType);
    ap.article_entities.appendBigInt(BigInt(e.mentions.length));
    ap.article_entities.endRow();
    // Every spelling: the gazetteer's names in both scripts, the canonical name, and the forms written here.
    const names = new Map<string, { kind: string; seen: number }>();
    for (const n of [e.name, ...(e.names.ar ?? []), ...(e.names.en ?? [])]) if (!names.has(n)) names.set(n, { kind: 'name', seen: 0 });
    for (const m of e.mentions) {
      const entry = names.get(m.text) ?? { kind: m.kind, seen: 0 };
      entry.seen++;
      if (m.kind !== 'title') entry.kind = 'name';
      names.set(m.text, entry);
    }
    for (const [name, v] of names) append(ap.entity_names, [a.id, e.id, name, normaliseString(name).trim(), v.kind, v.seen]);
    for (const m of e.mentions) append(ap.mentions, [a.id, e.id, m.start, m.end, m.text, m.kind, m.rule]);
  }

  // Mentions by start, to find those inside each quote by binary search (never quotes × mentions).
  const spans = out.entities.flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, entityId: e.id })));
  spans.sort((x, y) => x.start - y.start);
  const { byQuote } = matchReviews(out.quotes, review?.reviews ?? []);
  let qid = opts.firstQid;
  const sigType = ap.quotes.columnType(ap.quotes.columnCount - 1) as DuckDBListType;
  for (const q of out.quotes) {
    const r: ReviewRecord | undefined = byQuote.get(q.id);
    const corrected = r?.status === 'corrected';
    const text = corrected && r.span ? r.span.text : q.text;
    const start = corrected && r.span ? r.span.start : q.start;
    const end = corrected && r.span ? r.span.end : q.end;
    const kind = corrected && r.kind ? r.kind : q.kind;
    let speakerId = q.speaker?.entityId ?? null;
    let speakerName = q.speaker?.name ?? null;
    if (corrected && r.speaker !== undefined) {
      speakerId = r.speaker?.entityId ?? null;
      speakerName = r.speaker?.name ?? null;
    }
    const speakerKey = speakerId ?? (speakerName ? `name:${normaliseString(speakerName).trim()}` : null);
    const key = quoteKey(text, cliticPrefix);
    const sketch = sketchQuote(key);
    append(ap.quotes, [
      qid, a.id, q.id, start, end, text, kind, q.cue?.text, speakerId, speakerName, speakerKey,
      corrected && r.speaker !== undefined ? 'reviewed' : (q.speaker?.resolution ?? null),
      q.rule, q.confidence, r?.status ?? null, r?.reviewer ?? null, r?.note ?? null,
      corrected && text !== q.text ? q.text : null,
      corrected && r.speaker !== undefined ? (q.speaker?.entityId ?? null) : null,
      corrected && r.speaker !== undefined ? (q.speaker?.name ?? null) : null,
      corrected && kind !== q.kind ? q.kind : null,
      key,
      sketch.shingles,
    ], false);
    ap.quotes.appendList(sketch.signature, sigType);
    ap.quotes.endRow();
    const named = new Set<string>();
    for (let i = firstAtOrAfter(spans, start); i < spans.length && spans[i]!.start < end; i++) {
      if (spans[i]!.end <= end) named.add(spans[i]!.entityId);
    }
    for (const entityId of named) append(ap.quote_mentions, [qid, a.id, entityId]);
    if (r?.status !== 'rejected') {
      for (const [band, bucket] of sketch.buckets) append(ap.quote_bands, [qid, a.id, band, bucket]);
    }
    qid++;
  }
}

/** Index of the first span starting at or after `start` (spans sorted by start). */
function firstAtOrAfter(spans: ReadonlyArray<{ start: number }>, start: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
