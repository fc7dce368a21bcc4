// What one job carries: enough for any worker that sees the same storage to
// extract the article and write its output, and for the producer to check that
// the worker ran with the same rules.
import { createHash } from 'node:crypto';
import type { RunOptions, ManifestEntry } from '../batch/run-one.ts';

export interface ArticleJobData {
  /** Absolute path of the input, as the producer sees it (the storage is shared). */
  abs: string;
  /** Path relative to the folder it was found in. */
  rel: string;
  size: number;
  /** sha256 of the input bytes when enqueued. */
  sha256: string;
  outDir: string;
  article: RunOptions;
  fingerprint: string;
}

/**
 * A job id from the output folder, the input path, its bytes and the rules: enqueuing the same
 * article again while its job is waiting or running adds nothing (BullMQ ignores a known id).
 * Note: BullMQ refuses ':' in custom ids; a hex digest has none.
 */
export function jobIdOf(d: ArticleJobData): string {
  return createHash('sha256')
    .update(`${d.outDir}\0${d.rel}\0${d.sha256}\0${d.fingerprint}\0${d.article.force ? 'force' : ''}`)
    .digest('hex')
    .slice(0, 40);
}

/** A failed job's reason is "stage: message" (see the worker); anything else is BullMQ's own (a job that stalled too often). */
export function failedEntryOf(rel: string, failedReason: string | undefined, attempts: number, ms: number): ManifestEntry {
  const m = /^([a-z][a-z0-9-]*): ([\s\S]*)$/.exec(failedReason ?? '');
  const error = m
    ? { stage: m[1]!, message: m[2]! }
    : { stage: 'worker', message: `${failedReason ?? 'unknown failure'} (the worker died or lost its lock ${attempts} times)` };
  return { path: rel, output: null, status: 'failed', error, lang: null, counts: null, milliseconds: ms };
}
