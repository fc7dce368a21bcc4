// The review server: node:http, a JSON API over the output folder and its review
// files, and the page's static files from src/review/public/.
//
//   GET    /api/articles                                  list with progress
//   GET    /api/articles/:id                              { article, output, source, reviews, orphaned }
//   PUT    /api/articles/:id/quotes/:quoteId/review       store a decision -> the stored review
//   DELETE /api/articles/:id/quotes/:quoteId/review       remove a decision -> { removed }
//   POST   /api/articles/:id/orphans/dismiss              drop an orphaned decision -> { removed }
//
// Undo is done by the page: it remembers the decision a quote had before each of its
// own changes and restores it with a PUT of that decision, or a DELETE when the quote
// had none.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep, extname } from 'node:path';
import { PROJECT_ROOT } from '../util/project-root.ts';
import { isIP, type AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ArticleOutput } from '../schema/output.ts';
import { ArticleIndex, ArticleNotFoundError, type ArticleEntry } from './articles.ts';
import { ReviewFileError, ReviewLockError, ReviewStore, matchByReviewer, matchReviews, sameQuote } from './store.ts';
import { AddedQuoteBodySchema, EntityBodySchema, ReviewBodySchema, describeZodError, type AddedQuote, type EntityDecision, type ReviewFile, type ReviewRecord } from './schema.ts';

/** Recorded as the reviewer when the server is given none. */
export const ANONYMOUS_REVIEWER = 'anonymous';

export const BODY_LIMIT = 64 * 1024;
/** How much of a refused body is read and dropped before the 413, so that the client gets it. */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads the rest of a request and drops it: true when it ended within DRAIN_LIMIT bytes. */
function drainRequest(req: IncomingMessage): Promise<boolean> {
  return new Promise((done) => {
    let size = 0;
    const finish = (ok: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      done(ok);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.pause();
        finish(false);
      }
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const onClose = () => finish(req.complete);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
    req.resume();
  });
}

const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'review', 'public');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface ReviewServerOptions {
  dir: string;
  port?: number;
  host?: string;
  /** Recorded with each decision: the file keeps one decision per reviewer per quote. */
  reviewer?: string;
}

export interface ReviewServer {
  url: string;
  close(): Promise<void>;
}

interface FolderQuote {
  articleId: string;
  title: string;
  lang: string;
  quoteId: string;
  start: number;
  end: number;
  text: string;
  kind: string;
  status: 'pending' | 'approved' | 'rejected' | 'corrected';
  speaker: { entityId: string | null; name: string } | null;
  speakerKey: string | null;
  speakerNames: string[];
  speakerType: string | null;
}

interface SpeakerSummary {
  key: string;
  entityId: string | null;
  name: string;
  type: string | null;
  names: string[];
  quotes: number;
  articles: number;
  counts: Record<FolderQuote['status'], number>;
  seen: Set<string>;
}

/** A speaker's key across the folder: the entity id, or the typed name for a speaker with none. */
export function speakerKey(speaker: { entityId: string | null; name: string }): string {
  return speaker.entityId ?? `name:${speaker.name.trim()}`;
}

/**
 * Text as search compares it: NFKC, lower case, without Arabic short vowels and tatweel,
 * so that لافروف finds لافروفُ.
 */
export function searchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/\s+/g, ' ').trim();
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const DismissBodySchema = z.strictObject({
  quoteId: z.string().min(1),
  start: z.int().nonnegative(),
  end: z.int().nonnegative(),
});

