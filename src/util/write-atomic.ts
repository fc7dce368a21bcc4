// Output files are written to a temporary file beside the target and renamed
// over it, so that an interrupted run never leaves a half-written file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

// Folders this process has made (or found) already: one mkdir per folder, not one per file.
// Note: forgotten past MADE_LIMIT entries, so that memory stays bounded over any tree of folders.
const made = new Set<string>();
const MADE_LIMIT = 10_000;

async function ensureFolder(dir: string): Promise<void> {
  if (made.has(dir)) return;
  await mkdir(dir, { recursive: true });
  if (made.size >= MADE_LIMIT) made.clear();
  made.add(dir);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await ensureFolder(dir);
  // Note: a short name of its own, not the target's name plus a suffix, which would push a
  // 250-byte name past the 255-byte limit of most file systems (ENAMETOOLONG).
  const tmp = join(dir, `.isnad-${randomBytes(6).toString('hex')}.tmp`);
  try {
    try {
      await writeFile(tmp, data);
    } catch (err) {
      // The folder was removed since it was made: make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      made.delete(dir);
      await ensureFolder(dir);
      await writeFile(tmp, data);
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes JSON atomically: indented for people reading by hand when `pretty`, compact otherwise. */
export async function writeJsonAtomic(path: string, value: unknown, opts: { pretty?: boolean } = { pretty: true }): Promise<void> {
  await writeFileAtomic(path, (opts.pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)) + '\n');
}
