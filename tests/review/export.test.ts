// isnad review --export DIR --format jsonl|csv: rows per quote and reviewer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReviewCommand, startReviewServer, type ReviewServer } from '../../src/review/command.ts';
import { EXPORT_COLUMNS, csvField } from '../../src/review/export.ts';
import { AR_FILE, AR_ID, EN_FILE, EN_ID, api, copyFixtures, fixtureOutput, reviewPath, type Workspace } from './helpers.ts';

const ar = fixtureOutput(AR_FILE);
const en = fixtureOutput(EN_FILE);
let ws: Workspace;
let alice: ReviewServer;
let bob: ReviewServer;

beforeEach(async () => {
  ws = copyFixtures();
  alice = await startReviewServer({ dir: ws.dir, port: 0, reviewer: 'alice' });
  bob = await startReviewServer({ dir: ws.dir, port: 0, reviewer: 'bob' });
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await alice.close();
  await bob.close();
  ws.cleanup();
});

const NOTE = 'said "twice", then\nagain';

async function review(): Promise<void> {
  const q2 = en.quotes[1]!;
  expect((await api(alice, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'approved', note: NOTE })).status).toBe(200);
  expect((await api(bob, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'rejected' })).status).toBe(200);
  expect(
    (await api(alice, 'PUT', reviewPath(EN_ID, 'q2'), { status: 'corrected', start: q2.start + 1, end: q2.end, speaker: { entityId: null, name: 'A diplomat' } })).status,
  ).toBe(200);
  expect((await api(alice, 'PUT', reviewPath(AR_ID, 'q3'), { status: 'approved' })).status).toBe(200);
  const s = ar.quotes[16]!;
  expect((await api(alice, 'POST', `/api/articles/${AR_ID}/added`, { start: s.start, end: s.end, kind: 'direct', speaker: null })).status).toBe(201);
}

describe('isnad review --export', () => {
  it('writes JSON lines: a row per decision, pending quotes and added quotes too', async () => {
    await review();
    const out = join(ws.dir, '..', 'reviews.jsonl');
    expect(await runReviewCommand(['--export', ws.dir, '--format', 'jsonl', '--out', out])).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // 17 + 5 quotes; en q1 has two decisions; one added quote.
    expect(rows).toHaveLength(17 + 5 + 1 + 1);
    for (const row of rows) expect(Object.keys(row)).toEqual(EXPORT_COLUMNS);
    const q1 = rows.filter((r) => r.article === EN_ID && r.quoteId === 'q1');
    expect(q1.map((r) => [r.reviewer, r.status, r.note])).toEqual([
      ['alice', 'approved', NOTE],
      ['bob', 'rejected', null],
    ]);
    const q2 = rows.find((r) => r.article === EN_ID && r.quoteId === 'q2');
    expect(q2).toMatchObject({ status: 'corrected', start: en.quotes[1]!.start + 1, text: en.quotes[1]!.text.slice(1), speakerName: 'A diplomat', speakerEntityId: null });
    expect(q2.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const pending = rows.filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(16 + 3);
    expect(pending.every((r) => r.reviewer === null && r.decidedAt === null)).toBe(true);
    expect(rows.find((r) => r.origin === 'added')).toMatchObject({ article: AR_ID, quoteId: 'r1', status: 'added', reviewer: 'alice', text: ar.quotes[16]!.text });
    // Every row's offsets point at its text in the source.
    for (const row of rows) {
      const source = row.article === AR_ID ? ar.source : en.source;
      expect(source.slice(row.start, row.end)).toBe(row.text);
    }
  });

  it('writes CSV with a header, quoting fields that need it', async () => {
    await review();
    const out = join(ws.dir, '..', 'reviews.csv');
    expect(await runReviewCommand(['--export', ws.dir, '--format', 'csv', '--out', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFarticle,articlePath,quoteId,origin,start,end,text,')).toBe(true);
    expect(text).toContain(csvField(NOTE));
    expect(csvField(NOTE)).toBe('"said ""twice"", then\nagain"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    // Records: count the CRLFs outside quotes.
    let records = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (!quoted && text[i] === '\r' && text[i + 1] === '\n') records += 1;
    }
    expect(records).toBe(1 + 24);
  });

  it('refuses bad arguments with exit code 2', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const [args, message] of [
      [['--export', ws.dir], /--export needs --format jsonl\|csv/],
      [['--export', ws.dir, '--format', 'xml'], /--format must be jsonl or csv, got xml/],
      [['--export', join(ws.dir, 'nope'), '--format', 'csv'], /no such folder/],
      [['--export', ws.dir, '--format', 'csv', '--out', ws.dir], /is a folder/],
      [['--format', 'csv'], /--format goes with --export/],
      [['--export', ws.dir, '--format', 'csv', '--to-gold', ws.dir], /separate commands/],
    ] as Array<[string[], RegExp]>) {
      err.mockClear();
      expect(await runReviewCommand(args), args.join(' ')).toBe(2);
      expect(err.mock.calls.join('\n')).toMatch(message);
    }
  });
});
