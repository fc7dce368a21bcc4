// The batch: a state machine with named states (loading resources, processing
// articles, writing the manifest, done/failed). The work sits in plain async
// functions wrapped by fromPromise, so tests can swap them with
// `.provide({ actors })`. Within one article, stages run as a plain loop.
//
// Memory stays constant over folders of any size: articles are discovered
// lazily, at most `jobs` are in flight, and manifest entries are streamed to a
// temporary JSON-lines file that is turned into manifest.json at the end.
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setup, assign, fromPromise, createActor, toPromise } from 'xstate';
import { checkResources, loadResources, type ResourceCheck, type ResourceOptions, type Resources } from '../resources.ts';
import { outputPathFor, problemEntry, runOne, type ArticleFile, type ManifestEntry, type RunOptions, type RunResult } from './run-one.ts';
import { discoverArticles } from './discover.ts';
import { MANIFEST_PARTIAL, removeManifest, writeManifest } from './manifest.ts';
import { lockFolder } from './lock.ts';
import { removeStaleTemporaries } from './resume.ts';
import { rulesFingerprint } from './fingerprint.ts';
import { createWorkerPool, PER_WORKER } from './worker-pool.ts';
import { DEFAULT_TIME_BUDGET_MS } from '../process-article.ts';

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  jobs: number;
  article: RunOptions;
  resources: ResourceOptions;
  /** Called after each article with the running totals. */
  onProgress?: (p: Progress) => void;
  /**
   * Already-loaded resources (tests, benchmarks); loaded from resources options otherwise. With
   * jobs > 1 the workers load their own and a check (see checkResources) is enough here.
   */
  preloaded?: Resources | ResourceCheck;
  /** When aborted (SIGINT, SIGTERM), no new article is taken; those in flight finish and the manifest is written. */
  signal?: AbortSignal;
  /** Read the files that symbolic links point to (otherwise links are listed as skipped). */
  follow?: boolean;
  /** The worker module for --jobs > 1 (tests swap it). */
  workerScript?: URL;
}

export interface Progress {
  done: number;
  failed: number;
  last: ManifestEntry;
  /** The output was already up to date and was not extracted again. */
  reused: boolean;
}

export interface BatchSummary {
  articles: number;
  ok: number;
  failed: number;
  skipped: number;
  quotes: number;
  entities: number;
  milliseconds: number;
  manifest: string;
  warnings: string[];
  /** Articles whose output was up to date and taken from disk. */
  reused: number;
  interrupted: boolean;
}

interface Totals {
  articles: number;
  ok: number;
  failed: number;
  quotes: number;
  entities: number;
  reused: number;
  interrupted: boolean;
  /** Inputs that are not read (symbolic links, FIFOs): listed in the manifest, not counted as articles. */
  skipped: number;
}

/** Characters of manifest entries gathered before one write to the partial manifest. */
const PARTIAL_BLOCK = 64 * 1024;

/** Articles in flight with one job: one being worked on, others being read or written. */
const IN_PROCESS_IN_FLIGHT = 3;

