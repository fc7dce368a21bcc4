// Review files: <DIR>/reviews/<article id>.review.json, one per reviewed article,
// validated with zod and written atomically at every decision.
//
// A decision is tied to the extracted quote it was made on by that quote's span and
// text, not only by its id: when extract runs again, a decision whose quote is still
// there (same span and text, whatever its id now) is kept, and any other is reported
// as orphaned. Orphaned decisions stay in the file until a reviewer dismisses them.
//
// Several reviewers (several servers on one folder, or several tabs) may write one file:
// each write holds a lock file beside it (created with O_EXCL, so only one process can
// hold it) while it reads the file afresh, changes it and renames the new file into
// place. A lock left by a process that died is taken over.
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { writeJsonAtomic } from '../util/write-atomic.ts';
import { REVIEWS_FOLDER, type QuoteKey } from './articles.ts';
import {
  REVIEW_FILE_VERSION,
  ReviewFileSchema,
  describeZodError,
  parseReviewFile,
  type ReviewFile,
  type ReviewRecord,
} from './schema.ts';

/** A review file on disk that does not validate: it is reported and never overwritten. */
export class ReviewFileError extends Error {}

const SAFE_NAME = /^[\p{L}\p{N}_-][\p{L}\p{N}._-]{0,149}$/u;

/** File name for an article id: the id itself when it is a plain name, else a sanitised form with a hash. */
export function reviewFileName(articleId: string): string {
  if (SAFE_NAME.test(articleId) && !articleId.includes('..')) return `${articleId}.review.json`;
  const hash = createHash('sha256').update(articleId).digest('hex').slice(0, 12);
  const plain = articleId.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 100);
  return `${plain || 'article'}~${hash}.review.json`;
}

export function sameQuote(a: QuoteKey | ReviewRecord['quote'], b: QuoteKey | ReviewRecord['quote']): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

export interface Matched {
  /** Current quote id -> its decision (quoteId set to the current id). */
  byQuote: Map<string, ReviewRecord>;
  orphaned: ReviewRecord[];
}

/**
 * Ties one reviewer's stored decisions to the current quotes; should a reviewer have two
 * decisions on one quote, the newest wins. Give records of one reviewer only (see byReviewer).
 */
export function matchReviews(quotes: QuoteKey[], records: ReviewRecord[]): Matched {
  const byQuote = new Map<string, ReviewRecord>();
  const orphaned: ReviewRecord[] = [];
  const newestFirst = [...records].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  for (const record of newestFirst) {
    const candidates = quotes.filter((q) => sameQuote(q, record.quote));
    if (!candidates.length) {
      orphaned.push(record);
      continue;
    }
    const free = candidates.filter((q) => !byQuote.has(q.id));
    const quote = free.find((q) => q.id === record.quoteId) ?? free[0];
    if (quote) byQuote.set(quote.id, { ...record, quoteId: quote.id });
  }
  orphaned.sort((a, b) => a.quote.start - b.quote.start || a.quoteId.localeCompare(b.quoteId));
  return { byQuote, orphaned };
}

/** Records grouped by reviewer, each group in file order. */
export function byReviewer<T extends { reviewer: string }>(records: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.reviewer);
    if (group) group.push(record);
    else groups.set(record.reviewer, [record]);
  }
  return groups;
}

/** Each reviewer's decisions tied to the current quotes. */
export function matchByReviewer(quotes: QuoteKey[], records: ReviewRecord[]): Map<string, Matched> {
  const out = new Map<string, Matched>();
  for (const [reviewer, group] of byReviewer(records)) out.set(reviewer, matchReviews(quotes, group));
  return out;
}

export interface ArticleRef {
  id: string;
  path: string;
  sha256: string;
}

/** What a review file holds besides its header. */
export type ReviewContent = Pick<ReviewFile, 'reviews' | 'added' | 'entities'>;

/** No lock could be taken in time: another process holds it. */
export class ReviewLockError extends Error {}

const LOCK_WAIT_MS = 10_000;
/** A lock older than this is left over from a process that stopped: writes take milliseconds. */
const LOCK_STALE_MS = 30_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function lockIsStale(lockPath: string): Promise<boolean> {
  let text: string;
  let info;
  try {
    info = await stat(lockPath);
    text = await readFile(lockPath, 'utf8');
  } catch {
    return false; // gone already: the next attempt takes it
  }
  if (Date.now() - info.mtimeMs > LOCK_STALE_MS) return true;
  const holder = /^(\d+)@(.*)$/.exec(text.trim());
  return holder !== null && holder[2] === hostname() && processIsGone(Number(holder[1]));
}

