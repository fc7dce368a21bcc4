// Extracts one article file and writes its output atomically; never throws:
// a failure becomes a manifest entry that names the stage and the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { processArticle, StageError, type ArticleOptions } from '../process-article.ts';
import type { Resources } from '../resources.ts';
import { writeFileAtomicSync } from '../util/write-atomic.ts';
import { rulesFingerprint } from './fingerprint.ts';
import { reuseOutputSync, sha256Hex } from './resume.ts';

export const ManifestEntrySchema = z.object({
  path: z.string().meta({ description: 'Input path relative to the folder it was found in.' }),
  output: z.string().nullable().meta({ description: 'Output path relative to the output folder.' }),
  status: z.enum(['ok', 'failed', 'skipped']).meta({ description: 'skipped: not read (a symbolic link or a FIFO), with the reason in error.' }),
  error: z.object({ stage: z.string(), message: z.string() }).nullable(),
  lang: z.enum(['ar', 'en']).nullable(),
  counts: z.object({ sentences: z.int(), entities: z.int(), quotes: z.int(), messages: z.int() }).nullable(),
  milliseconds: z.number(),
  encoding: z.string().optional().meta({ description: 'The encoding the article was decoded from (ok entries).' }),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export interface ArticleFile {
  abs: string;
  rel: string;
  /** Found but not to be read: an unreadable folder (failed), a link or a FIFO (skipped). */
  problem?: { status: 'failed' | 'skipped'; stage: string; message: string };
}

/** Per-article options of a run: the pipeline's, plus `force` to redo articles whose output is up to date. */
export type RunOptions = ArticleOptions & {
  force?: boolean;
  /** Indented JSON, for people reading the files by hand (default: compact, a third of the size and faster to write). */
  pretty?: boolean;
};

/** An entry as runOne returns it: `reused` says the output was already up to date on disk (not written to the manifest). */
export type RunResult = ManifestEntry & { reused?: boolean };

/** The manifest entry of an input that is not read. */
export function problemEntry(rel: string, problem: NonNullable<ArticleFile['problem']>): ManifestEntry {
  return { path: rel, output: null, status: problem.status, error: { stage: problem.stage, message: problem.message }, lang: null, counts: null, milliseconds: 0 };
}

/**
 * Names in an output folder that belong to isnad, not to an article: the manifest, review and
 * gold files (which the review server and eval pick out by name), and hidden files (temporary
 * files, locks).
 */
function isReservedName(name: string): boolean {
  return name === 'manifest.json' || name.endsWith('.review.json') || name.endsWith('.gold.json') || name.startsWith('.');
}

/**
 * The output path of an input: its relative path with .json for its extension
 * (a/b.txt → a/b.json). An input whose output would take a reserved name keeps its own
 * extension before .json (manifest.txt → manifest.txt.json; a hidden .x.txt → _.x.txt.json),
 * and a top-level folder named reviews, where review decisions are kept, becomes reviews_.
 */
export function outputPathFor(rel: string): string {
  const parts = rel.split('/');
  const name = parts.pop()!;
  if (parts[0] === 'reviews') parts[0] = 'reviews_';
  let out = name.replace(/\.[^./]+$/, '') + '.json';
  if (isReservedName(out)) out = `${name.startsWith('.') ? '_' : ''}${name}.json`;
  parts.push(out);
  return parts.join('/');
}

/** An output made and not written yet: its path in the output folder and its text (or the text's UTF-8 bytes). */
export interface PendingOutput {
  rel: string;
  text: string | Uint8Array;
}

/**
 * Reads, extracts and writes one article. The file calls are synchronous: an article's
 * read and write block for a fraction of a millisecond, where the promise versions cost several
 * times that in CPU (each open, read, write, close and rename a round trip through libuv's thread
 * pool) and bought no overlap worth having (see util/write-atomic.ts).
 */
export async function runOne(file: ArticleFile, outDir: string, ctx: { resources: Resources }, opts: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const { result, pending } = extractOne(file, outDir, ctx, opts);
  if (!pending) return result;
  const written = writePending(outDir, pending, result);
  return { ...written, milliseconds: Math.round((performance.now() - t0) * 10) / 10 };
}

/**
 * Writes an output extractOne made, atomically: the article's entry, or a failed entry naming
 * write-output when the write fails.
 */
export function writePending(outDir: string, pending: PendingOutput, entry: RunResult): RunResult {
  try {
    writeFileAtomicSync(join(outDir, pending.rel), pending.text);
  } catch (err) {
    return { path: entry.path, output: null, status: 'failed', error: { stage: 'write-output', message: (err as Error).message }, lang: null, counts: null, milliseconds: entry.milliseconds };
  }
  return entry;
}

/**
 * runOne without the write: the entry the article will have once its output is written, and the
 * output's text (none when the article failed or its output was up to date). The workers of
 * --jobs N hand the text to the main thread, which writes every output (see worker-pool.ts).
 */
export function extractOne(file: ArticleFile, outDir: string, ctx: { resources: Resources }, opts: RunOptions): { result: RunResult; pending?: PendingOutput } {
  const t0 = performance.now();
  const failed = (stage: string, message: string): { result: ManifestEntry } => ({
    result: {
      path: file.rel,
      output: null,
      status: 'failed',
      error: { stage, message },
      lang: null,
      counts: null,
      milliseconds: Math.round((performance.now() - t0) * 10) / 10,
    },
  });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file.abs);
  } catch (err) {
    return failed('read', (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (err as Error).message);
  }
  const outRel = outputPathFor(file.rel);
  const inputSha256 = sha256Hex(bytes);
  const fingerprint = rulesFingerprint(ctx.resources);
  if (!opts.force) {
    const reused = reuseOutputSync(outDir, outRel, file.rel, inputSha256, fingerprint);
    if (reused) return { result: { ...reused, milliseconds: Math.round((performance.now() - t0) * 10) / 10, reused: true } };
  }
  let output;
  try {
    const { schemaVersion, ...made } = processArticle(bytes, file, ctx, opts);
    // The fingerprint and the input's hash let a later run see that this output is up to date.
    output = { schemaVersion, fingerprint, ...made, article: { ...made.article, inputSha256 } };
  } catch (err) {
    if (err instanceof StageError) return failed(err.stage, err.message);
    return failed('unknown', (err as Error)?.message ?? String(err));
  }
  let text: string;
  try {
    text = (opts.pretty === true ? JSON.stringify(output, null, 2) : JSON.stringify(output)) + '\n';
  } catch (err) {
    return failed('write-output', (err as Error).message);
  }
  return {
    result: {
      path: file.rel,
      output: outRel,
      status: 'ok',
      error: null,
      lang: output.article.lang,
      counts: {
        sentences: output.sentences.length,
        entities: output.entities.length,
        quotes: output.quotes.length,
        messages: output.messages.length,
      },
      milliseconds: Math.round((performance.now() - t0) * 10) / 10,
      encoding: output.article.encoding,
    },
    pending: { rel: outRel, text },
  };
}
