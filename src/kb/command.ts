// `isnad kb ...`: the knowledge-base commands. Loaded lazily by the CLI, so
// that `isnad extract` never loads DuckDB.
//
// Exit codes: 0 success; 1 when some input was skipped (the rest is ingested);
// 2 for bad usage, or a database that cannot be used (newer schema, missing).
import { parseArgs } from 'node:util';
import { dirname, join, relative, resolve } from 'node:path';
import { openKb, KbError } from './store.ts';
import { ingest } from './ingest.ts';
import { findQuotes, streamQuotes, topSpeakers, describeEntity, QUOTE_COLUMNS, SPEAKER_COLUMNS, type EntityReport } from './query.ts';
import { exportKb, type ExportFormat } from './export.ts';
import { formatOf, render, toCsv, toJsonl, toTable, writeStream, FormatError, type Format } from './format.ts';

export const KB_USAGE = `Usage:
  isnad kb ingest OUTPUT_DIR... [--db FILE] [--batch N] [--quiet]
  isnad kb quotes [--speaker NAME|ID] [--mentions NAME|ID] [--since DATE] [--until DATE] [--lang ar|en] [--reviewed] [--limit N] [--format table|csv|jsonl] [--db FILE]
  isnad kb speakers [--top N] [--format table|csv|jsonl] [--db FILE]
  isnad kb entity NAME|ID [--format table|csv|jsonl] [--db FILE]
  isnad kb export --format jsonl|csv|parquet --out DIR [--db FILE]

--batch N commits every N articles instead of every article: faster bulk loads; a crash
then loses the open batch (never half an article).
The database defaults to isnad.duckdb beside the (first) output folder for ingest
(output/ → ./isnad.duckdb), and to ./isnad.duckdb for the other commands.
`;

export class KbUsageError extends Error {}

const DEFAULT_DB = 'isnad.duckdb';

function out(s: string): void {
  process.stdout.write(s);
}

