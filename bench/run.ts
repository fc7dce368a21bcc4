// `npm run bench`: runs every bench/*.bench.ts in its own process, one after
// the other (so that one benchmark's garbage does not slow the next), and
// prints what each reports. A benchmark may also print summary rows
// (`ROW what | measured | target`), gathered into one table at the end.
// Figures are ratios measured in one run; nothing here asserts a time.
import { readdirSync } from 'node:fs';
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
for (const f of files) {
  process.stdout.write(`\n### ${f}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, f)], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('ROW ')) rows.push(line.slice(4).split('|').map((c) => c.trim()));
    else process.stdout.write(line + '\n');
  }
  const code: number = child.exitCode ?? (await new Promise((r) => child.on('close', (c) => r(c ?? 1))));
  if (code !== 0) failed++;
}
if (rows.length) {
  const head = ['what', 'measured in this run', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n### summary\n${line(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}\n`);
}
process.exitCode = failed ? 1 : 0;
