// The data cache: YAML files parsed and validated once, then read back from
// node_modules/.cache/isnad (here a temporary folder) while neither the file
// nor the code changes.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadYamlFile } from '../../src/util/load-yaml.ts';
import { checkResources, loadResources } from '../../src/resources.ts';
import { DataFileError } from '../../src/util/load-yaml.ts';
import { processArticle } from '../../src/process-article.ts';
import { PROJECT_ROOT } from '../../src/util/project-root.ts';
import { fromPlain, NotPlainData, toPlain } from '../../src/util/data-cache.ts';

const T = mkdtempSync(join(tmpdir(), 'isnad-cache-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));
const Schema = z.object({ words: z.array(z.string()), weight: z.number().default(1) }).strict();
let n = 0;
let dir = '';
const saved = { dir: process.env.ISNAD_CACHE_DIR, on: process.env.ISNAD_CACHE };
beforeEach(() => {
  dir = join(T, `cache-${n++}`);
  process.env.ISNAD_CACHE_DIR = dir;
  delete process.env.ISNAD_CACHE;
});
afterEach(() => {
  for (const [k, v] of [['ISNAD_CACHE_DIR', saved.dir], ['ISNAD_CACHE', saved.on]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const entries = () => readdirSync(dir).map((f) => join(dir, f));

describe('loadYamlFile through the cache', () => {
  it('stores the validated data, and the next load reads the entry instead of parsing', () => {
    const file = join(T, `words-${n}.yaml`);
    writeFileSync(file, 'words: [قال, أكد]\n');
    expect(loadYamlFile(file, Schema).data).toEqual({ words: ['قال', 'أكد'], weight: 1 });
    const [entry] = entries();
    // Proof that the second load takes the entry: change what the entry holds, keep its key.
    const held = JSON.parse(readFileSync(entry!, 'utf8')) as { key: string; value: { data: { words: string[] } } };
    held.value.data.words = ['from the cache'];
    writeFileSync(entry!, JSON.stringify(held));
    expect(loadYamlFile(file, Schema).data.words).toEqual(['from the cache']);
  });

  it('misses when the file changes, and replaces the entry', () => {
    const file = join(T, `words-${n}.yaml`);
    writeFileSync(file, 'words: [قال]\n');
    loadYamlFile(file, Schema);
    writeFileSync(file, 'words: [صرح]\nweight: 2\n');
    expect(loadYamlFile(file, Schema).data).toEqual({ words: ['صرح'], weight: 2 });
    expect(entries()).toHaveLength(1);
  });

  it('an entry that cannot be read is ignored and rebuilt', () => {
    const file = join(T, `words-${n}.yaml`);
    writeFileSync(file, 'words: [قال]\n');
    loadYamlFile(file, Schema);
    writeFileSync(entries()[0]!, '{ not json');
    expect(loadYamlFile(file, Schema).data.words).toEqual(['قال']);
    expect(() => JSON.parse(readFileSync(entries()[0]!, 'utf8'))).not.toThrow();
  });

  it('invalid files are never cached: every load reports the problem with its line', () => {
    const file = join(T, `bad-${n}.yaml`);
    writeFileSync(file, 'words: [قال]\nweight: heavy\n');
    for (let i = 0; i < 2; i++) expect(() => loadYamlFile(file, Schema)).toThrow(/:2:\d+ weight: /);
  });

  it('a position asked for on a cached load is the line in the file, and is kept for the next run', () => {
    const file = join(T, `lines-${n}.yaml`);
    writeFileSync(file, '# a comment\nwords:\n  - قال\n  - أكد\n');
    loadYamlFile(file, Schema);
    const warm = loadYamlFile(file, Schema);
    expect(warm.locate(['words', 1])).toEqual({ line: 4, col: 5 });
    const held = JSON.parse(readFileSync(entries()[0]!, 'utf8')) as { value: { at: Record<string, unknown> } };
    expect(held.value.at[JSON.stringify(['words', 1])]).toEqual({ line: 4, col: 5 });
  });

  it('ISNAD_CACHE=off writes nothing', () => {
    process.env.ISNAD_CACHE = 'off';
    const file = join(T, `off-${n}.yaml`);
    writeFileSync(file, 'words: [قال]\n');
    loadYamlFile(file, Schema);
    expect(() => readdirSync(dir)).toThrow();
  });
});

describe('toPlain and fromPlain', () => {
  it('carry Maps, Sets, nested objects and arrays through JSON', () => {
    const value = { a: new Map<string, unknown>([['x', { next: new Map([['y', { hits: [1, 'z'] }]]) }]]), s: new Set(['p', 'q']), n: null, list: [true, 2.5] };
    expect(fromPlain(JSON.parse(JSON.stringify(toPlain(value))))).toEqual(value);
  });
  it('refuse what JSON cannot carry', () => {
    expect(() => toPlain({ f: () => 1 })).toThrow(NotPlainData);
    expect(() => toPlain({ d: new Date(0) })).toThrow(NotPlainData);
    expect(() => toPlain({ n: Number.NaN })).toThrow(NotPlainData);
  });
});

describe('resources from a warm cache', () => {
  it('give the same output on every seed as resources parsed from the YAML files', () => {
    const cold = loadResources();
    const warm = loadResources();
    expect(entries().length).toBeGreaterThan(10);
    process.env.ISNAD_CACHE = 'off';
    const uncached = loadResources();
    const seeds = join(PROJECT_ROOT, 'seeds');
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt'))) {
      const bytes = readFileSync(join(seeds, f));
      const run = (resources: typeof cold) => processArticle(bytes, { abs: f, rel: f }, { resources });
      const want = run(uncached);
      expect(run(warm), f).toEqual(want);
      expect(run(cold), f).toEqual(want);
    }
    expect(warm.warnings).toEqual(uncached.warnings);
    // The compiled gazetteer read back is the one compiled: every trie node, hit, role and set.
    expect(warm.gazetteer).toEqual(uncached.gazetteer);
  });
});

describe('checkResources (the main thread of a --jobs run)', () => {
  const copy = (name: string, extra: string) => {
    const root = join(T, name);
    cpSync(join(PROJECT_ROOT, 'rules'), join(root, 'rules'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'gazetteers'), join(root, 'gazetteers'), { recursive: true });
    writeFileSync(join(root, 'gazetteers', 'zz-extra.yaml'), extra);
    return { rulesDir: join(root, 'rules'), gazetteersDir: join(root, 'gazetteers') };
  };
  it('gives the warnings a load gives, the first time by loading and then from the note the load left', () => {
    const dirs = copy('checked', 'entities:\n  - { id: place.zz, type: place, name: ZZ, names: { ar: [سوريا] } }\n');
    const first = checkResources(dirs);
    const loaded = loadResources(dirs);
    expect(loaded.warnings.join('\n')).toMatch(/place\.zz/);
    expect(first.warnings).toEqual(loaded.warnings);
    // One note, holding only the warnings.
    const notes = entries().filter((f) => Object.keys(JSON.parse(readFileSync(f, 'utf8')).value).join() === 'warnings');
    expect(notes).toHaveLength(1);
    expect(checkResources(dirs)).toEqual({ ...dirs, warnings: loaded.warnings });
  });
  it('invalid resources throw the load\'s DataFileError every time, and leave no note', () => {
    const dirs = copy('invalid', 'entities:\n  - { id: place.zz, type: place, names: { ar: [سوريا] }, oops: 1 }\n');
    expect(() => checkResources(dirs)).toThrow(DataFileError);
    expect(() => checkResources(dirs)).toThrow(/zz-extra\.yaml:2:\d+/);
  });
});
