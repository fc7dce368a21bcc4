// Shared by the resume and queue tests: a small article folder, the CLI as a child process, and
// comparison of output folders minus timings.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'src', 'cli.ts');
// Entities are not what these tests are about: an empty gazetteer folder keeps start-up quick.
export const NO_GAZETTEERS = join(ROOT, 'tests', 'foundation', 'fixtures', 'no-gazetteers');

/** The five seeds, `perLanguage` Arabic and English development articles each (default 1), and optionally one broken (binary) file. */
export function makeArticleFolder(dir: string, opts: { broken?: boolean; perLanguage?: number } = {}): string[] {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  const names: string[] = [];
  for (const f of readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort()) {
    copyFileSync(join(ROOT, 'seeds', f), join(dir, f));
    names.push(f);
  }
  for (const lang of ['ar', 'en']) {
    const src = join(ROOT, 'tests', 'corpus', lang, 'articles');
    for (const f of readdirSync(src).filter((f) => f.endsWith('.txt')).sort().slice(0, opts.perLanguage ?? 1)) {
      copyFileSync(join(src, f), join(dir, 'sub', `${lang}-${f}`));
      names.push(`sub/${lang}-${f}`);
    }
  }
  if (opts.broken) {
    writeFileSync(join(dir, 'sub', 'broken.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x00, 0x13, 0x37, 0x00, 0x9f]));
    names.push('sub/broken.txt');
  }
  return names;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** manifest.json with every timing set to 0. */
export function manifestMinusTimings(dir: string): unknown {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    summary: { milliseconds: number };
    articles: Array<{ milliseconds: number }>;
  };
  m.summary.milliseconds = 0;
  for (const a of m.articles) a.milliseconds = 0;
  return m;
}

/** Every file of `dir` but the manifest, as bytes keyed by relative path. */
export function outputsOf(dir: string): Map<string, Buffer> {
  return new Map(filesUnder(dir).filter((f) => f !== 'manifest.json').map((f) => [f, readFileSync(join(dir, f))]));
}

export interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stderr holds `n` lines matching `re`. */
  lines: (re: RegExp, n: number) => Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `isnad ...args` as a child process (node --import tsx, as npx tsx runs it). */
export function isnadChild(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<{ re: RegExp; n: number; resolve: () => void }> = [];
  const check = () => {
    for (const w of [...waiters]) {
      const count = err.split('\n').filter((l) => w.re.test(l)).length;
      if (count >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    check();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ code, signal });
    }),
  );
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    lines: (re, n) =>
      new Promise<void>((resolve) => {
        waiters.push({ re, n, resolve });
        check();
      }),
    exit,
  };
}

/** A small seeded generator (mulberry32), so that "random" kill points are the same on every run of a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
