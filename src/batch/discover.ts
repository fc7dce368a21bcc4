// Finds article files under the inputs, streaming: a folder of any size is
// walked one directory at a time, in sorted order, without listing it whole.
import { access, lstat, opendir, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ArticleFile } from './run-one.ts';

export const ARTICLE_EXTENSIONS = /\.(txt|html?)$/i;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Checks that every input exists before any work starts. */
export async function checkInputs(inputs: string[]): Promise<void> {
  for (const input of inputs) {
    try {
      await stat(input);
    } catch {
      throw new UsageError(`no such file or folder: ${input}`);
    }
  }
}

export interface DiscoverOptions {
  /** Read the files that symbolic links point to; otherwise links are skipped (and listed). */
  follow?: boolean;
}

/**
 * Every article under the inputs, in a stable order. A folder that cannot be read becomes a failed
 * entry and the walk goes on; symbolic links (unless followed), FIFOs, sockets and devices that
 * look like articles are yielded as skipped, with the reason. Reading a FIFO would block the batch.
 */
/** A folder given by an option (--rules, --gazetteers, --gold) must exist and be a folder. */
export async function checkFolderOption(option: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  const st = await stat(path).catch(() => null);
  if (!st) throw new UsageError(`${option}: no such folder: ${path}`);
  if (!st.isDirectory()) throw new UsageError(`${option}: not a folder: ${path}`);
}

/** Pseudo file systems that hold no files: writing there fails or hangs. */
const PSEUDO_FS = ['/proc', '/sys', '/dev'];

/**
 * Checks --out before any work: an existing path must be a folder; a new one must be creatable
 * (its nearest existing parent is a writable folder); nothing under /proc, /sys or /dev.
 * Nothing is created here: usage errors leave no trace.
 */
export async function checkOutDir(out: string): Promise<void> {
  let probe = resolve(out);
  let st = await stat(probe).catch(() => null);
  if (st && !st.isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  while (!st) {
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
    st = await stat(probe).catch(() => null);
    if (st && !st.isDirectory()) throw new UsageError(`--out ${out}: ${probe} is a file, not a folder`);
  }
  const real = await realpath(probe).catch(() => probe);
  const pseudo = PSEUDO_FS.find((p) => real === p || real.startsWith(p + '/'));
  if (pseudo) throw new UsageError(`--out ${out} is under ${pseudo}, which cannot hold output files`);
  try {
    await access(probe, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${out}: cannot write in ${probe}`);
  }
}

export async function* discoverArticles(inputs: string[], opts: DiscoverOptions = {}): AsyncGenerator<ArticleFile> {
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch (err) {
      yield { abs: input, rel: basename(input), problem: { status: 'failed', stage: 'discover', message: `cannot read: ${errorText(err)}` } };
      continue;
    }
    if (st.isFile()) {
      yield { abs: input, rel: basename(input) };
      continue;
    }
    if (!st.isDirectory()) {
      yield { abs: input, rel: basename(input), problem: { status: 'skipped', stage: 'discover', message: `${kindOf(st)}, not a regular file` } };
      continue;
    }
    yield* walk(input, input, opts);
  }
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e?.message ?? err);
}

function kindOf(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a file or folder';
}

type Found = { name: string; kind: 'dir' } | { name: string; kind: 'file' } | { name: string; kind: 'problem'; problem: NonNullable<ArticleFile['problem']> };

async function* walk(root: string, dir: string, opts: DiscoverOptions): AsyncGenerator<ArticleFile> {
  const relOf = (abs: string) => relative(root, abs).split(sep).join('/');
  // Entries of one directory are sorted for a stable order; subfolders are walked lazily.
  const names: Found[] = [];
  try {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      const isArticle = ARTICLE_EXTENSIONS.test(entry.name);
      if (entry.isDirectory()) names.push({ name: entry.name, kind: 'dir' });
      else if (entry.isFile()) {
        if (isArticle) names.push({ name: entry.name, kind: 'file' });
      } else if (entry.isSymbolicLink()) {
        const found = await followLink(join(dir, entry.name), entry.name, isArticle, opts);
        if (found) names.push(found);
      } else if (isArticle) {
        const st = await lstat(join(dir, entry.name)).catch(() => null);
        names.push({ name: entry.name, kind: 'problem', problem: { status: 'skipped', stage: 'discover', message: `${st ? kindOf(st) : 'not a regular file'}, not read` } });
      }
    }
  } catch (err) {
    // Note: the entries already listed are still walked; only the rest of this folder is lost.
    yield { abs: dir, rel: relOf(dir) || basename(dir), problem: { status: 'failed', stage: 'discover', message: `cannot read folder: ${errorText(err)}` } };
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const abs = join(dir, n.name);
    if (n.kind === 'dir') yield* walk(root, abs, opts);
    else if (n.kind === 'file') yield { abs, rel: relOf(abs) };
    else yield { abs, rel: relOf(abs), problem: n.problem };
  }
}

/** A symbolic link found in a folder: skipped with the reason, or (with --follow) the file it points to. */
async function followLink(abs: string, name: string, isArticle: boolean, opts: DiscoverOptions): Promise<Found | null> {
  const target = await stat(abs).catch(() => null);
  const skipped = (message: string): Found => ({ name, kind: 'problem', problem: { status: 'skipped', stage: 'discover', message } });
  if (!target) return isArticle ? skipped('a broken symbolic link (its target does not exist)') : null;
  if (target.isDirectory()) return skipped('a symbolic link to a folder (not followed)');
  if (!isArticle) return null;
  if (!target.isFile()) return skipped(`a symbolic link to ${kindOf(target)}, not read`);
  if (!opts.follow) return skipped('a symbolic link (not followed; --follow reads the file it points to)');
  return { name, kind: 'file' };
}

/** Counts the articles without keeping them (for the progress bar). */
export async function countArticles(inputs: string[], opts: DiscoverOptions = {}): Promise<number> {
  let n = 0;
  for await (const f of discoverArticles(inputs, opts)) if (!f.problem) n++;
  return n;
}
