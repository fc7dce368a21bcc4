// isnad review --export DIR --format jsonl|csv [--out FILE]: the reviewed quotes of a
// folder as rows, one per quote and reviewer, for spreadsheets and scripts.
//
// A row carries the quote as the reviewer left it (a corrected span, kind or speaker
// replaces the extracted one), its offsets, the speaker's entity id, the status, the
// reviewer, the note and the time. Quotes nobody decided are rows with status "pending"
// and no reviewer, so that an export never hides what is left to do; quotes reviewers
// added are rows with origin "added". Rows are written one at a time (constant memory).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ArticleIndex } from './articles.ts';
import { ReviewStore, matchByReviewer } from './store.ts';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRow {
  article: string;
  articlePath: string;
  quoteId: string;
  origin: 'extracted' | 'added';
  start: number;
  end: number;
  text: string;
  kind: string;
  speakerEntityId: string | null;
  speakerName: string | null;
  cue: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'corrected' | 'added';
  reviewer: string | null;
  note: string | null;
  decidedAt: string | null;
  rule: string | null;
  confidence: number | null;
}

export const EXPORT_COLUMNS: Array<keyof ExportRow> = [
  'article', 'articlePath', 'quoteId', 'origin', 'start', 'end', 'text', 'kind', 'speakerEntityId', 'speakerName',
  'cue', 'status', 'reviewer', 'note', 'decidedAt', 'rule', 'confidence',
];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, or line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every row of the folder, article by article. */
export async function* exportRows(dir: string, skipped: Array<{ id: string; reason: string }> = []): AsyncGenerator<ExportRow> {
  const index = new ArticleIndex(dir);
  await index.refresh();
  const store = new ReviewStore(dir);
  for (const entry of index.list()) {
    const file = await store.readOrSkip(entry.id, skipped);
    if (file === undefined) continue;
    const { output } = await index.load(entry.id);
    const matched = matchByReviewer(output.quotes, file?.reviews ?? []);
    const reviewers = [...matched.keys()].sort();
    for (const quote of output.quotes) {
      const base = {
        article: entry.id,
        articlePath: output.article.path,
        quoteId: quote.id,
        origin: 'extracted' as const,
        rule: quote.rule,
        confidence: quote.confidence,
      };
      let decided = false;
      for (const reviewer of reviewers) {
        const r = matched.get(reviewer)!.byQuote.get(quote.id);
        if (!r) continue;
        decided = true;
        const span = r.span ?? quote;
        const speaker = r.speaker !== undefined ? r.speaker : quote.speaker;
        yield {
          ...base,
          start: span.start,
          end: span.end,
          text: span.text,
          kind: r.kind ?? quote.kind,
          speakerEntityId: speaker?.entityId ?? null,
          speakerName: speaker?.name ?? null,
          cue: quote.cue?.text ?? null,
          status: r.status,
          reviewer: r.reviewer,
          note: r.note ?? null,
          decidedAt: r.decidedAt,
        };
      }
      if (!decided) {
        yield {
          ...base,
          start: quote.start,
          end: quote.end,
          text: quote.text,
          kind: quote.kind,
          speakerEntityId: quote.speaker?.entityId ?? null,
          speakerName: quote.speaker?.name ?? null,
          cue: quote.cue?.text ?? null,
          status: 'pending',
          reviewer: null,
          note: null,
          decidedAt: null,
        };
      }
    }
    for (const a of file?.added ?? []) {
      if (output.source.slice(a.start, a.end) !== a.text) {
        skipped.push({ id: entry.id, reason: `added quote ${a.id} no longer matches the source; not exported` });
        continue;
      }
      yield {
        article: entry.id,
        articlePath: output.article.path,
        quoteId: a.id,
        origin: 'added',
        start: a.start,
        end: a.end,
        text: a.text,
        kind: a.kind,
        speakerEntityId: a.speaker?.entityId ?? null,
        speakerName: a.speaker?.name ?? null,
        cue: a.cue?.text ?? null,
        status: 'added',
        reviewer: a.reviewer,
        note: a.note ?? null,
        decidedAt: a.decidedAt,
        rule: null,
        confidence: null,
      };
    }
  }
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Writes the export to `out` (a file path) or to `stream`. CSV starts with a byte-order
 * mark, so that spreadsheet programs read the Arabic text as UTF-8.
 */
export async function exportReviews(options: { dir: string; format: ExportFormat; out?: string; stream?: Writable }): Promise<{ rows: number; skipped: Array<{ id: string; reason: string }> }> {
  const skipped: Array<{ id: string; reason: string }> = [];
  // A file is written beside its target under a short temporary name, then renamed.
  const tmp = options.out ? join(dirname(options.out), `.${process.pid}.export.tmp`) : null;
  const stream = tmp ? createWriteStream(tmp) : (options.stream ?? process.stdout);
  let rows = 0;
  try {
    if (options.format === 'csv') await write(stream, '\uFEFF' + EXPORT_COLUMNS.join(',') + '\r\n');
    for await (const row of exportRows(options.dir, skipped)) {
      rows += 1;
      const line = options.format === 'csv' ? EXPORT_COLUMNS.map((c) => csvField(row[c])).join(',') + '\r\n' : JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, row[c]]))) + '\n';
      await write(stream, line);
    }
    if (tmp && options.out) {
      stream.end();
      await once(stream, 'finish');
      await rename(tmp, options.out);
    }
  } catch (err) {
    if (tmp) {
      stream.destroy();
      await rm(tmp, { force: true });
    }
    throw err;
  }
  return { rows, skipped };
}
