// Finds article files under the inputs, streaming: a folder of any size is
// walked one directory at a time, in sorted order, without listing it whole.
import { opendir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
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

export async function* discoverArticles(inputs: string[]): AsyncGenerator<ArticleFile> {
  for (const input of inputs) {
    const st = await stat(input);
    if (st.isFile()) {
      yield { abs: input, rel: basename(input) };
      continue;
    }
    yield* walk(input, input);
  }
}

async function* walk(root: string, dir: string): AsyncGenerator<ArticleFile> {
  // Entries of one directory are sorted for a stable order; subfolders are walked lazily.
  const names: Array<{ name: string; isDir: boolean }> = [];
  for await (const entry of await opendir(dir)) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) names.push({ name: entry.name, isDir: true });
    else if (entry.isFile() && ARTICLE_EXTENSIONS.test(entry.name)) names.push({ name: entry.name, isDir: false });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const abs = join(dir, n.name);
    if (n.isDir) yield* walk(root, abs);
    else yield { abs, rel: relative(root, abs).split(sep).join('/') };
  }
}

/** Counts the articles without keeping them (for the progress bar). */
export async function countArticles(inputs: string[]): Promise<number> {
  let n = 0;
  for await (const _ of discoverArticles(inputs)) n++;
  return n;
}
