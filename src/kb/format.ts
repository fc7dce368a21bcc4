// Printing query results: an aligned table for people, CSV (RFC 4180) for
// spreadsheets, JSON Lines for programs.
export type Format = 'table' | 'csv' | 'jsonl';

export function formatOf(value: string | undefined, allowed: readonly string[] = ['table', 'csv', 'jsonl']): string {
  const f = value ?? allowed[0]!;
  if (!allowed.includes(f)) throw new FormatError(`--format must be ${allowed.join(', ')}, not '${f}'`);
  return f;
}

export class FormatError extends Error {}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cellText).join('; ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function csvField(v: unknown): string {
  const s = cellText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV records of the rows, each ending with CRLF, without the header. */
function csvRecords(rows: Record<string, unknown>[], columns: string[]): string {
  let out = '';
  for (const r of rows) out += `${columns.map((c) => csvField(r[c])).join(',')}\r\n`;
  return out;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return `${columns.map(csvField).join(',')}\r\n${csvRecords(rows, columns)}`;
}

export function toJsonl(rows: Record<string, unknown>[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

/** Display width: Arabic letters are one column each; combining marks none. */
function width(s: string): number {
  return s.replace(/[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u200b-\u200f]/g, '').length;
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return width(flat) > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function toTable(rows: Record<string, unknown>[], columns: string[], maxWidth = 60): string {
  if (!rows.length) return '(none)\n';
  const cells = rows.map((r) => columns.map((c) => clip(cellText(r[c]), maxWidth)));
  const widths = columns.map((c, i) => cells.reduce((w, row) => Math.max(w, width(row[i]!)), width(c)));
  const line = (vals: string[]) => vals.map((v, i) => v + ' '.repeat(widths[i]! - width(v))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** Where streamed output goes: a write that may ask the caller to wait (a stream's backpressure). */
export type Sink = (text: string) => void | Promise<void>;

/**
 * Writes CSV or JSON Lines a chunk of rows at a time, the same text toCsv and toJsonl
 * give for all the rows at once (CSV with the given columns as its header).
 */
export async function writeStream(chunks: AsyncIterable<Record<string, unknown>[]>, columns: string[], format: 'csv' | 'jsonl', sink: Sink): Promise<number> {
  let n = 0;
  if (format === 'csv') await sink(`${columns.map(csvField).join(',')}\r\n`);
  for await (const chunk of chunks) {
    if (!chunk.length) continue;
    n += chunk.length;
    await sink(format === 'csv' ? csvRecords(chunk, columns) : toJsonl(chunk));
  }
  return n;
}

export function render(rows: Record<string, unknown>[], columns: string[], format: Format): string {
  if (format === 'csv') return toCsv(rows, columns);
  if (format === 'jsonl') return toJsonl(rows);
  return toTable(rows, columns);
}
