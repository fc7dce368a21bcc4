// kb queries and exports on a small corpus whose answers are known: names in
// either script, filters, formats, and each export read back and compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openKb, rows, KB_SCHEMA_VERSION, LOOKUP_TABLES } from '../../src/kb/store.ts';
import { ingest } from '../../src/kb/ingest.ts';
import { describeEntity, findQuotes, resolveName } from '../../src/kb/query.ts';
import { runKbCommand, TABLE_ROWS } from '../../src/kb/command.ts';
import { toCsv, toJsonl } from '../../src/kb/format.ts';
import { exportKb } from '../../src/kb/export.ts';
import { GENEVA, GUTERRES, LAVROV, PUTIN, makeOutput, tempDir, writeOutput, writeReview, type ArticleSpec } from './helpers.ts';

const SPECS: ArticleSpec[] = [
  {
    id: 'k1',
    lang: 'ar',
    date: '2017-02-08',
    quotes: [
      { by: { who: LAVROV, as: 'لافروف' }, text: 'الاتصالات مع واشنطن حول سوريا مستمرة في جنيف، "كل أسبوع"', about: [{ who: GENEVA, as: 'جنيف' }] },
      { by: { who: PUTIN, as: 'بوتين' }, text: 'روسيا مستعدة للتعاون في مكافحة الإرهاب' },
    ],
  },
  { id: 'k2', lang: 'en', date: '2017-02-09', quotes: [{ by: { who: LAVROV, as: 'Lavrov' }, text: 'Contacts with Washington on Syria continue in Geneva', about: [{ who: GENEVA, as: 'Geneva' }] }] },
  { id: 'k3', lang: 'en', quotes: [{ by: { name: 'a diplomat' }, text: 'Nothing has been agreed yet on the agenda' }] },
  {
    id: 'k4',
    lang: 'ar',
    date: '2017-03-01',
    quotes: [
      { by: { who: PUTIN, as: 'فلاديمير بوتين' }, text: 'لا يجوز أن ننسى ذلك أبدا ولو للحظة واحدة' },
      { by: { who: PUTIN, as: 'بوتين' }, text: 'محاولات الإخلال بالتكافؤ الاستراتيجي خطيرة للغاية' },
    ],
  },
  {
    id: 'k5',
    lang: 'en',
    date: '2017-03-05',
    quotes: [
      { by: { who: GUTERRES, as: 'Guterres' }, text: 'I am deeply alarmed by the violence against civilians' },
      { by: { who: LAVROV, as: 'Lavrov' }, text: 'This line was rejected by the reviewer and must not show' },
    ],
  },
];

let dir: string;
let dbDir: string;
let db: string;

beforeAll(async () => {
  dir = tempDir();
  dbDir = tempDir();
  db = join(dbDir, 'kb.duckdb');
  for (const s of SPECS) {
    const out = makeOutput(s);
    writeOutput(dir, out);
    if (s.id === 'k5') writeReview(dir, out, [{ quoteId: 'q1', status: 'approved' }, { quoteId: 'q2', status: 'rejected' }]);
  }
  const kb = await openKb(db);
  try {
    await ingest(kb, [dir]);
  } finally {
    kb.close();
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dbDir, { recursive: true, force: true });
});

