// Throughput of the per-article pipeline on Arabic text, on one core: the seed
// articles processed over and over in-process (no disk I/O), reported as MB of
// UTF-8 text per second, beside Intl.Segmenter's sentence segmentation alone
// over the same paragraphs (every line of the body), measured in the
// same run, alternating, so that the machine's load weighs on both alike. Then
// the time each stage takes as a share of the whole, output validation
// included. Figures are from one run on this machine; compare ratios, not seconds.
import { readFileSync, readdirSync } from 'node:fs';
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
const segmenter = new Intl.Segmenter('ar', { granularity: 'sentence' });
let sentences = 0;
const runSegmenter = () => {
  for (const p of paragraphs) for (const _ of segmenter.segment(p)) sentences++;
};

// Warm up the JIT, then alternate the two for at least four seconds. Both are timed by the
// process's CPU time (all its threads, the garbage collector's included), which other
// processes on a loaded machine disturb far less than the clock on the wall.
for (let i = 0; i < 50; i++) {
  runPipeline();
  runSegmenter();
}
(globalThis as { gc?: () => void }).gc?.();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const heapBefore = process.memoryUsage().heapUsed;
let rounds = 0;
let pipelineMs = 0;
let segmenterMs = 0;
let pipelineWall = 0;
const t0 = performance.now();
// The pipeline's garbage is collected (a full collection, forced) inside its own window, so that the
// collector's helper threads do not charge the pipeline's garbage to the segmenter's window that
// follows: each side pays for what it allocates.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
while (performance.now() - t0 < 4000 || rounds < 20) {
  const w = performance.now();
  const a = cpuMs();
  runPipeline();
  gc();
  const b = cpuMs();
  pipelineWall += performance.now() - w;
  runSegmenter();
  const c = cpuMs();
  pipelineMs += b - a;
  segmenterMs += c - b;
  rounds++;
}
const heapAfter = process.memoryUsage().heapUsed;
const pipelineRate = (totalBytes * rounds) / 1e3 / pipelineMs;
const segmenterRate = (paragraphBytes * rounds) / 1e3 / segmenterMs;
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
