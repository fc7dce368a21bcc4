// The project's root folder (the one holding package.json, rules/ and
// gazetteers/), found from this module's own location so that it is the same
// whether the code runs from src/ (tsx, tests) or from a bundle in dist/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; ) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from, '..');
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** True when this code runs from the built bundle (dist/), not from the TypeScript sources. */
export const RUNNING_BUILT = import.meta.url.endsWith('.js');
