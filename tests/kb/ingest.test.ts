// kb ingest: idempotent, incremental, atomic per article (even under kill -9),
// review decisions folded in, bad input reported and skipped, newer databases refused.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { openKb, KbError, KB_SCHEMA_VERSION, LOOKUP_TABLES, rows, type Kb } from '../../src/kb/store.ts';
import { ingest } from '../../src/kb/ingest.ts';
import { runKbCommand } from '../../src/kb/command.ts';
import { LAVROV, PUTIN, GENEVA, makeOutput, tempDir, writeOutput, writeReview, type ArticleSpec, withKb } from './helpers.ts';

const made: string[] = [];
const fresh = () => {
  const d = tempDir();
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const SPECS: ArticleSpec[] = [
  {
    id: 'a1',
    lang: 'ar',
    date: '2017-02-08',
    quotes: [
      { by: { who: LAVROV, as: 'لافروف' }, text: 'الاتصالات مع واشنطن حول سوريا مستمرة في جنيف', about: [{ who: GENEVA, as: 'جنيف' }] },
      { by: { who: PUTIN, as: 'بوتين' }, text: 'روسيا مستعدة للتعاون في مكافحة الإرهاب' },
    ],
  },
  { id: 'a2', lang: 'en', date: '2017-02-09', quotes: [{ by: { who: LAVROV, as: 'Lavrov' }, text: 'Contacts with Washington on Syria continue in Geneva', about: [{ who: GENEVA, as: 'Geneva' }] }] },
  { id: 'a3', lang: 'en', quotes: [{ by: { name: 'a diplomat' }, text: 'Nothing has been agreed yet on the agenda' }] },
  { id: 'a4', lang: 'ar', date: '2017-03-01', quotes: [{ by: { who: PUTIN, as: 'فلاديمير بوتين' }, text: 'لا يجوز أن ننسى ذلك أبدا ولو للحظة واحدة' }] },
];

function folder(specs = SPECS): string {
  const dir = fresh();
  for (const s of specs) writeOutput(dir, makeOutput(s));
  return dir;
}

const TABLES = ['articles', 'article_entities', 'entity_names', 'mentions', 'quotes', 'quote_bands', 'quote_mentions', 'speaker_counts', 'quote_cluster_members', 'quote_clusters', 'kb_meta', ...LOOKUP_TABLES];

/** Every table's rows, in a stable order, without the ingest time. */
async function dump(kb: Kb): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) {
    const exclude = t === 'articles' ? ' EXCLUDE (ingested_at)' : '';
    out[t] = await rows(kb.conn, `SELECT *${exclude} FROM ${t} ORDER BY ALL`);
  }
  return out;
}


