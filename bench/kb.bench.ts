// Knowledge base at scale: generates N articles' output (default 20,000;
// ISNAD_KB_BENCH_ARTICLES=100000 for the figure the issue asks for) from the
// seeds' output and the development articles of tests/corpus, with varied
// entity names, dates and quotations; ingests them, ingests again (nothing
// changed), and times each query and an export, and each query command as a
// user runs it: a process of its own (`node bin/isnad.js kb ...`, the built
// dist/ when it is current), against the start-up alone (`kb help`: Node, the
// command line and DuckDB loaded, no database). Prints figures and summary
// rows (ROW what | measured | target); asserts nothing.
//
// Note: the generated files keep the output schema but drop `source`,
// `sentences` and `boilerplate` (the knowledge base reads none of them), and a
// varied quotation's text no longer matches a span of the source.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadResources } from '../src/resources.ts';
import { processArticle } from '../src/process-article.ts';
import { ArticleOutputSchema, type ArticleOutput } from '../src/schema/output.ts';
import { openKb } from '../src/kb/store.ts';
import { ingest } from '../src/kb/ingest.ts';
import { describeEntity, findQuotes, topSpeakers } from '../src/kb/query.ts';
import { exportKb } from '../src/kb/export.ts';
import { runKbCommand } from '../src/kb/command.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.ISNAD_KB_BENCH_ARTICLES ?? 20_000);
/** Articles per transaction for the main load; the first PER_ARTICLE articles are loaded one transaction each, for that rate. */
const BATCH = Number(process.env.ISNAD_KB_BENCH_BATCH ?? 100);
const PER_ARTICLE = Math.min(N, 1000);

export function templates(): ArticleOutput[] {
  const out: ArticleOutput[] = [];
  for (const f of readdirSync(join(ROOT, 'output')).filter((f) => f.endsWith('.json') && f !== 'manifest.json')) {
    out.push(ArticleOutputSchema.parse(JSON.parse(readFileSync(join(ROOT, 'output', f), 'utf8'))));
  }
  const ctx = { resources: loadResources() };
  for (const lang of ['ar', 'en']) {
    const dir = join(ROOT, 'tests', 'corpus', lang, 'articles');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      out.push(processArticle(readFileSync(join(dir, f)), { abs: join(dir, f), rel: f }, ctx));
    }
  }
  return out;
}

/** A deterministic shuffle of the words of a quotation: a new statement built of the same words. */
function shuffleWords(text: string, seed: number): string {
  const w = text.split(' ');
  let s = seed || 1;
  for (let i = w.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [w[i], w[j]] = [w[j]!, w[i]!];
  }
  return w.join(' ');
}

export function vary(t: ArticleOutput, i: number): ArticleOutput {
  // One article in five keeps the real names; the others name one of 97 look-alikes.
  const k = i % 5 === 0 ? 0 : (i % 97) + 1;
  const rename = (id: string) => (k && id.startsWith('person.') ? `${id}-${k}` : id);
  const suffix = (s: string, id: string) => (k && id.startsWith('person.') ? `${s} ${k}` : s);
  const day = new Date(Date.UTC(2015, 0, 1) + ((i * 7919) % 3650) * 86_400_000);
  const iso = day.toISOString().slice(0, 10);
  return {
    ...t,
    article: {
      ...t.article,
      id: `b${String(i).padStart(6, '0')}`,
      path: `bench/b${i}.txt`,
      sha256: `${t.article.sha256.slice(0, 50)}${String(i).padStart(14, '0')}`,
      date: { start: 0, end: 0, text: '', year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), iso, rule: 'bench.date' },
    },
    source: '',
    boilerplate: [],
    sentences: [],
    entities: t.entities.map((e) => ({
      ...e,
      id: rename(e.id),
      name: suffix(e.name, e.id),
      names: { ar: e.names.ar?.map((n) => suffix(n, e.id)), en: e.names.en?.map((n) => suffix(n, e.id)) },
      mentions: e.mentions.map((m) => ({ ...m, text: suffix(m.text, e.id) })),
    })),
    quotes: t.quotes.map((q, n) => ({
      ...q,
      // Half the quotations are wire copy of the template's (some with a word changed), half are new statements.
      text: (i + n) % 2 === 0 ? (i % 3 === 0 ? `${q.text} ${i}` : q.text) : shuffleWords(q.text, i * 31 + n),
      speaker: q.speaker ? { ...q.speaker, entityId: q.speaker.entityId ? rename(q.speaker.entityId) : null, name: q.speaker.entityId ? suffix(q.speaker.name, q.speaker.entityId) : q.speaker.name } : null,
    })),
  };
}

