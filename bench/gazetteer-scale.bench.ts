// Extraction time against gazetteer size: the same article processed many times
// with the real gazetteers plus 1,000 and plus 100,000 synthetic names (random
// Arabic-letter persons, places and organisations, generated in memory). The
// trie makes the per-article cost independent of the gazetteer size, so the
// ratio should stay near 1. Prints figures only; no assertions.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadResources, PROJECT_ROOT, type Resources } from '../src/resources.ts';
import { compileGazetteer } from '../src/entities/gazetteer.ts';
import { GazetteerFileSchema, type GazetteerEntry } from '../src/schema/gazetteer.ts';
import { loadYamlFile } from '../src/util/load-yaml.ts';
import { processArticle } from '../src/process-article.ts';

const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
// mulberry32: a small deterministic generator, so every run uses the same names.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const word = () => Array.from({ length: 3 + Math.floor(rand() * 5) }, () => LETTERS[Math.floor(rand() * LETTERS.length)]).join('');

function synthetic(n: number): GazetteerEntry[] {
  const types = ['person', 'place', 'organisation'] as const;
  const out: GazetteerEntry[] = [];
  for (let i = 0; i < n; i++) {
    const type = types[i % 3]!;
    const tokens = 1 + Math.floor(rand() * 3);
    const ar = Array.from({ length: tokens }, word).join(' ');
    out.push({ id: `${type}.synthetic-${i}`, type, name: `Synthetic ${i}`, names: { ar: [ar], en: [`synthetic name ${i}`] }, roles: [] });
  }
  return out;
}

const base = loadResources();
const gzDir = join(PROJECT_ROOT, 'gazetteers');
const files = readdirSync(gzDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ file: join(gzDir, f), ...loadYamlFile(join(gzDir, f), GazetteerFileSchema) }));
const settings = { ar: base.profiles.ar.settings, en: base.profiles.en.settings };

const seedsDir = join(PROJECT_ROOT, 'seeds');
const articles = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ rel: f, bytes: readFileSync(join(seedsDir, f)) }));
const totalBytes = articles.reduce((a, b) => a + b.bytes.length, 0);

function measure(resources: Resources, rounds: number): number {
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of articles) processArticle(a.bytes, { abs: a.rel, rel: a.rel }, { resources }, { lang: 'ar' });
  return performance.now() - t0;
}

const ROUNDS = Number(process.argv[2] ?? 60);
const rows: Array<{ label: string; names: number; ms: number; heapMb: number }> = [];
for (const extra of [1_000, 100_000]) {
  (globalThis as { gc?: () => void }).gc?.();
  const warnings: string[] = [];
  seed = 42;
  const t0 = performance.now();
  const gazetteer = compileGazetteer(files, settings, warnings, { extra: synthetic(extra) });
  const compileMs = performance.now() - t0;
  const resources: Resources = { ...base, gazetteer };
  measure(resources, 3); // warm up
  const ms = measure(resources, ROUNDS);
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  if (warnings.length) console.log(`  (${warnings.length} duplicate-name warnings among the synthetic names)`);
  rows.push({ label: `+${extra.toLocaleString('en')} synthetic`, names: gazetteer.size, ms, heapMb });
  console.log(
    `${`+${extra.toLocaleString('en')} synthetic`.padEnd(20)} ${String(gazetteer.size).padStart(7)} trie names  compile ${compileMs.toFixed(0).padStart(5)} ms  ` +
      `extract ${ms.toFixed(0).padStart(6)} ms for ${ROUNDS}×${articles.length} articles (${((totalBytes * ROUNDS) / 1024 / 1024 / (ms / 1000)).toFixed(2)} MB/s)  heap ${heapMb.toFixed(1)} MB`,
  );
}
const [small, large] = rows;
console.log(`ratio (100,000 / 1,000): ${(large!.ms / small!.ms).toFixed(3)}  (target < 1.5)`);
