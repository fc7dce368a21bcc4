#!/usr/bin/env node
// Runs the built command line (dist/, made by `npm ci` or `npm run build`), so
// that a run starts without transpiling TypeScript. When dist/ is missing or
// older than a file in src/ (the sources were edited since the build), the
// sources run through tsx's loader instead, and a note says so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Extraction (here and in the workers of --jobs N, which share the flag): after each full
// collection the heap may grow to 1.5 times what survived, not V8's default of up to 4 times.
// An article's objects are garbage once its output is written, but many survive the young
// generation and wait for a full collection; with the default, each heap (about 22 MB live) grew to
// 70–90 MB before one came, so the peak grew with the length of the run (--jobs 2: 179 MiB over
// 200 articles, 349 MiB over 20,000). The full collections this adds cost about 1% of the CPU.
if (process.argv[2] === 'extract' || process.argv[2] === 'worker') setFlagsFromString('--heap-growing-percent=50');

const root = fileURLToPath(new URL('..', import.meta.url));

function distIsCurrent() {
  const stamp = join(root, 'dist', 'BUILT');
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const src = join(root, 'src');
  for (const e of readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs > built) return false;
  }
  return true;
}

let main;
if (distIsCurrent()) {
  ({ main } = await import('../dist/cli.js'));
} else {
  if (existsSync(join(root, 'dist'))) process.stderr.write('isnad: dist/ is older than src/; running the sources (npm run build makes it current)\n');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
