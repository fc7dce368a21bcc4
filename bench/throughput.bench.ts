// Throughput of the per-article pipeline on Arabic text, on one core: the seed
// articles processed over and over in-process (no disk I/O), reported as MB of
// UTF-8 text per second, with the time each stage takes as a share of the
// whole. Figures are from one run on this machine; compare ratios, not seconds.
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

// Warm up the JIT, then measure for at least two seconds.
for (let i = 0; i < 50; i++) for (const a of articles) processArticle(a.bytes, { abs: a.rel, rel: a.rel }, ctx);
(globalThis as { gc?: () => void }).gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let rounds = 0;
const t0 = performance.now();
while (performance.now() - t0 < 2000) {
  for (const a of articles) processArticle(a.bytes, { abs: a.rel, rel: a.rel }, ctx);
  rounds++;
}
const seconds = (performance.now() - t0) / 1000;
const heapAfter = process.memoryUsage().heapUsed;
const mb = (totalBytes * rounds) / 1e6;
console.log(`Arabic pipeline, one core: ${(mb / seconds).toFixed(2)} MB/s of UTF-8 text (${rounds} passes over ${files.length} seeds, ${(totalBytes / 1024).toFixed(1)} KB each pass)`);
console.log(`articles per second: ${((rounds * files.length) / seconds).toFixed(0)}`);
console.log(`heap after vs before the timed loop: ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB (garbage not yet collected included)`);
