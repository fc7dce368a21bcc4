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
import { writePending, type ArticleFile, type ManifestEntry, type PendingOutput } from './run-one.ts';

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

interface Pending {
  file: ArticleFile;
  resolve: (e: ManifestEntry) => void;
  /** How many workers died while holding it. */
  retried: number;
  /** Sent only to an idle worker, and nothing else sent there while it is held: after a worker died holding it and another article, which of the two killed it is not known. */
  alone: boolean;
}

interface Task extends Pending {
  seq: number;
  /** The hard stop; armed when the article reaches the head of its worker's queue. */
  timer: NodeJS.Timeout | null;
  started: number;
}

interface Slot {
  worker: Worker;
  /** The articles sent to this worker and not answered yet, oldest first (at most PER_WORKER). */
  tasks: Task[];
  dead: boolean;
  stopReason: string | null;
  /** The task whose hard stop terminated the worker. */
  stopped: Task | null;
  /** The worker said it is ready (its resources are loaded). */
  readyNow: boolean;
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

/**
 * Articles a worker holds at once: while one is worked on, the next is already there and its
 * file is read, and the last one's output is written, without a round trip to the main thread
 * in between (with one article at a time, workers waited about a third of the time).
 */
export const PER_WORKER = 2;
const MAX_RETRIES = 3;

export function createWorkerPool(opts: PoolOptions): WorkerPool {
  const url = workerEntry(opts.script);
  const slots = new Set<Slot>();
  const waiting: Pending[] = [];
  let startedCount = 0;
  let seq = 0;
  let closing = false;
  let startError: Error | null = null;

  const failedEntry = (task: { file: ArticleFile; started?: number }, message: string): ManifestEntry => ({
    path: task.file.rel,
    output: null,
    status: 'failed',
    error: { stage: 'worker', message },
    lang: null,
    counts: null,
    milliseconds: task.started === undefined ? 0 : Math.round((performance.now() - task.started) * 10) / 10,
  });

  /**
   * The hard stop of the article at the head of a worker's queue (the one being worked on; the
   * article behind it is only read ahead). Its clock starts when it reaches the head, so an
   * article that waited behind a slow one is not blamed for it.
   */
  const arm = (slot: Slot) => {
    const head = slot.tasks[0];
    if (!head || head.timer) return;
    head.started = performance.now();
    head.timer = setTimeout(() => {
      if (slot.dead || slot.stopped) return;
      slot.stopReason = `stopped after holding one article for ${Math.round(opts.hardStopMs / 1000)} s (over its time budget)`;
      slot.stopped = head;
      void slot.worker.terminate();
    }, opts.hardStopMs);
  };

  const send = (slot: Slot, item: Pending) => {
    const task: Task = { ...item, seq: seq++, timer: null, started: performance.now() };
    slot.tasks.push(task);
    slot.worker.postMessage({ seq: task.seq, file: item.file });
    arm(slot);
  };

  /** Whether this worker may be sent this article now, as the depth-th it holds. */
  const takes = (slot: Slot, item: Pending, depth: number) =>
    slot.readyNow && slot.tasks.length < depth && (item.alone ? slot.tasks.length === 0 : !slot.tasks[0]?.alone);

  /**
   * Sends waiting articles to ready workers, one each before any gets a second, and starts a
   * worker (up to jobs) for each article that no worker would take as its first: a batch of 5
   * articles never starts more than 5.
   */
  const dispatch = () => {
    if (closing) return;
    for (let depth = 1; depth <= PER_WORKER; depth++) {
      for (const slot of slots) {
        const i = waiting.findIndex((item) => takes(slot, item, depth));
        if (i !== -1) send(slot, waiting.splice(i, 1)[0]!);
      }
    }
    let unclaimed = waiting.length - [...slots].filter((s) => !s.readyNow).length;
    while (unclaimed-- > 0 && slots.size < opts.jobs && !startError) spawn();
  };

  const died = (s: Slot, reason: string) => {
    if (s.dead) return;
    s.dead = true;
    slots.delete(s);
    const tasks = s.tasks.splice(0);
    for (const t of tasks) if (t.timer) clearTimeout(t.timer);
    // The article that killed the worker: the one held past its hard stop, or the only one it
    // held. A worker that crashed holding two leaves it unknown: each is retried alone, and the
    // one that kills a worker while alone fails. An article that was held by MAX_RETRIES dying
    // workers fails too.
    const culprit = s.stopped ?? (tasks.length === 1 ? tasks[0] : undefined);
    const fail = (t: Task) => t.resolve(failedEntry(t, `worker died: ${s.stopReason ?? reason}`));
    for (const task of tasks.reverse()) {
      if (task === culprit || task.retried >= MAX_RETRIES) fail(task);
      else waiting.unshift({ file: task.file, resolve: task.resolve, retried: task.retried + 1, alone: task.alone || !culprit });
    }
    dispatch();
  };

  const spawn = () => {
    startedCount++;
    const worker = new Worker(url, {
      workerData: { resources: opts.resources, outDir: opts.outDir, article: opts.article },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, tasks: [], dead: false, stopReason: null, stopped: null, readyNow: false };
    slots.add(slot);
    worker.on('message', (msg: { ready?: boolean; seq?: number; entry?: ManifestEntry; output?: PendingOutput }) => {
      if (msg.ready) {
        slot.readyNow = true;
        dispatch();
        return;
      }
      if (!msg.entry) return;
      // Answers come with the seq of their article (a worker without seqs answers in order).
      const i = msg.seq === undefined ? 0 : slot.tasks.findIndex((t) => t.seq === msg.seq);
      if (i === -1) return;
      const [task] = slot.tasks.splice(i, 1);
      if (task!.timer) clearTimeout(task!.timer);
      arm(slot);
      dispatch();
      // The main thread writes every output, after the worker has its next article: two workers
      // creating and renaming files in one folder at once took 2.5–3 ms a file in the --jobs 2
      // profile (1 ms in one job), time each worker spent blocked instead of extracting, while
      // the main thread sat idle 93% of the run.
      task!.resolve(msg.output ? writePending(opts.outDir, msg.output, msg.entry) : msg.entry);
    });
    worker.on('error', (err: Error) => {
      if (!slot.readyNow) failStart(slot, err);
      else died(slot, `${(err as NodeJS.ErrnoException).code ? `${(err as NodeJS.ErrnoException).code}: ` : ''}${err.message}`);
    });
    worker.on('exit', (code) => {
      if (!slot.readyNow) failStart(slot, new Error(`worker exited with code ${code} before it was ready`));
      else died(slot, `exited with code ${code}`);
    });
  };

  const failStart = (slot: Slot, err: Error) => {
    if (slot.dead) return;
    slot.dead = true;
    slots.delete(slot);
    // A worker that cannot even start (its resources fail to load) fails the batch, as before.
    startError ??= err;
    for (const w of waiting.splice(0)) w.resolve(null as unknown as ManifestEntry);
  };

  return {
    process(file) {
      if (startError) return Promise.reject(startError);
      return new Promise<ManifestEntry>((resolve, reject) => {
        waiting.push({
          file,
          resolve: (e) => (e === null ? reject(startError ?? new Error('worker pool closed')) : resolve(e)),
          retried: 0,
          alone: false,
        });
        dispatch();
      });
    },
    started: () => startedCount,
    async close() {
      closing = true;
      await Promise.all([...slots].map((s) => s.worker.terminate()));
    },
  };
}
