// Quotes the extractor missed, added by a reviewer: the API, re-extraction and --to-gold.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GoldFileSchema } from '../../src/schema/gold.ts';
import { ReviewFileSchema } from '../../src/review/schema.ts';
import { reviewsToGold } from '../../src/review/to-gold.ts';
import type { ReviewServer } from '../../src/review/command.ts';
import { EN_FILE, EN_ID, api, copyFixtures, fixtureOutput, reviewPath, start, type Workspace } from './helpers.ts';

const en = fixtureOutput(EN_FILE);
let ws: Workspace;
let server: ReviewServer;

beforeEach(async () => {
  ws = copyFixtures();
  server = await start(ws.dir);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
  ws.cleanup();
});

const addedPath = (id = '') => `/api/articles/${EN_ID}/added${id ? `/${id}` : ''}`;
/** A sentence of the English fixture that no extracted quote covers. */
function missedSpan(): { start: number; end: number; text: string } {
  const text = en.source;
  for (const s of en.sentences) {
    const covered = en.quotes.some((q) => q.start < s.end && s.start < q.end) || en.boilerplate.some((b) => b.start < s.end && s.start < b.end);
    if (!covered && text.slice(s.start, s.end).trim().length > 20) return { start: s.start, end: s.end, text: text.slice(s.start, s.end) };
  }
  throw new Error('the fixture has no sentence without a quote');
}
const entity = en.entities.find((e) => e.type === 'person')!;

