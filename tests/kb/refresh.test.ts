// The refresh at the end of an ingest: refreshing only what the changed articles
// touch gives the same derived tables (clusters, counts, look-up tables) as
// rebuilding them whole, when a cluster loses its smallest quote, splits, grows,
// merges, a quote is rejected, a speaker changes, and an article is added.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openKb, rows, LOOKUP_TABLES, type Kb } from '../../src/kb/store.ts';
import { ingest } from '../../src/kb/ingest.ts';
import { findQuotes } from '../../src/kb/query.ts';
import { GENEVA, GUTERRES, LAVROV, PUTIN, makeOutput, tempDir, writeOutput, writeReview, type ArticleSpec, type QuoteSpec } from './helpers.ts';

const made: string[] = [];
const fresh = () => {
  const d = tempDir();
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const T1 = 'إن الاتصالات على المستوى العملي بما فيها في جنيف مستمرة ولم تنقطع منذ بداية العام الحالي';
const T1_TRIMMED = 'الاتصالات على المستوى العملي بما فيها في جنيف مستمرة ولم تنقطع منذ بداية العام';
const T2 = 'روسيا مستعدة لاستئناف العلاقات مع الولايات المتحدة وتنمية التعاون بشكل واسع وعميق بقدر استعداد الإدارة الجديدة';
const T3 = 'I am deeply alarmed by the escalating violence against civilians in Sudan, and I call on all parties to stop the fighting now';
const T3_FIRST = 'I am deeply alarmed by the escalating violence against civilians in Sudan';
const T3_SECOND = 'and I call on all parties to stop the fighting now, said the secretary general of the United Nations in New York';
const OTHER = 'We will never accept the deployment of these missiles near our borders under any circumstances';

const lavrov = (text: string, about?: QuoteSpec['about']): QuoteSpec => ({ by: { who: LAVROV, as: /[a-z]/i.test(text) ? 'Lavrov' : 'لافروف' }, text, about });
const putin = (text: string): QuoteSpec => ({ by: { who: PUTIN, as: /[a-z]/i.test(text) ? 'Putin' : 'بوتين' }, text });
const guterres = (text: string): QuoteSpec => ({ by: { who: GUTERRES, as: 'Guterres' }, text });
const spec = (id: string, lang: 'ar' | 'en', day: number, quotes: QuoteSpec[]): ArticleSpec => ({ id, lang, date: `2020-01-${String(day).padStart(2, '0')}`, quotes });

/** The first state: T1 three times (r1 holds its smallest qid), T2 twice, T3 in two halves (two clusters), filler. */
const FIRST: ArticleSpec[] = [
  spec('r1', 'ar', 1, [lavrov(T1, [{ who: GENEVA, as: 'جنيف' }]), putin('روسيا لن تقبل بأي شروط مسبقة للحوار مع الغرب')]),
  spec('r2', 'ar', 2, [lavrov(T1)]),
  spec('r3', 'ar', 3, [lavrov(T1_TRIMMED)]),
  spec('r4', 'ar', 4, [putin(T2)]),
  spec('r5', 'ar', 5, [putin(T2)]),
  spec('r6', 'en', 6, [guterres(T3_FIRST)]),
  spec('r7', 'en', 7, [guterres(T3_SECOND)]),
  spec('r8', 'en', 8, [putin(OTHER)]),
  ...Array.from({ length: 6 }, (_, i) => spec(`f${i}`, 'en', 10 + i, [guterres(`Filler statement number ${i} about the weather and the harvest this year`)])),
];

/** Every table the refresh writes, in a stable order. */
const DERIVED = ['entity_lookup', 'speaker_counts', 'quote_cluster_members', 'quote_clusters', ...LOOKUP_TABLES];
async function derived(kb: Kb): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of DERIVED) out[t] = await rows(kb.conn, `SELECT * FROM ${t} ORDER BY ALL`);
  return out;
}

async function withKb<T>(db: string, fn: (kb: Kb) => Promise<T>): Promise<T> {
  const kb = await openKb(db);
  try {
    return await fn(kb);
  } finally {
    kb.close();
  }
}

/** Ingests `dir` into copies of `db`, refreshing incrementally in one and whole in the other; returns both states. */
async function both(db: string, dir: string) {
  const full = join(fresh(), 'full.duckdb');
  copyFileSync(db, full);
  const inc = await withKb(db, async (kb) => ({ summary: await ingest(kb, [dir], { refresh: 'incremental' }), tables: await derived(kb) }));
  const whole = await withKb(full, async (kb) => ({ summary: await ingest(kb, [dir], { refresh: 'full' }), tables: await derived(kb) }));
  return { inc, whole };
}

