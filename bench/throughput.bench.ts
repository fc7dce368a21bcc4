// Throughput of the per-article pipeline on Arabic text, on one core: the seed
// articles processed over and over in-process (no disk I/O), reported as MB of
// UTF-8 text per second, beside Intl.Segmenter's sentence segmentation alone
// over the same paragraphs (every line of the body), measured in the
// same run right after, in a process of its own. Then
// the time each stage takes as a share of the whole, output validation
// included. Figures are from one run on this machine; compare ratios, not seconds.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResources } from '../src/resources.ts';
import { processArticle } from '../src/process-article.ts';

const seedsDir = fileURLToPath(new URL('../seeds', import.meta.url));
const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
const articles = files.map((f) => ({ rel: f, bytes: readFileSync(join(seedsDir, f)) }));
const ctx = { resources: loadResources() };
const totalBytes = articles.reduce((n, a) => n + a.bytes.length, 0);
const runPipeline = (stageTimes?: Map<string, number>) => {
  for (const a of articles) processArticle(a.bytes, { abs: a.rel, rel: a.rel }, ctx, stageTimes ? { stageTimes } : {});
};

// Every line of the body, boilerplate left out: what segment-text would hand the segmenter if it
// asked it about every paragraph (it asks only about those its own walk cannot split).
const paragraphs: string[] = [];
for (const a of articles) {
  const out = processArticle(a.bytes, { abs: a.rel, rel: a.rel }, ctx);
  let pos = 0;
  for (const line of out.source.split('\n')) {
    const start = pos + (line.length - line.trimStart().length);
    const end = pos + line.trimEnd().length;
    pos += line.length + 1;
    if (end <= start || out.boilerplate.some((b) => b.start <= start && end <= b.end)) continue;
    paragraphs.push(out.source.slice(start, end));
  }
}
const paragraphBytes = paragraphs.reduce((n, p) => n + Buffer.byteLength(p), 0);

// The pipeline: warm up the JIT, then at least four seconds, timed by the process's CPU time (all its
// threads, the garbage collector's included), which other processes on a loaded machine disturb far
// less than the clock on the wall. The warm-up runs two seconds, not a fixed number of passes: the
// optimising compiler was still at work on the largest functions (the entity walk) after 50 passes,
// and a batch spends nearly all its time past that point.
const w0 = performance.now();
let warmRounds = 0;
while (performance.now() - w0 < 2000 || warmRounds < 50) {
  runPipeline();
  warmRounds++;
}
(globalThis as { gc?: () => void }).gc?.();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const heapBefore = process.memoryUsage().heapUsed;
let rounds = 0;
let pipelineWall = 0;
const t0 = performance.now();
const a0 = cpuMs();
while (performance.now() - t0 < 4000 || rounds < 20) {
  const w = performance.now();
  runPipeline();
  pipelineWall += performance.now() - w;
  rounds++;
}
const pipelineMs = cpuMs() - a0;
const heapAfter = process.memoryUsage().heapUsed;
// The reference in a process of its own, right after, over the same paragraphs: in this process the
// collector's threads, busy with the pipeline's garbage, charged their work to the segmenter's
// window (it measured 20–28 MB/s beside one pipeline and 38–43 beside a leaner one).
const paraFile = join(mkdtempSync(join(tmpdir(), 'isnad-bench-')), 'paragraphs.json');
writeFileSync(paraFile, JSON.stringify(paragraphs));
const reference = spawnSync(
  process.execPath,
  [
    '-e',
    `const ps = JSON.parse(require('fs').readFileSync(${JSON.stringify(paraFile)}, 'utf8'));
     const seg = new Intl.Segmenter('ar', { granularity: 'sentence' });
     let n = 0; const run = () => { for (const p of ps) for (const _ of seg.segment(p)) n++; };
     const w = performance.now(); for (let i = 0; i < 50 || performance.now() - w < 2000; i++) run();
     const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
     const t = performance.now(); const c = cpu(); let r = 0;
     while (performance.now() - t < 3000 || r < 20) { run(); r++; }
     process.stdout.write(JSON.stringify({ rounds: r, ms: cpu() - c }));`,
  ],
  { encoding: 'utf8' },
);
const ref = JSON.parse(reference.stdout) as { rounds: number; ms: number };
const segmenterMs = (ref.ms * rounds) / ref.rounds;
const pipelineRate = (totalBytes * rounds) / 1e3 / pipelineMs;
const segmenterRate = (paragraphBytes * ref.rounds) / 1e3 / ref.ms;
console.log(`Arabic pipeline, one core: ${pipelineRate.toFixed(2)} MB/s of UTF-8 text per CPU second (${((totalBytes * rounds) / 1e3 / pipelineWall).toFixed(2)} MB/s by the wall clock; ${rounds} passes over ${files.length} seeds, ${(totalBytes / 1024).toFixed(1)} KB each pass)`);
console.log(`articles per CPU second: ${((rounds * files.length * 1000) / pipelineMs).toFixed(0)}`);
console.log(
  `Intl.Segmenter alone (sentence, 'ar') over the same ${paragraphs.length} paragraphs (${(paragraphBytes / 1024).toFixed(1)} KB): ${segmenterRate.toFixed(2)} MB/s per CPU second`,
);
console.log(`pipeline / Intl.Segmenter, time for the same articles: ${(segmenterMs / pipelineMs).toFixed(3)}× (MB/s ratio ${(pipelineRate / segmenterRate).toFixed(3)}×)`);
console.log(`heap after vs before the timed loop: ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB (garbage not yet collected included)`);

// Per-stage shares, in a separate loop (timing each stage costs a little).
const stageTimes = new Map<string, number>();
const t1 = performance.now();
while (performance.now() - t1 < 2000) runPipeline(stageTimes);
const staged = [...stageTimes.values()].reduce((x, y) => x + y, 0);
console.log('\nshare of the per-article time by stage:');
for (const [name, ms] of stageTimes) console.log(`  ${name.padEnd(22)} ${((100 * ms) / staged).toFixed(1).padStart(5)} %`);
console.log(`output validation (validate-output): ${((100 * (stageTimes.get('validate-output') ?? 0)) / staged).toFixed(1)} % of the per-article time`);
console.log(`ROW Arabic processArticle, in-process | ${pipelineRate.toFixed(2)} MB/s per CPU second; ${(pipelineRate / segmenterRate).toFixed(3)}× Intl.Segmenter | ≥ 10 MB/s; ≥ 0.35×`);
console.log(`ROW output validation share | ${((100 * (stageTimes.get('validate-output') ?? 0)) / staged).toFixed(1)} % | ≤ 5 %`);