/** Runs every article through `process`, at most `jobs` at once (a few more in-process, for I/O), and streams entries to the partial manifest in input order. */
async function processAll(
  opts: BatchOptions,
  process: (file: ArticleFile) => Promise<RunResult>,
): Promise<Totals> {
  await mkdir(opts.outDir, { recursive: true });
  // Entries are gathered into blocks of about 64 kB, each written with one call: a write per entry
  // (a stream's) cost a round trip through libuv's thread pool per article.
  const partial = openSync(join(opts.outDir, MANIFEST_PARTIAL), 'w');
  let block = '';
  const totals: Totals = { articles: 0, ok: 0, failed: 0, quotes: 0, entities: 0, reused: 0, interrupted: false, skipped: 0 };
  // Entries finish out of order with several jobs; a small reorder buffer keeps the manifest in input order.
  const finished = new Map<number, ManifestEntry>();
  let nextToWrite = 0;
  const flush = () => {
    while (finished.has(nextToWrite)) {
      const entry = finished.get(nextToWrite)!;
      finished.delete(nextToWrite++);
      block += JSON.stringify(entry) + '\n';
      if (block.length >= PARTIAL_BLOCK) {
        writeFileSync(partial, block);
        block = '';
      }
    }
  };
  const inFlight = new Set<Promise<void>>();
  // Output paths already claimed in this run: x.txt and x.html, or x.txt in two inputs, would
  // otherwise write the same x.json. Note: one short string per article is kept.
  const claimed = new Map<string, string>();
  let seq = 0;
  // In each worker, PER_WORKER articles are in flight, so that the next is there when one is done.
  // In-process, runOne's file calls are synchronous and an article runs to its end when taken.
  const window = opts.jobs <= 1 ? IN_PROCESS_IN_FLIGHT : opts.jobs * PER_WORKER;
  try {
    for await (const file of discoverArticles(opts.inputs, { follow: opts.follow })) {
      if (opts.signal?.aborted) {
        totals.interrupted = true;
        break;
      }
      const mySeq = seq++;
      if (file.problem) {
        // A folder that cannot be read, a link or a FIFO: an entry of its own, and the batch goes on.
        const entry = problemEntry(file.rel, file.problem);
        if (entry.status === 'skipped') totals.skipped++;
        else (totals.articles++, totals.failed++);
        finished.set(mySeq, entry);
        opts.onProgress?.({ done: totals.articles, failed: totals.failed, last: entry, reused: false });
        flush();
        continue;
      }
      const out = outputPathFor(file.rel);
      const earlier = claimed.get(out);
      if (earlier === undefined) claimed.set(out, file.abs);
      const work: Promise<RunResult> =
        earlier === undefined
          ? process(file)
          : Promise.resolve({
              path: file.rel,
              output: null,
              status: 'failed',
              error: { stage: 'write-output', message: `output ${out} is already written for ${earlier}; rename one of the two inputs` },
              lang: null,
              counts: null,
              milliseconds: 0,
            });
      const task = work.then(async ({ reused, ...entry }) => {
        totals.articles++;
        if (reused) totals.reused++;
        if (entry.status === 'ok') totals.ok++;
        else totals.failed++;
        totals.quotes += entry.counts?.quotes ?? 0;
        totals.entities += entry.counts?.entities ?? 0;
        finished.set(mySeq, entry);
        opts.onProgress?.({ done: totals.articles, failed: totals.failed, last: entry, reused: reused === true });
      });
      const tracked: Promise<void> = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= window) await Promise.race(inFlight);
      flush();
    }
    await Promise.all(inFlight);
    flush();
    writeFileSync(partial, block);
  } finally {
    closeSync(partial);
  }
  return totals;
}

/** In-process extraction (one job). */
function inProcess(opts: BatchOptions, resources: Resources) {
  const ctx = { resources };
  return (file: ArticleFile) => runOne(file, opts.outDir, ctx, opts.article);
}

const isLoaded = (r: Resources | ResourceCheck): r is Resources => 'gazetteer' in r;

interface BatchContext {
  opts: BatchOptions;
  /** Loaded with one job; with several, only checked (the workers load them). */
  resources: Resources | ResourceCheck | null;
  totals: Totals | null;
  started: number;
  summary: BatchSummary | null;
  error: { stage: string; message: string; cause: unknown } | null;
}

function toError(stage: string, error: unknown): NonNullable<BatchContext['error']> {
  return { stage, message: (error as Error)?.message ?? String(error), cause: error };
}

