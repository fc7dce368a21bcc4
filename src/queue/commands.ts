// The command-line side of the distributed mode: `isnad worker` and
// `isnad queue status|failed|retry|drain`. (`isnad extract --queue` is in
// cli.ts beside the local extract, and calls runProducer.)
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { UsageError } from '../batch/discover.ts';
import { loadResources } from '../resources.ts';
import { checkReachable, connectionOf, fingerprintKey, shownUrl, withRedis, queueTarget } from './connection.ts';
import type { RunOptions } from '../batch/run-one.ts';
import type { Resources } from '../resources.ts';
import { failedEntryOf, type ArticleJobData } from './job.ts';
import { FingerprintMismatchError, runWorker } from './worker.ts';
import type { QueueProgress } from './producer.ts';

const say = (s: string) => process.stderr.write(s + '\n');

function positiveInt(name: string, value: string | undefined, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not '${value}'`);
  return Number(value);
}

function signalExit(sig: NodeJS.Signals): number {
  return sig === 'SIGTERM' ? 143 : 130;
}

/** `isnad worker --queue URL [--queue-name NAME] [--concurrency N] [--lock-ms MS] [--attempts N] [--rules DIR] [--gazetteers DIR]` */
export async function runWorkerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      concurrency: { type: 'string' },
      'lock-ms': { type: 'string' },
      attempts: { type: 'string' },
      rules: { type: 'string' },
      gazetteers: { type: 'string' },
    },
  });
  const target = queueTarget(values.queue, values['queue-name']);
  const concurrency = positiveInt('concurrency', values.concurrency, 1, 64);
  const lockMs = positiveInt('lock-ms', values['lock-ms'], 30_000, 3_600_000);
  const attempts = positiveInt('attempts', values.attempts, 3, 100);
  if (concurrency > 1) return superviseWorkers(args, concurrency);

  const resources = loadResources({ rulesDir: values.rules, gazetteersDir: values.gazetteers });
  for (const w of resources.warnings) say(`warning: ${w}`);
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppedBy) process.exit(signalExit(sig));
    stoppedBy = sig;
    say(`isnad worker: ${sig}: finishing the job in hand (${sig} again stops at once; the job then goes to another worker)`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await runWorker({ target, resources, lockMs, attempts, signal: abort.signal, log: say });
    say(`isnad worker ${process.pid}: ${summary.ok} written, ${summary.reused} up to date, ${summary.failed} failed`);
    if (summary.refused) return refuse(summary.refused);
    return stoppedBy ? signalExit(stoppedBy) : 0;
  } catch (err) {
    if (err instanceof FingerprintMismatchError) return refuse(err);
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function refuse(err: FingerprintMismatchError): number {
  say(`isnad worker: ${err.message}`);
  return 2;
}

/** --concurrency N: N worker processes of one job each (extraction is CPU-bound), signals passed on, the worst exit code kept. */
async function superviseWorkers(args: string[], n: number): Promise<number> {
  const childArgs = [...process.execArgv, process.argv[1]!, 'worker', ...withoutConcurrency(args), '--concurrency', '1'];
  const children = Array.from({ length: n }, () => spawn(process.execPath, childArgs, { stdio: 'inherit' }));
  const forward = (sig: NodeJS.Signals) => {
    for (const c of children) if (c.exitCode === null) c.kill(sig);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const codes = await Promise.all(
      children.map((c) => new Promise<number>((resolve) => c.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGTERM' ? 143 : 130))))),
    );
    return codes.reduce((a, b) => Math.max(a, b), 0);
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

function withoutConcurrency(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--concurrency') i++;
    else if (!args[i]!.startsWith('--concurrency=')) out.push(args[i]!);
  }
  return out;
}

/** `isnad queue status|failed|retry|drain --queue URL [--queue-name NAME]` */
export async function runQueueCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      limit: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
  });
  const [action, ...extra] = positionals;
  if (!action || !['status', 'failed', 'retry', 'drain'].includes(action) || extra.length)
    throw new UsageError(`isnad queue status|failed|retry|drain --queue redis://HOST:PORT/N [--queue-name NAME]`);
  const target = queueTarget(values.queue, values['queue-name']);
  await checkReachable(target);
  const queue = new Queue<ArticleJobData>(target.name, { connection: connectionOf(target) });
  queue.on('error', () => undefined);
  const out = (s: string) => process.stdout.write(s + '\n');
  try {
    switch (action) {
      case 'status': {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
        const workers = await queue.getWorkersCount();
        const fp = await withRedis(target, (r) => r.get(fingerprintKey(target)));
        out(
          `queue ${target.name} at ${shownUrl(target.url)}: ${(c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0)} waiting, ` +
            `${c.active ?? 0} active, ${c.completed ?? 0} done, ${c.failed ?? 0} failed; ${workers} worker${workers === 1 ? '' : 's'}`,
        );
        out(`rules fingerprint of the producer: ${fp ?? '(none yet)'}`);
        return 0;
      }
      case 'failed': {
        const limit = positiveInt('limit', values.limit, 100);
        const jobs = await queue.getFailed(0, limit - 1);
        for (const job of jobs) {
          const e = failedEntryOf(job.data.rel, job.failedReason, job.attemptsStarted, 0).error!;
          out(`${job.data.abs}: ${e.stage}: ${e.message}`);
        }
        const total = await queue.getFailedCount();
        if (total > jobs.length) out(`… and ${total - jobs.length} more (--limit N)`);
        return 0;
      }
      case 'retry': {
        const n = await queue.getFailedCount();
        await queue.retryJobs({ state: 'failed' });
        out(`${n} failed job${n === 1 ? '' : 's'} put back in the queue`);
        return 0;
      }
      case 'drain': {
        const c = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
        const n = (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
        await queue.drain(true);
        out(`${n} waiting job${n === 1 ? '' : 's'} removed; jobs being processed finish`);
        if (values.all) {
          const done = await queue.clean(0, 0, 'completed');
          const failed = await queue.clean(0, 0, 'failed');
          out(`${done.length} finished and ${failed.length} failed jobs removed`);
        }
        return 0;
      }
    }
    return 2;
  } finally {
    await queue.close();
  }
}

/** One progress line of a distributed run: done/failed/remaining, rate and ETA. */
export function formatQueueProgress(p: QueueProgress): string {
  const eta = p.eta === null ? '–' : p.eta < 90 ? `${Math.ceil(p.eta)} s` : `${Math.ceil(p.eta / 60)} min`;
  return `${p.done} done, ${p.failed} failed, ${p.remaining} remaining; ${p.rate.toFixed(1)}/s, ETA ${eta}; ${p.workers} worker${p.workers === 1 ? '' : 's'}`;
}


export interface QueuedExtractOptions {
  queue: string;
  queueName?: string;
  inputs: string[];
  outDir: string;
  article: RunOptions;
  resources: Resources;
  detach: boolean;
  quiet: boolean;
}

/** `isnad extract PATH... --queue URL [--detach]`: enqueue, then wait with progress and write the manifest. */
export async function runQueuedExtract(o: QueuedExtractOptions): Promise<number> {
  const { runProducer } = await import('./producer.ts');
  const target = queueTarget(o.queue, o.queueName);
  const tty = process.stderr.isTTY && !o.quiet;
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppedBy) process.exit(signalExit(sig));
    stoppedBy = sig;
    say(`\nisnad: ${sig}: no longer waiting; the jobs stay in the queue for the workers, and the manifest lists what is finished`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let last = 0;
  try {
    const s = await runProducer({
      target,
      inputs: o.inputs,
      outDir: o.outDir,
      article: o.article,
      resources: o.resources,
      detach: o.detach,
      signal: abort.signal,
      onProgress: (p) => {
        if (o.quiet) return;
        const now = performance.now();
        if (tty) process.stderr.write(`\r\x1b[K${formatQueueProgress(p)}`);
        else if (now - last >= 2000 || p.remaining === 0) {
          say(formatQueueProgress(p));
          last = now;
        }
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (o.detach) {
      process.stdout.write(
        `${s.enqueued} articles enqueued on ${target.name} at ${shownUrl(target.url)}; ` +
          `run the same command without --detach to wait for them and write the manifest\n`,
      );
      return 0;
    }
    process.stdout.write(
      `${s.articles} articles: ${s.ok} ok${s.reused ? ` (${s.reused} up to date)` : ''}, ${s.failed} failed; ` +
        `${s.quotes} quotes, ${s.entities} entities → ${o.outDir}/ (manifest.json) in ${(s.milliseconds / 1000).toFixed(2)} s\n`,
    );
    if (stoppedBy) return signalExit(stoppedBy);
    return s.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
