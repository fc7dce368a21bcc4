// isnad review --to-gold: reviewed articles become gold files in the gold format.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoldFileSchema, type GoldFile } from '../../src/schema/gold.ts';
import { runReviewCommand, type ReviewServer } from '../../src/review/command.ts';
import { goldPathFor, occurrenceAt, reviewsToGold } from '../../src/review/to-gold.ts';
import { AR_FILE, AR_ID, EN_FILE, EN_ID, api, copyFixtures, fixtureOutput, reviewPath, start, type Workspace } from './helpers.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ar = fixtureOutput(AR_FILE);
const en = fixtureOutput(EN_FILE);

let ws: Workspace;
let server: ReviewServer;
let gold: string;

beforeEach(async () => {
  ws = copyFixtures();
  gold = join(ws.dir, '..', 'gold');
  server = await start(ws.dir);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
  ws.cleanup();
});

function readGold(rel: string): GoldFile {
  return GoldFileSchema.parse(JSON.parse(readFileSync(join(gold, rel), 'utf8')));
}

async function reviewEnglish(): Promise<void> {
  const q3 = en.quotes[2]!;
  const decisions: Array<[string, unknown]> = [
    ['q1', { status: 'approved' }],
    ['q2', { status: 'corrected', speaker: { entityId: 'person.jonas-berg', name: 'Jonas Berg' } }],
    // Drop the leading "his government was " from the mixed quote.
    ['q3', { status: 'corrected', start: q3.start + 'his '.length, end: q3.end, kind: 'mixed' }],
    ['q4', { status: 'rejected' }],
    ['q5', { status: 'corrected', start: en.quotes[4]!.start, end: en.quotes[4]!.end - 1, speaker: { entityId: null, name: 'UN spokesperson' } }],
  ];
  for (const [id, body] of decisions) {
    const res = await api(server, 'PUT', reviewPath(EN_ID, id), body);
    expect(res.status, id).toBe(200);
  }
}