/** Runs a kb command in-process and returns its exit code and stdout. */
async function kb(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await runKbCommand([...args, '--db', db]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

/** RFC 4180, written here independently of the exporter. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rec.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(field);
      records.push(rec);
      rec = [];
      field = '';
    } else field += c;
  }
  if (field || rec.length) records.push([...rec, field]);
  const [head, ...body] = records;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const quoteIds = (rs: Array<Record<string, unknown>>) => rs.map((r) => `${r.article}/${r.quote}`).sort();

describe('names', () => {
  it.each(['لافروف', 'Lavrov', 'Sergey Lavrov', 'سيرغي لافروف', 'sergey lavrov', 'person.sergey-lavrov'])('%s resolves to Lavrov', async (name) => {
    const k = await openKb(db, { readOnly: true });
    try {
      expect((await resolveName(k.conn, name)).ids).toEqual([LAVROV.id]);
    } finally {
      k.close();
    }
  });
  it.each(['Lavrova', 'person.nobody', 'وزير'])('%s resolves to no one', async (name) => {
    const k = await openKb(db, { readOnly: true });
    try {
      expect((await resolveName(k.conn, name)).ids).toEqual([]);
    } finally {
      k.close();
    }
  });
});

describe('schema migration', () => {
  it('takes a version 1 database to the current version: the quotes that name each entity, the speakers counted', async () => {
    const v1 = join(tempDir(), 'v1.duckdb');
    copyFileSync(db, v1);
    const old = await openKb(v1);
    try {
      // What version 1 lacked: the entities named inside each quote, and the speakers' counts.
      await old.conn.run(`DROP TABLE quote_mentions`);
      await old.conn.run(`DROP TABLE speaker_counts`);
      await old.conn.run(`UPDATE kb_meta SET value = '1' WHERE key = 'schema_version'`);
      await old.conn.run('CHECKPOINT');
    } finally {
      old.close();
    }
    const migrated = await openKb(v1);
    const current = await openKb(db, { readOnly: true });
    try {
      expect((await rows(migrated.conn, `SELECT value FROM kb_meta WHERE key = 'schema_version'`))[0]!.value).toBe(String(KB_SCHEMA_VERSION));
      const table = `SELECT qid, article_id, entity_id FROM quote_mentions ORDER BY ALL`;
      const built = await rows(migrated.conn, table);
      expect(built).toEqual(await rows(current.conn, table));
      expect(built.map((r) => r.entity_id)).toContain(GENEVA.id);
      const counts = `SELECT * FROM speaker_counts ORDER BY ALL`;
      expect(await rows(migrated.conn, counts)).toEqual(await rows(current.conn, counts));
      expect(quoteIds(await findQuotes(migrated.conn, { mentions: 'Geneva' }))).toEqual(['k1/q1', 'k2/q1']);
    } finally {
      migrated.close();
      current.close();
    }
  });
});

describe('schema migration to version 3', () => {
  it('builds the look-up tables of a version 2 database, the same as an ingest builds them', async () => {
    const v2 = join(tempDir(), 'v2.duckdb');
    copyFileSync(db, v2);
    const old = await openKb(v2);
    try {
      for (const t of LOOKUP_TABLES) await old.conn.run(`DROP TABLE ${t}`);
      await old.conn.run(`UPDATE kb_meta SET value = '2' WHERE key = 'schema_version'`);
      await old.conn.run('CHECKPOINT');
    } finally {
      old.close();
    }
    const migrated = await openKb(v2);
    const current = await openKb(db, { readOnly: true });
    try {
      expect((await rows(migrated.conn, `SELECT value FROM kb_meta WHERE key = 'schema_version'`))[0]!.value).toBe(String(KB_SCHEMA_VERSION));
      for (const t of LOOKUP_TABLES) {
        const all = `SELECT * FROM ${t} ORDER BY ALL`;
        const built = await rows(migrated.conn, all);
        expect(built.length, t).toBeGreaterThan(0);
        expect(built, t).toEqual(await rows(current.conn, all));
      }
      expect(quoteIds(await findQuotes(migrated.conn, { speaker: 'Lavrov' }))).toEqual(['k1/q1', 'k2/q1']);
    } finally {
      migrated.close();
      current.close();
    }
  });
});

describe('look-up tables', () => {
  // The quotes as the base tables give them (what the queries read before version 3).
  const reference = (where: string, params: Array<string | null>) =>
    withDb((c) =>
      rows(
        c,
        `SELECT q.article_id || '/' || q.quote_id AS id FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE q.review_status IS DISTINCT FROM 'rejected' AND ${where}
         ORDER BY a.date NULLS LAST, q.article_id, q.start`,
        params,
      ),
    ).then((rs) => rs.map((r) => String(r.id)));
  const withDb = async <T>(fn: (c: Awaited<ReturnType<typeof openKb>>['conn']) => Promise<T>): Promise<T> => {
    const k = await openKb(db, { readOnly: true });
    try {
      return await fn(k.conn);
    } finally {
      k.close();
    }
  };
  const ordered = (rs: Array<Record<string, unknown>>) => rs.map((r) => `${r.article}/${r.quote}`);

  it.each([
    [{ speaker: 'Lavrov' }, `q.speaker_entity_id = $1`, [LAVROV.id]],
    [{ speaker: 'بوتين' }, `q.speaker_entity_id = $1`, [PUTIN.id]],
    [{ speaker: 'a diplomat' }, `q.speaker_name = $1`, ['a diplomat']],
    [{ mentions: 'Geneva' }, `q.qid IN (SELECT qid FROM quote_mentions WHERE entity_id = $1)`, [GENEVA.id]],
    [{ speaker: 'Lavrov', mentions: 'Geneva', lang: 'en' as const }, `q.speaker_entity_id = $1 AND a.lang = 'en' AND q.qid IN (SELECT qid FROM quote_mentions WHERE entity_id = $2)`, [LAVROV.id, GENEVA.id]],
    [{ since: '2017-02-09' }, `a.date >= DATE '2017-02-09'`, []],
    [{ until: '2017-02-08', lang: 'ar' as const }, `a.date <= DATE '2017-02-08' AND a.lang = 'ar'`, []],
    [{}, `true`, []],
  ])('%j gives the quotes the base tables give, in the same order', async (filter, where, params) => {
    const expected = await reference(where, params);
    expect(expected.length).toBeGreaterThan(0);
    expect(ordered(await withDb((c) => findQuotes(c, filter)))).toEqual(expected);
  });

  it('are stored in the order of their key, so that a look-up reads the row groups of its key only', async () => {
    const sortedBy = async (table: string, key: string) => {
      const keys = (await withDb((c) => rows(c, `SELECT ${key} AS k FROM ${table} ORDER BY rowid`))).map((r) => String(r.k));
      expect(keys.length, table).toBeGreaterThan(1);
      expect(keys, table).toEqual([...keys].sort());
    };
    await sortedBy('quotes_by_speaker', 'speaker_hash');
    await sortedBy('quotes_by_mention', 'mention_hash');
    await sortedBy('entity_articles', 'entity_hash');
    await sortedBy('entity_summaries', 'entity_hash');
    await sortedBy('quotes_by_date', `coalesce(date::VARCHAR, '9999')`);
  });
});

describe('isnad kb quotes', () => {
  const jsonl = async (...args: string[]) => {
    const r = await kb('quotes', ...args, '--format', 'jsonl');
    expect(r.code).toBe(0);
    return r.out.trim() ? r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  };
  it.each([
    [['--speaker', 'Lavrov'], ['k1/q1', 'k2/q1']],
    [['--speaker', 'لافروف'], ['k1/q1', 'k2/q1']],
    [['--speaker', 'a diplomat'], ['k3/q1']],
    [['--mentions', 'جنيف'], ['k1/q1', 'k2/q1']],
    [['--mentions', 'Geneva', '--lang', 'en'], ['k2/q1']],
    [['--since', '2017-02-09', '--until', '2017-03-01'], ['k2/q1', 'k4/q1', 'k4/q2']],
    [['--lang', 'ar'], ['k1/q1', 'k1/q2', 'k4/q1', 'k4/q2']],
    [['--reviewed'], ['k5/q1']],
    [['--speaker', 'Nobody'], []],
  ])('%j', async (args, expected) => {
    expect(quoteIds(await jsonl(...args))).toEqual(expected);
  });

  it('leaves rejected quotes out', async () => {
    const all = await jsonl();
    expect(all).toHaveLength(7);
    expect(all.map((q) => q.text)).not.toContain('This line was rejected by the reviewer and must not show');
  });

  it('prints CSV that a parser reads back to the same rows, and a table', async () => {
    const asJson = await jsonl('--speaker', 'Lavrov');
    const csv = await kb('quotes', '--speaker', 'Lavrov', '--format', 'csv');
    const parsed = parseCsv(csv.out);
    expect(parsed.map((r) => r.text)).toEqual(asJson.map((r) => r.text));
    expect(parsed[0]!.text).toContain('"كل أسبوع"');
    const table = await kb('quotes', '--speaker', 'Lavrov');
    expect(table.out.split('\n')[0]).toMatch(/^date\s+article\s+quote\s+kind\s+speaker/);
    expect(table.out).toContain('Contacts with Washington on Syria continue in Geneva');
  });

  it('a table shows the first TABLE_ROWS quotes and says so; --limit, CSV and JSON Lines give what they ask', async () => {
    const many = tempDir();
    const manyDb = join(tempDir(), 'many.duckdb');
    const spec: ArticleSpec = {
      id: 'm1',
      lang: 'en',
      date: '2018-01-01',
      quotes: Array.from({ length: TABLE_ROWS + 1 }, (_, i) => ({ by: { who: LAVROV, as: 'Lavrov' }, text: `Statement number ${i} on the talks` })),
    };
    writeOutput(many, makeOutput(spec));
    const k = await openKb(manyDb);
    try {
      await ingest(k, [many]);
    } finally {
      k.close();
    }
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const o = process.stdout.write.bind(process.stdout);
      const e = process.stderr.write.bind(process.stderr);
      process.stdout.write = ((x: string) => (out.push(String(x)), true)) as typeof process.stdout.write;
      process.stderr.write = ((x: string) => (err.push(String(x)), true)) as typeof process.stderr.write;
      try {
        expect(await runKbCommand(['quotes', '--speaker', 'Lavrov', ...args, '--db', manyDb])).toBe(0);
      } finally {
        process.stdout.write = o;
        process.stderr.write = e;
      }
      return { lines: out.join('').trim().split('\n'), err: err.join('') };
    };
    const table = await run();
    expect(table.lines).toHaveLength(TABLE_ROWS + 2); // header and rule
    expect(table.err).toContain(`the first ${TABLE_ROWS} quotes are shown`);
    const limited = await run('--limit', String(TABLE_ROWS + 1));
    expect(limited.lines).toHaveLength(TABLE_ROWS + 3);
    expect(limited.err).toBe('');
    expect((await run('--format', 'jsonl')).lines).toHaveLength(TABLE_ROWS + 1);
    expect((await run('--format', 'csv')).lines).toHaveLength(TABLE_ROWS + 2);
  });

  it('streams CSV and JSON Lines: the same text as the whole answer rendered at once, over several DuckDB chunks', async () => {
    // More quotes than one chunk of DuckDB's (2,048 rows), with texts that need CSV quoting.
    const big = tempDir();
    const bigDb = join(tempDir(), 'big.duckdb');
    const quotes = Array.from({ length: 3000 }, (_, i) => ({ by: { who: LAVROV, as: 'Lavrov' }, text: `Point ${i}, "quoted", on the talks` }));
    writeOutput(big, makeOutput({ id: 'b1', lang: 'en', date: '2018-01-01', quotes: quotes.slice(0, 600) }));
    writeOutput(big, makeOutput({ id: 'b2', lang: 'en', date: '2018-01-02', quotes: quotes.slice(600) }));
    const k = await openKb(bigDb);
    try {
      await ingest(k, [big]);
    } finally {
      k.close();
    }
    const writes: string[] = [];
    const o = process.stdout.write.bind(process.stdout);
    const printed = async (...args: string[]) => {
      writes.length = 0;
      process.stdout.write = ((x: string) => (writes.push(String(x)), true)) as typeof process.stdout.write;
      try {
        expect(await runKbCommand(['quotes', ...args, '--db', bigDb])).toBe(0);
      } finally {
        process.stdout.write = o;
      }
      return writes.join('');
    };
    const whole = await openKb(bigDb, { readOnly: true });
    try {
      for (const args of [['--speaker', 'Lavrov'], ['--since', '2018-01-02'], ['--speaker', 'Lavrov', '--limit', '2100']]) {
        const filter = { speaker: args[1] === 'Lavrov' ? 'Lavrov' : undefined, since: args[0] === '--since' ? args[1] : undefined, limit: args[3] ? Number(args[3]) : undefined };
        const found = await findQuotes(whole.conn, filter);
        expect(found.length).toBeGreaterThan(2048);
        expect(await printed(...args, '--format', 'jsonl'), args.join(' ')).toBe(toJsonl(found));
        expect(writes.length, 'printed a chunk at a time').toBeGreaterThan(1);
        expect(await printed(...args, '--format', 'csv'), args.join(' ')).toBe(toCsv(found, Object.keys(found[0]!)));
      }
    } finally {
      whole.close();
    }
  });

  it('rejects a bad date with exit 2', async () => {
    const r = await kb('quotes', '--since', '8/2/2017');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--since must be a date/);
  });
});

describe('isnad kb speakers', () => {
  it('ranks speakers by quotes, with article counts', async () => {
    const r = await kb('speakers', '--top', '4', '--format', 'jsonl');
    const top = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(top.map((s) => [s.id, s.quotes, s.articles])).toEqual([
      [PUTIN.id, 3, 2],
      [LAVROV.id, 2, 2],
      [null, 1, 1],
      [GUTERRES.id, 1, 1],
    ]);
    expect(top[0]!.speaker).toBe('Vladimir Putin');
    // A speaker known by name only is counted by that name; the rejected quote of Lavrov is not counted.
    expect(top[2]!.speaker).toBe('a diplomat');
  });
});

describe('isnad kb entity', () => {
  it('shows variants, articles and quotes by and about the entity', async () => {
    const r = await kb('entity', 'بوتين', '--format', 'jsonl');
    const e = JSON.parse(r.out.trim().split('\n')[0]!) as Record<string, any>;
    expect(e.id).toBe(PUTIN.id);
    const seen = Object.fromEntries((e.variants as Array<{ name: string; seen: number }>).map((v) => [v.name, v.seen]));
    expect(seen).toMatchObject({ بوتين: 2, 'فلاديمير بوتين': 1, Putin: 0 });
    expect(e.quotes_by).toHaveLength(3);
    expect(e.article_list.map((a: { id: string }) => a.id)).toEqual(['k4', 'k1']);
    const geneva = JSON.parse((await kb('entity', 'Geneva', '--format', 'jsonl')).out);
    expect(geneva.quotes_about.map((q: Record<string, unknown>) => `${q.article}/${q.quote}`).sort()).toEqual(['k1/q1', 'k2/q1']);
    expect(geneva.quotes_by).toEqual([]);
  });
  it('says so when no entity has the name', async () => {
    const r = await kb('entity', 'Nobody');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no entity named 'Nobody'/);
  });
});

describe('isnad kb export', () => {
  const liveQuotes = async () => {
    const k = await openKb(db, { readOnly: true });
    try {
      return await rows(k.conn, `SELECT article_id, quote_id, text FROM quotes WHERE review_status IS DISTINCT FROM 'rejected' ORDER BY article_id, start`);
    } finally {
      k.close();
    }
  };

  it('exports on a connection whose temporary directory DuckDB has used already (one that ingested)', async () => {
    const copy = join(tempDir(), 'spilled.duckdb');
    copyFileSync(db, copy);
    const k = await openKb(copy);
    try {
      // A temporary table too big for 64 MB is offloaded to the database's temporary directory.
      await k.conn.run(`SET memory_limit = '64MB'`);
      await k.conn.run(`CREATE TEMP TABLE spill AS SELECT range AS i, range * 2 AS j FROM range(20000000)`);
      await k.conn.run(`SET memory_limit = '512MB'`);
      const out = tempDir();
      await expect(exportKb(k.conn, 'jsonl', out)).resolves.toEqual([join(out, 'quotes.jsonl')]);
    } finally {
      k.close();
    }
  });

  it('exports twice on one connection after the first export spilled to its temporary folder', async () => {
    const k = await openKb(db, { readOnly: true });
    try {
      const out = tempDir();
      await expect(exportKb(k.conn, 'jsonl', out)).resolves.toEqual([join(out, 'quotes.jsonl')]);
      // Something the first export's folder now holds: a temporary table offloaded under a small limit.
      await k.conn.run(`SET memory_limit = '64MB'`);
      await k.conn.run(`CREATE TEMP TABLE spill AS SELECT range AS i, range * 2 AS j FROM range(20000000)`);
      const out2 = tempDir();
      await expect(exportKb(k.conn, 'csv', out2)).resolves.toHaveLength(3);
      // The second export must not have removed the folder under the connection's feet: more spilling works.
      await k.conn.run(`SET memory_limit = '64MB'`);
      await k.conn.run(`CREATE TEMP TABLE spill2 AS SELECT range AS i, range * 3 AS j FROM range(20000000)`);
      const sum = await k.conn.runAndReadAll(`SELECT (sum(i) + (SELECT sum(i) FROM spill2))::VARCHAR AS s FROM spill`);
      expect(sum.getRowObjects()[0]!.s).toBe(String(20000000 * 19999999));
      await expect(exportKb(k.conn, 'parquet', tempDir())).resolves.toHaveLength(5);
    } finally {
      k.close();
    }
  });

  it('jsonl: one line per cluster with every occurrence', async () => {
    const out = tempDir();
    expect((await kb('export', '--format', 'jsonl', '--out', out)).code).toBe(0);
    const lines = readFileSync(join(out, 'quotes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const occurrences = lines.flatMap((l) => l.occurrences.map((o: Record<string, unknown>) => ({ article_id: o.article_id, quote_id: o.quote_id, text: o.text })));
    expect(lines.every((l) => l.num_occurrences === l.occurrences.length)).toBe(true);
    const sort = (xs: Array<Record<string, unknown>>) => [...xs].sort((a, b) => `${a.article_id}/${a.quote_id}`.localeCompare(`${b.article_id}/${b.quote_id}`));
    expect(sort(occurrences)).toEqual(sort(await liveQuotes()));
    rmSync(out, { recursive: true, force: true });
  });

  it('csv: quotes, articles and entities a parser reads back', async () => {
    const out = tempDir();
    expect((await kb('export', '--format', 'csv', '--out', out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['articles.csv', 'entities.csv', 'quotes.csv']);
    const quotes = parseCsv(readFileSync(join(out, 'quotes.csv'), 'utf8'));
    const live = await liveQuotes();
    expect(quotes.map((q) => `${q.article_id}/${q.quote_id}/${q.text}`).sort()).toEqual(live.map((q) => `${q.article_id}/${q.quote_id}/${q.text}`).sort());
    const articles = parseCsv(readFileSync(join(out, 'articles.csv'), 'utf8'));
    expect(articles.map((a) => [a.id, a.date])).toEqual([
      ['k1', '2017-02-08'],
      ['k2', '2017-02-09'],
      ['k3', ''],
      ['k4', '2017-03-01'],
      ['k5', '2017-03-05'],
    ]);
    const entities = parseCsv(readFileSync(join(out, 'entities.csv'), 'utf8'));
    expect(entities.find((e) => e.id === LAVROV.id)!.variants!.split(' | ')).toEqual(expect.arrayContaining(['لافروف', 'Lavrov']));
    rmSync(out, { recursive: true, force: true });
  });

  it('parquet: files DuckDB reads without isnad', async () => {
    const out = tempDir();
    expect((await kb('export', '--format', 'parquet', '--out', out)).code).toBe(0);
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    try {
      const read = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson();
      const file = (n: string) => `'${join(out, n).replace(/'/g, "''")}'`;
      const quotes = await read(`SELECT article_id, quote_id, text FROM read_parquet(${file('quotes.parquet')}) ORDER BY article_id, start`);
      expect(quotes).toEqual(await liveQuotes());
      expect(await read(`SELECT count(*)::INTEGER AS n FROM read_parquet(${file('articles.parquet')})`)).toEqual([{ n: 5 }]);
      const clusters = await read(`SELECT sum(occurrences)::INTEGER AS n FROM read_parquet(${file('quote_clusters.parquet')})`);
      expect(clusters).toEqual([{ n: 7 }]);
      const ent = await read(`SELECT name FROM read_parquet(${file('entities.parquet')}) WHERE id = '${LAVROV.id}'`);
      expect(ent).toEqual([{ name: 'Sergey Lavrov' }]);
      expect(await read(`SELECT count(*)::INTEGER AS n FROM read_parquet(${file('mentions.parquet')})`)).toEqual([{ n: 9 }]);
    } finally {
      c.closeSync();
      inst.closeSync();
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('on the seeds’ committed output', () => {
  it('answers the same for a name in either script, and counts every seed', async () => {
    const out = join(fileURLToPath(new URL('../..', import.meta.url)), 'output');
    const dbFile = join(tempDir(), 'seeds.duckdb');
    const k = await openKb(dbFile);
    try {
      const s = await ingest(k, [out]);
      expect(s).toMatchObject({ added: 5, skipped: [] });
      const ar = await findQuotes(k.conn, { speaker: 'لافروف' });
      const en = await findQuotes(k.conn, { speaker: 'Sergey Lavrov' });
      expect(ar.length).toBeGreaterThan(20);
      expect(quoteIds(ar)).toEqual(quoteIds(en));
      const [lavrov] = await describeEntity(k.conn, 'Lavrov');
      expect(lavrov!.articles).toBe(5);
      expect(lavrov!.variants.map((v) => v.name)).toEqual(expect.arrayContaining(['لافروف', 'Sergey Lavrov']));
      const total = await rows(k.conn, `SELECT (SELECT count(*) FROM quotes)::INTEGER AS q, (SELECT sum(occurrences) FROM quote_clusters)::INTEGER AS o`);
      expect(total[0]!.o).toBe(total[0]!.q);
    } finally {
      k.close();
      rmSync(dirname(dbFile), { recursive: true, force: true });
    }
  });
});
