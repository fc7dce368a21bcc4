// The distributed mode against local extraction on the same folder: throughput
// of 1 and 2 queue workers (separate processes, through a real redis-server on
// a free local port, persistence off) against `extract --jobs 1` and `--jobs 2`,
// as ratios; and the queue's overhead per article in milliseconds (1 worker vs
// --jobs 1). The folder: the development articles of /work/shared/devset if
// present, else the seeds, copied several times over (read in place, never
// copied into the repository). Worker start-up is not timed (they wait for
// jobs before the clock starts); the --jobs 2 thread pool's start-up is.
// Each set-up runs twice, alternating, and keeps its best time. Figures are from one run on this
// machine; compare ratios, not seconds.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../src/batch/batch.ts';
import { loadResources } from '../src/resources.ts';
import { runProducer } from '../src/queue/producer.ts';
import { queueTarget } from '../src/queue/connection.ts';
import { isnadChild, type Child } from '../tests/batch/helpers.ts';
import { REDIS_BIN, startRedis } from '../tests/queue/redis.ts';

if (!REDIS_BIN) {
  console.log('queue benchmark skipped: redis-server is not installed');
  process.exit(0);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const devset = '/work/shared/devset/articles';
const sourceDir = existsSync(devset) ? devset : join(root, 'seeds');
const sources = readdirSync(sourceDir).filter((f) => f.endsWith('.txt')).sort();
const T = mkdtempSync(join(tmpdir(), 'isnad-queue-bench-'));
const input = join(T, 'in');
const COPIES = Math.max(1, Math.ceil(160 / sources.length));
for (let c = 0; c < COPIES; c++) {
  mkdirSync(join(input, `copy-${c}`), { recursive: true });
  for (const f of sources) copyFileSync(join(sourceDir, f), join(input, `copy-${c}`, f));
}
const articles = sources.length * COPIES;
const resources = loadResources();
const redis = await startRedis();
const children: Child[] = [];
let run = 0;

async function local(jobs: number): Promise<number> {
  const t0 = performance.now();
  const summary = await runBatch({ inputs: [input], outDir: join(T, `local-${run++}`), jobs, article: {}, resources: {}, preloaded: jobs === 1 ? resources : undefined });
  if (summary.articles !== articles || summary.reused !== 0) throw new Error(`local run: ${summary.articles} articles, ${summary.reused} reused; expected ${articles} extracted`);
  return (performance.now() - t0) / 1000;
}

async function queued(workers: number): Promise<number> {
  const name = `bench-${run}`;
  const ws = Array.from({ length: workers }, () => isnadChild(['worker', '--queue', redis.url, '--queue-name', name]));
  children.push(...ws);
  await Promise.all(ws.map((w) => w.lines(/waiting for jobs/, 1)));
  const t0 = performance.now();
  const summary = await runProducer({ target: queueTarget(redis.url, name), inputs: [input], outDir: join(T, `queued-${run++}`), article: {}, resources, pollMs: 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (summary.articles !== articles || summary.reused !== 0) throw new Error(`queued run: ${summary.articles} articles, ${summary.reused} reused; expected ${articles} extracted`);
  for (const w of ws) w.proc.kill('SIGTERM');
  await Promise.all(ws.map((w) => w.exit));
  return seconds;
}

try {
  // A warm-up run, so that the file cache and the JIT are the same for every measured run; then
  // the four set-ups in turn, twice, keeping each one's best time (the machine is shared).
  await local(1);
  let [l1, l2, q1, q2] = [Infinity, Infinity, Infinity, Infinity];
  for (let round = 0; round < 2; round++) {
    l1 = Math.min(l1, await local(1));
    q1 = Math.min(q1, await queued(1));
    l2 = Math.min(l2, await local(2));
    q2 = Math.min(q2, await queued(2));
  }
  const rate = (s: number) => (articles / s).toFixed(1);
  console.log(`${articles} articles (${sources.length} from ${sourceDir} × ${COPIES})`);
  console.log(`local --jobs 1: ${rate(l1)} articles/s; --jobs 2: ${rate(l2)} articles/s`);
  console.log(`queue, 1 worker: ${rate(q1)} articles/s; 2 workers: ${rate(q2)} articles/s`);
  console.log(`throughput ratios: 1 worker / --jobs 1 = ${(l1 / q1).toFixed(2)}; 2 workers / --jobs 2 = ${(l2 / q2).toFixed(2)}; 2 workers / 1 worker = ${(q1 / q2).toFixed(2)}`);
  console.log(`queue overhead per article (1 worker vs --jobs 1): ${(((q1 - l1) / articles) * 1000).toFixed(1)} ms`);
} finally {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  await redis.stop();
  rmSync(T, { recursive: true, force: true });
}