describe('kb ingest', () => {
  it('ingesting twice gives the same database, and the second run skips every article', async () => {
    const dir = folder();
    const db = join(fresh(), 'kb.duckdb');
    const first = await withKb(db, async (kb) => ({ summary: await ingest(kb, [dir]), dump: await dump(kb) }));
    expect(first.summary).toMatchObject({ seen: 4, added: 4, replaced: 0, unchanged: 0, skipped: [] });
    expect((first.dump.quotes as unknown[]).length).toBe(5);
    const second = await withKb(db, async (kb) => ({ summary: await ingest(kb, [dir]), dump: await dump(kb) }));
    expect(second.summary).toMatchObject({ seen: 4, added: 0, replaced: 0, unchanged: 4, skipped: [] });
    expect(second.dump).toEqual(first.dump);
  });

  it('a changed article replaces its rows, and only its rows', async () => {
    const dir = folder();
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, (kb) => ingest(kb, [dir]));
    const changed = { ...SPECS[0]!, quotes: [{ by: { who: PUTIN, as: 'بوتين' }, text: 'نص جديد تماما عن العلاقات بين البلدين' }] };
    writeOutput(dir, makeOutput(changed));
    await withKb(db, async (kb) => {
      const s = await ingest(kb, [dir]);
      expect(s).toMatchObject({ added: 0, replaced: 1, unchanged: 3 });
      const qs = await rows(kb.conn, `SELECT article_id, text FROM quotes ORDER BY article_id, start`);
      expect(qs.filter((q) => q.article_id === 'a1').map((q) => q.text)).toEqual(['نص جديد تماما عن العلاقات بين البلدين']);
      expect(qs.filter((q) => q.article_id !== 'a1')).toHaveLength(3);
      const ents = await rows(kb.conn, `SELECT entity_id FROM article_entities WHERE article_id = 'a1' ORDER BY 1`);
      expect(ents.map((e) => e.entity_id)).toEqual(['person.vladimir-putin']);
      const orphanBands = await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM quote_bands b ANTI JOIN quotes q ON q.qid = b.qid`);
      expect(orphanBands[0]!.n).toBe(0);
      const members = await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM quote_cluster_members`);
      expect(members[0]!.n).toBe(4);
      const orphanMentions = await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM quote_mentions m ANTI JOIN quotes q ON q.qid = m.qid`);
      expect(orphanMentions[0]!.n).toBe(0);
      // The speakers' counts follow the change: counted here from the quotes themselves.
      const perSpeaker = new Map<string, number>();
      for (const q of await rows(kb.conn, `SELECT speaker_key FROM quotes WHERE speaker_key IS NOT NULL`)) {
        perSpeaker.set(String(q.speaker_key), (perSpeaker.get(String(q.speaker_key)) ?? 0) + 1);
      }
      const counted = await rows(kb.conn, `SELECT speaker_key, quotes FROM speaker_counts`);
      expect(new Map(counted.map((c) => [String(c.speaker_key), Number(c.quotes)]))).toEqual(perSpeaker);
      // So do the look-up tables the queries read: the old quotes are gone from each, the new one is in.
      const texts = async (table: string) => (await rows(kb.conn, `SELECT text FROM ${table} WHERE article_id = 'a1' ORDER BY ALL`)).map((r) => r.text);
      expect(await texts('quotes_by_date')).toEqual(['نص جديد تماما عن العلاقات بين البلدين']);
      expect(await texts('quotes_by_speaker')).toEqual(['نص جديد تماما عن العلاقات بين البلدين']);
      expect(await texts('quotes_by_mention')).toEqual([]);
      const lavrovArticles = await rows(kb.conn, `SELECT article_id FROM entity_articles WHERE entity_id = $1 ORDER BY 1`, [LAVROV.id]);
      expect(lavrovArticles.map((r) => r.article_id)).toEqual(['a2']);
    });
  });

  it('kill -9 inside an article transaction loses nothing committed and leaves no part of that article', async () => {
    const dir = folder();
    const db = join(fresh(), 'kb.duckdb');
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/ingest-child.ts', import.meta.url)), db, dir, 'a3'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolvePaused, reject) => {
      let seen = '';
      child.stdout!.on('data', (b: Buffer) => {
        seen += b.toString();
        if (seen.includes('paused')) resolvePaused();
        if (seen.includes('finished')) reject(new Error('the child finished without pausing'));
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    await withKb(db, async (kb) => {
      const arts = await rows(kb.conn, `SELECT id FROM articles ORDER BY id`);
      expect(arts.map((a) => a.id)).toEqual(['a1', 'a2']);
      for (const t of ['quotes', 'mentions', 'article_entities', 'entity_names', 'quote_bands', 'quote_mentions']) {
        const n = await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM ${t} WHERE article_id = 'a3'`);
        expect(n[0]!.n, t).toBe(0);
      }
      // Running again completes the folder.
      const s = await ingest(kb, [dir]);
      expect(s).toMatchObject({ added: 2, unchanged: 2 });
      const q = await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM quotes`);
      expect(q[0]!.n).toBe(5);
    });
  }, 60_000);

  it('folds review decisions in: rejected quotes stay out of clusters, corrections replace the speaker', async () => {
    const dir = fresh();
    const a1 = makeOutput(SPECS[0]!);
    writeOutput(dir, a1);
    writeReview(dir, a1, [
      { quoteId: 'q1', status: 'rejected' },
      { quoteId: 'q2', status: 'corrected', speaker: { entityId: LAVROV.id, name: LAVROV.name }, reviewer: 'mona' },
    ]);
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, async (kb) => {
      await ingest(kb, [dir]);
      const qs = await rows(kb.conn, `SELECT quote_id, review_status, reviewer, speaker_entity_id, extracted_speaker_entity_id FROM quotes ORDER BY quote_id`);
      expect(qs).toEqual([
        { quote_id: 'q1', review_status: 'rejected', reviewer: 'tester', speaker_entity_id: LAVROV.id, extracted_speaker_entity_id: null },
        { quote_id: 'q2', review_status: 'corrected', reviewer: 'mona', speaker_entity_id: LAVROV.id, extracted_speaker_entity_id: PUTIN.id },
      ]);
      const members = await rows(kb.conn, `SELECT q.quote_id FROM quote_cluster_members m JOIN quotes q USING (qid)`);
      expect(members.map((m) => m.quote_id)).toEqual(['q2']);
      // A new decision changes the content hash: the article is read again.
      writeReview(dir, a1, [{ quoteId: 'q1', status: 'approved' }]);
      expect(await ingest(kb, [dir])).toMatchObject({ replaced: 1 });
      const after = await rows(kb.conn, `SELECT quote_id, review_status, speaker_entity_id FROM quotes ORDER BY quote_id`);
      expect(after).toEqual([
        { quote_id: 'q1', review_status: 'approved', speaker_entity_id: LAVROV.id },
        { quote_id: 'q2', review_status: null, speaker_entity_id: PUTIN.id },
      ]);
    });
  });

  it('reports bad files with their path, skips them, ingests the rest and exits 1', async () => {
    const dir = folder(SPECS.slice(0, 2));
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": "1.0.0", "article": ');
    const future = makeOutput({ id: 'future', lang: 'en', quotes: [] }) as unknown as Record<string, unknown>;
    writeFileSync(join(dir, 'future.json'), JSON.stringify({ ...future, schemaVersion: '9.0.0' }));
    const wrong = makeOutput({ id: 'wrong', lang: 'en', quotes: [] }) as unknown as { article: Record<string, unknown> };
    wrong.article.lang = 'fr';
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(wrong));
    const ghost = makeOutput({ id: 'ghost', lang: 'en', quotes: [{ by: null, text: 'never ingested as an article' }] });
    const ghostReview = writeReview(dir, ghost, [{ quoteId: 'q1', status: 'approved' }]);
    writeFileSync(join(dir, 'manifest.json'), '{"not": "an article"}');
    const db = join(fresh(), 'kb.duckdb');
    const summary = await withKb(db, (kb) => ingest(kb, [dir]));
    expect(summary.added).toBe(2);
    const byFile = Object.fromEntries(summary.skipped.map((p) => [p.file, p.message]));
    expect(Object.keys(byFile).sort()).toEqual([join(dir, 'broken.json'), join(dir, 'future.json'), ghostReview, join(dir, 'wrong.json')].sort());
    expect(byFile[join(dir, 'broken.json')]).toMatch(/not JSON/);
    expect(byFile[join(dir, 'future.json')]).toMatch(/unknown schema version "9\.0\.0"/);
    expect(byFile[join(dir, 'wrong.json')]).toMatch(/article\.lang/);
    expect(byFile[ghostReview]).toMatch(/not in the folder/);

    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const out = process.stdout.write.bind(process.stdout);
    process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runKbCommand(['ingest', dir, '--db', join(fresh(), 'kb2.duckdb'), '--quiet']);
    } finally {
      process.stderr.write = write;
      process.stdout.write = out;
    }
    expect(code).toBe(1);
    expect(err.join('')).toContain('broken.json: not JSON');
  });

  it('ingests an article whose review file is invalid without its decisions, and reports the file on every run', async () => {
    const dir = fresh();
    const a1 = makeOutput(SPECS[0]!);
    writeOutput(dir, a1);
    const review = writeReview(dir, a1, [{ quoteId: 'q1', status: 'rejected' }]);
    writeFileSync(review, readFileSync(review, 'utf8').replace('"rejected"', '"maybe"'));
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, async (kb) => {
      for (let run = 0; run < 2; run++) {
        const s = await ingest(kb, [dir]);
        expect(s.skipped.map((p) => p.file)).toEqual([review]);
        expect(s.skipped[0]!.message).toMatch(/not a valid review file: reviews\.0\.status/);
      }
      const qs = await rows(kb.conn, `SELECT review_status FROM quotes ORDER BY quote_id`);
      expect(qs.map((q) => q.review_status)).toEqual([null, null]);
    });
  });

  it('refuses a database of a newer schema version and leaves it untouched', async () => {
    const db = join(fresh(), 'kb.duckdb');
    await withKb(db, async (kb) => {
      await kb.conn.run(`UPDATE kb_meta SET value = $1 WHERE key = 'schema_version'`, [String(KB_SCHEMA_VERSION + 1)]);
      await kb.conn.run('CHECKPOINT');
    });
    const before = createHash('sha256').update(readFileSync(db)).digest('hex');
    const mtime = statSync(db).mtimeMs;
    await expect(openKb(db)).rejects.toThrow(KbError);
    await expect(openKb(db)).rejects.toThrow(new RegExp(`schema version ${KB_SCHEMA_VERSION + 1}, newer than this isnad understands \\(${KB_SCHEMA_VERSION}\\)`));
    expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before);
    expect(statSync(db).mtimeMs).toBe(mtime);
  });

  it('caps DuckDB memory while loading articles (the process does not grow with the database), and gives the caller its limit back', async () => {
    const dir = folder();
    const kb = await openKb(join(fresh(), 'kb.duckdb'), { memoryLimit: '1GB' });
    try {
      const setting = async () => String((await rows(kb.conn, `SELECT current_setting('memory_limit') AS m`))[0]!.m);
      const during: string[] = [];
      await ingest(kb, [dir], { beforeCommit: async () => void during.push(await setting()) });
      expect(during.length).toBeGreaterThan(0);
      expect(new Set(during)).toEqual(new Set(['488.2 MiB'])); // 512 MB
      expect(await setting()).toMatch(/^953\.[56] MiB$/); // 1 GB as opened (restored from DuckDB's rounded text)
    } finally {
      kb.close();
    }
  });

  it('query commands refuse a missing database instead of creating one', async () => {
    const db = join(fresh(), 'none.duckdb');
    await expect(openKb(db, { readOnly: true })).rejects.toThrow(/no knowledge base at/);
    expect(existsSync(db)).toBe(false);
  });
});