/** Writes to stdout, waiting when its buffer is full (a slow pipe holds the query, not the memory). */
function outWaiting(s: string): void | Promise<void> {
  if (process.stdout.write(s)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

export async function runKbCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'ingest':
        return await ingestCommand(rest);
      case 'quotes':
        return await quotesCommand(rest);
      case 'speakers':
        return await speakersCommand(rest);
      case 'entity':
        return await entityCommand(rest);
      case 'export':
        return await exportCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(KB_USAGE);
        return sub === undefined ? 2 : 0;
      default:
        throw new KbUsageError(`unknown kb command '${sub}'\n\n${KB_USAGE}`);
    }
  } catch (err) {
    if (err instanceof KbUsageError || err instanceof FormatError || err instanceof KbError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`isnad kb: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

const shown = (p: string) => relative(process.cwd(), p) || '.';

async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string' }, batch: { type: 'string', default: '1' }, quiet: { type: 'boolean', default: false } },
  });
  if (!positionals.length) throw new KbUsageError(`kb ingest needs at least one output folder\n\n${KB_USAGE}`);
  const batch = Number(values.batch);
  if (!(Number.isInteger(batch) && batch >= 1)) throw new KbUsageError(`--batch must be a whole number of articles per transaction, not '${values.batch}'`);
  // Default: beside the first output folder (output/ → ./isnad.duckdb), never inside it.
  const db = resolve(values.db ?? join(dirname(resolve(positionals[0]!)), 'isnad.duckdb'));
  const kb = await openKb(db);
  try {
    const s = await ingest(kb, positionals, {
      batch,
      onArticle: values.quiet ? undefined : (file, outcome) => {
        if (outcome !== 'unchanged') process.stderr.write(`${outcome.padEnd(9)}${shown(file)}\n`);
      },
    });
    for (const p of s.skipped) process.stderr.write(`skipped  ${shown(p.file)}: ${p.message}\n`);
    out(
      `${s.seen} output files: ${s.added} added, ${s.replaced} replaced, ${s.unchanged} unchanged, ${s.skipped.length} skipped` +
        `${s.clusters !== null ? `; ${s.clusters} quote clusters` : ''} → ${shown(db)} in ${(s.milliseconds / 1000).toFixed(2)} s\n`,
    );
    return s.skipped.length ? 1 : 0;
  } finally {
    kb.close();
  }
}

function dbOf(value: string | undefined): string {
  return resolve(value ?? DEFAULT_DB);
}

async function withKb<T>(db: string | undefined, fn: (kb: Awaited<ReturnType<typeof openKb>>) => Promise<T>): Promise<T> {
  const kb = await openKb(dbOf(db), { readOnly: true });
  try {
    return await fn(kb);
  } finally {
    kb.close();
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rows a `quotes` table shows when no --limit is given. */
export const TABLE_ROWS = 100;

async function quotesCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      speaker: { type: 'string' },
      mentions: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      lang: { type: 'string' },
      reviewed: { type: 'boolean', default: false },
      limit: { type: 'string' },
      format: { type: 'string' },
      db: { type: 'string' },
    },
  });
  for (const k of ['since', 'until'] as const) {
    if (values[k] !== undefined && !DATE.test(values[k]!)) throw new KbUsageError(`--${k} must be a date YYYY-MM-DD, not '${values[k]}'`);
  }
  if (values.lang !== undefined && values.lang !== 'ar' && values.lang !== 'en') throw new KbUsageError(`--lang must be ar or en, not '${values.lang}'`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new KbUsageError(`--limit must be a positive whole number, not '${values.limit}'`);
  const format = formatOf(values.format) as Format;
  // A table is for reading: without --limit it shows the first TABLE_ROWS quotes and says
  // so; CSV and JSON Lines, for programs, hold every quote.
  const cap = format === 'table' && limit === undefined ? TABLE_ROWS : undefined;
  const filter = {
    speaker: values.speaker,
    mentions: values.mentions,
    since: values.since,
    until: values.until,
    lang: values.lang as 'ar' | 'en' | undefined,
    reviewed: values.reviewed,
  };
  if (format !== 'table') {
    // CSV and JSON Lines are printed as DuckDB produces the rows, a chunk at a time.
    await withKb(values.db, async (kb) => {
      const { columns, chunks } = await streamQuotes(kb.conn, { ...filter, limit });
      await writeStream(chunks, columns, format, outWaiting);
    });
    return 0;
  }
  const found = await withKb(values.db, (kb) => findQuotes(kb.conn, { ...filter, limit: cap !== undefined ? cap + 1 : limit, columns: QUOTE_COLUMNS }));
  if (cap !== undefined && found.length > cap) {
    found.length = cap;
    process.stderr.write(`isnad kb: the first ${cap} quotes are shown; --limit N shows N, --format csv or jsonl prints them all\n`);
  }
  out(render(found, QUOTE_COLUMNS, format));
  return 0;
}

async function speakersCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { top: { type: 'string', default: '20' }, format: { type: 'string' }, db: { type: 'string' } } });
  const top = Number(values.top);
  if (!(Number.isInteger(top) && top > 0)) throw new KbUsageError(`--top must be a positive whole number, not '${values.top}'`);
  const format = formatOf(values.format) as Format;
  const found = await withKb(values.db, (kb) => topSpeakers(kb.conn, top));
  out(render(found, SPEAKER_COLUMNS, format));
  return 0;
}

function entityTable(e: EntityReport): string {
  const lines = [
    `${e.name} (${e.id}, ${e.type}): ${e.mentions} mentions in ${e.articles} articles` +
      (e.first_date ? `, ${e.first_date} to ${e.last_date}` : ''),
    '',
    'variants:',
    toTable(e.variants, ['name', 'seen', 'articles']),
    'roles:',
    toTable(e.roles, ['role', 'articles']),
    'articles:',
    toTable(e.article_list, ['date', 'id', 'mentions', 'title']),
    'quotes by:',
    toTable(e.quotes_by, ['date', 'article', 'quote', 'text']),
    'quotes about:',
    toTable(e.quotes_about, ['date', 'article', 'quote', 'speaker', 'text']),
  ];
  return lines.join('\n');
}

function entityCsvRows(e: EntityReport): Record<string, unknown>[] {
  const r: Record<string, unknown>[] = [];
  r.push({ entity: e.id, section: 'entity', value: e.name, count: e.mentions, article: '', date: '' });
  for (const v of e.variants) r.push({ entity: e.id, section: 'variant', value: v.name, count: v.seen, article: '', date: '' });
  for (const v of e.roles) r.push({ entity: e.id, section: 'role', value: v.role, count: v.articles, article: '', date: '' });
  for (const v of e.article_list) r.push({ entity: e.id, section: 'article', value: v.title, count: v.mentions, article: v.id, date: v.date });
  for (const q of e.quotes_by) r.push({ entity: e.id, section: 'quote-by', value: q.text, count: '', article: q.article, date: q.date });
  for (const q of e.quotes_about) r.push({ entity: e.id, section: 'quote-about', value: q.text, count: '', article: q.article, date: q.date });
  return r;
}

async function entityCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, limit: { type: 'string', default: '10' }, db: { type: 'string' } } });
  const name = positionals.join(' ').trim();
  if (!name) throw new KbUsageError(`kb entity needs a name or an id\n\n${KB_USAGE}`);
  const format = formatOf(values.format) as Format;
  const reports = await withKb(values.db, (kb) => describeEntity(kb.conn, name, Number(values.limit) || 10));
  if (!reports.length) {
    process.stderr.write(`isnad kb: no entity named '${name}' in the knowledge base\n`);
    return 1;
  }
  if (format === 'jsonl') out(toJsonl(reports as unknown as Record<string, unknown>[]));
  else if (format === 'csv') out(toCsv(reports.flatMap(entityCsvRows), ['entity', 'section', 'value', 'count', 'article', 'date']));
  else out(reports.map(entityTable).join('\n'));
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' } } });
  if (!values.format) throw new KbUsageError(`kb export needs --format jsonl|csv|parquet`);
  const format = formatOf(values.format, ['jsonl', 'csv', 'parquet']) as ExportFormat;
  if (!values.out) throw new KbUsageError('kb export needs --out DIR');
  const files = await withKb(values.db, (kb) => exportKb(kb.conn, format, values.out!));
  for (const f of files) out(`${shown(f)}\n`);
  return 0;
}

