// The worker threads of `isnad extract --jobs N`. Each worker loads the resources once and
// extracts the articles it is sent, one at a time.
//
// Workers are started when there is work for them, so a batch of 5 articles never starts more
// than 5. A worker that dies (out of memory, a crash) turns its article into a failed entry
// ("worker died: ...") and is replaced; a worker that holds one article past the hard stop (the
// article's time budget plus a grace period: the in-worker budget is cooperative, checked
// between stages, and cannot interrupt a stage) is terminated the same way. The batch goes on.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, RUNNING_BUILT } from '../util/project-root.ts';
import type { ResourceOptions } from '../resources.ts';
import type { ArticleOptions } from '../process-article.ts';
import type { ArticleFile, ManifestEntry } from './run-one.ts';

export interface PoolOptions {
  jobs: number;
  outDir: string;
  article: ArticleOptions;
  resources: ResourceOptions;
  /** How long one article may hold a worker before it is terminated. */
  hardStopMs: number;
  /** The worker module (tests swap it); src/batch/worker.ts by default. */
  script?: URL;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: { file: ArticleFile; resolve: (e: ManifestEntry) => void; timer: NodeJS.Timeout; started: number } | null;
  dead: boolean;
  stopReason: string | null;
}

export interface WorkerPool {
  process(file: ArticleFile): Promise<ManifestEntry>;
  /** Workers started so far (replacements included). */
  started(): number;
  close(): Promise<void>;
}

/**
 * The module a worker thread starts from. Built (dist/): the worker bundle, plain JavaScript.
 * From the sources: workers do not inherit tsx's loader, so a tiny bootstrap registers it
 * before importing the TypeScript worker.
 */
function workerEntry(script: URL | undefined): URL {
  if (!script && RUNNING_BUILT) return pathToFileURL(join(PROJECT_ROOT, 'dist', 'worker.js'));
  const workerUrl = (script ?? new URL('./worker.ts', import.meta.url)).href;
  if (workerUrl.endsWith('.js') || workerUrl.endsWith('.mjs')) return new URL(workerUrl);
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(workerUrl)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/**
 * The young generation of each worker's heap. An article's objects die young (a few MB per
 * article, all garbage once its output is written), so a small nursery collects them as well as
 * V8's default, which lets each worker's heap grow by tens of MB: with two workers and the main
 * thread, that made --jobs 2 take 1.8× the memory of --jobs 1. Measured with bench/cli.bench.ts.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

export function createWorkerPool(opts: PoolOptions): WorkerPool {
  const url = workerEntry(opts.script);
  const slots = new Set<Slot>();
  const idle: Slot[] = [];
  const waiting: Array<(s: Slot) => void> = [];
  let startedCount = 0;
  let closing = false;

  const release = (s: Slot) => {
    if (s.dead) return;
    const next = waiting.shift();
    if (next) next(s);
    else idle.push(s);
  };

  const died = (s: Slot, reason: string) => {
    if (s.dead) return;
    s.dead = true;
    slots.delete(s);
    const i = idle.indexOf(s);
    if (i !== -1) idle.splice(i, 1);
    const task = s.task;
    s.task = null;
    if (task) {
      clearTimeout(task.timer);
      task.resolve({
        path: task.file.rel,
        output: null,
        status: 'failed',
        error: { stage: 'worker', message: `worker died: ${s.stopReason ?? reason}` },
        lang: null,
        counts: null,
        milliseconds: Math.round((performance.now() - task.started) * 10) / 10,
      });
    }
    // The replacement is started when an article needs it.
    if (!closing && waiting.length) spawn().then(release, (err: unknown) => failWaiting(err));
  };

  const failWaiting = (err: unknown) => {
    // A worker that cannot even start (its resources fail to load) fails the batch, as before.
    startError ??= err instanceof Error ? err : new Error(String(err));
    for (const w of waiting.splice(0)) w(null as unknown as Slot);
  };
  let startError: Error | null = null;

  const spawn = (): Promise<Slot> => {
    startedCount++;
    const worker = new Worker(url, {
      workerData: { resources: opts.resources, outDir: opts.outDir, article: opts.article },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    const slot: Slot = {
      worker,
      ready: new Promise<void>((res, rej) => ((readyResolve = res), (readyReject = rej))),
      task: null,
      dead: false,
      stopReason: null,
    };
    let isReady = false;
    slots.add(slot);
    worker.on('message', (msg: { ready?: boolean; entry?: ManifestEntry }) => {
      if (msg.ready) {
        isReady = true;
        readyResolve();
        return;
      }
      const task = slot.task;
      if (!task || !msg.entry) return;
      slot.task = null;
      clearTimeout(task.timer);
      task.resolve(msg.entry);
      release(slot);
    });
    worker.on('error', (err: Error) => {
      if (!isReady) readyReject(err);
      died(slot, `${(err as NodeJS.ErrnoException).code ? `${(err as NodeJS.ErrnoException).code}: ` : ''}${err.message}`);
    });
    worker.on('exit', (code) => {
      if (!isReady) readyReject(new Error(`worker exited with code ${code} before it was ready`));
      died(slot, `exited with code ${code}`);
    });
    return slot.ready.then(() => slot);
  };

  const acquire = async (): Promise<Slot> => {
    if (startError) throw startError;
    const free = idle.pop();
    if (free) return free;
    if (slots.size < opts.jobs) return spawn();
    const s = await new Promise<Slot>((r) => waiting.push(r));
    if (!s) throw startError ?? new Error('worker pool closed');
    return s;
  };

  return {
    async process(file) {
      const slot = await acquire();
      return new Promise<ManifestEntry>((resolve) => {
        const timer = setTimeout(() => {
          slot.stopReason = `stopped after holding one article for ${Math.round(opts.hardStopMs / 1000)} s (over its time budget)`;
          void slot.worker.terminate();
        }, opts.hardStopMs);
        slot.task = { file, resolve, timer, started: performance.now() };
        slot.worker.postMessage({ file });
      });
    },
    started: () => startedCount,
    async close() {
      closing = true;
      await Promise.all([...slots].map((s) => s.worker.terminate()));
    },
  };
}