export function lockPathOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`);
}

/**
 * Runs `work` while holding `<file>.lock`, a file created with O_EXCL so that one
 * process at a time holds it; other processes wait for it. A stale lock is moved aside
 * (a rename, which only one waiter can win) and removed.
 */
export async function withLockFile<T>(file: string, work: () => Promise<T>, { waitMs = LOCK_WAIT_MS } = {}): Promise<T> {
  const lockPath = lockPathOf(file);
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(`${process.pid}@${hostname()}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        await mkdir(dirname(lockPath), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw err;
      if (await lockIsStale(lockPath)) {
        const aside = `${lockPath}.${process.pid}.stale`;
        try {
          await rename(lockPath, aside);
          await rm(aside, { force: true });
        } catch {
          // another waiter moved it first
        }
        continue;
      }
      if (Date.now() > deadline) {
        const holder = await readFile(lockPath, 'utf8').catch(() => '?');
        throw new ReviewLockError(`${lockPath} is held by process ${holder.trim()}; try again`);
      }
      await sleep(Math.min(50, 2 + attempt * 2) * (0.5 + Math.random()));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

export class ReviewStore {
  readonly folder: string;
  private cache = new Map<string, { mtimeMs: number; size: number; ino: number; file: ReviewFile }>();
  private locks = new Map<string, Promise<unknown>>();

  constructor(dir: string) {
    this.folder = join(dir, REVIEWS_FOLDER);
  }

  fileOf(articleId: string): string {
    return join(this.folder, reviewFileName(articleId));
  }

  /** The article's review file, or null when it has none. Throws ReviewFileError when it is invalid. */
  /**
   * Like read, for reports over a whole folder: a review file that cannot be read is added
   * to `skipped` with its reason, and `undefined` says to pass over the article.
   */
  async readOrSkip(articleId: string, skipped: Array<{ id: string; reason: string }>): Promise<ReviewFile | null | undefined> {
    try {
      return await this.read(articleId);
    } catch (err) {
      if (!(err instanceof ReviewFileError)) throw err;
      skipped.push({ id: articleId, reason: err.message });
      return undefined;
    }
  }

  async read(articleId: string): Promise<ReviewFile | null> {
    const path = this.fileOf(articleId);
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.cache.delete(articleId);
        return null;
      }
      throw err;
    }
    const cached = this.cache.get(articleId);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size && cached.ino === info.ino) return cached.file;
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ReviewFileError(`review file ${path} is not valid JSON (${(err as Error).message}); fix or move it away`);
    }
    const parsed = parseReviewFile(json);
    if (!parsed.success) {
      throw new ReviewFileError(`review file ${path} is invalid (${describeZodError(parsed.error)}); fix or move it away`);
    }
    if (parsed.data.articleId !== articleId) {
      throw new ReviewFileError(`review file ${path} belongs to article "${parsed.data.articleId}", not "${articleId}"`);
    }
    this.cache.set(articleId, { mtimeMs: info.mtimeMs, size: info.size, ino: info.ino, file: parsed.data });
    return parsed.data;
  }

  /**
   * Reads the article's decisions afresh, lets `change` edit them and writes the file
   * atomically. Calls for one article run one at a time.
   */
  update<T>(article: ArticleRef, change: (content: ReviewContent) => { content: ReviewContent; result: T }): Promise<T> {
    const previous = this.locks.get(article.id) ?? Promise.resolve();
    const run = previous.then(() =>
      withLockFile(this.fileOf(article.id), async () => {
        this.cache.delete(article.id);
        const current = await this.read(article.id);
        const { content, result } = change({
          reviews: [...(current?.reviews ?? [])],
          added: [...(current?.added ?? [])],
          entities: [...(current?.entities ?? [])],
        });
        const file = ReviewFileSchema.parse({
          version: REVIEW_FILE_VERSION,
          articleId: article.id,
          articlePath: article.path,
          sourceSha256: article.sha256,
          updatedAt: new Date().toISOString(),
          ...content,
        } satisfies ReviewFile);
        await writeJsonAtomic(this.fileOf(article.id), file);
        return result;
      }),
    );
    const settled = run.catch(() => undefined);
    this.locks.set(article.id, settled);
    void settled.then(() => {
      if (this.locks.get(article.id) === settled) this.locks.delete(article.id);
    });
    return run;
  }
}