describe('to-gold', () => {
  it('writes approved and corrected quotes with their speakers, spans and entities', async () => {
    await reviewEnglish();
    expect(await runReviewCommand(['--to-gold', ws.dir, '--out', gold])).toBe(0);
    const file = readGold('en/en-001-border-talks.gold.json');
    expect(file.article).toBe('en-001-border-talks.txt');
    expect(file.lang).toBe('en');
    expect(file.quotes).toEqual([
      {
        text: 'talks with Vestmark on the disputed northern border would resume next month in Geneva',
        occurrence: 1,
        kind: 'indirect',
        speaker: ['Amina Haddad', 'Haddad'],
        cue: 'said',
      },
      {
        text: 'We have waited long enough, and both sides know what a fair line looks like',
        occurrence: 1,
        kind: 'direct',
        speaker: ['Jonas Berg', 'Berg'],
        cue: 'told',
      },
      {
        text: 'government was "ready to sign within the year" if the fishing rights were settled first',
        occurrence: 1,
        kind: 'mixed',
        speaker: ['Jonas Berg', 'Berg'],
        cue: 'said',
      },
      {
        text: 'Dialogue is the only road to a lasting settlement',
        occurrence: 1,
        kind: 'direct',
        speaker: ['UN spokesperson'],
        cue: 'said',
      },
    ]);
    expect(file.entities).toContainEqual({ type: 'organisation', names: ['United Nations', 'UN', 'الأمم المتحدة', 'The United Nations'] });
    expect(file.entities).toHaveLength(en.entities.length);
    // Every quote text is found in the source at its occurrence.
    for (const q of file.quotes) {
      let at = -1;
      for (let n = 0; n < q.occurrence; n++) at = en.source.indexOf(q.text, at + 1);
      expect(at, q.text).toBeGreaterThanOrEqual(0);
    }
    // The Arabic article has no decision yet: no file for it.
    expect(existsSync(join(gold, '000_3d9604a9e474a807.gold.json'))).toBe(false);
  });

  it('reproduces the hand-made gold file of seed 000 from a complete review', async () => {
    for (const q of ar.quotes) {
      const body =
        q.id === 'q12'
          ? { status: 'corrected', speaker: { entityId: 'person.vladimir-putin', name: 'Vladimir Putin' } }
          : { status: 'approved' };
      expect((await api(server, 'PUT', reviewPath(AR_ID, q.id), body)).status).toBe(200);
    }
    const report = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(report.written).toEqual([{ id: AR_ID, file: join(gold, '000_3d9604a9e474a807.gold.json'), quotes: 17 }]);
    const made = readGold('000_3d9604a9e474a807.gold.json');
    const hand = GoldFileSchema.parse(JSON.parse(readFileSync(join(repo, 'tests', 'gold', '000_3d9604a9e474a807.gold.json'), 'utf8')));
    expect(made.article).toBe(hand.article);
    expect(made.lang).toBe(hand.lang);
    expect(made.quotes.map((q) => [q.text, q.occurrence, q.kind, q.cue])).toEqual(hand.quotes.map((q) => [q.text, q.occurrence, q.kind, q.cue]));
    made.quotes.forEach((q, i) => {
      const expected = hand.quotes[i]!.speaker!;
      expect(q.speaker![0]).toBe(expected[0]);
      expect(q.speaker).toEqual(expect.arrayContaining(expected));
    });
    expect(made.entities).toEqual(expect.arrayContaining([{ type: 'person', names: ['Sergey Lavrov', 'سيرغي لافروف', 'لافروف'] }]));
  });

  it('writes half-reviewed articles only with --partial', async () => {
    await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'approved' });
    await api(server, 'PUT', reviewPath(AR_ID, 'q2'), { status: 'rejected' });
    const report = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(report.written).toEqual([]);
    expect(report.skipped).toEqual([{ id: AR_ID, reason: expect.stringMatching(/15 of 17 quotes still pending/) }]);
    expect(await runReviewCommand(['--to-gold', ws.dir, '--out', gold, '--partial'])).toBe(0);
    const file = readGold('000_3d9604a9e474a807.gold.json');
    expect(file.quotes).toHaveLength(1);
    expect(file.quotes[0]!.speaker).toEqual(['Sergey Lavrov', 'سيرغي لافروف', 'لافروف']);
  });

  it('never overwrites a gold file it did not write, unless forced; rewrites its own', async () => {
    await reviewEnglish();
    const target = join(gold, 'en', 'en-001-border-talks.gold.json');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, '{"hand": "made"}\n');
    const first = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(first.skipped).toEqual([{ id: EN_ID, reason: expect.stringMatching(/was not written by review --to-gold/) }]);
    expect(readFileSync(target, 'utf8')).toBe('{"hand": "made"}\n');

    const forced = await reviewsToGold({ dir: ws.dir, out: gold, force: true });
    expect(forced.written).toHaveLength(1);
    const again = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(again.unchanged).toHaveLength(1);
    // After more review work, its own file is rewritten without --force.
    await api(server, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'rejected' });
    const rewritten = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(rewritten.written).toEqual([{ id: EN_ID, file: target, quotes: 3 }]);
  });

  it('leaves orphaned decisions out and reports them', async () => {
    await reviewEnglish();
    const next = structuredClone(en);
    next.quotes = next.quotes.filter((q) => q.id !== 'q1');
    writeFileSync(join(ws.dir, EN_FILE), JSON.stringify(next));
    const report = await reviewsToGold({ dir: ws.dir, out: gold });
    expect(report.orphaned).toEqual([{ id: EN_ID, count: 1 }]);
    expect(readGold('en/en-001-border-talks.gold.json').quotes).toHaveLength(3);
  });
});

describe('to-gold helpers', () => {
  it('counts occurrences up to a span start', () => {
    expect(occurrenceAt('ab ab ab', 'ab', 0)).toBe(1);
    expect(occurrenceAt('ab ab ab', 'ab', 3)).toBe(2);
    expect(occurrenceAt('ab ab ab', 'ab', 6)).toBe(3);
    expect(occurrenceAt('aaa', 'aa', 1)).toBe(2);
  });

  it('names gold files after the article path, inside GOLD', () => {
    expect(goldPathFor('000_3d9604a9e474a807.txt')).toBe('000_3d9604a9e474a807.gold.json');
    expect(goldPathFor('en/story.txt')).toBe('en/story.gold.json');
    expect(goldPathFor('../../etc/passwd')).toBe('passwd.gold.json');
    expect(goldPathFor('/abs/x.txt')).toBe('x.gold.json');
    expect(goldPathFor('noext')).toBe('noext.gold.json');
  });
});
