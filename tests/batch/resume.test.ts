// Resuming a batch on one machine: outputs up to date (same input bytes, same rules+gazetteers
// fingerprint) are reused, anything else is redone; a run killed with SIGKILL at a random point
// and run again ends byte for byte like an uninterrupted run (minus timings) with no temporary
// left; SIGTERM stops cleanly with a manifest that claims only what is on disk; one run per
// output folder at a time.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch, type BatchOptions } from '../../src/batch/batch.ts';
import { LOCK_NAME, LockHeldError, lockFolder } from '../../src/batch/lock.ts';
import { removeStaleTemporaries } from '../../src/batch/resume.ts';
import { computeFingerprint } from '../../src/batch/fingerprint.ts';
import { loadResources } from '../../src/resources.ts';
import { main } from '../../src/cli.ts';
import { ArticleOutputSchema } from '../../src/schema/output.ts';
import { filesUnder, isnadChild, makeArticleFolder, manifestMinusTimings, NO_GAZETTEERS, outputsOf, ROOT, seededRandom } from './helpers.ts';

const T = mkdtempSync(join(tmpdir(), 'isnad-resume-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));
const input = join(T, 'in');
const names = makeArticleFolder(input, { broken: true });
const resources = loadResources({ gazetteersDir: NO_GAZETTEERS });
let n = 0;
const options = (extra: Partial<BatchOptions> = {}): BatchOptions => ({
  inputs: [input],
  outDir: join(T, `out-${n++}`),
  jobs: 1,
  article: {},
  resources: { gazetteersDir: NO_GAZETTEERS },
  preloaded: resources,
  ...extra,
});

// The uninterrupted run every other run is compared with.
const baseline = options();
beforeAll(async () => {
  await runBatch(baseline);
});

describe('a second run over the same folder', () => {
  it('reuses every up-to-date output without writing it, and the manifest is the same minus timings', async () => {
    const opts = options({ outDir: join(T, 'again') });
    await runBatch(opts);
    const before = new Map(filesUnder(opts.outDir).map((f) => [f, statSync(join(opts.outDir, f)).mtimeMs]));
    // Old mtimes make a rewrite visible even within one clock tick.
    for (const f of before.keys()) utimesSync(join(opts.outDir, f), 1000, 1000);
    const summary = await runBatch(opts);
    expect(summary.reused).toBe(names.length - 1); // the broken file has no output and is tried again
    expect(summary.failed).toBe(1);
    for (const f of filesUnder(opts.outDir).filter((f) => f !== 'manifest.json')) {
      expect(statSync(join(opts.outDir, f)).mtimeMs, f).toBe(1_000_000);
    }
    expect(manifestMinusTimings(opts.outDir)).toEqual(manifestMinusTimings(baseline.outDir));
    expect(outputsOf(opts.outDir)).toEqual(outputsOf(baseline.outDir));
  }, 30_000);

  it('redoes an article whose input changed, and only that one', async () => {
    const dir = join(T, 'changed-in');
    cpSync(input, dir, { recursive: true });
    const opts = options({ inputs: [dir] });
    await runBatch(opts);
    appendFileSync(join(dir, names[0]!), '\nوقال الوزير إن الحوار مستمر.\n');
    const summary = await runBatch(opts);
    expect(summary.reused).toBe(names.length - 2);
    const out = ArticleOutputSchema.parse(JSON.parse(readFileSync(join(opts.outDir, names[0]!.replace(/\.txt$/, '.json')), 'utf8')));
    expect(out.source).toContain('الحوار مستمر');
  }, 30_000);

  it('redoes everything with --force, or when the rules changed', async () => {
    const opts = options();
    await runBatch(opts);
    expect((await runBatch({ ...opts, article: { force: true } })).reused).toBe(0);

    const rules = join(T, 'rules-changed');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    appendFileSync(join(rules, 'ar', 'language.yaml'), '\n# a comment changes the fingerprint too\n');
    expect(computeFingerprint(rules, NO_GAZETTEERS)).not.toBe(computeFingerprint(join(ROOT, 'rules'), NO_GAZETTEERS));
    const other = loadResources({ rulesDir: rules, gazetteersDir: NO_GAZETTEERS });
    const summary = await runBatch({ ...opts, preloaded: other, resources: { rulesDir: rules, gazetteersDir: NO_GAZETTEERS } });
    expect(summary.reused).toBe(0);
    const m = JSON.parse(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8')) as { fingerprint: string };
    expect(m.fingerprint).toBe(computeFingerprint(rules, NO_GAZETTEERS));
    const one = JSON.parse(readFileSync(join(opts.outDir, names[0]!.replace(/\.txt$/, '.json')), 'utf8')) as { fingerprint: string };
    expect(one.fingerprint).toBe(m.fingerprint);
  }, 30_000);

  it('an aborted run takes no new article, and its manifest lists only outputs that are on disk', async () => {
    const abort = new AbortController();
    const opts = options({ signal: abort.signal, onProgress: (p) => p.done === 3 && abort.abort() });
    // A manifest left by an earlier, longer run must not survive into this one.
    mkdirSync(opts.outDir, { recursive: true });
    cpSync(join(baseline.outDir, 'manifest.json'), join(opts.outDir, 'manifest.json'));
    const summary = await runBatch(opts);
    expect(summary.interrupted).toBe(true);
    // Those in flight when the signal came finish (a few are in flight in-process, for I/O);
    // nothing after them is started.
    expect(summary.articles).toBeGreaterThanOrEqual(3);
    expect(summary.articles).toBeLessThan(names.length);
    const m = JSON.parse(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8')) as {
      summary: { interrupted?: boolean; articles: number };
      articles: Array<{ output: string | null }>;
    };
    expect(m.summary).toMatchObject({ interrupted: true, articles: summary.articles });
    expect(m.articles).toHaveLength(summary.articles);
    for (const a of m.articles) if (a.output) expect(existsSync(join(opts.outDir, a.output)), a.output).toBe(true);
    // The outputs the manifest lists, and the manifest: nothing half-written, nothing unlisted.
    expect(filesUnder(opts.outDir)).toHaveLength(m.articles.filter((a) => a.output).length + 1);
  });
});

describe('stale temporaries', () => {
  it('are removed at any depth; outputs and the review folder are left alone', async () => {
    const dir = join(T, 'temps');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, 'reviews'));
    const keep = ['x.json', 'a/b/y.json', 'reviews/.z.review.json.77.ab12.tmp', 'notes.tmp'];
    const gone = ['.x.json.123.deadbeef.tmp', 'a/b/.y.json.9.00ff00ff.tmp', 'manifest.json.4242.tmp', '.manifest.jsonl.partial'];
    for (const f of [...keep, ...gone]) writeFileSync(join(dir, f), '{');
    expect(await removeStaleTemporaries(dir)).toBe(gone.length);
    expect(filesUnder(dir)).toEqual([...keep].sort());
  });
});

describe('the output folder lock', () => {
  it('a second run refuses, naming the holder pid, and leaves the folder as it was', async () => {
    const opts = options();
    mkdirSync(opts.outDir);
    writeFileSync(join(opts.outDir, 'manifest.json'), '{"theirs": true}\n');
    const held = await lockFolder(opts.outDir);
    await expect(runBatch(opts)).rejects.toThrow(new RegExp(`in use by another isnad run \\(pid ${process.pid},`));
    await expect(runBatch(opts)).rejects.toBeInstanceOf(LockHeldError);
    expect(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8')).toBe('{"theirs": true}\n');
    await held.release();
    expect(existsSync(join(opts.outDir, LOCK_NAME))).toBe(false);
    await runBatch(opts);
    expect(existsSync(join(opts.outDir, LOCK_NAME))).toBe(false);
  });

  it('isnad extract into a folder in use exits 2 with the message', async () => {
    const dir = join(T, 'lock-cli');
    const held = await lockFolder(dir);
    const err: string[] = [];
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
    try {
      expect(await main(['extract', input, '--out', dir, '--gazetteers', NO_GAZETTEERS, '--quiet'])).toBe(2);
    } finally {
      e.mockRestore();
      await held.release();
    }
    expect(err.join('')).toMatch(new RegExp(`isnad: output folder .*lock-cli is in use by another isnad run \\(pid ${process.pid},`));
    expect(filesUnder(dir)).toEqual([]);
  }, 30_000);

  it('the lock of a dead process is taken over; a live one on another host is not', async () => {
    const dir = join(T, 'lock-stale');
    mkdirSync(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ pid: deadPid, host: hostname(), started: '2020-01-01T00:00:00Z' }));
    const lock = await lockFolder(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    writeFileSync(join(dir, LOCK_NAME), JSON.stringify({ pid: deadPid, host: 'elsewhere.example', started: '2020-01-01T00:00:00Z' }));
    await expect(lockFolder(dir)).rejects.toThrow(/pid \d+ on elsewhere\.example.*remove .*\.isnad\.lock/);
  });
});

// Each seed kills the CLI after a random number of finished articles (0: while it loads) plus a
// random few milliseconds, then runs it again. Note: each seed costs two process start-ups; the
// cases run one after the other, so as not to load a shared machine with several at once.
describe('kill -9 at random points, then run again', () => {
  const total = names.length;
  it.each([1, 2])('seed %i: the rerun finishes the rest, redoes nothing complete, and matches the uninterrupted run', async (seed) => {
    const rand = seededRandom(seed * 7919);
    const k = Math.floor(rand() * total);
    const delay = Math.floor(rand() * 40);
    const out = join(T, `killed-${seed}`);
    const args = ['extract', input, '--out', out, '--gazetteers', NO_GAZETTEERS, '--jobs', String(seed)];
    const first = isnadChild(args);
    if (k > 0) await first.lines(/^(ok|failed) /, k);
    else await first.lines(/^warning|^ok|^failed/, 1);
    await new Promise((r) => setTimeout(r, delay));
    first.proc.kill('SIGKILL');
    await first.exit;
    const completed = first
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('ok '))
      .map((l) => l.replace(/^ok\s+/, '').replace(/ \(.*$/, ''));

    const second = isnadChild(args);
    const { code } = await second.exit;
    expect(code, second.stderr()).toBe(1); // the broken article
    const reusedPaths = second
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('up to date '))
      .map((l) => l.slice('up to date '.length));
    for (const p of completed) expect(reusedPaths, `${p} was complete before the kill`).toContain(p);
    expect(filesUnder(out)).toEqual(filesUnder(baseline.outDir));
    expect(outputsOf(out)).toEqual(outputsOf(baseline.outDir));
    expect(manifestMinusTimings(out)).toEqual(manifestMinusTimings(baseline.outDir));
  }, 180_000);

  it('SIGTERM: in-flight articles finish, the manifest lists only what is on disk, exit 143; the rerun completes', async () => {
    const out = join(T, 'terminated');
    const args = ['extract', input, '--out', out, '--gazetteers', NO_GAZETTEERS];
    const first = isnadChild(args);
    await first.lines(/^ok /, 2);
    first.proc.kill('SIGTERM');
    const { code } = await first.exit;
    expect(code, first.stderr()).toBe(143);
    expect(first.stderr()).toMatch(/stopped by SIGTERM; run the same command again/);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { summary: { interrupted: boolean }; articles: Array<{ output: string | null }> };
    expect(m.summary.interrupted).toBe(true);
    expect(m.articles.length).toBeGreaterThanOrEqual(2);
    expect(m.articles.length).toBeLessThan(total);
    for (const a of m.articles) if (a.output) expect(existsSync(join(out, a.output))).toBe(true);
    expect(filesUnder(out).filter((f) => f.startsWith('.'))).toEqual([]);

    const second = isnadChild(args);
    await second.exit;
    expect(manifestMinusTimings(out)).toEqual(manifestMinusTimings(baseline.outDir));
  }, 180_000);
});