describe('POST /api/articles/:id/added', () => {
  it('stores a reviewer-added quote with its speaker and cue, shown with the article', async () => {
    const span = missedSpan();
    const cueAt = span.start;
    const res = await api(server, 'POST', addedPath(), {
      start: span.start,
      end: span.end,
      kind: 'indirect',
      speaker: { entityId: entity.id, name: entity.name },
      cue: { start: cueAt, end: cueAt + 3 },
      note: 'missed by the extractor',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: 'r1',
      ...span,
      kind: 'indirect',
      speaker: { entityId: entity.id, name: entity.name },
      cue: { start: cueAt, end: cueAt + 3, text: en.source.slice(cueAt, cueAt + 3) },
      note: 'missed by the extractor',
      reviewer: 'tester',
      version: 1,
      decidedAt: expect.any(String),
    });
    const file = ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${EN_ID}.review.json`), 'utf8')));
    expect(file.added).toEqual([res.body]);
    const article = (await api(server, 'GET', `/api/articles/${EN_ID}`)).body;
    expect(article.added).toEqual([res.body]);
    // A second one gets the next id; the list counts them.
    const other = await api(server, 'POST', addedPath(), { start: span.start, end: span.start + 10, kind: 'direct', speaker: null });
    expect(other.body.id).toBe('r2');
    const list = (await api(server, 'GET', '/api/articles')).body.articles.find((a: { id: string }) => a.id === EN_ID);
    expect(list.added).toBe(2);
  });

  it('changes and removes an added quote, with versions', async () => {
    const span = missedSpan();
    const made = (await api(server, 'POST', addedPath(), { ...span, text: undefined, kind: 'direct', speaker: null })).body;
    const changed = await api(server, 'PUT', addedPath(made.id), { start: span.start, end: span.end, kind: 'mixed', speaker: { entityId: null, name: 'a diplomat' }, baseVersion: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: made.id, kind: 'mixed', speaker: { entityId: null, name: 'a diplomat' }, version: 2 });
    const stale = await api(server, 'PUT', addedPath(made.id), { start: span.start, end: span.end, kind: 'direct', speaker: null, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect((await api(server, 'DELETE', `${addedPath(made.id)}?version=1`)).status).toBe(409);
    expect((await api(server, 'DELETE', `${addedPath(made.id)}?version=2`)).body.removed).toMatchObject({ id: made.id });
    expect((await api(server, 'GET', `/api/articles/${EN_ID}`)).body.added).toEqual([]);
  });

  it('rejects bad input: 400 naming the field, 404, 405, 409, 413, 415', async () => {
    const span = missedSpan();
    const ok = { start: span.start, end: span.end, kind: 'direct', speaker: null };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...ok, end: span.start }, /^end: end must be greater than start/],
      [{ ...ok, end: en.source.length + 5 }, /^end: span .* lies outside the source/],
      [{ ...ok, kind: 'rumour' }, /^kind:/],
      [{ ...ok, speaker: { entityId: 'person.nobody', name: 'Nobody' } }, /^speaker\.entityId: unknown entity "person\.nobody"/],
      [{ ...ok, speaker: { entityId: null, name: '  ' } }, /^speaker\.name: speaker\.name must not be empty/],
      [{ ...ok, cue: { start: 0, end: en.source.length + 1 } }, /^cue\.end: span .* lies outside the source/],
      [{ ...ok, colour: 'red' }, /^unknown field: colour/],
      [{ start: 1, end: 2 }, /kind/],
    ];
    for (const [body, message] of cases) {
      const res = await api(server, 'POST', addedPath(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatch(message);
    }
    // A span of white space only.
    const blank = en.source.indexOf('\n\n');
    expect((await api(server, 'POST', addedPath(), { ...ok, start: blank, end: blank + 2 })).body.error).toMatch(/only white space/);
    const plain = await fetch(new URL(addedPath(), server.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(plain.status).toBe(415);
    expect((await api(server, 'POST', addedPath(), JSON.stringify({ ...ok, note: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await api(server, 'POST', `/api/articles/nope/added`, ok)).status).toBe(404);
    expect((await api(server, 'PUT', addedPath('r9'), ok)).status).toBe(404);
    expect((await api(server, 'DELETE', addedPath('r9'))).status).toBe(404);
    expect((await api(server, 'GET', addedPath())).status).toBe(405);
    expect((await api(server, 'POST', addedPath(), ok)).status).toBe(201);
    const twice = await api(server, 'POST', addedPath(), ok);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatch(/added this span already, as r1/);
  });
});

describe('added quotes across re-extraction and in --to-gold', () => {
  it('keeps an added quote when extract runs again, marks it stale if its text moved, and writes it to gold', async () => {
    const span = missedSpan();
    await api(server, 'POST', addedPath(), { start: span.start, end: span.end, kind: 'indirect', speaker: { entityId: entity.id, name: entity.name } });
    // extract runs again: the quotes change, the source does not.
    writeFileSync(join(ws.dir, EN_FILE), JSON.stringify({ ...en, quotes: en.quotes.slice(1).map((q, i) => ({ ...q, id: `q${i + 1}` })) }));
    let article = (await api(server, 'GET', `/api/articles/${EN_ID}`)).body;
    expect(article.added).toEqual([expect.objectContaining({ id: 'r1', text: span.text })]);
    expect(article.added[0].stale).toBeUndefined();

    // Every extracted quote decided: the gold file holds the added quote too.
    for (const q of en.quotes.slice(1)) {
      const quote = article.output.quotes.find((x: { start: number }) => x.start === q.start);
      expect((await api(server, 'PUT', reviewPath(EN_ID, quote.id), { status: 'approved' })).status).toBe(200);
    }
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const gold = join(ws.dir, '..', 'gold');
    const report = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(report.written.map((w) => w.quotes)).toEqual([en.quotes.length]);
    const file = GoldFileSchema.parse(JSON.parse(readFileSync(join(gold, 'en', 'en-001-border-talks.gold.json'), 'utf8')));
    const fromReviewer = file.quotes.find((q) => q.text === span.text);
    expect(fromReviewer).toMatchObject({ kind: 'indirect', cue: null });
    expect(fromReviewer?.speaker).toContain(entity.name);

    // The source changes under it: the added quote is shown as stale and left out of gold.
    const source = 'Prefix. ' + en.source;
    writeFileSync(join(ws.dir, EN_FILE), JSON.stringify({ ...en, source, article: { ...en.article, chars: source.length }, quotes: [], sentences: [], entities: [], boilerplate: [] }));
    article = (await api(server, 'GET', `/api/articles/${EN_ID}`)).body;
    expect(article.added[0].stale).toBe(true);
    await reviewsToGold({ dir: ws.dir, out: gold, partial: true });
    const after = GoldFileSchema.parse(JSON.parse(readFileSync(join(gold, 'en', 'en-001-border-talks.gold.json'), 'utf8')));
    expect(after.quotes.some((q) => q.text === span.text)).toBe(false);
  });
});
