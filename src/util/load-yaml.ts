// YAML data files (rules, gazetteers) are parsed with a line counter and
// validated by a zod schema; every problem is reported as
// `file:line:col path: message`, all of them before failing.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { cachedData, digestOf } from './data-cache.ts';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;
/**
 * The YAML parser, loaded when first needed: a run whose data files all come from the data cache
 * parses no YAML, and loading the parser with the rest cost every start, and every worker of
 * --jobs N, about 25 ms (270 kB of JavaScript to compile and run).
 */
const yaml = (): Yaml => (yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml);
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
  // Line 0: the problem is the file itself (it cannot be read).
  const at = p.line > 0 ? `:${p.line}:${p.col}` : '';
  return `${p.file}${at}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
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
    if (yaml().isNode(node) && node.range) {
      best = lc.linePos(node.range[0]);
      break;
    }
  }
  return best;
}

/** The position of `key` itself in the mapping at `path` (falls back to the mapping). */
function locateKey(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>, key: string): { line: number; col: number } {
  const map = doc.getIn(path as unknown[], true);
  if (yaml().isMap(map)) {
    for (const pair of map.items) {
      if (yaml().isScalar(pair.key) && pair.key.value === key && pair.key.range) return lc.linePos(pair.key.range[0]);
    }
  }
  return locate(doc, lc, path);
}

/** Parses and validates YAML text; throws DataFileError listing every problem. */
export function parseYamlWith<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  return parseAndValidate(text, file, schema).data;
}

function parseAndValidate<S extends z.ZodType>(text: string, file: string, schema: S): { data: z.infer<S>; doc: Document; lineCounter: LineCounter } {
  const shown = displayPath(file);
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: DataProblem[] = [];
  const seen = new Set<string>();
  for (const err of doc.errors) {
    let at = err.pos[0];
    let message = err.message.split('\n')[0] ?? err.message;
    // Note: an over-indented line (`about: b` then `      scope: line`) is reported by yaml at the
    // value of the line before, as an implicit key that runs over two lines: point at the line
    // that is indented wrongly instead.
    if (err.code === 'BLOCK_AS_IMPLICIT_KEY' || err.code === 'MULTILINE_IMPLICIT_KEY') {
      const nl = text.indexOf('\n', at);
      if (nl !== -1 && nl < err.pos[1]) {
        at = nl + 1;
        while (text[at] === ' ' || text[at] === '\t') at++;
        message = `bad indentation: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
      }
    }
    const pos = lineCounter.linePos(at);
    const key = `${pos.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file: shown, line: pos.line, col: pos.col, path: '', message });
  }
  if (problems.length) throw new DataFileError(problems);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        // Each unknown key at its own line, not at the line of the entry that holds it.
        for (const key of issue.keys) {
          const pos = locateKey(doc, lineCounter, issue.path, key);
          problems.push({ file: shown, line: pos.line, col: pos.col, path: formatPath([...issue.path, key]), message: `unknown key '${key}'` });
        }
        continue;
      }
      const pos = locate(doc, lineCounter, issue.path);
      problems.push({ file: shown, line: pos.line, col: pos.col, path: formatPath(issue.path), message: issue.message });
    }
    throw new DataFileError(problems);
  }
  return { data: result.data, doc, lineCounter };
}

/**
 * Reads a YAML file and validates it. The file is parsed once; when the data cache holds this
 * file's bytes for this code, it is not parsed at all, and `locate` (which only messages need)
 * parses it on its first call.
 */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): { data: z.infer<S>; locate: (path: PropertyKey[]) => { line: number; col: number }; digest: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (err as Error).message;
    throw new DataFileError([{ file: displayPath(file), line: 0, col: 0, path: '', message: `cannot read: ${why}` }]);
  }
  // Positions asked for are kept in the cache entry too: a warning that names a line (a name
  // given to two entities) costs a parse once, not on every run.
  const digest = digestOf(text);
  const cache = cachedData<{ data: z.infer<S>; at: Record<string, { line: number; col: number }> }>(resolve(file), digest);
  let index: { doc: Document; lineCounter: LineCounter } | undefined;
  let held = cache.value;
  const locateIn = (path: PropertyKey[]) => {
    const key = JSON.stringify(path);
    const known = held?.at[key];
    if (known) return known;
    if (!index) {
      const lineCounter = new (yaml().LineCounter)();
      index = { doc: yaml().parseDocument(text, { lineCounter }), lineCounter };
    }
    const pos = locate(index.doc, index.lineCounter, path);
    if (held) {
      held.at[key] = pos;
      cache.store(held);
    }
    return pos;
  };
  if (held) return { data: held.data, locate: locateIn, digest };
  const parsed = parseAndValidate(text, file, schema);
  index = parsed;
  held = { data: parsed.data, at: {} };
  cache.store(held);
  return { data: parsed.data, locate: locateIn, digest };
}
