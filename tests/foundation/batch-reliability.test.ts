// A batch never stops, hangs or loses an article silently: a dead worker, an unreadable folder,
// links and FIFOs, reserved output names and long file names each become an entry that says what
// happened, and the batch finishes with its manifest.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch, type BatchOptions } from '../../src/batch/batch.ts';
import { discoverArticles } from '../../src/batch/discover.ts';
import { createWorkerPool } from '../../src/batch/worker-pool.ts';
import { outputPathFor, ManifestEntrySchema, type ManifestEntry } from '../../src/batch/run-one.ts';
import { processArticle, StageError } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';
import { ArticleOutputSchema } from '../../src/schema/output.ts';

const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
const FAKE_WORKER = new URL('./fixtures/fake-worker.ts', import.meta.url);
const SEED = readFileSync(fileURLToPath(new URL('../../seeds/000_3d9604a9e474a807.txt', import.meta.url)));
const T = mkdtempSync(join(tmpdir(), 'isnad-reliability-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));
const resources = loadResources({ gazetteersDir: NO_GAZETTEERS });
let n = 0;

function folder(files: Record<string, string | Uint8Array>): string {
  const dir = join(T, `in-${n++}`);
  mkdirSync(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}
const options = (extra: Partial<BatchOptions>): BatchOptions => ({
  inputs: [],
  outDir: join(T, `out-${n++}`),
  jobs: 1,
  article: {},
  resources: { gazetteersDir: NO_GAZETTEERS },
  preloaded: resources,
  ...extra,
});
interface Manifest {
  summary: Record<string, number>;
  articles: ManifestEntry[];
}
function manifestOf(outDir: string): Manifest {
  const m = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  for (const e of m.articles) ManifestEntrySchema.parse(e);
  return m;
}
const byPath = (m: Manifest) => Object.fromEntries(m.articles.map((e) => [e.path, e]));

describe('the manifest says which encoding each article was read in', () => {
  it('UTF-8 with a bad byte, windows-1256 and UTF-16 without BOM', async () => {
    const dir = folder({
      'bad-byte.txt': Buffer.concat([SEED, Buffer.from([0xff])]),
      'cp1256.txt': Buffer.from([0xde, 0xc7, 0xe1, 0x20, 0xc7, 0xe1, 0xe6, 0xd2, 0xed, 0xd1, 0x20, 0xc5, 0xe4, 0x20, 0xc7, 0xe1, 0xcd, 0xe6, 0xc7, 0xd1, 0x20, 0xe3, 0xd3, 0xca, 0xe3, 0xd1]),
      'utf16.txt': Buffer.from('The minister said talks would continue.', 'utf16le'),
    });
    const opts = options({ inputs: [dir] });
    await runBatch(opts);
    const m = byPath(manifestOf(opts.outDir));
    expect(m['bad-byte.txt']).toMatchObject({ status: 'ok', encoding: 'utf-8' });
    expect(m['bad-byte.txt']!.counts!.messages).toBeGreaterThan(0);
    expect(m['cp1256.txt']).toMatchObject({ status: 'ok', encoding: 'windows-1256' });
    expect(m['utf16.txt']).toMatchObject({ status: 'ok', encoding: 'utf-16le' });
  });
});

describe('outputs never take a reserved name', () => {
  it.each([
    ['a/b.txt', 'a/b.json'],
    ['manifest.txt', 'manifest.txt.json'],
    ['sub/manifest.html', 'sub/manifest.html.json'],
    ['x.review.txt', 'x.review.txt.json'],
    ['x.gold.txt', 'x.gold.txt.json'],
    ['reviews/a.txt', 'reviews_/a.json'],
    ['.hidden.txt', '_.hidden.txt.json'],
    ['notes/reviews/a.txt', 'notes/reviews/a.json'],
  ])('%s → %s', (rel, out) => {
    expect(outputPathFor(rel)).toBe(out);
  });

  it('an input named manifest.txt keeps its output, and manifest.json stays the manifest', async () => {
    const dir = folder({ 'manifest.txt': 'The minister said talks would continue.', 'other.txt': 'قال الوزير إن الحوار مستمر.' });
    const opts = options({ inputs: [dir] });
    await runBatch(opts);
    const m = manifestOf(opts.outDir);
    expect(m.articles.map((e) => [e.path, e.status, e.output])).toEqual([
      ['manifest.txt', 'ok', 'manifest.txt.json'],
      ['other.txt', 'ok', 'other.json'],
    ]);
    expect(ArticleOutputSchema.parse(JSON.parse(readFileSync(join(opts.outDir, 'manifest.txt.json'), 'utf8'))).article.path).toBe('manifest.txt');
  });
});

describe('a dead worker becomes a failed entry, is replaced, and the batch finishes', () => {
  it('the pool: exit, crash and hang each fail their article; the others are answered', async () => {
    const pool = createWorkerPool({ jobs: 2, outDir: T, article: {}, resources: {}, hardStopMs: 1500, script: FAKE_WORKER });
    try {
      const names = ['a.txt', 'die.txt', 'b.txt', 'throw.txt', 'c.txt', 'hang.txt', 'd.txt'];
      const entries = await Promise.all(names.map((rel) => pool.process({ abs: join(T, rel), rel })));
      const got = Object.fromEntries(entries.map((e) => [e.path, e]));
      for (const ok of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) expect(got[ok]!.status).toBe('ok');
      expect(got['die.txt']).toMatchObject({ status: 'failed', error: { stage: 'worker', message: expect.stringMatching(/^worker died: exited with code 3/) } });
      expect(got['throw.txt']).toMatchObject({ status: 'failed', error: { stage: 'worker', message: expect.stringMatching(/^worker died: .*simulated crash/) } });
      expect(got['hang.txt']).toMatchObject({ status: 'failed', error: { stage: 'worker', message: expect.stringMatching(/^worker died: stopped after/) } });
      // Three deaths need a third worker at least. A worker that crashes holding two articles
      // leaves the culprit unknown, and both are retried alone (one more death): at most two
      // workers plus a replacement for each of five deaths.
      expect(pool.started()).toBeGreaterThanOrEqual(3);
      expect(pool.started()).toBeLessThanOrEqual(7);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('a worker that dies holding two articles: each is retried alone, only the culprit fails', async () => {
    const pool = createWorkerPool({ jobs: 1, outDir: T, article: {}, resources: {}, hardStopMs: 10_000, script: FAKE_WORKER });
    try {
      const [die, b] = await Promise.all(['die.txt', 'b.txt'].map((rel) => pool.process({ abs: join(T, rel), rel })));
      expect(die).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^worker died: exited with code 3/) } });
      expect(b!.status).toBe('ok');
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('the hard stop runs from when an article reaches the head of its worker, not from when it was sent', async () => {
    // Two articles of 1 s each on one worker with a 1.5 s hard stop: the second is sent at once
    // but worked on from 1 s to 2 s, inside its own 1.5 s.
    const pool = createWorkerPool({ jobs: 1, outDir: T, article: {}, resources: {}, hardStopMs: 1500, script: FAKE_WORKER });
    try {
      const entries = await Promise.all(['slow1.txt', 'slow2.txt'].map((rel) => pool.process({ abs: join(T, rel), rel })));
      expect(entries.map((e) => e.status)).toEqual(['ok', 'ok']);
      expect(pool.started()).toBe(1);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('runBatch with --jobs 2 writes a manifest with the failed entry', async () => {
    const dir = folder({ 'a.txt': 'x', 'die.txt': 'x', 'z.txt': 'x' });
    const opts = options({ inputs: [dir], jobs: 2, preloaded: undefined, workerScript: FAKE_WORKER });
    const summary = await runBatch(opts);
    expect(summary).toMatchObject({ articles: 3, ok: 2, failed: 1 });
    const m = byPath(manifestOf(opts.outDir));
    expect(m['die.txt']!.error).toMatchObject({ stage: 'worker', message: expect.stringMatching(/^worker died/) });
  }, 30_000);

  it('workers are started only as articles need them: never more than the articles', async () => {
    const pool = createWorkerPool({ jobs: 8, outDir: T, article: {}, resources: {}, hardStopMs: 10_000, script: FAKE_WORKER });
    try {
      await Promise.all(['a.txt', 'b.txt'].map((rel) => pool.process({ abs: join(T, rel), rel })));
      expect(pool.started()).toBe(2);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('discovery: a folder that cannot be read, links and FIFOs', () => {
  it('a subfolder that disappears (cannot be opened) is a failed entry and the walk goes on', async () => {
    const dir = folder({ 'a/one.txt': 'x', 'b/two.txt': 'x', 'c/three.txt': 'x' });
    const seen: Array<[string, string]> = [];
    for await (const f of discoverArticles([dir])) {
      seen.push([f.rel, f.problem ? `${f.problem.status} ${f.problem.stage}` : 'article']);
      if (f.rel === 'a/one.txt') rmSync(join(dir, 'b'), { recursive: true });
    }
    expect(seen).toEqual([
      ['a/one.txt', 'article'],
      ['b', 'failed discover'],
      ['c/three.txt', 'article'],
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('a subfolder without read permission is a failed entry (not as root)', async () => {
    const dir = folder({ 'a/one.txt': 'x', 'locked/two.txt': 'x' });
    execFileSync('chmod', ['000', join(dir, 'locked')]);
    try {
      const opts = options({ inputs: [dir] });
      await runBatch(opts);
      expect(byPath(manifestOf(opts.outDir))['locked']).toMatchObject({ status: 'failed', error: { stage: 'discover' } });
    } finally {
      execFileSync('chmod', ['755', join(dir, 'locked')]);
    }
  });

  const linked = () => {
    const dir = folder({ 'real/article.txt': 'The minister said talks would continue.', 'plain.txt': 'قال الوزير إن الحوار مستمر.' });
    symlinkSync(join(dir, 'real', 'article.txt'), join(dir, 'link.txt'));
    symlinkSync(join(dir, 'real'), join(dir, 'dirlink'));
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'broken.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    return dir;
  };

  it('without --follow: links and the FIFO are listed as skipped with the reason, and nothing blocks', async () => {
    const opts = options({ inputs: [linked()] });
    const summary = await runBatch(opts);
    expect(summary).toMatchObject({ articles: 2, ok: 2, failed: 0, skipped: 4 });
    const m = byPath(manifestOf(opts.outDir));
    expect(m['link.txt']).toMatchObject({ status: 'skipped', output: null, error: { stage: 'discover', message: expect.stringMatching(/symbolic link.*--follow/) } });
    expect(m['dirlink']!.error!.message).toMatch(/symbolic link to a folder/);
    expect(m['broken.txt']!.error!.message).toMatch(/broken symbolic link/);
    expect(m['pipe.txt']!.error!.message).toMatch(/FIFO/);
    expect(existsSync(join(opts.outDir, 'link.json'))).toBe(false);
  }, 30_000);

  it('with --follow: a link to a file is read', async () => {
    const opts = options({ inputs: [linked()], follow: true });
    const summary = await runBatch(opts);
    expect(summary).toMatchObject({ articles: 3, ok: 3, skipped: 3 });
    expect(byPath(manifestOf(opts.outDir))['link.txt']).toMatchObject({ status: 'ok', output: 'link.json' });
  }, 30_000);
});

describe('long file names', () => {
  it('a 250-byte file name is extracted (the temporary name is short)', async () => {
    const name = `${'a'.repeat(246)}.txt`;
    const dir = folder({ [name]: 'The minister said talks would continue.' });
    const opts = options({ inputs: [dir] });
    const summary = await runBatch(opts);
    expect(summary).toMatchObject({ ok: 1, failed: 0 });
    expect(existsSync(join(opts.outDir, `${'a'.repeat(246)}.json`))).toBe(true);
  });
});

describe('the per-article time budget', () => {
  const ctx = { resources };
  it('an article over its budget fails, naming the stage where the budget ran out', () => {
    let err: unknown = null;
    try {
      processArticle(SEED, { abs: '/tmp/s.txt', rel: 's.txt' }, ctx, { timeBudgetMs: 0.001 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StageError);
    expect((err as StageError).stage).toMatch(/^[a-z-]+$/);
    expect((err as StageError).message).toMatch(/over the time budget/);
  });

  it('the default budget lets it through (control)', () => {
    expect(processArticle(SEED, { abs: '/tmp/s.txt', rel: 's.txt' }, ctx).quotes.length).toBeGreaterThan(0);
  });
});
