// The `isnad` command line, end to end. Two runs are spawned, in parallel, at the start: --jobs 2
// (worker threads; the process exits 0) and invalid rules (the process exits 2). The other runs
// (--jobs 1 on the seeds, a folder tree, a folder with a broken file, usage errors, schema, eval)
// call the same main() in-process, whose return value is the exit code: each spawn costs a second
// or more of CPU. The tests below read the results.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleOutputSchema, type ArticleOutput } from '../../src/schema/output.ts';
import { ManifestEntrySchema, type ManifestEntry } from '../../src/batch/run-one.ts';
import { GoldFileSchema } from '../../src/schema/gold.ts';
import { main } from '../../src/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const SEEDS = join(ROOT, 'seeds');
const SEED_FILES = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** `tsx src/cli.ts ...args` from the project root (node --import tsx: the same loader as npx tsx, without npx's start-up). */
function isnad(...args: string[]): Promise<Run> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

/** main() of src/cli.ts in this process, with its stdout and stderr captured. */
async function inProcess(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
interface Manifest {
  schemaVersion: string;
  summary: { articles: number; ok: number; failed: number; quotes: number; entities: number; milliseconds: number };
  articles: ManifestEntry[];
}
function readManifest(dir: string): Manifest {
  const m = readJson(join(dir, 'manifest.json')) as Manifest;
  for (const e of m.articles) ManifestEntrySchema.parse(e);
  return m;
}
function readOutput(path: string): ArticleOutput {
  return ArticleOutputSchema.parse(readJson(path));
}
function spanProblems(out: ArticleOutput): string[] {
  const src = out.source;
  const bad: string[] = [];
  const check = (what: string, s: { start: number; end: number; text?: string }) => {
    if (!(s.start >= 0 && s.start <= s.end && s.end <= src.length)) bad.push(`${what} out of bounds`);
    else if (s.text !== undefined && src.slice(s.start, s.end) !== s.text) bad.push(`${what} text mismatch`);
  };
  for (const e of out.entities) for (const m of e.mentions) check(`mention of ${e.id}`, m);
  for (const q of out.quotes) {
    check(q.id, q);
    if (q.cue) check(`${q.id} cue`, q.cue);
    if (q.speaker?.mention) check(`${q.id} speaker`, q.speaker.mention);
  }
  for (const s of out.sentences) check('sentence', s);
  for (const b of out.boilerplate) check('boilerplate', b);
  return bad;
}
const withoutTiming = (m: Manifest) => ({
  ...m,
  summary: { ...m.summary, milliseconds: 0 },
  articles: m.articles.map((e) => ({ ...e, milliseconds: 0 })),
});

const T = mkdtempSync(join(tmpdir(), 'isnad-cli-'));
const dirs = {
  seeds1: join(T, 'seeds-jobs1'),
  seeds1ng: join(T, 'seeds-jobs1-no-gazetteers'),
  seeds2ng: join(T, 'seeds-jobs2-no-gazetteers'),
  nestedIn: join(T, 'nested-in'),
  nestedOut: join(T, 'nested-out'),
  brokenIn: join(T, 'broken-in'),
  brokenOut: join(T, 'broken-out'),
  badRules: join(T, 'rules'),
  usageOut: join(T, 'usage-out'),
};
const BAD_RULE_FILE = readFileSync(join(FIXTURES, 'bad-boilerplate.yaml'), 'utf8');

let runs: Record<string, Run>;

beforeAll(async () => {
  // in/a/b.txt, in/a/c/d.txt, in/a/c/plain.htm, in/a/page.html, in/top.txt, plus files that are not articles.
  mkdirSync(join(dirs.nestedIn, 'a', 'c'), { recursive: true });
  writeFileSync(join(dirs.nestedIn, 'a', 'b.txt'), 'قال الوزير إن الحوار مستمر.\n');
  writeFileSync(join(dirs.nestedIn, 'a', 'c', 'd.txt'), 'The minister said talks would continue.\n');
  writeFileSync(join(dirs.nestedIn, 'top.txt'), 'وأضاف أن الاتصالات لم تنقطع.\n');
  cpSync(join(FIXTURES, 'page.html'), join(dirs.nestedIn, 'a', 'page.html'));
  cpSync(join(FIXTURES, 'plain.htm'), join(dirs.nestedIn, 'a', 'c', 'plain.htm'));
  writeFileSync(join(dirs.nestedIn, 'a', 'notes.md'), 'not an article\n');
  writeFileSync(join(dirs.nestedIn, '.hidden.txt'), 'hidden, not an article\n');
  // One broken (binary) file between good ones.
  mkdirSync(dirs.brokenIn, { recursive: true });
  writeFileSync(join(dirs.brokenIn, 'a-good.txt'), 'قال الوزير إن الحوار مستمر.\n');
  writeFileSync(join(dirs.brokenIn, 'b-bad.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  writeFileSync(join(dirs.brokenIn, 'c-good.txt'), 'The minister said talks would continue.\n');
  // A copy of rules/ with a broken boilerplate.yaml.
  cpSync(join(ROOT, 'rules'), dirs.badRules, { recursive: true });
  writeFileSync(join(dirs.badRules, 'ar', 'boilerplate.yaml'), BAD_RULE_FILE);

  // The folder-tree, broken-file and bad-rules runs are about files, not entities: an empty
  // gazetteer folder keeps them quick and independent of the gazetteers being written.
  const noGazetteers = join(FIXTURES, 'no-gazetteers');
  // Spawned: --jobs 2 (worker threads; the process exits 0) and invalid rules (the process exits 2).
  // The --jobs comparison runs without gazetteers: each worker loads its own resources, and the
  // real gazetteers would cost about a second and a half per load.
  const pending: Record<string, Promise<Run>> = {
    seeds2: isnad('extract', SEEDS, '--out', dirs.seeds2ng, '--jobs', '2', '--gazetteers', noGazetteers),
    badRules: isnad('extract', SEEDS, '--rules', dirs.badRules, '--gazetteers', noGazetteers, '--out', join(dirs.usageOut, 'rules')),
  };
  const done = Promise.all(Object.entries(pending).map(async ([k, p]) => [k, await p] as const));
  // In-process runs of main(), one at a time while the spawned ones work.
  const local: Record<string, Run> = {};
  local.seeds1 = await inProcess('extract', SEEDS, '--out', dirs.seeds1, '--jobs', '1');
  local.seeds1ng = await inProcess('extract', SEEDS, '--out', dirs.seeds1ng, '--jobs', '1', '--gazetteers', noGazetteers);
  local.eval = await inProcess('eval', '--gold', join(ROOT, 'tests', 'gold'), '--pred', dirs.seeds1, '--json');
  local.broken = await inProcess('extract', dirs.brokenIn, '--out', dirs.brokenOut, '--gazetteers', noGazetteers);
  local.nested = await inProcess('extract', dirs.nestedIn, '--out', dirs.nestedOut, '--gazetteers', noGazetteers);
  local.badLang = await inProcess('extract', SEEDS, '--lang', 'xx', '--out', join(dirs.usageOut, 'lang'));
  local.badJobs = await inProcess('extract', SEEDS, '--jobs', '0', '--out', join(dirs.usageOut, 'jobs'));
  local.missingInput = await inProcess('extract', join(T, 'does-not-exist'), '--out', join(dirs.usageOut, 'missing'));
  local.unknownOption = await inProcess('extract', SEEDS, '--frobnicate', '--out', join(dirs.usageOut, 'option'));
  local.unknownCommand = await inProcess('frobnicate');
  local.schema = await inProcess('schema');
  runs = { ...local, ...Object.fromEntries(await done) };
}, 120_000);

afterAll(() => rmSync(T, { recursive: true, force: true }));

describe('isnad extract on the seeds', () => {
  it('exits 0 and reports five ok articles', () => {
    expect(runs.seeds1!.stderr).not.toMatch(/internal error/);
    expect(runs.seeds1!.code).toBe(0);
    expect(runs.seeds1!.stdout).toMatch(/^5 articles: 5 ok, 0 failed;/);
  });

  it('writes exactly five outputs and the manifest, and no temporary files', () => {
    expect(filesUnder(dirs.seeds1)).toEqual([...SEED_FILES.map((f) => f.replace(/\.txt$/, '.json')), 'manifest.json'].sort());
  });

  it('every output validates against ArticleOutputSchema and keeps the span invariant', () => {
    for (const f of SEED_FILES) {
      const out = readOutput(join(dirs.seeds1, f.replace(/\.txt$/, '.json')));
      expect(out.article.path).toBe(f);
      expect(out.source).toBe(readFileSync(join(SEEDS, f), 'utf8'));
      expect(spanProblems(out)).toEqual([]);
    }
  });

  it('the manifest has five ok entries that agree with the outputs', () => {
    const m = readManifest(dirs.seeds1);
    expect(m.schemaVersion).toBe('1.0.0');
    expect(m.articles.map((e) => e.path)).toEqual(SEED_FILES);
    let quotes = 0;
    let entities = 0;
    for (const e of m.articles) {
      expect(e).toMatchObject({ status: 'ok', error: null, lang: 'ar', output: e.path.replace(/\.txt$/, '.json') });
      const out = readOutput(join(dirs.seeds1, e.output!));
      expect(e.counts).toEqual({ sentences: out.sentences.length, entities: out.entities.length, quotes: out.quotes.length, messages: out.messages.length });
      quotes += out.quotes.length;
      entities += out.entities.length;
    }
    expect(m.summary).toMatchObject({ articles: 5, ok: 5, failed: 0, quotes, entities });
  });

  it('--jobs 2 gives the same outputs and manifest as --jobs 1 (timing aside), and the process exits 0', () => {
    expect(runs.seeds2!.stderr).not.toMatch(/internal error/);
    expect(runs.seeds2!.code).toBe(0);
    expect(runs.seeds2!.stdout).toMatch(/^5 articles: 5 ok, 0 failed;/);
    expect(runs.seeds1ng!.code).toBe(0);
    expect(filesUnder(dirs.seeds2ng)).toEqual(filesUnder(dirs.seeds1));
    expect(filesUnder(dirs.seeds1ng)).toEqual(filesUnder(dirs.seeds1));
    for (const f of SEED_FILES) {
      const name = f.replace(/\.txt$/, '.json');
      expect(readJson(join(dirs.seeds2ng, name)), name).toEqual(readJson(join(dirs.seeds1ng, name)));
    }
    expect(withoutTiming(readManifest(dirs.seeds2ng))).toEqual(withoutTiming(readManifest(dirs.seeds1ng)));
  });
});

describe('isnad extract on a folder tree', () => {
  const expected = [
    ['a/b.txt', 'a/b.json', 'a__b'],
    ['a/c/d.txt', 'a/c/d.json', 'a__c__d'],
    ['a/c/plain.htm', 'a/c/plain.json', 'a__c__plain'],
    ['a/page.html', 'a/page.json', 'a__page'],
    ['top.txt', 'top.json', 'top'],
  ] as const;

  it('mirrors relative paths, in sorted order, and skips non-articles and hidden files', () => {
    expect(runs.nested!.code).toBe(0);
    const m = readManifest(dirs.nestedOut);
    expect(m.articles.map((e) => [e.path, e.output])).toEqual(expected.map(([p, o]) => [p, o]));
    expect(filesUnder(dirs.nestedOut)).toEqual([...expected.map(([, o]) => o), 'manifest.json'].sort());
    for (const [p, o, id] of expected) {
      const out = readOutput(join(dirs.nestedOut, o));
      expect(out.article).toMatchObject({ path: p, id });
      expect(spanProblems(out)).toEqual([]);
    }
  });

  it('an .html page gives the article text from the markup, without navigation, footer, scripts and forms', () => {
    const out = readOutput(join(dirs.nestedOut, 'a', 'page.json'));
    expect(out.article.lang).toBe('en');
    expect(out.article.title).toBe('Lavrov: talks with Washington still possible');
    expect(out.source).toContain('Russian Foreign Minister Sergey Lavrov said on Monday that cooperation with the United States on Syria & the region was “still possible”.');
    expect(out.source).toContain('“We are ready,” he told reporters in Moscow.');
    for (const noise of ['NAVLINK', 'SCRIPTTEXT', 'INLINESCRIPT', 'FOOTERTEXT', 'ASIDETEXT', 'FORMTEXT', 'FIGURETEXT', '<p>', '&amp;', 'Example News |']) {
      expect(out.source).not.toContain(noise);
    }
    expect(out.source.split('\n').filter((l) => l.trim())).toHaveLength(3);
  });

  it('an .htm page without <article> takes the body, still without navigation, footer and scripts', () => {
    const out = readOutput(join(dirs.nestedOut, 'a', 'c', 'plain.json'));
    expect(out.article.lang).toBe('ar');
    expect(out.article.title).toBe('وزير الخارجية: الحوار مستمر');
    expect(out.source).toContain('قال وزير الخارجية إن الحوار مستمر.');
    expect(out.source).toContain('وأضاف أن الاتصالات لم تنقطع.');
    for (const noise of ['NAVTEXT', 'FOOTERTEXT', 'SCRIPTTEXT', 'الحوار مستمر </title>']) expect(out.source).not.toContain(noise);
  });
});

describe('isnad extract with one broken file', () => {
  it('exits 1 (main returns 1), says which file failed, and still writes the good ones', () => {
    expect(runs.broken!.code).toBe(1);
    expect(runs.broken!.stdout).toMatch(/^3 articles: 2 ok, 1 failed;/);
    expect(runs.broken!.stderr).toMatch(/failed\s+b-bad\.txt: decode: binary/);
    expect(filesUnder(dirs.brokenOut)).toEqual(['a-good.json', 'c-good.json', 'manifest.json']);
  });

  it('the manifest names the failing stage and the reason', () => {
    const m = readManifest(dirs.brokenOut);
    expect(m.summary).toMatchObject({ articles: 3, ok: 2, failed: 1 });
    expect(m.articles.map((e) => [e.path, e.status])).toEqual([
      ['a-good.txt', 'ok'],
      ['b-bad.txt', 'failed'],
      ['c-good.txt', 'ok'],
    ]);
    const bad = m.articles[1]!;
    expect(bad).toMatchObject({ output: null, lang: null, counts: null });
    expect(bad.error?.stage).toBe('decode');
    expect(bad.error?.message).toMatch(/binary file: NUL byte at offset 4/);
  });
});

describe('bad usage exits 2 with a message and does no work', () => {
  it.each([
    ['unknown command', 'unknownCommand', /unknown command 'frobnicate'/, null],
    ['--lang xx', 'badLang', /--lang must be ar, en or auto, not 'xx'/, 'lang'],
    ['--jobs 0', 'badJobs', /--jobs must be a whole number from 1 to 64, not '0'/, 'jobs'],
    ['a missing input path', 'missingInput', /no such file or folder: .*does-not-exist/, 'missing'],
    ['an unknown option', 'unknownOption', /frobnicate/, 'option'],
  ])('%s', (_name, key, message, outName) => {
    const r = runs[key]!;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^isnad: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout).toBe('');
    if (outName) expect(existsSync(join(dirs.usageOut, outName))).toBe(false);
  });
});

describe('invalid rules', () => {
  it('exit 2 and the message names the file, line and column of the problem', () => {
    const lines = BAD_RULE_FILE.split('\n');
    const lineIndex = lines.findIndex((l) => l.includes("pattern: '^(اقرا"));
    const col = lines[lineIndex]!.indexOf("'") + 1;
    const r = runs.badRules!;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid rules or gazetteers/);
    expect(r.stderr).toContain(`boilerplate.yaml:${lineIndex + 1}:${col} rules[1].pattern: invalid regular expression`);
    expect(r.stderr).toContain(join(dirs.badRules, 'ar', 'boilerplate.yaml'));
    expect(existsSync(join(dirs.usageOut, 'rules'))).toBe(false);
  });
});

describe('isnad schema', () => {
  it('prints the JSON Schema committed as schema/article.schema.json', () => {
    expect(runs.schema!.code).toBe(0);
    const committed = readJson(join(ROOT, 'schema', 'article.schema.json'));
    expect(JSON.parse(runs.schema!.stdout)).toEqual(committed);
    expect(committed).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'isnad article', type: 'object' });
  });
});

