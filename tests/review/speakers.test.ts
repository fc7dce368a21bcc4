// People across the folder (GET /api/speakers) and the search (GET /api/search).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewServer } from '../../src/review/command.ts';
import { AR_FILE, AR_ID, EN_FILE, EN_ID, api, copyFixtures, fixtureOutput, reviewPath, start, type Workspace } from './helpers.ts';

const ar = fixtureOutput(AR_FILE);
const en = fixtureOutput(EN_FILE);
let ws: Workspace;
let server: ReviewServer;

beforeEach(async () => {
  ws = copyFixtures();
  server = await start(ws.dir);
});

afterEach(async () => {
  await server.close();
  ws.cleanup();
});

const countBy = (quotes: Array<{ speaker: { entityId: string | null; name: string } | null }>, key: string) =>
  quotes.filter((q) => q.speaker && (q.speaker.entityId ?? `name:${q.speaker.name}`) === key).length;

describe('GET /api/speakers', () => {
  it('counts each speaker’s quotes across the folder, filtered by status, as corrected', async () => {
    const lavrov = 'person.sergey-lavrov';
    const all = (await api(server, 'GET', '/api/speakers')).body.speakers;
    const expected = countBy(ar.quotes, lavrov) + countBy(en.quotes, lavrov);
    expect(all[0]).toMatchObject({ key: lavrov, name: 'Sergey Lavrov', type: 'person', quotes: expected });
    expect(all[0].names).toEqual(expect.arrayContaining(['Sergey Lavrov', 'لافروف']));
    // A correction moves a quote to another speaker; a decision changes the status counts.
    const q12 = ar.quotes[11]!;
    const was = q12.speaker!.entityId!;
    await api(server, 'PUT', reviewPath(AR_ID, 'q12'), { status: 'corrected', speaker: { entityId: null, name: 'A Kremlin aide' } });
    await api(server, 'PUT', reviewPath(AR_ID, 'q3'), { status: 'approved' });
    const after = (await api(server, 'GET', '/api/speakers')).body.speakers;
    const byKey = new Map(after.map((s: { key: string }) => [s.key, s]));
    expect((byKey.get('name:A Kremlin aide') as { quotes: number }).quotes).toBe(1);
    expect((byKey.get(was) as { quotes: number } | undefined)?.quotes ?? 0).toBe(countBy(ar.quotes, was) + countBy(en.quotes, was) - 1);
    const approved = (await api(server, 'GET', '/api/speakers?status=approved')).body.speakers;
    expect(approved.map((s: { key: string; quotes: number }) => [s.key, s.quotes])).toEqual([[ar.quotes[2]!.speaker!.entityId, 1]]);
    // Filter by name, in either script.
    const named = (await api(server, 'GET', `/api/speakers?q=${encodeURIComponent('لافروف')}`)).body.speakers;
    expect(named.map((s: { key: string }) => s.key)).toEqual([lavrov]);
  });

  it('lists one speaker’s quotes across articles', async () => {
    const res = await api(server, 'GET', '/api/speakers/person.sergey-lavrov');
    expect(res.status).toBe(200);
    expect(res.body.speaker).toMatchObject({ key: 'person.sergey-lavrov', counts: { pending: countBy(ar.quotes, 'person.sergey-lavrov') } });
    expect(res.body.quotes[0]).toMatchObject({ articleId: AR_ID, quoteId: 'q1', status: 'pending', text: ar.quotes[0]!.text });
    await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'rejected' });
    const rejected = await api(server, 'GET', '/api/speakers/person.sergey-lavrov?status=rejected');
    expect(rejected.body.quotes.map((q: { quoteId: string }) => q.quoteId)).toEqual(['q1']);
  });

  it('rejects bad input: 400, 404, 405', async () => {
    expect((await api(server, 'GET', '/api/speakers?status=maybe')).status).toBe(400);
    expect((await api(server, 'GET', '/api/speakers/person.nobody')).status).toBe(404);
    expect((await api(server, 'POST', '/api/speakers', {})).status).toBe(405);
  });
});

describe('GET /api/search', () => {
  it('finds speakers by a name in either script, quotes by their text, articles by title', async () => {
    const ar1 = await api(server, 'GET', `/api/search?q=${encodeURIComponent('لافروفُ')}`); // with a short vowel
    expect(ar1.body.speakers.map((s: { key: string }) => s.key)).toEqual(['person.sergey-lavrov']);
    const latin = await api(server, 'GET', '/api/search?q=lavrov');
    expect(latin.body.speakers.map((s: { key: string }) => s.key)).toEqual(['person.sergey-lavrov']);
    const words = en.quotes[0]!.text.split(' ').slice(0, 3).join(' ');
    const quotes = await api(server, 'GET', `/api/search?q=${encodeURIComponent(words.toUpperCase())}`);
    expect(quotes.body.quotes).toEqual([expect.objectContaining({ articleId: EN_ID, quoteId: 'q1' })]);
    const title = await api(server, 'GET', '/api/search?q=border%20talks');
    expect(title.body.articles.map((a: { id: string }) => a.id)).toEqual([EN_ID]);
    const none = await api(server, 'GET', '/api/search?q=zzzzqq');
    expect(none.body).toMatchObject({ articles: [], speakers: [], quotes: [] });
  });

  it('rejects bad input: 400, 405', async () => {
    expect((await api(server, 'GET', '/api/search')).status).toBe(400);
    expect((await api(server, 'GET', '/api/search?q=a')).status).toBe(400);
    expect((await api(server, 'GET', `/api/search?q=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await api(server, 'PUT', '/api/search?q=ab', {})).status).toBe(405);
  });
});
