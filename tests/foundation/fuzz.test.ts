// A seeded fuzz run: a few hundred broken files made from the seeds and the development corpus
// (byte flips, truncations, other encodings, huge lines, runs of quote marks, deep and broken
// HTML, binary, empty files) go through one batch. Nothing crashes; every failure names its
// stage; every ok output validates and keeps the span invariant; no article is ok with text
// that could not be decoded unless a message says so. The corpus is the same on every run
// (FUZZ_SEED changes it); a failure prints the file that caused it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch, type BatchSummary } from '../../src/batch/batch.ts';
import { ManifestEntrySchema, type ManifestEntry } from '../../src/batch/run-one.ts';
import { loadResources } from '../../src/resources.ts';
import { ArticleOutputSchema, type ArticleOutput } from '../../src/schema/output.ts';
import { STAGES } from '../../src/pipeline/stages.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
const SEED = Number(process.env.FUZZ_SEED ?? 14);
const COUNT = 300;

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const texts = [
  ...readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8')),
  ...readdirSync(join(ROOT, 'tests', 'corpus', 'en', 'articles')).filter((f) => f.endsWith('.txt')).slice(0, 4).map((f) => readFileSync(join(ROOT, 'tests', 'corpus', 'en', 'articles', f), 'utf8')),
];
const MARKS = ['“', '”', '«', '»', '"', "'", '‘', '’', '„', '‹', '›'];

type Maker = (r: () => number) => { ext: string; bytes: Uint8Array };
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const text = (r: () => number) => pick(r, texts);
const utf8 = (s: string) => Buffer.from(s, 'utf8');

const makers: Record<string, Maker> = {
  'byte flips': (r) => {
    const b = Buffer.from(utf8(text(r)));
    const flips = 1 + Math.floor(r() * 8);
    for (let i = 0; i < flips; i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return { ext: 'txt', bytes: b };
  },
  truncation: (r) => {
    const b = utf8(text(r));
    return { ext: 'txt', bytes: b.subarray(0, Math.floor(r() * b.length)) };
  },
  'utf-16 with or without BOM': (r) => {
    const le = Buffer.from(text(r), 'utf16le');
    const body = r() < 0.5 ? le : Buffer.from(le).swap16();
    const bom = r() < 0.5 ? Buffer.alloc(0) : body === le ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]);
    const cut = r() < 0.3 ? 1 : 0; // an odd length now and then
    const all = Buffer.concat([bom, body]);
    return { ext: 'txt', bytes: all.subarray(0, all.length - cut) };
  },
  'latin-1': (r) => ({ ext: 'txt', bytes: Buffer.from(`${text(r).replace(/[^\x00-\xff]/g, 'é')} déjà vu`, 'latin1') }),
  'huge line': (r) => ({ ext: 'txt', bytes: utf8(text(r).replace(/\s+/g, ' ').repeat(1 + Math.floor(r() * 4))) }),
  'run of marks': (r) => {
    const t = text(r);
    const at = Math.floor(r() * t.length);
    let run = '';
    const len = 200 + Math.floor(r() * 3000);
    for (let i = 0; i < len; i++) run += pick(r, MARKS) + (r() < 0.3 ? ' ' : '');
    return { ext: 'txt', bytes: utf8(t.slice(0, at) + run + t.slice(at)) };
  },
  'deep HTML': (r) => {
    const depth = 500 + Math.floor(r() * 3000);
    const tag = pick(r, ['div', 'span', 'b', 'nav', 'p', 'table', 'article']);
    const close = r() < 0.5 ? `</${tag}>`.repeat(depth) : '';
    return { ext: 'html', bytes: utf8(`<html><body>${`<${tag}>`.repeat(depth)}<p>${text(r)}</p>${close}`) };
  },
  'tag soup': (r) => {
    const t = text(r);
    let out = '';
    for (let i = 0; i < t.length; i += 1 + Math.floor(r() * 80)) {
      out += t.slice(i, i + 40) + pick(r, ['<p>', '</p>', '<div', '<!--', '-->', '<script>', '</script>', '&amp', '&#x', '<br/>', '<title>', '</article>', '<![CDATA[', '>', '<']);
    }
    return { ext: 'html', bytes: utf8(out) };
  },
  binary: (r) => {
    const b = Buffer.alloc(64 + Math.floor(r() * 2000));
    for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
    return { ext: 'txt', bytes: b };
  },
  'high bytes only': (r) => {
    const b = Buffer.alloc(64 + Math.floor(r() * 2000));
    for (let i = 0; i < b.length; i++) b[i] = 0x80 + Math.floor(r() * 128);
    return { ext: 'txt', bytes: b };
  },
  'blank or nearly': (r) => ({ ext: pick(r, ['txt', 'html']), bytes: utf8(pick(r, ['', ' ', '\n\n', '\ufeff', '<html></html>', '“', '«»', ':']) ) }),
  'NUL inside': (r) => {
    const b = Buffer.from(utf8(text(r)));
    b[Math.floor(r() * b.length)] = 0;
    return { ext: 'txt', bytes: b };
  },
  'control characters': (r) => {
    const t = text(r);
    let out = '';
    for (const ch of t) out += r() < 0.05 ? String.fromCharCode(Math.floor(r() * 32)) : ch;
    return { ext: 'txt', bytes: utf8(out) };
  },
  'lone surrogates and odd marks': (r) => ({ ext: 'txt', bytes: Buffer.from(`${text(r)}\ud800 “\udc00” ﻻ ﷺ \u200f\u202e`, 'utf8') }),
};

