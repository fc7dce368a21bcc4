// The rules+gazetteers fingerprint: one hash of every file under rules/ and
// gazetteers/ (relative path and bytes, in sorted order) and of the output
// schema version. An output carries the fingerprint of the data that produced
// it, so a later run can tell whether it is still up to date, and a queue
// worker can tell whether it runs with the same data as its producer.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { SCHEMA_VERSION } from '../schema/output.ts';

function filesUnder(root: string): string[] {
  let st;
  try {
    st = statSync(root);
  } catch {
    return [];
  }
  if (!st.isDirectory()) return [root];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Hashes the files under both folders and the schema version; "sha256:<hex>". */
export function computeFingerprint(rulesDir: string, gazetteersDir: string): string {
  const h = createHash('sha256');
  h.update(`schema ${SCHEMA_VERSION}\0`);
  for (const [label, dir] of [
    ['rules', resolve(rulesDir)],
    ['gazetteers', resolve(gazetteersDir)],
  ] as const) {
    for (const file of filesUnder(dir)) {
      // Note: paths are hashed relative to their folder, so the same data in another checkout gives the same fingerprint.
      const rel = relative(dir, file).split(sep).join('/');
      const bytes = readFileSync(file);
      h.update(`${label}/${rel}\0${bytes.length}\0`);
      h.update(bytes);
    }
  }
  return `sha256:${h.digest('hex')}`;
}

const cache = new Map<string, string>();

/**
 * The fingerprint of a run's data, computed once per process and folder pair.
 * Note: it is taken when first asked for (at the start of a run); editing rules/ during a
 * run is not noticed until the next run.
 */
export function rulesFingerprint(dirs: { rulesDir: string; gazetteersDir: string }): string {
  const key = `${resolve(dirs.rulesDir)}\0${resolve(dirs.gazetteersDir)}`;
  let fp = cache.get(key);
  if (fp === undefined) {
    fp = computeFingerprint(dirs.rulesDir, dirs.gazetteersDir);
    cache.set(key, fp);
  }
  return fp;
}