const clusterOf = async (kb: Kb, article: string) =>
  (await rows(kb.conn, `SELECT m.cluster_id::VARCHAR AS c FROM quote_cluster_members m JOIN quotes q USING (qid) WHERE q.article_id = $1 ORDER BY q.start LIMIT 1`, [article]))[0]?.c;

describe('incremental refresh', () => {
  it('gives the tables a full rebuild gives, change after change', async () => {
    const dir = fresh();
    for (const s of FIRST) writeOutput(dir, makeOutput(s));
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, (kb) => ingest(kb, [dir]));
    await withKb(db, async (kb) => {
      expect(await clusterOf(kb, 'r2')).toBe(await clusterOf(kb, 'r1'));
      expect(await clusterOf(kb, 'r6')).not.toBe(await clusterOf(kb, 'r7'));
    });

    // 1. r1 no longer prints T1 (the cluster loses its smallest qid: r2 and r3 get a new id);
    //    r5's T2 is rejected by a reviewer; a new article joins T2; one with the whole of T3
    //    merges T3's two halves.
    writeOutput(dir, makeOutput(spec('r1', 'ar', 1, [putin('روسيا لن تقبل بأي شروط مسبقة للحوار مع الغرب')])));
    writeReview(dir, makeOutput(FIRST[4]!), [{ quoteId: 'q1', status: 'rejected' }]);
    writeOutput(dir, makeOutput(spec('r9', 'ar', 9, [lavrov(T2)])));
    writeOutput(dir, makeOutput(spec('r10', 'en', 20, [guterres(`${T3_FIRST}, ${T3_SECOND}`)])));
    const one = await both(db, dir);
    expect(one.inc.summary).toMatchObject({ added: 2, replaced: 2, refreshed: 'incremental' });
    expect(one.whole.summary).toMatchObject({ refreshed: 'full' });
    expect(one.inc.tables).toEqual(one.whole.tables);
    await withKb(db, async (kb) => {
      expect(await clusterOf(kb, 'r3')).toBe(await clusterOf(kb, 'r2'));
      expect(await clusterOf(kb, 'r9')).toBe(await clusterOf(kb, 'r4'));
      expect(await clusterOf(kb, 'r6')).toBe(await clusterOf(kb, 'r7'));
      const t2 = await rows(kb.conn, `SELECT speaker_conflict, occurrences FROM quote_clusters WHERE id = $1::BIGINT`, [String(await clusterOf(kb, 'r4'))]);
      expect(t2[0]).toMatchObject({ speaker_conflict: true, occurrences: 2 });
    });

    // 2. The merging article goes again (T3 splits back), r4's speaker changes, r5's rejection is withdrawn.
    writeOutput(dir, makeOutput(spec('r10', 'en', 20, [guterres('A statement about nothing else at all, said the spokesman today')])));
    writeOutput(dir, makeOutput(spec('r4', 'ar', 4, [lavrov(T2)])));
    rmSync(join(dir, 'reviews'), { recursive: true });
    const two = await both(db, dir);
    expect(two.inc.summary).toMatchObject({ replaced: 3, refreshed: 'incremental' });
    expect(two.inc.tables).toEqual(two.whole.tables);
    await withKb(db, async (kb) => {
      expect(await clusterOf(kb, 'r6')).not.toBe(await clusterOf(kb, 'r7'));
      expect(await clusterOf(kb, 'r5')).toBe(await clusterOf(kb, 'r4'));
      expect((await findQuotes(kb.conn, { speaker: 'Putin' })).map((q) => q.article).sort()).toEqual(['r1', 'r5', 'r8']);
    });
  });

  it('is what an ingest of a few changed articles in a bigger database does', async () => {
    const dir = fresh();
    for (const s of FIRST) writeOutput(dir, makeOutput(s));
    for (let i = 0; i < 20; i++) writeOutput(dir, makeOutput(spec(`g${i}`, 'en', 1 + (i % 28), [putin(`${OTHER} ${i}`)])));
    const db = join(fresh(), 'kb.duckdb');
    expect(await withKb(db, (kb) => ingest(kb, [dir]))).toMatchObject({ refreshed: 'full' });
    writeOutput(dir, makeOutput(spec('g3', 'en', 4, [putin('Something else entirely, about trade and tariffs and the price of grain')])));
    const s = await withKb(db, (kb) => ingest(kb, [dir]));
    expect(s).toMatchObject({ replaced: 1, refreshed: 'incremental' });
    // Nothing is left pending, and nothing changed means nothing to refresh.
    await withKb(db, async (kb) => {
      for (const t of ['kb_pending_articles', 'kb_pending_quotes', 'kb_pending_entities']) {
        expect((await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM ${t}`))[0]!.n, t).toBe(0);
      }
      expect(await ingest(kb, [dir])).toMatchObject({ unchanged: FIRST.length + 20, refreshed: null });
    });
  });
});
