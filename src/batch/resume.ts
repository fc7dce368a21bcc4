// Resuming a batch: an article whose output already exists, made from the same
// input bytes (sha256) with the same rules+gazetteers fingerprint, is taken from
// disk instead of being extracted again; temporaries left by a killed run are
// removed before a run starts. Together with atomic writes this makes a batch
// killed at any moment finish the rest when run again, and redo nothing that
// was complete.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { opendir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestEntry } from './run-one.ts';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The fields of an output file that decide whether it is up to date, and those a manifest entry needs. */
interface StoredOutput {
  fingerprint?: unknown;
  article?: { path?: unknown; lang?: unknown; inputSha256?: unknown; encoding?: unknown };
  sentences?: unknown[];
  entities?: unknown[];
  quotes?: unknown[];
  messages?: unknown[];
}

/**
 * The manifest entry of an up-to-date output, or null when the output is missing, unreadable,
 * from other input bytes, from other rules, or for another input path.
 */
export async function reuseOutput(
  outDir: string,
  outRel: string,
  rel: string,
  inputSha256: string,
  fingerprint: string,
): Promise<ManifestEntry | null> {
  let stored: StoredOutput;
  try {
    stored = JSON.parse(await readFile(join(outDir, outRel), 'utf8')) as StoredOutput;
  } catch {
    return null;
  }
  return reusable(stored, outRel, rel, inputSha256, fingerprint);
}

/** reuseOutput with a synchronous read (the batch's per-article path; see util/write-atomic.ts). */
export function reuseOutputSync(outDir: string, outRel: string, rel: string, inputSha256: string, fingerprint: string): ManifestEntry | null {
  const path = join(outDir, outRel);
  // Note: asked first, as most outputs of a run are new: a read that fails builds an error with
  // its stack (0.1–0.3 ms an article in the profile), a look-up that finds nothing does not.
  if (!existsSync(path)) return null;
  let stored: StoredOutput;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as StoredOutput;
  } catch {
    return null;
  }
  return reusable(stored, outRel, rel, inputSha256, fingerprint);
}

function reusable(stored: StoredOutput, outRel: string, rel: string, inputSha256: string, fingerprint: string): ManifestEntry | null {
  const a = stored.article;
  if (stored.fingerprint !== fingerprint || !a || a.inputSha256 !== inputSha256 || a.path !== rel) return null;
  if (a.lang !== 'ar' && a.lang !== 'en') return null;
  const count = (xs: unknown[] | undefined) => (Array.isArray(xs) ? xs.length : 0);
  return {
    path: rel,
    output: outRel,
    status: 'ok',
    error: null,
    lang: a.lang,
    counts: {
      sentences: count(stored.sentences),
      entities: count(stored.entities),
      quotes: count(stored.quotes),
      messages: count(stored.messages),
    },
    milliseconds: 0,
    ...(typeof a.encoding === 'string' ? { encoding: a.encoding } : {}),
  };
}

/** Names of the temporary files isnad writes into an output folder (atomic writes, the streamed manifest). */
export function isTemporaryName(name: string): boolean {
  return (name.startsWith('.') && name.endsWith('.tmp')) || /^manifest\.json\..*\.tmp$/.test(name) || name === '.manifest.jsonl.partial';
}

/**
 * Removes temporaries left by a killed run anywhere under the output folder; returns how many.
 * Note: call it only while holding the folder's lock, when no other run can be writing there.
 * The review server's own folder (reviews/) is left alone: a server may be writing in it.
 */
export async function removeStaleTemporaries(outDir: string): Promise<number> {
  let removed = 0;
  const walk = async (dir: string, top: boolean): Promise<void> => {
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      return;
    }
    for await (const e of handle) {
      if (e.isDirectory()) {
        if (!(top && e.name === 'reviews')) await walk(join(dir, e.name), false);
      } else if (isTemporaryName(e.name)) {
        await rm(join(dir, e.name), { force: true });
        removed++;
      }
    }
  };
  await walk(outDir, true);
  return removed;
}
