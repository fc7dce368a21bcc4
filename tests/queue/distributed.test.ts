// The distributed mode against a real redis-server (started here on a free port, persistence
// off): a producer and two worker processes give the outputs of a local `isnad extract`; a worker
// killed with SIGKILL mid-job loses nothing and duplicates nothing; a broken article is one failed
// job, not retried; a worker with other rules refuses; `isnad queue` shows and manages the queue.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { runBatch } from '../../src/batch/batch.ts';
import { loadResources } from '../../src/resources.ts';
import { runProducer } from '../../src/queue/producer.ts';
import { queueTarget } from '../../src/queue/connection.ts';
import { main } from '../../src/cli.ts';
import { filesUnder, isnadChild, makeArticleFolder, manifestMinusTimings, NO_GAZETTEERS, outputsOf, ROOT, type Child } from '../batch/helpers.ts';
import { SKIP_REDIS, startRedis, type RedisServer } from './redis.ts';

const T = mkdtempSync(join(tmpdir(), 'isnad-queue-'));
const resources = loadResources({ gazetteersDir: NO_GAZETTEERS });
let redis: RedisServer;
const children: Child[] = [];

beforeAll(async () => {
  if (SKIP_REDIS) return;
  redis = await startRedis();
}, 30_000);
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await redis?.stop();
  rmSync(T, { recursive: true, force: true });
});

function worker(name: string, ...extra: string[]): Child {
  const c = isnadChild(['worker', '--queue', redis.url, '--queue-name', name, '--gazetteers', NO_GAZETTEERS, ...extra]);
  children.push(c);
  return c;
}
const ready = (c: Child) => c.lines(/waiting for jobs/, 1);

