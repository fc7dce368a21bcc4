// Two review servers, as two real processes, on one folder: concurrent decisions of
// both are all kept (a lock file serialises the writes of all processes).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReviewFileSchema } from '../../src/review/schema.ts';
import { ReviewLockError, lockPathOf, withLockFile } from '../../src/review/store.ts';
import { AR_FILE, AR_ID, EN_FILE, EN_ID, copyFixtures, fixtureOutput, reviewPath, type Workspace } from './helpers.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ar = fixtureOutput(AR_FILE);
const en = fixtureOutput(EN_FILE);

let ws: Workspace;
const children: ChildProcess[] = [];

beforeEach(() => {
  ws = copyFixtures();
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }
  ws.cleanup();
});

/** Starts `isnad review DIR --port 0 --reviewer NAME` as a process; resolves with its address. */
function serve(reviewer: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repo, 'src', 'review', 'command.ts'), ws.dir, '--port', '0', '--reviewer', reviewer],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed; stderr: ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${err}`)));
  });
}

async function put(base: string, article: string, quote: string, body: unknown): Promise<number> {
  const res = await fetch(new URL(reviewPath(article, quote), base), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

describe('two review servers on one folder', () => {
  it('keeps every acknowledged decision of both when they write at once', async () => {
    const [alice, bob] = await Promise.all([serve('alice'), serve('bob')]);
    const quotes = [...ar.quotes.map((q) => [AR_ID, q.id] as const), ...en.quotes.map((q) => [EN_ID, q.id] as const)];
    const statuses = ['approved', 'rejected', 'approved'] as const;
    // Three rounds; in each, both servers decide every quote at once (44 requests in flight).
    const acknowledged = new Map<string, string>();
    for (const [round, status] of statuses.entries()) {
      const requests = quotes.flatMap(([article, quote], i) =>
        (
          [
            ['alice', alice],
            ['bob', bob],
          ] as const
        ).map(async ([name, base]) => {
          const decided = (i + round + (name === 'bob' ? 1 : 0)) % 2 ? status : 'rejected';
          const code = await put(base, article, quote, { status: decided, note: `${name} round ${round}` });
          if (code === 200) acknowledged.set(`${name} ${article} ${quote}`, `${decided} ${round}`);
          return code;
        }),
      );
      expect(new Set(await Promise.all(requests))).toEqual(new Set([200]));
    }
    expect(acknowledged.size).toBe(quotes.length * 2);
    const onDisk = new Map<string, string>();
    for (const article of [AR_ID, EN_ID]) {
      const file = ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${article}.review.json`), 'utf8')));
      for (const r of file.reviews) onDisk.set(`${r.reviewer} ${article} ${r.quoteId}`, `${r.status} ${r.note!.split(' round ')[1]}`);
      expect(existsSync(lockPathOf(join(ws.dir, 'reviews', `${article}.review.json`)))).toBe(false);
    }
    expect(onDisk).toEqual(acknowledged);
  }, 60_000);
});

describe('the lock file', () => {
  const file = () => join(ws.dir, 'reviews', 'x.review.json');

  it('waits for a live holder and then names it', async () => {
    mkdirSync(join(ws.dir, 'reviews'), { recursive: true });
    const { hostname } = await import('node:os');
    writeFileSync(lockPathOf(file()), `${process.pid}@${hostname()}\n`);
    await expect(withLockFile(file(), async () => 'ran', { waitMs: 150 })).rejects.toThrow(ReviewLockError);
    await expect(withLockFile(file(), async () => 'ran', { waitMs: 150 })).rejects.toThrow(new RegExp(`held by process ${process.pid}@`));
  });

  it('takes over a lock left by a process that is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    mkdirSync(join(ws.dir, 'reviews'), { recursive: true });
    const { hostname } = await import('node:os');
    writeFileSync(lockPathOf(file()), `${pid}@${hostname()}\n`);
    expect(await withLockFile(file(), async () => 'ran', { waitMs: 2_000 })).toBe('ran');
    expect(existsSync(lockPathOf(file()))).toBe(false);
  });
});