describe('isnad eval on the extracted seeds', () => {
  // eval reads gold files at any depth under the folder; so does this list.
  const goldFiles = filesUnder(join(ROOT, 'tests', 'gold')).filter((f) => f.endsWith('.gold.json'));
  const gold = goldFiles.map((f) => GoldFileSchema.parse(readJson(join(ROOT, 'tests', 'gold', f))));

  it('runs and returns figures with the expected structure', () => {
    expect(runs.eval!.stderr).not.toMatch(/internal error/);
    expect(runs.eval!.code).toBe(0);
    const { figures } = JSON.parse(runs.eval!.stdout) as { figures: Record<string, unknown> };
    const prf = {
      tp: expect.any(Number), tpPred: expect.any(Number), predicted: expect.any(Number), gold: expect.any(Number),
      precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number),
    };
    const group = {
      span: prf, endToEnd: prf, endToEndLenient: prf,
      attributionAccuracy: expect.any(Number), attributionAccuracyLenient: expect.any(Number), matched: expect.any(Number),
    };
    expect(figures).toEqual({
      articles: goldFiles.length,
      missingPredictions: [],
      quotes: { all: group, direct: group, 'indirect+mixed': group },
      entities: { typed: prf, untyped: prf, typedLenient: prf, untypedLenient: prf },
    });
  });

  it('the gold and predicted totals are those of the gold files and the extracted outputs', () => {
    const { figures } = JSON.parse(runs.eval!.stdout) as {
      figures: { quotes: Record<string, { span: { gold: number; predicted: number; tp: number; precision: number; recall: number; f1: number } }>; entities: { untyped: { gold: number; predicted: number } } };
    };
    const goldQuotes = gold.flatMap((g) => g.quotes);
    expect(figures.quotes.all!.span.gold).toBe(goldQuotes.length);
    expect(figures.quotes.direct!.span.gold).toBe(goldQuotes.filter((q) => q.kind === 'direct').length);
    expect(figures.quotes['indirect+mixed']!.span.gold).toBe(goldQuotes.filter((q) => q.kind !== 'direct').length);
    expect(figures.entities.untyped.gold).toBe(gold.reduce((n, g) => n + g.entities.length, 0));
    const outputs = SEED_FILES.map((f) => readOutput(join(dirs.seeds1, f.replace(/\.txt$/, '.json'))));
    expect(figures.quotes.all!.span.predicted).toBe(outputs.reduce((n, o) => n + o.quotes.length, 0));
    expect(figures.entities.untyped.predicted).toBe(outputs.reduce((n, o) => n + o.entities.length, 0));
    for (const g of Object.values(figures.quotes)) {
      for (const x of [g.span.precision, g.span.recall, g.span.f1]) expect(x >= 0 && x <= 1).toBe(true);
      expect(g.span.tp).toBeLessThanOrEqual(g.span.gold);
    }
  });
});