export const batchMachine = setup({
  types: {
    context: {} as BatchContext,
    input: {} as BatchOptions,
    output: {} as { summary: BatchSummary | null; error: BatchContext['error'] },
  },
  actors: {
    loadResources: fromPromise<Resources | ResourceCheck, BatchOptions>(async ({ input }) => {
      const pre = input.preloaded;
      if (input.jobs > 1) return pre ?? checkResources(input.resources);
      return pre && isLoaded(pre) ? pre : loadResources(input.resources);
    }),
    processArticles: fromPromise<Totals, { opts: BatchOptions; resources: Resources | ResourceCheck }>(async ({ input }) => {
      const { opts, resources } = input;
      if (opts.jobs <= 1) return processAll(opts, inProcess(opts, resources as Resources));
      const budget = opts.article.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
      const pool = createWorkerPool({
        jobs: opts.jobs,
        outDir: opts.outDir,
        article: opts.article,
        resources: opts.resources,
        hardStopMs: budget + Math.max(2000, budget / 2),
        script: opts.workerScript,
      });
      try {
        return await processAll(opts, pool.process);
      } finally {
        await pool.close();
      }
    }),
    writeManifest: fromPromise<string, { outDir: string; totals: Totals; ms: number; fingerprint?: string }>(async ({ input }) =>
      writeManifest(input.outDir, input.totals, input.ms, { fingerprint: input.fingerprint, interrupted: input.totals.interrupted }),
    ),
  },
}).createMachine({
  id: 'batch',
  context: ({ input }) => ({ opts: input, resources: null, totals: null, started: performance.now(), summary: null, error: null }),
  initial: 'loadingResources',
  output: ({ context }) => ({ summary: context.summary, error: context.error }),
  states: {
    loadingResources: {
      description: 'Load and validate rules and gazetteers once for the whole run.',
      invoke: {
        src: 'loadResources',
        input: ({ context }) => context.opts,
        onDone: { target: 'processing', actions: assign({ resources: ({ event }) => event.output }) },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => toError('load-resources', event.error) }) },
      },
    },
    processing: {
      description: 'Discover articles and extract each; a failed article becomes a manifest entry and the batch goes on.',
      invoke: {
        src: 'processArticles',
        input: ({ context }) => ({ opts: context.opts, resources: context.resources! }),
        onDone: { target: 'writingManifest', actions: assign({ totals: ({ event }) => event.output }) },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => toError('process-articles', event.error) }) },
      },
    },
    writingManifest: {
      description: 'Turn the streamed entries into manifest.json, atomically.',
      invoke: {
        src: 'writeManifest',
        input: ({ context }) => ({
          outDir: context.opts.outDir,
          totals: context.totals!,
          ms: performance.now() - context.started,
          fingerprint: context.resources ? rulesFingerprint(context.resources) : undefined,
        }),
        onDone: {
          target: 'done',
          actions: assign({
            summary: ({ context, event }) => ({
              ...context.totals!,
              milliseconds: Math.round(performance.now() - context.started),
              manifest: event.output,
              warnings: context.resources?.warnings ?? [],
            }),
          }),
        },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => toError('write-manifest', event.error) }) },
      },
    },
    done: { type: 'final', description: 'Every article has an output file or a failed manifest entry.' },
    failed: { type: 'final', description: 'The batch could not run: the error names the state that failed.' },
  },
});

export class BatchError extends Error {
  constructor(
    readonly stage: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'BatchError';
  }
}

/** Whether a folder holds nothing but hidden names (a lock, temporaries), or does not exist. */
async function holdsNoOutput(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).every((name) => name.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  // An output folder with no output yet has nothing to reuse: no article asks whether its output is
  // up to date (with --jobs 2 that look-up waited on the main thread's writes into the same folder).
  if (!opts.article.force && (await holdsNoOutput(opts.outDir))) opts = { ...opts, article: { ...opts.article, force: true } };
  // One run per output folder; under its lock, what a killed run left is cleaned first.
  const lock = await lockFolder(opts.outDir);
  let out;
  try {
    await removeStaleTemporaries(opts.outDir);
    await removeManifest(opts.outDir);
    const actor = createActor(batchMachine, { input: opts });
    actor.start();
    out = await toPromise(actor);
  } finally {
    await lock.release();
  }
  if (!out.summary) throw new BatchError(out.error?.stage ?? 'unknown', out.error?.message ?? 'batch failed', out.error?.cause);
  return out.summary;
}
