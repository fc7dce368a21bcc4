// `isnad worker --queue redis://...`: takes article jobs and runs each through
// the same per-article code as `isnad extract` (runOne: reuse an up-to-date
// output, or extract and write it atomically). Resources are loaded once.
//
// Failures: an article that fails (bad bytes, a stage error) is a failed job
// whose reason is "stage: message", never retried. A worker that dies mid-job
// leaves its job locked; when the lock expires another worker's stalled check
// puts it back, at most `attempts` times in all. The retry finds the output
// either absent (written by nobody: outputs are renamed into place whole) or
// complete and up to date (reused, not written again).
import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import { runOne, type RunResult } from '../batch/run-one.ts';
import { rulesFingerprint } from '../batch/fingerprint.ts';
import type { Resources } from '../resources.ts';
import { checkReachable, connectionOf, fingerprintKey, shownUrl, withRedis, type QueueTarget } from './connection.ts';
import type { ArticleJobData } from './job.ts';

export class FingerprintMismatchError extends Error {
  constructor(theirs: string, mine: string, resources: Resources, target: QueueTarget) {
    super(
      `this worker's rules differ from the producer's on queue ${target.name} at ${shownUrl(target.url)}: ` +
        `the producer has ${theirs}, this worker ${mine} (rules ${resources.rulesDir}, gazetteers ${resources.gazetteersDir}); ` +
        `start the worker with the same rules/ and gazetteers/ as the producer`,
    );
    this.name = 'FingerprintMismatchError';
  }
}

export interface WorkerRunOptions {
  target: QueueTarget;
  resources: Resources;
  /** How long a job stays locked without a renewal before another worker may take it (ms). */
  lockMs?: number;
  /** How many times in all a job may be started when its workers die. */
  attempts?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface WorkerSummary {
  ok: number;
  reused: number;
  failed: number;
  /** Set when a job from a producer with other rules made the worker stop. */
  refused: FingerprintMismatchError | null;
}

export async function runWorker(opts: WorkerRunOptions): Promise<WorkerSummary> {
  const log = opts.log ?? (() => undefined);
  await checkReachable(opts.target);
  const fingerprint = rulesFingerprint(opts.resources);
  const theirs = await withRedis(opts.target, (r) => r.get(fingerprintKey(opts.target)));
  if (theirs && theirs !== fingerprint) throw new FingerprintMismatchError(theirs, fingerprint, opts.resources, opts.target);
  log(`isnad worker ${process.pid}: waiting for jobs on queue ${opts.target.name} at ${shownUrl(opts.target.url)} (rules ${fingerprint.slice(0, 19)}…)`);

  const ctx = { resources: opts.resources };
  const summary: WorkerSummary = { ok: 0, reused: 0, failed: 0, refused: null };
  const lockMs = opts.lockMs ?? 30_000;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const worker = new Worker<ArticleJobData, RunResult>(
    opts.target.name,
    async (job, token) => {
      const d = job.data;
      if (d.fingerprint !== fingerprint) {
        // A producer with other rules enqueued this job: hand it back untouched and stop.
        summary.refused = new FingerprintMismatchError(d.fingerprint, fingerprint, opts.resources, opts.target);
        await job.moveToDelayed(Date.now() + 1000, token);
        stop();
        throw new DelayedError();
      }
      // Note: a retried job never forces, so an output completed by a worker that died is not written twice.
      const force = d.article.force === true && job.attemptsStarted <= 1;
      const entry = await runOne({ abs: d.abs, rel: d.rel }, d.outDir, ctx, { ...d.article, force });
      if (entry.status === 'failed') throw new UnrecoverableError(`${entry.error!.stage}: ${entry.error!.message}`);
      return entry;
    },
    {
      connection: connectionOf(opts.target),
      concurrency: 1,
      lockDuration: lockMs,
      // Checking for stalled jobs more often than locks expire shortens the wait for a dead worker's job; it never takes a live one.
      stalledInterval: Math.max(500, Math.round(lockMs / 2)),
      maxStalledCount: Math.max(0, (opts.attempts ?? 3) - 1),
    },
  );
  worker.on('completed', (job, result) => {
    if (result.reused) summary.reused++;
    else summary.ok++;
    const c = result.counts!;
    log(result.reused ? `up to date ${job.data.rel}` : `ok      ${job.data.rel} (${c.quotes} quotes, ${c.entities} entities, ${result.milliseconds} ms)`);
  });
  worker.on('failed', (job, err) => {
    if (!job || err instanceof DelayedError || err.name === 'DelayedError') return;
    summary.failed++;
    log(`failed  ${job.data.rel}: ${err.message}`);
  });
  worker.on('error', (err) => log(`warning: ${err.message}`));
  opts.signal?.addEventListener('abort', () => stop(), { once: true });
  if (opts.signal?.aborted) stop();
  await stopped;
  // close() lets the job in hand finish (its output is written and the job completed) before returning.
  await worker.close();
  return summary;
}
