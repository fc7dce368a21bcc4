// Several reviewers on one folder: one record per reviewer per quote, 409 on a stale
// version, the migration of version-1 review files, and the agreement report.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReviewFileSchema } from '../../src/review/schema.ts';
import { startReviewServer, runReviewCommand, type ReviewServer } from '../../src/review/command.ts';
import { agreementReport, cohensKappa } from '../../src/review/agreement.ts';
import { AR_FILE, AR_ID, EN_ID, api, copyFixtures, fixtureOutput, reviewPath, type Workspace } from './helpers.ts';

const ar = fixtureOutput(AR_FILE);
let ws: Workspace;
let alice: ReviewServer;
let bob: ReviewServer;

beforeEach(async () => {
  ws = copyFixtures();
  alice = await startReviewServer({ dir: ws.dir, port: 0, reviewer: 'alice' });
  bob = await startReviewServer({ dir: ws.dir, port: 0, reviewer: 'bob' });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await alice.close();
  await bob.close();
  ws.cleanup();
});

const readFile = (id: string) => ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${id}.review.json`), 'utf8')));

describe('one record per reviewer per quote', () => {
  it('keeps both reviewers’ decisions and notes on one quote, and shows each the other’s', async () => {
    expect((await api(alice, 'PUT', reviewPath(AR_ID, 'q3'), { status: 'approved', note: 'fine' })).status).toBe(200);
    expect((await api(bob, 'PUT', reviewPath(AR_ID, 'q3'), { status: 'rejected', note: 'not a quote' })).status).toBe(200);
    const file = readFile(AR_ID);
    expect(file.reviews.map((r) => [r.reviewer, r.quoteId, r.status, r.note]).sort()).toEqual([
      ['alice', 'q3', 'approved', 'fine'],
      ['bob', 'q3', 'rejected', 'not a quote'],
    ]);
    const seenByAlice = (await api(alice, 'GET', `/api/articles/${AR_ID}`)).body;
    expect(seenByAlice.reviewer).toBe('alice');
    expect(seenByAlice.reviews).toEqual([expect.objectContaining({ quoteId: 'q3', status: 'approved', reviewer: 'alice' })]);
    expect(seenByAlice.others).toEqual([expect.objectContaining({ quoteId: 'q3', status: 'rejected', reviewer: 'bob', note: 'not a quote' })]);
    // Progress is each reviewer's own.
    const list = (await api(bob, 'GET', '/api/articles')).body.articles.find((a: { id: string }) => a.id === AR_ID);
    expect(list.counts).toMatchObject({ rejected: 1, approved: 0 });
    // Undo (DELETE) removes only the reviewer's own record.
    expect((await api(bob, 'DELETE', reviewPath(AR_ID, 'q3'))).body.removed).toMatchObject({ reviewer: 'bob' });
    expect(readFile(AR_ID).reviews.map((r) => r.reviewer)).toEqual(['alice']);
  });

  it('answers 409 with the stored record to a save based on a stale version, and changes nothing', async () => {
    // Two tabs of one reviewer both loaded the quote while it was pending (version 0).
    const first = await api(alice, 'PUT', reviewPath(AR_ID, 'q5'), { status: 'approved', baseVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const stale = await api(alice, 'PUT', reviewPath(AR_ID, 'q5'), { status: 'rejected', baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/q5 was changed since version 0 \(it is at version 1, approved\)/);
    expect(stale.body.current).toMatchObject({ status: 'approved', version: 1 });
    const fresh = await api(alice, 'PUT', reviewPath(AR_ID, 'q5'), { status: 'rejected', baseVersion: 1 });
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(2);
    // Another reviewer's versions are their own.
    expect((await api(bob, 'PUT', reviewPath(AR_ID, 'q5'), { status: 'approved', baseVersion: 0 })).status).toBe(200);
    // DELETE takes ?version= the same way.
    expect((await api(alice, 'DELETE', `${reviewPath(AR_ID, 'q5')}?version=1`)).status).toBe(409);
    expect((await api(alice, 'DELETE', `${reviewPath(AR_ID, 'q5')}?version=x`)).status).toBe(400);
    expect((await api(alice, 'DELETE', `${reviewPath(AR_ID, 'q5')}?version=2`)).status).toBe(200);
    expect(readFile(AR_ID).reviews.map((r) => [r.reviewer, r.status])).toEqual([['bob', 'approved']]);
    // A bad baseVersion is a 400 naming the field.
    const bad = await api(alice, 'PUT', reviewPath(AR_ID, 'q5'), { status: 'approved', baseVersion: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^baseVersion:/);
  });

  it('reads a version-1 review file, keeps its decisions and writes version 2', async () => {
    const q1 = ar.quotes[0]!;
    const q2 = ar.quotes[1]!;
    mkdirSync(join(ws.dir, 'reviews'), { recursive: true });
    writeFileSync(
      join(ws.dir, 'reviews', `${AR_ID}.review.json`),
      JSON.stringify({
        version: 1,
        articleId: AR_ID,
        articlePath: ar.article.path,
        sourceSha256: ar.article.sha256,
        updatedAt: '2026-01-01T00:00:00.000Z',
        reviews: [
          { quoteId: 'q1', quote: { start: q1.start, end: q1.end, text: q1.text }, status: 'approved', reviewer: 'alice', decidedAt: '2026-01-01T00:00:00.000Z' },
          { quoteId: 'q2', quote: { start: q2.start, end: q2.end, text: q2.text }, status: 'rejected', decidedAt: '2026-01-01T00:00:00.000Z' },
        ],
      }),
    );
    const seen = (await api(alice, 'GET', `/api/articles/${AR_ID}`)).body;
    expect(seen.reviewError).toBeUndefined();
    expect(seen.reviews).toEqual([expect.objectContaining({ quoteId: 'q1', reviewer: 'alice', version: 1 })]);
    expect(seen.others).toEqual([expect.objectContaining({ quoteId: 'q2', reviewer: 'unknown', version: 1 })]);
    expect((await api(alice, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'corrected', kind: 'indirect', baseVersion: 1 })).status).toBe(200);
    const file = readFile(AR_ID);
    expect(file.version).toBe(2);
    expect(file.reviews.map((r) => [r.reviewer, r.quoteId, r.status, r.version]).sort()).toEqual([
      ['alice', 'q1', 'corrected', 2],
      ['unknown', 'q2', 'rejected', 1],
    ]);
  });
});

describe('agreement report', () => {
  it.each([
    // 10 quotes: both approve 4, both reject 3, 2 + 1 disagree: po 0.7, pe 0.6·0.5 + 0.4·0.5 = 0.5, kappa 0.4
    [[...Array(4).fill(['a', 'a']), ...Array(3).fill(['r', 'r']), ...Array(2).fill(['a', 'r']), ['r', 'a']], 0.7, 0.5, 0.4],
    // complete agreement over two labels
    [[['a', 'a'], ['r', 'r']], 1, 0.5, 1],
    // agreement no better than chance
    [[['a', 'a'], ['a', 'r'], ['r', 'a'], ['r', 'r']], 0.5, 0.5, 0],
    // one label only: kappa is undefined, not 1
    [[['a', 'a'], ['a', 'a']], 1, 1, null],
    [[], null, null, null],
  ] as Array<[Array<[string, string]>, number | null, number | null, number | null]>)('kappa of %j', (pairs, po, pe, kappa) => {
    const got = cohensKappa(pairs);
    for (const [value, want] of [[got.observed, po], [got.expected, pe], [got.kappa, kappa]] as const) {
      if (want === null) expect(value).toBeNull();
      else expect(value).toBeCloseTo(want, 10);
    }
  });

  it('counts per reviewer and compares the quotes both decided', async () => {
    const plan: Array<[string, string, string]> = [
      ['q1', 'approved', 'approved'],
      ['q2', 'rejected', 'rejected'],
      ['q3', 'approved', 'rejected'],
      ['q4', 'approved', 'approved'],
    ];
    for (const [quote, a, b] of plan) {
      expect((await api(alice, 'PUT', reviewPath(AR_ID, quote), { status: a })).status).toBe(200);
      expect((await api(bob, 'PUT', reviewPath(AR_ID, quote), { status: b })).status).toBe(200);
    }
    // Decided by alice only: not compared.
    await api(alice, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'rejected' });
    const report = await agreementReport(ws.dir);
    expect(report.articles).toBe(2);
    expect(report.reviewers).toEqual([
      { reviewer: 'alice', decided: 5, approved: 3, rejected: 2, corrected: 0, added: 0 },
      { reviewer: 'bob', decided: 4, approved: 2, rejected: 2, corrected: 0, added: 0 },
    ]);
    // po 3/4; alice a 3/4 r 1/4, bob a 1/2 r 1/2: pe 0.5; kappa 0.5
    expect(report.pairs).toEqual([{ a: 'alice', b: 'bob', both: 4, agree: 3, observed: 0.75, expected: 0.5, kappa: 0.5 }]);

    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    expect(await runReviewCommand(['--agreement', ws.dir])).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/2 reviewed articles, 2 reviewers/);
    expect(text).toMatch(/alice ~ bob\s+4\s+3\s+0\.750\s+0\.500\s+0\.500/);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runReviewCommand(['--agreement', join(ws.dir, 'nope')])).toBe(2);
    expect(await runReviewCommand(['--agreement', ws.dir, '--to-gold', ws.dir])).toBe(2);
  });
});