/** main() in this process with stdout captured. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stdout: out.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const okLines = (c: Child, path: string) => c.stderr().split('\n').filter((l) => l.startsWith('ok ') && l.includes(` ${path} (`)).length;

describe.skipIf(SKIP_REDIS)('isnad extract --queue with isnad worker processes', () => {
  it('two workers give the outputs and manifest of a local run; the broken article is one failed job, tried once', async () => {
    const input = join(T, 'in-1');
    makeArticleFolder(input, { broken: true });
    const local = join(T, 'local-1');
    await runBatch({ inputs: [input], outDir: local, jobs: 1, article: {}, resources: {}, preloaded: resources });

    const w1 = worker('q1', '--lock-ms', '5000');
    const w2 = worker('q1', '--lock-ms', '5000');
    await Promise.all([ready(w1), ready(w2)]);
    const out = join(T, 'queued-1');
    const summary = await runProducer({ target: queueTarget(redis.url, 'q1'), inputs: [input], outDir: out, article: {}, resources, pollMs: 100 });
    expect(summary).toMatchObject({ failed: 1, interrupted: false, reused: 0 });
    expect(filesUnder(out)).toEqual(filesUnder(local));
    expect(outputsOf(out)).toEqual(outputsOf(local));
    expect(manifestMinusTimings(out)).toEqual(manifestMinusTimings(local));
    // Both workers took part.
    expect(w1.stderr()).toMatch(/^ok /m);
    expect(w2.stderr()).toMatch(/^ok /m);

    const queue = new Queue('q1', { connection: { url: redis.url } });
    try {
      const failed = await queue.getFailed();
      expect(failed).toHaveLength(1);
      expect(failed[0]!.data.rel).toBe('sub/broken.txt');
      expect(failed[0]!.failedReason).toMatch(/^decode: binary file/);
      expect(failed[0]!.attemptsStarted).toBe(1);
    } finally {
      await queue.close();
    }

    const listed = await cli('queue', 'failed', '--queue', redis.url, '--queue-name', 'q1');
    expect(listed.stdout).toMatch(/broken\.txt: decode: binary file/);
    w1.proc.kill('SIGTERM');
    w2.proc.kill('SIGTERM');
    expect((await w1.exit).code).toBe(143);
    expect((await w2.exit).code).toBe(143);

    // With no worker left, a retried job waits in the queue until drained.
    expect((await cli('queue', 'retry', '--queue', redis.url, '--queue-name', 'q1')).stdout).toMatch(/^1 failed job put back/);
    expect((await cli('queue', 'status', '--queue', redis.url, '--queue-name', 'q1')).stdout).toMatch(/: 1 waiting, 0 active, \d+ done, 0 failed/);
    expect((await cli('queue', 'drain', '--queue', redis.url, '--queue-name', 'q1')).stdout).toMatch(/^1 waiting job removed/);
    expect((await cli('queue', 'status', '--queue', redis.url, '--queue-name', 'q1')).stdout).toMatch(/: 0 waiting, 0 active/);

    // Enqueue again from the command line, detached (no worker is left): the up-to-date outputs are
    // kept, only the broken article is enqueued.
    const again = await cli('extract', input, '--out', out, '--gazetteers', NO_GAZETTEERS, '--queue', redis.url, '--queue-name', 'q1', '--detach');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^1 articles enqueued on q1 at redis:\/\/127\.0\.0\.1:\d+\/0/);
    expect((await cli('queue', 'status', '--queue', redis.url, '--queue-name', 'q1')).stdout).toMatch(/: 1 waiting, 0 active/);
  }, 180_000);

  it('a worker killed with SIGKILL mid-job: its job goes to the other worker after the lock expires; nothing lost, nothing written twice', async () => {
    const input = join(T, 'in-2');
    const names = makeArticleFolder(input);
    // A long article third in line, so that the first worker is surely inside it when killed.
    const seeds = names.filter((n) => !n.includes('/')).map((n) => readFileSync(join(input, n), 'utf8'));
    writeFileSync(join(input, '002b_long.txt'), Array.from({ length: 16 }, () => seeds.join('\n\n')).join('\n\n'));
    const local = join(T, 'local-2');
    await runBatch({ inputs: [input], outDir: local, jobs: 1, article: {}, resources: {}, preloaded: resources });

    const a = worker('q2', '--lock-ms', '1500');
    await ready(a);
    const out = join(T, 'queued-2');
    const producing = runProducer({ target: queueTarget(redis.url, 'q2'), inputs: [input], outDir: out, article: {}, resources, pollMs: 100 });
    await a.lines(/^ok /, 3);
    a.proc.kill('SIGKILL');
    await a.exit;
    const b = worker('q2', '--lock-ms', '5000');
    const summary = await producing;
    expect(summary).toMatchObject({ failed: 0, articles: names.length + 1 });
    expect(filesUnder(out)).toEqual(filesUnder(local));
    expect(outputsOf(out)).toEqual(outputsOf(local));
    expect(manifestMinusTimings(out)).toEqual(manifestMinusTimings(local));
    for (const n of [...names, '002b_long.txt']) expect(okLines(a, n) + okLines(b, n), n).toBeLessThanOrEqual(1);
    expect(okLines(a, '002b_long.txt')).toBe(0);
    expect(okLines(b, '002b_long.txt')).toBe(1);

    const queue = new Queue('q2', { connection: { url: redis.url } });
    try {
      const done = await queue.getCompleted(0, -1);
      expect(done).toHaveLength(names.length + 1);
      const long = done.find((j) => j.data.rel === '002b_long.txt')!;
      expect(long.attemptsStarted).toBe(2);
    } finally {
      await queue.close();
    }
    b.proc.kill('SIGTERM');
    expect((await b.exit).code).toBe(143);
  }, 180_000);

  it('a worker whose rules differ from the producer’s refuses to start, naming both fingerprints', async () => {
    const rules = join(T, 'rules-other');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    appendFileSync(join(rules, 'en', 'language.yaml'), '\n# other rules\n');
    // --concurrency 2: two worker processes under one parent; both refuse, and so does the parent.
    const w = worker('q1', '--rules', rules, '--concurrency', '2');
    const { code } = await w.exit;
    expect(code).toBe(2);
    const refusals = w.stderr().match(/this worker's rules differ from the producer's on queue q1 .*the producer has sha256:[0-9a-f]{64}, this worker sha256:[0-9a-f]{64}/g);
    expect(refusals).toHaveLength(2);
    expect(w.stderr()).not.toMatch(/waiting for jobs/);
  }, 180_000);

  it('an unreachable Redis is a one-line error with exit 2', async () => {
    const r = await cli('queue', 'status', '--queue', 'redis://127.0.0.1:1/0');
    expect(r.code).toBe(2);
    expect((await cli('queue', 'status', '--queue', 'http://x')).code).toBe(2);
  });
});
