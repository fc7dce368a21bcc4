// Output files are written to a temporary file beside the target and renamed
// over it, so that an interrupted run never leaves a half-written file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Note: a short name of its own, not the target's name plus a suffix, which would push a
  // 250-byte name past the 255-byte limit of most file systems (ENAMETOOLONG).
  const tmp = join(dirname(path), `.isnad-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}
