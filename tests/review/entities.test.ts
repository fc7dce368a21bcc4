// Entity corrections: retype, merge, "not an entity"; the API and --to-gold.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
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

const entityPath = (entityId: string) => `/api/articles/${EN_ID}/entities/${encodeURIComponent(entityId)}/review`;

describe('PUT /api/articles/:id/entities/:entityId/review', () => {
  it('stores one decision per reviewer per entity, with versions, and undoes it', async () => {
    const first = await api(server, 'PUT', entityPath('place.norland'), { action: 'retype', type: 'organisation', baseVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ entityId: 'place.norland', action: 'retype', type: 'organisation', reviewer: 'tester', version: 1 });
    const again = await api(server, 'PUT', entityPath('place.norland'), { action: 'false', baseVersion: 1 });
    expect(again.body).toMatchObject({ action: 'false', version: 2 });
    expect((await api(server, 'PUT', entityPath('place.norland'), { action: 'false', baseVersion: 1 })).status).toBe(409);
    const file = ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${EN_ID}.review.json`), 'utf8')));
    expect(file.entities.map((d) => [d.entityId, d.action])).toEqual([['place.norland', 'false']]);
    expect((await api(server, 'GET', `/api/articles/${EN_ID}`)).body.entityReviews).toEqual([again.body]);
    expect((await api(server, 'DELETE', `${entityPath('place.norland')}?version=2`)).body.removed).toMatchObject({ action: 'false' });
    expect((await api(server, 'GET', `/api/articles/${EN_ID}`)).body.entityReviews).toEqual([]);
  });

  it('rejects bad input: 400 naming the field, 404, 405, 413, 415', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ action: 'retype' }, /^type: retype needs the new type/],
      [{ action: 'retype', type: 'place' }, /^type: place\.norland is a place already/],
      [{ action: 'retype', type: 'animal' }, /^type:/],
      [{ action: 'merge' }, /^into: merge needs the id/],
      [{ action: 'merge', into: 'place.norland' }, /^into: an entity cannot be merged into itself/],
      [{ action: 'merge', into: 'place.atlantis' }, /^into: unknown entity "place\.atlantis"/],
      [{ action: 'false', type: 'person' }, /^type: type goes with action "retype", not "false"/],
      [{ action: 'delete' }, /^action:/],
      [{ action: 'false', colour: 'red' }, /^unknown field: colour/],
    ];
    for (const [body, message] of cases) {
      const res = await api(server, 'PUT', entityPath('place.norland'), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatch(message);
    }
    expect((await api(server, 'PUT', entityPath('person.nobody'), { action: 'false' })).status).toBe(404);
    expect((await api(server, 'DELETE', entityPath('person.nobody'))).status).toBe(404);
    expect((await api(server, 'PUT', `/api/articles/nope/entities/x/review`, { action: 'false' })).status).toBe(404);
    expect((await api(server, 'GET', entityPath('place.norland'))).status).toBe(405);
    expect((await api(server, 'PUT', entityPath('place.norland'), JSON.stringify({ action: 'false', note: 'x'.repeat(70_000) }))).status).toBe(413);
    const plain = await fetch(new URL(entityPath('place.norland'), server.url), { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(plain.status).toBe(415);
  });
});

describe('entity corrections in --to-gold', () => {
  it('drops false entities, retypes, and merges names into the target', async () => {
    for (const q of en.quotes) expect((await api(server, 'PUT', reviewPath(EN_ID, q.id), { status: 'approved' })).status).toBe(200);
    expect((await api(server, 'PUT', entityPath('place.geneva'), { action: 'false' })).status).toBe(200);
    expect((await api(server, 'PUT', entityPath('place.norland'), { action: 'retype', type: 'organisation' })).status).toBe(200);
    expect((await api(server, 'PUT', entityPath('person.jonas-berg'), { action: 'merge', into: 'person.amina-haddad' })).status).toBe(200);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const gold = join(ws.dir, '..', 'gold');
    await reviewsToGold({ dir: ws.dir, out: gold });
    const file = GoldFileSchema.parse(JSON.parse(readFileSync(join(gold, 'en', 'en-001-border-talks.gold.json'), 'utf8')));
    const byFirst = new Map(file.entities.map((e) => [e.names[0], e]));
    expect(byFirst.has('Geneva')).toBe(false);
    expect(byFirst.get('Norland')?.type).toBe('organisation');
    expect(byFirst.has('Jonas Berg')).toBe(false);
    expect(byFirst.get('Amina Haddad')?.names).toEqual(expect.arrayContaining(['Amina Haddad', 'Jonas Berg']));
    expect(byFirst.get('Vestmark')?.type).toBe('place');
    expect(file.entities).toHaveLength(en.entities.length - 2);
  });
});
