#!/usr/bin/env node
// Runs the built command line (dist/, made by `npm ci` or `npm run build`), so
// that a run starts without transpiling TypeScript. When dist/ is missing or
// older than a file in src/ (the sources were edited since the build), the
// sources run through tsx's loader instead, and a note says so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
