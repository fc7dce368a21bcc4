// The refresh at the end of an ingest: refreshing only what the changed articles
// touch gives the same derived tables (clusters, counts, look-up tables) as
// rebuilding them whole, when a cluster loses its smallest quote, splits, grows,
// merges, a quote is rejected, a speaker changes, and an article is added.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openKb, rows, LOOKUP_TABLES, type Kb } from '../../src/kb/store.ts';
import { ingest } from '../../src/kb/ingest.ts';
import { refresh } from '../../src/kb/refresh.ts';
import { findQuotes } from '../../src/kb/query.ts';
import { GENEVA, GUTERRES, LAVROV, PUTIN, makeOutput, tempDir, writeOutput, writeReview, type ArticleSpec, type QuoteSpec, withKb } from './helpers.ts';

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

  it('gives the tables a full rebuild gives where buckets hold quotes that share words but fail the containment check', async () => {
    // The same words in other orders share many shingles: LSH puts them in one bucket,
    // the containment check keeps some links and not others, so a bucket's smallest qid
    // may not be in its members' cluster (the bench's generated articles do this).
    const WORDS = [
      'internationally extraordinarily counterproductive responsibilities',
      'internationally extraordinarily counterproductive misunderstandings',
      'unquestionably extraordinarily counterproductive responsibilities',
    ];
    const shuffled = (text: string, seed: number) => {
      const w = text.split(' ');
      let x = seed;
      for (let i = w.length - 1; i > 0; i--) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const j = x % (i + 1);
        [w[i], w[j]] = [w[j]!, w[i]!];
      }
      return w.join(' ');
    };
    // Half the quotes keep the words' order but for one swap, half are shuffled.
    const article = (i: number, salt = 0) =>
      spec(`w${String(i).padStart(3, '0')}`, 'en', 1 + (i % 28), [0, 1].map((n) => {
        const base = WORDS[(i + n) % WORDS.length]!;
        return putin((i + n) % 2 === 0 && !salt ? base.replace('the ', i % 4 === 0 ? 'a ' : 'the ') : shuffled(base, i * 31 + n + salt));
      }));
    const dir = fresh();
    for (let i = 0; i < 90; i++) writeOutput(dir, makeOutput(article(i)));
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, (kb) => ingest(kb, [dir]));
    for (const round of [1, 2, 3]) {
      // Early articles hold the buckets' smallest qids: change some, and add some.
      for (const i of [round - 1, round + 3, 10 * round, 40 + round]) writeOutput(dir, makeOutput(article(i, round)));
      writeOutput(dir, makeOutput(article(100 + round)));
      const r = await both(db, dir);
      expect(r.inc.summary).toMatchObject({ replaced: 4, added: 1, refreshed: 'incremental' });
      expect(r.inc.tables, `round ${round}`).toEqual(r.whole.tables);
    }
  });

  describe('on buckets set by hand, where a bucket\'s smallest qid is not in its members\' cluster', () => {
    // Quotes r < x < y < z (qids 1-4). Signatures: x and y equal (a link between them is
    // kept), r and z unlike both (links to them fail the check). Buckets are written by hand.
    const SIG = { r: 1, x: 2, y: 2, z: 3 };
    const setUp = async (buckets: Record<string, Array<keyof typeof SIG>>) => {
      const dir = fresh();
      (['r', 'x', 'y', 'z'] as const).forEach((k, i) => writeOutput(dir, makeOutput(spec(`h${i}${k}`, 'en', 1 + i, [putin(`Unrelated statement ${k} ${'abcdefgh'.repeat(i + 1)}`)]))));
      const db = join(fresh(), 'kb.duckdb');
      await withKb(db, async (kb) => {
        await ingest(kb, [dir]);
        const qid = async (k: string) => Number((await rows(kb.conn, `SELECT qid FROM quotes WHERE article_id LIKE $1`, [`h_${k}`]))[0]!.qid);
        await kb.conn.run(`DELETE FROM quote_bands`);
        for (const [k, v] of Object.entries(SIG)) {
          await kb.conn.run(`UPDATE quotes SET shingles = 10, signature = list_transform(range(80), i -> ${v}::UINTEGER) WHERE qid = $1`, [await qid(k)]);
        }
        let band = 0;
        for (const members of Object.values(buckets)) {
          band++;
          for (const k of members) await kb.conn.run(`INSERT INTO quote_bands SELECT qid, article_id, $1, 1000 + $1 FROM quotes WHERE qid = $2`, [band, await qid(k)]);
        }
        await refresh(kb.conn, 'full', async () => {});
      });
      return db;
    };
    const sameCluster = async (kb: Kb, a: string, b: string) =>
      (await rows(kb.conn, `SELECT count(DISTINCT m.cluster_id)::INTEGER AS n FROM quote_cluster_members m JOIN quotes q USING (qid) WHERE q.article_id LIKE $1 OR q.article_id LIKE $2`, [`h_${a}`, `h_${b}`]))[0]!.n === 1;
    /** Runs `change` then an incremental refresh on `db`, and on a copy the same change and a full one. */
    const compare = async (db: string, change: (kb: Kb) => Promise<void>) => {
      const copy = join(fresh(), 'full.duckdb');
      copyFileSync(db, copy);
      const run = (file: string, mode: 'incremental' | 'full') =>
        withKb(file, async (kb) => {
          await change(kb);
          await refresh(kb.conn, mode, async () => {});
          return { tables: await derived(kb), xy: await sameCluster(kb, 'x', 'y') };
        });
      const inc = await run(db, 'incremental');
      const full = await run(copy, 'full');
      expect(inc.tables).toEqual(full.tables);
      return full.xy;
    };

    it('a new quote in buckets with x and y does not link them through a bucket whose smallest qid is r', async () => {
      const db = await setUp({ rxy: ['r', 'x', 'y'], xz: ['x', 'z'], yz: ['y', 'z'] });
      // z arrives: before it, nothing knew of it.
      const xy = await compare(db, async (kb) => {
        await kb.conn.run(`DELETE FROM quote_clusters WHERE id IN (SELECT m.cluster_id FROM quote_cluster_members m JOIN quotes q USING (qid) WHERE q.article_id = 'h3z')`);
        await kb.conn.run(`DELETE FROM quote_cluster_members WHERE qid IN (SELECT qid FROM quotes WHERE article_id = 'h3z')`);
        await kb.conn.run(`INSERT INTO kb_pending_articles VALUES ('h3z')`);
      });
      expect(xy).toBe(false);
    });

    it('when r goes, x and y of its bucket are linked', async () => {
      const db = await setUp({ rxy: ['r', 'x', 'y'] });
      // r's article is replaced by one without quotes, as the ingest writer leaves it.
      const xy = await compare(db, async (kb) => {
        await kb.conn.run(`INSERT INTO kb_pending_quotes SELECT qid, speaker_key FROM quotes WHERE article_id = 'h0r'`);
        await kb.conn.run(`INSERT INTO kb_pending_entities SELECT DISTINCT entity_id FROM article_entities WHERE article_id = 'h0r'`);
        await kb.conn.run(`INSERT INTO kb_pending_bands SELECT band, bucket FROM quote_bands WHERE article_id = 'h0r'`);
        for (const t of ['quotes', 'quote_bands', 'quote_mentions']) await kb.conn.run(`DELETE FROM ${t} WHERE article_id = 'h0r'`);
        await kb.conn.run(`INSERT INTO kb_pending_articles VALUES ('h0r')`);
      });
      expect(xy).toBe(true);
    });
  });

  it('a run killed before its refresh leaves it to the next, which gives what a full rebuild gives', async () => {
    const dir = fresh();
    for (const s of FIRST) writeOutput(dir, makeOutput(s));
    for (let i = 0; i < 20; i++) writeOutput(dir, makeOutput(spec(`g${i}`, 'en', 1 + (i % 28), [putin(`${OTHER} ${i}`)])));
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, (kb) => ingest(kb, [dir]));
    // f1 and r2 change and r9 is new; the run is killed inside r9's transaction (files go in name order).
    writeOutput(dir, makeOutput(spec('f1', 'en', 11, [putin(OTHER)])));
    writeOutput(dir, makeOutput(spec('r2', 'ar', 2, [putin(T2)])));
    writeOutput(dir, makeOutput(spec('r9', 'ar', 9, [lavrov(T1)])));
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/ingest-child.ts', import.meta.url)), db, dir, 'r9'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((paused, reject) => {
      child.stdout!.on('data', (b: Buffer) => (String(b).includes('paused') ? paused() : undefined));
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    await withKb(db, async (kb) => {
      expect((await rows(kb.conn, `SELECT article_id FROM kb_pending_articles ORDER BY 1`)).map((r) => r.article_id)).toEqual(['f1', 'r2']);
      expect(await ingest(kb, [dir])).toMatchObject({ added: 1, replaced: 0, refreshed: 'incremental' });
    });
    const copy = join(fresh(), 'full.duckdb');
    copyFileSync(db, copy);
    const inc = await withKb(db, derived);
    const whole = await withKb(copy, async (kb) => (await refresh(kb.conn, 'full', async () => {}), derived(kb)));
    expect(inc).toEqual(whole);
  }, 60_000);

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