const STAGE_NAMES = new Set(['read', 'decode', 'take-html-text', 'detect-language', ...STAGES.map((s) => s.name), 'assemble-output', 'validate-output', 'write-output', 'discover']);
const REPLACEMENT = Buffer.from('\ufffd', 'utf8');

const T = mkdtempSync(join(tmpdir(), 'isnad-fuzz-'));
const IN = join(T, 'in');
const OUT = join(T, 'out');
const made = new Map<string, { kind: string; bytes: Uint8Array }>();
let summary: BatchSummary;
let entries: ManifestEntry[];

beforeAll(async () => {
  const r = random(SEED);
  const kinds = Object.keys(makers);
  mkdirSync(IN);
  for (let i = 0; i < COUNT; i++) {
    const kind = kinds[i % kinds.length]!;
    const { ext, bytes } = makers[kind]!(r);
    const name = `${String(i).padStart(3, '0')}-${kind.replace(/\W+/g, '-')}.${ext}`;
    writeFileSync(join(IN, name), bytes);
    made.set(name, { kind, bytes });
  }
  summary = await runBatch({
    inputs: [IN],
    outDir: OUT,
    jobs: 1,
    article: {},
    resources: {},
    preloaded: loadResources({ gazetteersDir: NO_GAZETTEERS }),
  });
  const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8')) as { articles: unknown[] };
  entries = manifest.articles.map((e) => ManifestEntrySchema.parse(e));
}, 120_000);

afterAll(() => rmSync(T, { recursive: true, force: true }));

function spanProblems(out: ArticleOutput): string[] {
  const src = out.source;
  const bad: string[] = [];
  const check = (what: string, s: { start: number; end: number; text?: string }) => {
    if (!(s.start >= 0 && s.start <= s.end && s.end <= src.length)) bad.push(`${what} [${s.start}, ${s.end}) out of bounds`);
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
  for (const m of out.messages) if (m.start !== undefined && m.end !== undefined) check(`message ${m.ruleId}`, { start: m.start, end: m.end });
  return bad;
}

describe(`fuzz (seed ${SEED}, ${COUNT} files)`, () => {
  it('the batch finishes with one manifest entry per file', () => {
    expect(summary.articles).toBe(COUNT);
    expect(entries.map((e) => e.path).sort()).toEqual([...made.keys()].sort());
  });

  it('every failure names a known stage and a reason', () => {
    const unnamed = entries.filter((e) => e.status !== 'ok' && !(e.error && STAGE_NAMES.has(e.error.stage) && e.error.message.trim()));
    expect(unnamed.map((e) => `${e.path}: ${JSON.stringify(e.error)}`)).toEqual([]);
    // Not everything fails: the corpus is broken, not hopeless.
    expect(summary.ok).toBeGreaterThan(COUNT / 2);
    expect(summary.failed).toBeGreaterThan(0);
  });

  it('no failure is an unexpected exception (stage unknown, or a JavaScript error message)', () => {
    const crashes = entries.filter((e) => e.error && (e.error.stage === 'unknown' || /is not a function|undefined|Cannot read|Maximum call stack/.test(e.error.message)));
    expect(crashes.map((e) => `${e.path}: ${e.error!.stage}: ${e.error!.message}`)).toEqual([]);
  });

  it('every ok output validates and keeps the span invariant', () => {
    const problems: string[] = [];
    for (const e of entries.filter((x) => x.status === 'ok')) {
      const parsed = ArticleOutputSchema.safeParse(JSON.parse(readFileSync(join(OUT, e.output!), 'utf8')));
      if (!parsed.success) problems.push(`${e.path}: does not validate`);
      else for (const p of spanProblems(parsed.data)) problems.push(`${e.path}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it('no article is ok with undecodable text and no message', () => {
    const silent: string[] = [];
    for (const e of entries.filter((x) => x.status === 'ok')) {
      const out = ArticleOutputSchema.parse(JSON.parse(readFileSync(join(OUT, e.output!), 'utf8')));
      const input = made.get(e.path)!.bytes;
      // U+FFFD the file did not hold itself was made by decoding: a decode message must say so.
      const madeUp = out.source.includes('\ufffd') && Buffer.from(input).indexOf(REPLACEMENT) === -1;
      const decodeMessage = out.messages.some((m) => m.stage === 'decode');
      if ((madeUp || out.article.encoding === 'windows-1256') && !decodeMessage) silent.push(`${e.path} (${out.article.encoding})`);
      if (e.encoding !== out.article.encoding) silent.push(`${e.path}: manifest says ${e.encoding}, output ${out.article.encoding}`);
    }
    expect(silent).toEqual([]);
  });
});
