// `isnad extract PATH... --queue redis://...`: one job per article that is not
// already up to date, then (unless detached) wait until the queue has nothing
// left, showing progress, and write manifest.json in the same format as a local
// run. The order of the manifest is the order of discovery; it is kept in a
// plan file (one line per article) so that memory stays flat.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Job, Queue } from 'bullmq';
import { discoverArticles } from '../batch/discover.ts';
import { outputPathFor, type ManifestEntry, type RunOptions, type RunResult } from '../batch/run-one.ts';
import { reuseOutput, removeStaleTemporaries, sha256Hex } from '../batch/resume.ts';
import { lockFolder } from '../batch/lock.ts';
import { MANIFEST_PARTIAL, removeManifest, writeManifest, type ManifestTotals } from '../batch/manifest.ts';
import { rulesFingerprint } from '../batch/fingerprint.ts';
import type { Resources } from '../resources.ts';
import { checkReachable, connectionOf, fingerprintKey, JOB_NAME, withRedis, type QueueTarget } from './connection.ts';
import { failedEntryOf, jobIdOf, type ArticleJobData } from './job.ts';

const PLAN = '.queue-plan.jsonl.tmp';
const ACTIVE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export interface QueueProgress {
  done: number;
  failed: number;
  remaining: number;
  /** Articles per second since waiting began. */
  rate: number;
  /** Seconds left at that rate, or null before the first article is done. */
  eta: number | null;
  workers: number;
}

export interface ProducerOptions {
  target: QueueTarget;
  inputs: string[];
  outDir: string;
  article: RunOptions;
  resources: Resources;
  detach?: boolean;
  /** How often the queue is polled while waiting (ms). */
  pollMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: QueueProgress) => void;
}

export interface ProducerSummary extends ManifestTotals {
  enqueued: number;
  reused: number;
  milliseconds: number;
  manifest: string | null;
  interrupted: boolean;
}

type PlanLine = { entry: ManifestEntry; reused?: boolean } | { job: string; rel: string };

