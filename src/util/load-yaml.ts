// YAML data files (rules, gazetteers) are parsed with a line counter and
// validated by a zod schema; every problem is reported as
// `file:line:col path: message`, all of them before failing.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';

export interface DataProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export class DataFileError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DataFileError';
  }
}

export function formatProblem(p: DataProblem): string {
  return `${p.file}:${p.line}:${p.col}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The position of the deepest YAML node that exists along `path`. */
export function locate(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): { line: number; col: number } {
  let best: { line: number; col: number } = { line: 1, col: 1 };
  for (let i = path.length; i >= 0; i--) {
    const node = doc.getIn(path.slice(0, i) as unknown[], true);
    if (isNode(node) && node.range) {
      best = lc.linePos(node.range[0]);
      break;
    }
  }
  return best;
}

/** Parses and validates YAML text; throws DataFileError listing every problem. */
export function parseYamlWith<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const shown = displayPath(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: DataProblem[] = [];
  for (const err of doc.errors) {
    const pos = lineCounter.linePos(err.pos[0]);
    problems.push({ file: shown, line: pos.line, col: pos.col, path: '', message: err.message.split('\n')[0] ?? err.message });
  }
  if (problems.length) throw new DataFileError(problems);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const pos = locate(doc, lineCounter, issue.path);
      problems.push({ file: shown, line: pos.line, col: pos.col, path: formatPath(issue.path), message: issue.message });
    }
    throw new DataFileError(problems);
  }
  return result.data;
}

/** Reads a YAML file and validates it; the line index is kept for later lookups. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): { data: z.infer<S>; locate: (path: PropertyKey[]) => { line: number; col: number } } {
  const text = readFileSync(file, 'utf8');
  const data = parseYamlWith(text, file, schema);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return { data, locate: (path) => locate(doc, lineCounter, path) };
}
