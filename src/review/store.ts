// Review files: <DIR>/reviews/<article id>.review.json, one per reviewed article,
// validated with zod and written atomically at every decision.
//
// A decision is tied to the extracted quote it was made on by that quote's span and
// text, not only by its id: when extract runs again, a decision whose quote is still
// there (same span and text, whatever its id now) is kept, and any other is reported
// as orphaned. Orphaned decisions stay in the file until a reviewer dismisses them.
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeJsonAtomic } from '../util/write-atomic.ts';
import { REVIEWS_FOLDER, type QuoteKey } from './articles.ts';
import {
  REVIEW_FILE_VERSION,
  ReviewFileSchema,
  describeZodError,
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

/** Ties stored decisions to the current quotes; the newest decision wins a quote. */
export function matchReviews(quotes: QuoteKey[], records: ReviewRecord[]): Matched {
  const byQuote = new Map<string, ReviewRecord>();
  const orphaned: ReviewRecord[] = [];
  const newestFirst = [...records].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  for (const record of newestFirst) {
    const candidates = quotes.filter((q) => sameQuote(q, record.quote) && !byQuote.has(q.id));
    const quote = candidates.find((q) => q.id === record.quoteId) ?? candidates[0];
    if (quote) byQuote.set(quote.id, { ...record, quoteId: quote.id });
    else orphaned.push(record);
  }
  orphaned.sort((a, b) => a.quote.start - b.quote.start || a.quoteId.localeCompare(b.quoteId));
  return { byQuote, orphaned };
}

export interface ArticleRef {
  id: string;
  path: string;
  sha256: string;
}

export class ReviewStore {
  readonly folder: string;
  private cache = new Map<string, { mtimeMs: number; size: number; file: ReviewFile }>();
  private locks = new Map<string, Promise<unknown>>();

  constructor(dir: string) {
    this.folder = join(dir, REVIEWS_FOLDER);
  }

  fileOf(articleId: string): string {
    return join(this.folder, reviewFileName(articleId));
  }

  /** The article's review file, or null when it has none. Throws ReviewFileError when it is invalid. */
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
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.file;
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ReviewFileError(`review file ${path} is not valid JSON (${(err as Error).message}); fix or move it away`);
    }
    const parsed = ReviewFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new ReviewFileError(`review file ${path} is invalid (${describeZodError(parsed.error)}); fix or move it away`);
    }
    if (parsed.data.articleId !== articleId) {
      throw new ReviewFileError(`review file ${path} belongs to article "${parsed.data.articleId}", not "${articleId}"`);
    }
    this.cache.set(articleId, { mtimeMs: info.mtimeMs, size: info.size, file: parsed.data });
    return parsed.data;
  }

  /**
   * Reads the article's decisions afresh, lets `change` edit them and writes the file
   * atomically. Calls for one article run one at a time.
   */
  update<T>(article: ArticleRef, change: (records: ReviewRecord[]) => { records: ReviewRecord[]; result: T }): Promise<T> {
    const previous = this.locks.get(article.id) ?? Promise.resolve();
    const run = previous.then(async () => {
      this.cache.delete(article.id);
      const current = await this.read(article.id);
      const { records, result } = change(current ? [...current.reviews] : []);
      const file = ReviewFileSchema.parse({
        version: REVIEW_FILE_VERSION,
        articleId: article.id,
        articlePath: article.path,
        sourceSha256: article.sha256,
        updatedAt: new Date().toISOString(),
        reviews: records,
      } satisfies ReviewFile);
      await writeJsonAtomic(this.fileOf(article.id), file);
      return result;
    });
    const settled = run.catch(() => undefined);
    this.locks.set(article.id, settled);
    void settled.then(() => {
      if (this.locks.get(article.id) === settled) this.locks.delete(article.id);
    });
    return run;
  }
}