export async function runProducer(opts: ProducerOptions): Promise<ProducerSummary> {
  const t0 = performance.now();
  await checkReachable(opts.target);
  const fingerprint = rulesFingerprint(opts.resources);
  const lock = await lockFolder(opts.outDir);
  const queue = new Queue<ArticleJobData, RunResult>(opts.target.name, { connection: connectionOf(opts.target) });
  queue.on('error', () => undefined);
  try {
    await withRedis(opts.target, (r) => r.set(fingerprintKey(opts.target), fingerprint));
    // Temporaries are stale only if no worker is busy: a running job may be writing one.
    const idle = (await queue.getJobCountByTypes('active')) === 0;
    if (idle) await removeStaleTemporaries(opts.outDir);
    await removeManifest(opts.outDir);

    const planPath = join(opts.outDir, PLAN);
    const plan = createWriteStream(planPath);
    const writePlan = async (line: PlanLine) => {
      if (!plan.write(JSON.stringify(line) + '\n')) await once(plan, 'drain');
    };
    const claimed = new Map<string, string>();
    let enqueued = 0;
    let reusedCount = 0;
    let pending: Array<{ data: ArticleJobData; id: string }> = [];
    const addPending = async () => {
      // A finished job with the same id is from an earlier run whose output is gone or stale: replace it.
      const existing = await Promise.all(pending.map((p) => queue.getJob(p.id)));
      await Promise.all(
        existing.map(async (job) => {
          if (!job) return;
          const state = await job.getState();
          if (state === 'completed' || state === 'failed') await job.remove();
        }),
      );
      await queue.addBulk(
        pending.map((p) => ({ name: JOB_NAME, data: p.data, opts: { jobId: p.id, attempts: 1, removeOnComplete: false, removeOnFail: false } })),
      );
      enqueued += pending.length;
      pending = [];
    };
    for await (const file of discoverArticles(opts.inputs)) {
      if (opts.signal?.aborted) break;
      const outRel = outputPathFor(file.rel);
      const earlier = claimed.get(outRel);
      if (earlier !== undefined) {
        await writePlan({
          entry: {
            path: file.rel,
            output: null,
            status: 'failed',
            error: { stage: 'write-output', message: `output ${outRel} is already written for ${earlier}; rename one of the two inputs` },
            lang: null,
            counts: null,
            milliseconds: 0,
          },
        });
        continue;
      }
      claimed.set(outRel, file.abs);
      let bytes: Buffer;
      try {
        bytes = await readFile(file.abs);
      } catch (err) {
        const message = (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (err as Error).message;
        await writePlan({ entry: { path: file.rel, output: null, status: 'failed', error: { stage: 'read', message }, lang: null, counts: null, milliseconds: 0 } });
        continue;
      }
      const sha256 = sha256Hex(bytes);
      if (!opts.article.force) {
        const reused = await reuseOutput(opts.outDir, outRel, file.rel, sha256, fingerprint);
        if (reused) {
          reusedCount++;
          await writePlan({ entry: reused, reused: true });
          continue;
        }
      }
      const data: ArticleJobData = { abs: file.abs, rel: file.rel, size: bytes.length, sha256, outDir: opts.outDir, article: opts.article, fingerprint };
      const id = jobIdOf(data);
      pending.push({ data, id });
      await writePlan({ job: id, rel: file.rel });
      if (pending.length >= 200) await addPending();
    }
    if (pending.length) await addPending();
    plan.end();
    await once(plan, 'close');

    let interrupted = opts.signal?.aborted ?? false;
    if (opts.detach) {
      await rm(planPath, { force: true });
      return { articles: 0, ok: 0, failed: 0, quotes: 0, entities: 0, enqueued, reused: reusedCount, milliseconds: performance.now() - t0, manifest: null, interrupted };
    }
    if (!interrupted) interrupted = !(await waitForQueue(queue, opts));
    const summary = await buildManifest(queue, opts.outDir, planPath, fingerprint, performance.now() - t0, interrupted);
    await rm(planPath, { force: true });
    if ((await queue.getJobCountByTypes('active')) === 0) await removeStaleTemporaries(opts.outDir);
    return { ...summary, enqueued };
  } finally {
    await queue.close();
    await lock.release();
  }
}

/** Polls the queue's counts until nothing is waiting or running; false when stopped by the signal. */
async function waitForQueue(queue: Queue, opts: ProducerOptions): Promise<boolean> {
  const start = await queue.getJobCounts('completed', 'failed');
  const began = performance.now();
  for (;;) {
    // Note: a fixed list of seven states, passed with Reflect.apply (no spread into a call in src/).
    const c = await Reflect.apply(queue.getJobCounts, queue, [...ACTIVE_STATES, 'completed', 'failed']);
    const remaining = ACTIVE_STATES.reduce((n, s) => n + (c[s] ?? 0), 0);
    const done = (c.completed ?? 0) - (start.completed ?? 0);
    const failed = (c.failed ?? 0) - (start.failed ?? 0);
    const seconds = (performance.now() - began) / 1000;
    const rate = seconds > 0 ? (done + failed) / seconds : 0;
    const workers = opts.onProgress ? await queue.getWorkersCount() : 0;
    opts.onProgress?.({ done, failed, remaining, rate, eta: rate > 0 ? remaining / rate : null, workers });
    if (remaining === 0) return true;
    if (opts.signal?.aborted) return false;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, opts.pollMs ?? 500);
      opts.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}

/** Turns the plan and the finished jobs into manifest.json; an output a worker reported but that is not on disk is a failure. */
async function buildManifest(queue: Queue, outDir: string, planPath: string, fingerprint: string, ms: number, interrupted: boolean) {
  const totals = { articles: 0, ok: 0, failed: 0, quotes: 0, entities: 0, reused: 0 };
  const partial = createWriteStream(join(outDir, MANIFEST_PARTIAL));
  const lines = createInterface({ input: createReadStream(planPath), crlfDelay: Infinity });
  for await (const text of lines) {
    if (!text) continue;
    const line = JSON.parse(text) as PlanLine;
    let entry: ManifestEntry;
    if ('entry' in line) {
      entry = line.entry;
      if (line.reused) totals.reused++;
    } else {
      const job = await Job.fromId<ArticleJobData, RunResult>(queue, line.job);
      const state = job ? await job.getState() : 'unknown';
      if (job && state === 'completed') {
        const { reused, ...result } = job.returnvalue;
        if (reused) totals.reused++;
        entry = result;
        if (entry.output && !existsSync(join(outDir, entry.output))) {
          entry = {
            ...entry,
            output: null,
            status: 'failed',
            error: { stage: 'write-output', message: 'a worker reported this output but it is not in the output folder (do the workers see the same storage?)' },
            lang: null,
            counts: null,
          };
        }
      } else if (job && state === 'failed') {
        const ms = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : 0;
        entry = failedEntryOf(line.rel, job.failedReason, job.attemptsStarted, ms);
      } else {
        // Still queued or running: an interrupted wait lists only what is finished.
        continue;
      }
    }
    totals.articles++;
    if (entry.status === 'ok') totals.ok++;
    else totals.failed++;
    totals.quotes += entry.counts?.quotes ?? 0;
    totals.entities += entry.counts?.entities ?? 0;
    if (!partial.write(JSON.stringify(entry) + '\n')) await once(partial, 'drain');
  }
  partial.end();
  await once(partial, 'close');
  const manifest = await writeManifest(outDir, totals, ms, { fingerprint, interrupted });
  return { ...totals, milliseconds: ms, manifest, interrupted };
}