async function listPublicFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && CONTENT_TYPES[extname(entry.name)]) {
        files.set('/' + relative(PUBLIC_DIR, full).split(sep).join('/'), full);
      }
    }
  }
  await walk(PUBLIC_DIR);
  return files;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const dir = resolve(options.dir);
  const host = options.host ?? '127.0.0.1';
  const index = new ArticleIndex(dir);
  await index.refresh();
  const store = new ReviewStore(dir);
  const publicFiles = await listPublicFiles();
  const reviewer = options.reviewer?.trim() || ANONYMOUS_REVIEWER;
  let allowedHosts: Set<string> | null = null;

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    });
    res.end(text);
  }

  async function readJsonBody(req: IncomingMessage): Promise<unknown> {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new HttpError(415, 'request body must be JSON (Content-Type: application/json)');
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > BODY_LIMIT) throw new HttpError(413, `request body is larger than ${BODY_LIMIT} bytes`);
    // Listeners rather than for-await: leaving a for-await early would destroy the
    // socket before the 413 could be sent. Past the limit the rest is read and dropped.
    const text = await new Promise<string>((resolveBody, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on('data', (chunk: Buffer) => {
        if (over) return;
        size += chunk.length;
        if (size > BODY_LIMIT) {
          over = true;
          chunks.length = 0;
          reject(new HttpError(413, `request body is larger than ${BODY_LIMIT} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
    if (!text.trim()) throw new HttpError(400, 'request body is empty: expected a JSON object');
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
    }
  }

  function parseWith<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new HttpError(400, describeZodError(parsed.error), {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    return parsed.data;
  }

  async function loadArticle(id: string): Promise<{ entry: ArticleEntry; output: ArticleOutput }> {
    if (!index.get(id)) {
      await index.refresh();
      if (!index.get(id)) throw new HttpError(404, `unknown article: ${id}`);
    }
    try {
      return await index.load(id);
    } catch (err) {
      if (err instanceof ArticleNotFoundError) throw new HttpError(404, err.message);
      throw err;
    }
  }

  /** All reviewers' records of the article, and this server's reviewer's own. */
  async function readReviews(id: string): Promise<{ records: ReviewRecord[]; own: ReviewRecord[]; file: ReviewFile | null; error?: string }> {
    try {
      const file = await store.read(id);
      const records = file?.reviews ?? [];
      return { records, own: records.filter((r) => r.reviewer === reviewer), file };
    } catch (err) {
      if (err instanceof ReviewFileError) return { records: [], own: [], file: null, error: err.message };
      throw err;
    }
  }

  async function listArticles(): Promise<unknown> {
    await index.refresh();
    const articles = [];
    for (const entry of index.list()) {
      const { own, error, file } = await readReviews(entry.id);
      const { byQuote, orphaned } = matchReviews(entry.quotes, own);
      const counts = { pending: 0, approved: 0, rejected: 0, corrected: 0 };
      for (const quote of entry.quotes) counts[byQuote.get(quote.id)?.status ?? 'pending'] += 1;
      articles.push({
        id: entry.id,
        file: entry.rel,
        path: entry.path,
        lang: entry.lang,
        title: entry.title,
        chars: entry.chars,
        quotes: entry.quotes.length,
        reviewed: entry.quotes.length - counts.pending,
        counts,
        orphaned: orphaned.length,
        added: file?.added.length ?? 0,
        warnings: entry.warnings,
        ...(error ? { reviewError: error } : {}),
      });
    }
    return { dir, reviewer, articles, problems: index.problems };
  }

  /**
   * Every current quote of the folder with its speaker and status as this reviewer left
   * them (a corrected speaker replaces the extracted one).
   */
  async function folderQuotes(): Promise<FolderQuote[]> {
    await index.refresh();
    const rows: FolderQuote[] = [];
    for (const entry of index.list()) {
      const { own } = await readReviews(entry.id);
      const { byQuote } = matchReviews(entry.quotes, own);
      entry.quotes.forEach((q, i) => {
        const info = entry.quoteInfo[i]!;
        const decision = byQuote.get(q.id);
        const speaker = decision?.speaker !== undefined ? decision.speaker : info.speaker;
        rows.push({
          articleId: entry.id,
          title: entry.title,
          lang: entry.lang,
          quoteId: q.id,
          start: q.start,
          end: q.end,
          text: decision?.span?.text ?? q.text,
          kind: decision?.kind ?? info.kind,
          status: decision?.status ?? 'pending',
          speaker,
          speakerKey: speaker ? speakerKey(speaker) : null,
          speakerNames: speaker?.entityId ? (entry.entities.find((e) => e.id === speaker.entityId)?.names ?? [speaker.name]) : speaker ? [speaker.name] : [],
          speakerType: speaker?.entityId ? (entry.entities.find((e) => e.id === speaker.entityId)?.type ?? null) : null,
        });
      });
    }
    return rows;
  }

  const STATUS_FILTER = z.enum(['pending', 'approved', 'rejected', 'corrected']);

  function statusParam(url: URL): FolderQuote['status'] | null {
    const raw = url.searchParams.get('status');
    if (raw === null || raw === '' || raw === 'all') return null;
    const parsed = STATUS_FILTER.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, `status: expected all, pending, approved, rejected or corrected, got "${raw}"`);
    return parsed.data;
  }

  /** People (and other speakers) across the folder, with their quote counts by status. */
  async function listSpeakers(url: URL): Promise<unknown> {
    const status = statusParam(url);
    const q = searchText(url.searchParams.get('q') ?? '');
    const bySpeaker = new Map<string, SpeakerSummary>();
    for (const row of await folderQuotes()) {
      if (!row.speaker || !row.speakerKey) continue;
      let summary = bySpeaker.get(row.speakerKey);
      if (!summary) {
        summary = { key: row.speakerKey, entityId: row.speaker.entityId, name: row.speaker.name, type: row.speakerType, names: [], quotes: 0, articles: 0, counts: { pending: 0, approved: 0, rejected: 0, corrected: 0 }, seen: new Set() };
        bySpeaker.set(row.speakerKey, summary);
      }
      for (const n of row.speakerNames) if (!summary.names.includes(n)) summary.names.push(n);
      summary.counts[row.status] += 1;
      if (status && row.status !== status) continue;
      summary.quotes += 1;
      summary.seen.add(row.articleId);
      summary.articles = summary.seen.size;
    }
    const speakers = [...bySpeaker.values()]
      .filter((sp) => (!status || sp.quotes > 0) && (!q || sp.names.some((n) => searchText(n).includes(q))))
      .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name))
      .map(({ seen: _seen, ...rest }) => rest);
    return { speakers };
  }

  async function getSpeaker(key: string, url: URL): Promise<unknown> {
    const status = statusParam(url);
    const rows = (await folderQuotes()).filter((r) => r.speakerKey === key);
    if (!rows.length) throw new HttpError(404, `no quotes by speaker "${key}"`);
    const first = rows[0]!;
    const counts = { pending: 0, approved: 0, rejected: 0, corrected: 0 };
    for (const r of rows) counts[r.status] += 1;
    return {
      speaker: { key, entityId: first.speaker!.entityId, name: first.speaker!.name, type: first.speakerType, names: [...new Set(rows.flatMap((r) => r.speakerNames))], counts },
      quotes: rows
        .filter((r) => !status || r.status === status)
        .map(({ speaker: _s, speakerKey: _k, speakerNames: _n, speakerType: _t, ...r }) => r),
    };
  }

  /** Search over speaker names (both scripts), quote text and titles. */
  async function search(url: URL): Promise<unknown> {
    const raw = url.searchParams.get('q') ?? '';
    if (raw.length > 200) throw new HttpError(400, 'q: at most 200 characters');
    const q = searchText(raw);
    if (q.length < 2) throw new HttpError(400, 'q: give at least 2 characters to search for');
    const LIMIT = 50;
    const rows = await folderQuotes();
    const articles = index
      .list()
      .filter((e) => searchText(e.title).includes(q))
      .slice(0, LIMIT)
      .map((e) => ({ id: e.id, title: e.title, lang: e.lang }));
    const speakers = new Map<string, { key: string; name: string; names: string[]; quotes: number }>();
    for (const r of rows) {
      if (!r.speakerKey || !r.speakerNames.some((n) => searchText(n).includes(q))) continue;
      const sp = speakers.get(r.speakerKey) ?? { key: r.speakerKey, name: r.speaker!.name, names: r.speakerNames, quotes: 0 };
      sp.quotes += 1;
      speakers.set(r.speakerKey, sp);
    }
    const quotes = rows
      .filter((r) => searchText(r.text).includes(q))
      .slice(0, LIMIT)
      .map((r) => ({ articleId: r.articleId, title: r.title, lang: r.lang, quoteId: r.quoteId, text: r.text, status: r.status, speakerName: r.speaker?.name ?? null }));
    return { q: raw, articles, speakers: [...speakers.values()].sort((a, b) => b.quotes - a.quotes).slice(0, LIMIT), quotes };
  }

  async function getArticle(id: string): Promise<unknown> {
    const { entry, output } = await loadArticle(id);
    const { records, error, file } = await readReviews(id);
    const matched = matchByReviewer(output.quotes, records);
    const mine = matched.get(reviewer) ?? { byQuote: new Map(), orphaned: [] };
    const others: ReviewRecord[] = [];
    for (const [name, m] of matched) if (name !== reviewer) for (const r of m.byQuote.values()) others.push(r);
    return {
      article: { id: entry.id, file: entry.rel, title: entry.title, reviewFile: relative(dir, store.fileOf(id)).split(sep).join('/') },
      output,
      source: output.source,
      reviews: [...mine.byQuote.values()],
      others,
      entityReviews: file?.entities.filter((d) => d.reviewer === reviewer) ?? [],
      added: file?.added.map((a) => (output.source.slice(a.start, a.end) === a.text ? a : { ...a, stale: true })) ?? [],
      orphaned: mine.orphaned,
      ...(error ? { reviewError: error } : {}),
      reviewer,
    };
  }

  /** The span [start, end) of the source with its text, or a 400 naming the field (`prefix` + start/end). */
  function checkSpan(source: string, start: number, end: number, prefix: string, what: string): { start: number; end: number; text: string } {
    if (end > source.length) {
      throw new HttpError(400, `${prefix}end: span [${start}, ${end}) lies outside the source (${source.length} UTF-16 code units)`);
    }
    const splits = (at: number) => at > 0 && at < source.length && /[\uDC00-\uDFFF]/.test(source[at] ?? '') && /[\uD800-\uDBFF]/.test(source[at - 1] ?? '');
    if (splits(start) || splits(end)) {
      throw new HttpError(400, `${prefix}${splits(start) ? 'start' : 'end'}: the span cuts a character (surrogate pair) in two`);
    }
    const text = source.slice(start, end);
    if (!text.trim()) throw new HttpError(400, `${prefix}start: ${what} holds only white space`);
    return { start, end, text };
  }

  function checkSpeaker(output: ArticleOutput, speaker: { entityId: string | null; name: string } | null | undefined, id: string): void {
    const entityId = speaker?.entityId;
    if (entityId && !output.entities.some((e) => e.id === entityId)) {
      throw new HttpError(400, `speaker.entityId: unknown entity "${entityId}" in article ${id}`);
    }
  }

  /** Adds a quote the extractor missed (addedId undefined) or replaces one added before. */
  async function putAdded(id: string, addedId: string | undefined, req: IncomingMessage): Promise<AddedQuote> {
    const { entry, output } = await loadArticle(id);
    const body = parseWith(AddedQuoteBodySchema, await readJsonBody(req));
    const span = checkSpan(output.source, body.start, body.end, '', 'the quote');
    checkSpeaker(output, body.speaker, id);
    const cue = body.cue ? checkSpan(output.source, body.cue.start, body.cue.end, 'cue.', 'the cue') : null;
    return await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => {
      const current = addedId === undefined ? null : (content.added.find((a) => a.id === addedId) ?? null);
      if (addedId !== undefined && !current) throw new HttpError(404, `no added quote "${addedId}" in article ${id}`);
      if (addedId === undefined) {
        const same = content.added.find((a) => a.start === span.start && a.end === span.end && a.reviewer === reviewer);
        if (same) throw new HttpError(409, `you added this span already, as ${same.id}`, { current: same });
      } else {
        checkVersion(current, body.baseVersion, addedId);
      }
      const next = 1 + content.added.reduce((n, a) => Math.max(n, Number(a.id.slice(1))), 0);
      const added: AddedQuote = {
        id: addedId ?? `r${next}`,
        ...span,
        kind: body.kind,
        speaker: body.speaker,
        cue,
        ...(body.note?.trim() ? { note: body.note } : {}),
        reviewer,
        version: (current?.version ?? 0) + 1,
        decidedAt: new Date().toISOString(),
      };
      const added_ = current ? content.added.map((a) => (a === current ? added : a)) : [...content.added, added];
      return { content: { ...content, added: added_ }, result: added };
    });
  }

  async function deleteAdded(id: string, addedId: string, base: number | undefined): Promise<{ removed: AddedQuote }> {
    const { entry, output } = await loadArticle(id);
    return await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => {
      const current = content.added.find((a) => a.id === addedId);
      if (!current) throw new HttpError(404, `no added quote "${addedId}" in article ${id}`);
      checkVersion(current, base, addedId);
      return { content: { ...content, added: content.added.filter((a) => a !== current) }, result: { removed: current } };
    });
  }

  async function putEntityReview(id: string, entityId: string, req: IncomingMessage): Promise<EntityDecision> {
    const { entry, output } = await loadArticle(id);
    const entity = output.entities.find((e) => e.id === entityId);
    if (!entity) throw new HttpError(404, `unknown entity "${entityId}" in article ${id}`);
    const body = parseWith(EntityBodySchema, await readJsonBody(req));
    if (body.action === 'retype' && body.type === entity.type) throw new HttpError(400, `type: ${entityId} is a ${entity.type} already`);
    if (body.action === 'merge') {
      if (body.into === entityId) throw new HttpError(400, 'into: an entity cannot be merged into itself');
      if (!output.entities.some((e) => e.id === body.into)) throw new HttpError(400, `into: unknown entity "${body.into}" in article ${id}`);
    }
    return await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => {
      const mine = (d: EntityDecision) => d.reviewer === reviewer && d.entityId === entityId;
      const current = content.entities.find(mine) ?? null;
      checkVersion(current ? { version: current.version, status: current.action } : null, body.baseVersion, entityId);
      const decision: EntityDecision = {
        entityId,
        action: body.action,
        ...(body.type ? { type: body.type } : {}),
        ...(body.into ? { into: body.into } : {}),
        ...(body.note?.trim() ? { note: body.note } : {}),
        reviewer,
        version: (current?.version ?? 0) + 1,
        decidedAt: new Date().toISOString(),
      };
      return { content: { ...content, entities: [...content.entities.filter((d) => !mine(d)), decision] }, result: decision };
    });
  }

  async function deleteEntityReview(id: string, entityId: string, base: number | undefined): Promise<{ removed: EntityDecision | null }> {
    const { entry, output } = await loadArticle(id);
    if (!output.entities.some((e) => e.id === entityId)) throw new HttpError(404, `unknown entity "${entityId}" in article ${id}`);
    return await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => {
      const mine = (d: EntityDecision) => d.reviewer === reviewer && d.entityId === entityId;
      const current = content.entities.find(mine) ?? null;
      checkVersion(current ? { version: current.version, status: current.action } : null, base, entityId);
      return { content: { ...content, entities: content.entities.filter((d) => !mine(d)) }, result: { removed: current } };
    });
  }

  function findQuote(output: ArticleOutput, quoteId: string): ArticleOutput['quotes'][number] {
    const quote = output.quotes.find((q) => q.id === quoteId);
    if (!quote) throw new HttpError(404, `unknown quote "${quoteId}" in article ${output.article.id}`);
    return quote;
  }

  async function putReview(id: string, quoteId: string, req: IncomingMessage): Promise<ReviewRecord> {
    const { entry, output } = await loadArticle(id);
    const quote = findQuote(output, quoteId);
    const body = parseWith(ReviewBodySchema, await readJsonBody(req));
    const source = output.source;
    const record: Omit<ReviewRecord, 'version'> = {
      quoteId: quote.id,
      quote: { start: quote.start, end: quote.end, text: quote.text },
      status: body.status,
      reviewer,
      decidedAt: new Date().toISOString(),
    };
    if (body.speaker !== undefined) {
      checkSpeaker(output, body.speaker, id);
      record.speaker = body.speaker;
    }
    if (body.start !== undefined && body.end !== undefined) {
      record.span = checkSpan(source, body.start, body.end, '', 'the corrected span');
    }
    if (body.kind !== undefined) record.kind = body.kind;
    if (body.note !== undefined && body.note.trim()) record.note = body.note;
    return await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => {
      const mine = (r: ReviewRecord) => r.reviewer === reviewer && sameQuote(r.quote, quote);
      const current = matchReviews([quote], content.reviews.filter(mine)).byQuote.get(quote.id) ?? null;
      checkVersion(current, body.baseVersion, quote.id);
      const stored: ReviewRecord = { ...record, version: (current?.version ?? 0) + 1 };
      return { content: { ...content, reviews: [...content.reviews.filter((r) => !mine(r)), stored] }, result: stored };
    });
  }

  /** A change based on another version than the one stored is refused, with the stored one. */
  function checkVersion(current: { version: number; status?: string } | null, base: number | undefined, quoteId: string): void {
    if (base === undefined) return;
    const now = current?.version ?? 0;
    if (now !== base) {
      throw new HttpError(
        409,
        `quote ${quoteId} was changed since version ${base} (it is at version ${now}${current ? `, ${current.status ?? 'added'}` : ', pending'}): reload and decide again`,
        { current },
      );
    }
  }

  function versionParam(url: URL): number | undefined {
    const raw = url.searchParams.get('version');
    if (raw === null) return undefined;
    if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, `version: expected a whole number, got "${raw}"`);
    return Number(raw);
  }

  async function deleteReview(id: string, quoteId: string, base: number | undefined): Promise<{ removed: ReviewRecord | null }> {
    const { entry, output } = await loadArticle(id);
    const quote = findQuote(output, quoteId);
    const { own } = await readReviews(id);
    if (base === undefined && !own.some((r) => sameQuote(r.quote, quote))) return { removed: null };
    return await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => {
      const mine = (r: ReviewRecord) => r.reviewer === reviewer && sameQuote(r.quote, quote);
      const current = matchReviews([quote], content.reviews.filter(mine)).byQuote.get(quote.id) ?? null;
      checkVersion(current, base, quote.id);
      return { content: { ...content, reviews: content.reviews.filter((r) => !mine(r)) }, result: { removed: current } };
    });
  }

  async function dismissOrphan(id: string, req: IncomingMessage): Promise<{ removed: ReviewRecord }> {
    const { entry, output } = await loadArticle(id);
    const body = parseWith(DismissBodySchema, await readJsonBody(req));
    const { orphaned } = matchReviews(output.quotes, (await readReviews(id)).own);
    const target = orphaned.find((r) => r.quoteId === body.quoteId && r.quote.start === body.start && r.quote.end === body.end);
    if (!target) throw new HttpError(404, `no orphaned decision for quote "${body.quoteId}" at [${body.start}, ${body.end})`);
    await store.update({ id, path: entry.path, sha256: output.article.sha256 }, (content) => ({
      content: {
        ...content,
        reviews: content.reviews.filter(
          (r) => !(r.reviewer === reviewer && r.quoteId === target.quoteId && sameQuote(r.quote, target.quote) && r.decidedAt === target.decidedAt),
        ),
      },
      result: undefined,
    }));
    return { removed: target };
  }

  async function serveStatic(pathname: string, res: ServerResponse, head: boolean): Promise<boolean> {
    const file = publicFiles.get(pathname === '/' ? '/index.html' : pathname);
    if (!file) return false;
    const data = await readFile(file);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': data.length,
      'Cache-Control': 'no-cache',
    });
    res.end(head ? undefined : data);
    return true;
  }

  function methodNotAllowed(allowed: string): never {
    throw new HttpError(405, `method not allowed; use ${allowed}`, { allow: allowed });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    );
    // A page on another site must not drive this server, even through DNS rebinding.
    if (allowedHosts && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      throw new HttpError(421, `unexpected Host header: ${req.headers.host ?? '(none)'}`);
    }
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = req.headers.origin;
      let originHost: string | null = null;
      try {
        originHost = origin ? new URL(origin).host : null;
      } catch {
        originHost = '(malformed)';
      }
      if (origin && originHost !== req.headers.host) {
        throw new HttpError(403, `cross-origin request refused from ${origin}`);
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = url.pathname.split('/').slice(1);
    let parts: string[];
    try {
      parts = raw.map((p) => decodeURIComponent(p));
    } catch {
      throw new HttpError(400, 'malformed percent-encoding in the URL');
    }
    if (parts[0] !== 'api') {
      if ((method === 'GET' || method === 'HEAD') && (await serveStatic(url.pathname, res, method === 'HEAD'))) return;
      throw new HttpError(404, `not found: ${url.pathname}`);
    }
    const [, collection, id, sub, quoteId, leaf, ...rest] = parts;
    if (collection === 'speakers' && sub === undefined) {
      if (method !== 'GET') methodNotAllowed('GET');
      if (id === undefined || id === '') return send(res, 200, await listSpeakers(url));
      return send(res, 200, await getSpeaker(id, url));
    }
    if (collection === 'search' && id === undefined) {
      if (method !== 'GET') methodNotAllowed('GET');
      return send(res, 200, await search(url));
    }
    if (collection !== 'articles') throw new HttpError(404, `not found: ${url.pathname}`);
    if (id === undefined || (id === '' && sub === undefined)) {
      if (method !== 'GET') methodNotAllowed('GET');
      return send(res, 200, await listArticles());
    }
    if (!id) throw new HttpError(404, `not found: ${url.pathname}`);
    // An unknown article is a 404 whatever the route below it and the method.
    if (!index.get(id)) {
      await index.refresh();
      if (!index.get(id)) throw new HttpError(404, `unknown article: ${id}`);
    }
    if (sub === undefined) {
      if (method !== 'GET') methodNotAllowed('GET');
      return send(res, 200, await getArticle(id));
    }
    if (sub === 'quotes' && quoteId && leaf === 'review' && rest.length === 0) {
      if (method === 'PUT') return send(res, 200, await putReview(id, quoteId, req));
      if (method === 'DELETE') return send(res, 200, await deleteReview(id, quoteId, versionParam(url)));
      methodNotAllowed('PUT, DELETE');
    }
    if (sub === 'entities' && quoteId && leaf === 'review' && rest.length === 0) {
      if (method === 'PUT') return send(res, 200, await putEntityReview(id, quoteId, req));
      if (method === 'DELETE') return send(res, 200, await deleteEntityReview(id, quoteId, versionParam(url)));
      methodNotAllowed('PUT, DELETE');
    }
    if (sub === 'added' && leaf === undefined) {
      if (quoteId === undefined) {
        if (method !== 'POST') methodNotAllowed('POST');
        return send(res, 201, await putAdded(id, undefined, req));
      }
      if (method === 'PUT') return send(res, 200, await putAdded(id, quoteId, req));
      if (method === 'DELETE') return send(res, 200, await deleteAdded(id, quoteId, versionParam(url)));
      methodNotAllowed('PUT, DELETE');
    }
    if (sub === 'orphans' && quoteId === 'dismiss' && leaf === undefined) {
      if (method !== 'POST') methodNotAllowed('POST');
      return send(res, 200, await dismissOrphan(id, req));
    }
    throw new HttpError(404, `not found: ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status =
        err instanceof HttpError ? err.status : err instanceof ReviewFileError ? 409 : err instanceof ReviewLockError ? 503 : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (status === 500) console.error(`isnad review: ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? message) : message}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const extra = err instanceof HttpError ? err.extra : {};
      if (status === 405 && typeof extra.allow === 'string') res.setHeader('Allow', extra.allow);
      const answer = () =>
        send(res, status, { error: message, status, ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'allow')) });
      if (status === 413 && !req.complete) {
        // Note: the 413 goes out once the rest of the body has been read and dropped.
        // Closing the connection while the client still sends makes the kernel answer
        // with a reset, which the client may see instead of the 413. Past DRAIN_LIMIT
        // (or requestTimeout) the connection is closed after the answer all the same.
        void drainRequest(req).then((drained) => {
          if (!drained) res.setHeader('Connection', 'close');
          if (!res.destroyed) answer();
        });
        return;
      }
      answer();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address() as AddressInfo;
  if (isLoopback(host)) {
    allowedHosts = new Set(
      ['127.0.0.1', 'localhost', '[::1]', hostForUrl(host)].map((h) => `${h}:${address.port}`.toLowerCase()),
    );
  }
  const url = `http://${hostForUrl(host)}:${address.port}/`;
  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
