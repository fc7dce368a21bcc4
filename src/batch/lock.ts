// One run at a time per output folder: a lock file (.isnad.lock) created
// exclusively, holding the pid and host of its holder. A second run refuses
// with a message naming the holder; the lock of a process that no longer
// exists (a run killed with SIGKILL) is taken over.
import { hostname } from 'node:os';
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_NAME = '.isnad.lock';

export class LockHeldError extends Error {
  constructor(
    readonly holder: LockInfo,
    readonly path: string,
  ) {
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
    super(
      `output folder ${path.replace(/[\\/][^\\/]+$/, '')} is in use by another isnad run (${where}, since ${holder.started}); ` +
        `wait for it to finish or stop it` +
        (holder.host === hostname() ? '' : `; if that run is gone, remove ${path}`),
    );
    this.name = 'LockHeldError';
  }
}

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

export interface FolderLock {
  path: string;
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

/** Takes the lock on `dir` (created if missing) or throws LockHeldError. */
export async function lockFolder(dir: string): Promise<FolderLock> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  const mine: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(JSON.stringify(mine) + '\n');
      await fh.close();
      return {
        path,
        release: async () => {
          const held = await readLock(path);
          if (held && held.pid === mine.pid && held.host === mine.host) await rm(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readLock(path);
    // A lock being written this instant reads as empty: look again before judging it.
    if (!holder) {
      await new Promise((r) => setTimeout(r, 50));
      const again = await readLock(path);
      if (!again) {
        await rm(path, { force: true });
        continue;
      }
      throw new LockHeldError(again, path);
    }
    if (holder.host !== mine.host || alive(holder.pid)) throw new LockHeldError(holder, path);
    // A stale lock: move it aside under a private name, then check that what was moved is the stale one
    // (another run may have taken it over between our read and the rename); if not, put it back.
    const aside = `${path}.${process.pid}.stale`;
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readLock(aside);
    if (moved && (moved.pid !== holder.pid || moved.host !== holder.host)) {
      await link(aside, path).catch(() => undefined);
      await rm(aside, { force: true });
      throw new LockHeldError(moved, path);
    }
    await rm(aside, { force: true });
  }
  throw new Error(`could not take the lock ${path}`);
}
