// The command line as users run it (bin/isnad.js → dist/), against references
// measured in the same run on the same machine:
//   - a one-article run against `node -e 0` (start-up);
//   - the marginal rate of `isnad extract` (start-up excluded: the difference
//     between two folder sizes) against a plain Node script that reads, decodes
//     and writes a JSON of the same size per article;
//   - --jobs 2 against --jobs 1: throughput, CPU time and peak memory;
//   - peak memory over 200 and 20,000 articles, for jobs 1 and 2.
// CPU time and peak memory come from /usr/bin/time (GNU time) when it is there.
// Figures are ratios measured in one run; nothing here asserts a time.
//
// ISNAD_CLI_BENCH_LARGE sets the large folder's size (default 20000).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'isnad.js');
const LARGE = Number(process.env.ISNAD_CLI_BENCH_LARGE ?? 20_000);
const T = mkdtempSync(join(tmpdir(), 'isnad-cli-bench-'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Run {
  wall: number;
  cpu: number | null;
  rssMiB: number | null;
}

/** Runs a command; wall seconds, and CPU seconds and peak RSS when GNU time is there. */
function run(cmd: string, args: string[]): Run {
  const stats = join(T, 'time.txt');
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S %M', '-o', stats, cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (!TIME) return { wall, cpu: null, rssMiB: null };
  const [u, s, m] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: u! + s!, rssMiB: m! / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));

/** A folder of `n` Arabic articles: the seeds over and over, each copy with a line of its own (numbered from `from`). */
function corpus(n: number, from = 0): { dir: string; bytes: number } {
  const seeds = readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
  const texts = seeds.map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8'));
  const dir = join(T, `in-${n}-${from}`);
  let bytes = 0;
  for (let i = from; i < from + n; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)));
    if (i === from || i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const text = `${texts[i % texts.length]}\nرقم ${i}\n`;
    writeFileSync(join(sub, `a${i}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, bytes };
}

/** Two one-job runs at once, one on each folder: seconds until both are done. */
async function twoAtOnce(a: string, b: string): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    [a, b].map((input) => {
      const out = join(T, `out-${Math.random().toString(36).slice(2)}`);
      const child = spawn(process.execPath, [BIN, 'extract', input, '--out', out, '--quiet', '--jobs', '1'], { stdio: 'ignore' });
      return new Promise<void>((resolve) => child.on('close', () => (rmSync(out, { recursive: true, force: true }), resolve())));
    }),
  );
  return (performance.now() - t0) / 1000;
}

function extract(input: string, jobs = 1): Run {
  const out = join(T, `out-${Math.random().toString(36).slice(2)}`);
  const r = run(process.execPath, [BIN, 'extract', input, '--out', out, '--quiet', '--jobs', String(jobs)]);
  rmSync(out, { recursive: true, force: true });
  return r;
}

// The reference: read, decode, and write a JSON as large as isnad's output, atomically, per article.
const PLAIN = join(T, 'plain.mjs');
writeFileSync(
  PLAIN,
  `import { readdir, readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
const [input, out, ratio] = process.argv.slice(2);
const decoder = new TextDecoder('utf-8', { fatal: true });
for (const e of await readdir(input, { withFileTypes: true, recursive: true })) {
  if (!e.isFile()) continue;
  const text = decoder.decode(await readFile(join(e.parentPath, e.name)));
  const json = JSON.stringify({ text, padding: 'x'.repeat(Math.max(0, Math.round(text.length * Number(ratio)) - text.length)) });
  const dir = join(out, e.parentPath.slice(input.length));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.tmp'), json);
  await rename(join(dir, '.tmp'), join(dir, e.name + '.json'));
}
`,
);

// Build dist/ first: the bench measures what users run.
const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build failed');

try {
  // Start-up.
  const one = corpus(1);
  extract(one.dir); // fills the data cache, as any earlier run on this machine would have
  const empty: Run[] = [];
  const single: Run[] = [];
  for (let i = 0; i < 5; i++) {
    empty.push(run(process.execPath, ['-e', '0']));
    single.push(extract(one.dir));
  }
  const e = { wall: median(empty.map((r) => r.wall)), cpu: TIME ? median(empty.map((r) => r.cpu!)) : null };
  const s = { wall: median(single.map((r) => r.wall)), cpu: TIME ? median(single.map((r) => r.cpu!)) : null };
  console.log('one-article run vs node -e 0 (medians of 5)');
  console.log(`  node -e 0            ${fmt(e.wall, 3)} s wall, ${fmt(e.cpu, 3)} s CPU`);
  console.log(`  isnad, one article   ${fmt(s.wall, 3)} s wall, ${fmt(s.cpu, 3)} s CPU`);
  console.log(`  ratio                ${(s.wall / e.wall).toFixed(1)}× wall, ${e.cpu && s.cpu ? (s.cpu / e.cpu).toFixed(1) : 'n/a'}× CPU (target ≤ 5×)`);
  console.log(`ROW one-article run vs node -e 0 | ${(s.wall / e.wall).toFixed(1)}× wall, ${e.cpu && s.cpu ? (s.cpu / e.cpu).toFixed(1) : 'n/a'}× CPU | ≤ 5×`);

  // Marginal rate: the difference between 200 and 1,200 articles.
  const small = corpus(200);
  const big = corpus(1200);
  const outProbe = join(T, 'probe');
  spawnSync(process.execPath, [BIN, 'extract', small.dir, '--out', outProbe, '--quiet'], { stdio: 'ignore' });
  let outBytes = 0;
  for (const f of readdirSync(outProbe, { recursive: true, withFileTypes: true })) if (f.isFile() && f.name !== 'manifest.json') outBytes += statSync(join(f.parentPath, f.name)).size;
  rmSync(outProbe, { recursive: true, force: true });
  const ratio = outBytes / small.bytes;
  const isnadRuns: Array<[Run, Run]> = [];
  const plainRuns: Array<[Run, Run]> = [];
  for (let i = 0; i < 3; i++) {
    isnadRuns.push([extract(small.dir), extract(big.dir)]);
    const p = (c: { dir: string }) => {
      const out = join(T, `plain-${Math.random().toString(36).slice(2)}`);
      const r = run(process.execPath, [PLAIN, c.dir, out, String(ratio)]);
      rmSync(out, { recursive: true, force: true });
      return r;
    };
    plainRuns.push([p(small), p(big)]);
  }
  const mb = (big.bytes - small.bytes) / 1e6;
  const isnadRate = mb / median(isnadRuns.map(([a, b]) => b.wall - a.wall));
  const plainRate = mb / median(plainRuns.map(([a, b]) => b.wall - a.wall));
  console.log(`\nmarginal rate, 1,000 Arabic articles more (${mb.toFixed(1)} MB; outputs ${ratio.toFixed(1)}× the input, compact JSON)`);
  console.log(`  isnad extract        ${isnadRate.toFixed(2)} MB/s`);
  console.log(`  plain read/decode/write script  ${plainRate.toFixed(2)} MB/s`);
  console.log(`  ratio                ${(isnadRate / plainRate).toFixed(2)}× (target ≥ 0.5×)`);
  console.log(`ROW Arabic CLI marginal rate vs plain read/decode/write | ${(isnadRate / plainRate).toFixed(2)}× (${isnadRate.toFixed(2)} vs ${plainRate.toFixed(2)} MB/s) | ≥ 0.5×`);

  // --jobs 2 against --jobs 1, over the larger folder.
  // The machine's own ceiling for this work: two independent one-job processes, each on half the
  // folder, against one process on all of it. No sharing between them, so what they gain is all
  // that two cores give this workload here (on a machine whose two cores share caches or a
  // physical core, far less than 2×); --jobs 2 is judged against it as well as against the target.
  const halfA = corpus(600, 0);
  const halfB = corpus(600, 600);
  const j1: Run[] = [];
  const j2: Run[] = [];
  const pair: number[] = [];
  for (let i = 0; i < 3; i++) {
    j1.push(extract(big.dir, 1));
    j2.push(extract(big.dir, 2));
    pair.push(await twoAtOnce(halfA.dir, halfB.dir));
  }
  const m = (rs: Run[], k: keyof Run) => (TIME || k === 'wall' ? median(rs.map((r) => r[k] as number)) : null);
  console.log('\n--jobs 2 vs --jobs 1 (1,200 articles, medians of 3)');
  console.log(`  jobs 1               ${fmt(m(j1, 'wall'))} s wall, ${fmt(m(j1, 'cpu'))} s CPU, ${fmt(m(j1, 'rssMiB'), 0)} MiB peak`);
  console.log(`  jobs 2               ${fmt(m(j2, 'wall'))} s wall, ${fmt(m(j2, 'cpu'))} s CPU, ${fmt(m(j2, 'rssMiB'), 0)} MiB peak`);
  const ratioOf = (k: keyof Run) => (m(j1, k) && m(j2, k) ? m(j2, k)! / m(j1, k)! : null);
  console.log(
    `  ratio                ${(m(j1, 'wall')! / m(j2, 'wall')!).toFixed(2)}× throughput (target ≥ 1.7×), ${fmt(ratioOf('cpu'))}× CPU (≤ 1.1×), ${fmt(ratioOf('rssMiB'))}× memory (≤ 1.4×)`,
  );
  console.log(`ROW --jobs 2 vs --jobs 1 | ${(m(j1, 'wall')! / m(j2, 'wall')!).toFixed(2)}× throughput, ${fmt(ratioOf('cpu'))}× CPU, ${fmt(ratioOf('rssMiB'))}× memory | ≥ 1.7×; ≤ 1.1×; ≤ 1.4×`);
  const ceiling = m(j1, 'wall')! / median(pair);
  console.log(`  two one-job processes at once, 600 articles each: ${median(pair).toFixed(2)} s wall, ${ceiling.toFixed(2)}× the throughput of one (this machine's ceiling for any --jobs 2)`);
  console.log(`ROW two independent one-job processes vs one (the machine's ceiling) | ${ceiling.toFixed(2)}× throughput; --jobs 2 reaches ${((m(j1, 'wall')! / m(j2, 'wall')!) / ceiling).toFixed(2)} of it | reference`);

  // Memory over folder size.
  if (LARGE > 0) {
    const large = corpus(LARGE);
    console.log(`\npeak memory, 200 → ${LARGE.toLocaleString('en')} articles`);
    for (const jobs of [1, 2]) {
      const a = extract(small.dir, jobs);
      const b = extract(large.dir, jobs);
      console.log(`  jobs ${jobs}: ${fmt(a.rssMiB, 0)} MiB → ${fmt(b.rssMiB, 0)} MiB (${b.rssMiB && a.rssMiB ? (b.rssMiB / a.rssMiB).toFixed(2) : 'n/a'}×), ${(LARGE / b.wall).toFixed(0)} articles/s`);
      console.log(`ROW peak memory, 200 → ${LARGE.toLocaleString('en')} articles, jobs ${jobs} | ${fmt(a.rssMiB, 0)} → ${fmt(b.rssMiB, 0)} MiB | flat`);
    }
  }
} finally {
  rmSync(T, { recursive: true, force: true });
}