const ms = (t0: number) => performance.now() - t0;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `node bin/isnad.js ARGS` in a process of its own: wall and CPU seconds (CPU from GNU time when it is there). */
function isnad(args: string[], statsFile: string): { wall: number; cpu: number | null; stderr: string } {
  const cmd = [process.execPath, join(ROOT, 'bin', 'isnad.js'), ...args];
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S', '-o', statsFile, ...cmd], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`isnad ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (!TIME) return { wall, cpu: null, stderr: r.stderr };
  const [u, sys] = readFileSync(statsFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: u! + sys!, stderr: r.stderr };
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'isnad-kb-bench-'));
  try {
    const outDir = join(work, 'output');
    mkdirSync(outDir);
    const tpl = templates();
    let t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const sub = join(outDir, String(Math.floor(i / 1000)).padStart(3, '0'));
      if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `b${i}.json`), JSON.stringify(vary(tpl[i % tpl.length]!, i)));
    }
    console.log(`generated ${N} articles' output from ${tpl.length} templates in ${(ms(t0) / 1000).toFixed(1)} s`);

    const db = join(work, 'kb.duckdb');
    const kb = await openKb(db);
    // One transaction per article (the default) on the first thousand...
    t0 = performance.now();
    const first = await ingest(kb, [join(outDir, '000')]);
    const firstMs = ms(t0);
    console.log(
      `ingest, one transaction per article: ${first.added} articles in ${(firstMs / 1000).toFixed(1)} s = ` +
        `${(first.added / (firstMs / 1000)).toFixed(0)} articles/s (clustering included)`,
    );
    // ...then the rest in transactions of BATCH articles, watching memory: RSS after every
    // tenth of the articles, and the peak (sampled every 50 ms) while loading and while clustering.
    const rssAt: string[] = [];
    let done = 0;
    let loading = true;
    const peak = { load: 0, cluster: 0 };
    const sampler = setInterval(() => {
      const r = process.memoryUsage().rss;
      const k = loading ? 'load' : 'cluster';
      if (r > peak[k]) peak[k] = r;
    }, 50);
    t0 = performance.now();
    const s = await ingest(kb, [outDir], {
      batch: BATCH,
      onArticle: () => {
        if (++done % Math.max(1, Math.floor(N / 10)) === 0) {
          rssAt.push(`${done / 1000}k ${mb(process.memoryUsage().rss)}`);
          console.log(`  RSS after ${rssAt.at(-1)}`); // as it goes: a failure later keeps the curve
        }
        if (done === N) loading = false;
      },
    });
    clearInterval(sampler);
    const ingestMs = ms(t0);
    console.log(
      `ingest, ${BATCH} articles per transaction: ${s.added} articles in ${(ingestMs / 1000).toFixed(1)} s = ` +
        `${(s.added / (ingestMs / 1000)).toFixed(0)} articles/s (${s.clusters} quote clusters over all ${N}, clustering included)`,
    );
    console.log(`  RSS after: ${rssAt.join(', ')}`);
    console.log(`  peak RSS while loading ${mb(peak.load)}, while clustering and building the look-up tables ${mb(peak.cluster)}; JS heap now ${mb(process.memoryUsage().heapUsed)}`);
    const k = (n: number) => `${(n / 1000).toFixed(0)}k`;
    console.log(`ROW kb ingest rate, ${k(N)} articles, --batch ${BATCH} | ${(s.added / (ingestMs / 1000)).toFixed(0)} articles/s (clustering and look-ups included) | —`);
    console.log(`ROW kb RSS while loading, ${k(N)} articles (after each tenth) | ${rssAt.map((r) => r.split(' ')[1]).join(', ')} MB; peak ${mb(peak.load)} | flat`);
    console.log(`ROW kb peak RSS clustering + look-ups, ${k(N)} articles | ${mb(peak.cluster)} | —`);
    t0 = performance.now();
    const again = await ingest(kb, [outDir]);
    console.log(`ingest again, nothing changed: ${again.unchanged} unchanged in ${(ms(t0) / 1000).toFixed(1)} s`);
    // One changed article (a quotation edited), ingested from a folder of its own: what re-extracting
    // one article costs once the database is big. The refresh touches only that article's rows.
    const changedDir = join(work, 'changed');
    mkdirSync(changedDir);
    const edited = vary(tpl[123 % tpl.length]!, 123);
    edited.quotes = edited.quotes.map((x, n) => (n === 0 ? { ...x, text: `${x.text} (corrected)` } : x));
    writeFileSync(join(changedDir, 'b123.json'), JSON.stringify(edited));
    let onePeak = 0;
    const oneSampler = setInterval(() => (onePeak = Math.max(onePeak, process.memoryUsage().rss)), 50);
    t0 = performance.now();
    const oneRun = await ingest(kb, [changedDir]);
    clearInterval(oneSampler);
    const oneMs = ms(t0);
    console.log(`ingest of one changed article: ${oneRun.replaced} replaced, refresh ${oneRun.refreshed}, in ${(oneMs / 1000).toFixed(2)} s; peak RSS ${mb(onePeak)}`);
    console.log(`ROW kb ingest of one changed article, ${k(N)} articles | ${(oneMs / 1000).toFixed(2)} s (refresh ${oneRun.refreshed}), peak RSS ${mb(onePeak)} | seconds`);
    const q = await kb.conn.runAndReadAll(`SELECT (SELECT count(*) FROM quotes)::INTEGER AS quotes, (SELECT count(*) FROM quote_bands)::INTEGER AS bands`);
    console.log(`rows: ${JSON.stringify(q.getRowObjectsJson()[0])}`);
    await kb.conn.run('CHECKPOINT');
    const size = statSync(db).size + (existsSync(`${db}.wal`) ? statSync(`${db}.wal`).size : 0);
    console.log(`database size: ${mb(size)} (${(size / N / 1024).toFixed(1)} KB per article)`);
    console.log(`ROW kb database size, ${(N / 1000).toFixed(0)}k articles | ${mb(size)} (${(size / N / 1024).toFixed(1)} KB per article) | —`);

    const timed = async (label: string, fn: () => Promise<unknown[] | unknown>) => {
      await fn(); // warm
      const t = performance.now();
      const r = await fn();
      console.log(`  ${label.padEnd(52)} ${ms(t).toFixed(0).padStart(6)} ms  (${Array.isArray(r) ? `${r.length} rows` : 'done'})`);
    };
    console.log('queries:');
    await timed('quotes --speaker "Sergey Lavrov"', () => findQuotes(kb.conn, { speaker: 'Sergey Lavrov' }));
    await timed('quotes --speaker لافروف --limit 50', () => findQuotes(kb.conn, { speaker: 'لافروف', limit: 50 }));
    await timed('quotes --mentions Geneva', () => findQuotes(kb.conn, { mentions: 'Geneva' }));
    await timed('quotes --since 2017-01-01 --until 2017-01-31 --lang ar', () => findQuotes(kb.conn, { since: '2017-01-01', until: '2017-01-31', lang: 'ar' }));
    await timed('speakers --top 20', () => topSpeakers(kb.conn, 20));
    await timed('entity Lavrov', () => describeEntity(kb.conn, 'Lavrov'));
    // Exports take minutes at 100,000 articles (each timed twice): ISNAD_KB_BENCH_EXPORTS=0 leaves them out.
    if (process.env.ISNAD_KB_BENCH_EXPORTS !== '0') {
      await timed('export --format parquet', () => exportKb(kb.conn, 'parquet', join(work, 'export')));
      await timed('export --format jsonl', () => exportKb(kb.conn, 'jsonl', join(work, 'export')));
    }
    kb.close();
    for (let k = 0; k < 2; k++) {
      const open = performance.now();
      (await openKb(db, { readOnly: true })).close();
      if (k) console.log(`open the database read-only (what each query command does first): ${ms(open).toFixed(0)} ms`);
    }
    // The commands as a user runs them (in this process, so without Node's own start-up):
    // open the database, resolve the name, query, render the table, write it.
    const cli = async (args: string[]) => {
      const write = process.stdout.write.bind(process.stdout);
      let bytes = 0;
      process.stdout.write = ((chunk: string | Uint8Array) => ((bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length), true)) as typeof process.stdout.write;
      const t = performance.now();
      try {
        await runKbCommand([...args, '--db', db]);
      } finally {
        process.stdout.write = write;
      }
      return { t: ms(t), bytes };
    };
    // The query commands the issue names, as users type them.
    const QUERIES = [
      ['quotes', '--speaker', 'Sergey Lavrov'],
      ['quotes', '--speaker', 'لافروف', '--limit', '50'],
      ['quotes', '--mentions', 'Geneva'],
      ['quotes', '--since', '2017-01-01', '--until', '2017-01-31', '--lang', 'ar'],
      ['speakers', '--top', '20'],
      ['entity', 'Lavrov'],
    ];
    console.log('commands (table output, opening the database included):');
    for (const args of QUERIES) {
      await cli(args); // warm
      const r = await cli(args);
      console.log(`  isnad kb ${args.join(' ').padEnd(50)} ${r.t.toFixed(0).padStart(6)} ms  (${mb(r.bytes)} printed)`);
    }
    // Each query command in a process of its own, as a user runs it, five times, each run
    // beside a run of the start-up alone (kb help), so that both see the same load: medians.
    const stats = join(work, 'time.txt');
    const REPEAT = 5;
    const fmt = (t: { wall: number; cpu: number | null }) => `${t.wall.toFixed(2)} s wall / ${t.cpu === null ? 'n/a' : t.cpu.toFixed(2)} s CPU`;
    const med = (r: Array<{ wall: number; cpu: number | null }>) => ({
      wall: median(r.map((x) => x.wall)),
      cpu: r.every((x) => x.cpu !== null) ? median(r.map((x) => x.cpu!)) : null,
    });
    const probe = isnad(['kb', 'help'], stats);
    if (/older than src/.test(probe.stderr)) console.log('note: dist/ is older than src/, so the commands ran through tsx (npm run build first)');
    console.log(`commands, each a process of its own (median of ${REPEAT}, beside the start-up alone: kb help, Node, the CLI and DuckDB loaded):`);
    const startups: Array<{ wall: number; cpu: number | null }> = [];
    for (const args of [...QUERIES, ['quotes', '--speaker', 'Sergey Lavrov', '--format', 'jsonl']]) {
      const runs: Array<{ wall: number; cpu: number | null }> = [];
      const bases: Array<{ wall: number; cpu: number | null }> = [];
      for (let i = 0; i < REPEAT; i++) {
        bases.push(isnad(['kb', 'help'], stats));
        runs.push(isnad(['kb', ...args, '--db', db], stats));
      }
      startups.push(...bases);
      const t = med(runs);
      const b = med(bases);
      const query = `start-up ${fmt(b)}`;
      console.log(`  isnad kb ${args.join(' ').padEnd(62)} ${fmt(t)} (${query})`);
      const target = args.includes('jsonl') ? '— (prints every quote)' : '< 1 s wall';
      console.log(`ROW kb ${args.join(' ')}, ${(N / 1000).toFixed(0)}k articles | ${fmt(t)} (${query}) | ${target}`);
    }
    console.log(`ROW kb start-up alone (kb help: Node, CLI, DuckDB loaded) | ${fmt(med(startups))} | —`);
    if (process.env.ISNAD_KB_BENCH_KEEP) {
      renameSync(db, process.env.ISNAD_KB_BENCH_KEEP);
      console.log(`database kept at ${process.env.ISNAD_KB_BENCH_KEEP}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
