// `npm run bench`: runs every bench/*.bench.ts in its own process, one after
// the other (so that one benchmark's garbage does not slow the next), and
// prints what each reports. A benchmark may also print summary rows
// (`ROW what | measured | target`), gathered into one table at the end.
// Figures are ratios measured in one run; nothing here asserts a time.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
const rows: string[][] = [];
// The benchmarks that time the per-article code in their own process run as a bundle esbuild makes
// the way scripts/build.mjs makes dist/ (what the command line runs), not under tsx: tsx keeps every
// function's name, which costs a property definition per closure made (15% of the Arabic pipeline's
// time in a profile). The bundle is written beside the benchmark, so that paths it finds from
// import.meta.url hold, and removed after. The others time the command line (dist/) or start worker
// threads from src/ (which a bundle elsewhere would not find): they run under tsx.
const BUNDLED = new Set(['throughput.bench.ts', 'english.bench.ts']);
for (const f of files) {
  process.stdout.write(`\n### ${f}\n`);
  const bundle = BUNDLED.has(f) ? join(here, `.${f.replace(/\.ts$/, '')}.mjs`) : null;
  if (bundle) await build({ entryPoints: [join(here, f)], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const args = bundle ? ['--expose-gc', bundle] : ['--import', 'tsx', '--expose-gc', join(here, f)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('ROW ')) rows.push(line.slice(4).split('|').map((c) => c.trim()));
    else process.stdout.write(line + '\n');
  }
  const code: number = child.exitCode ?? (await new Promise((r) => child.on('close', (c) => r(c ?? 1))));
  if (bundle) rmSync(bundle, { force: true });
  if (code !== 0) failed++;
}
if (rows.length) {
  const head = ['what', 'measured in this run', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n### summary\n${line(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}\n`);
}
process.exitCode = failed ? 1 : 0;
