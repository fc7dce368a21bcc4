// The built command line (dist/, what `npm ci` makes and bin/isnad.js runs):
// it must give exactly what the sources give, in one process and with worker
// threads, and load the commands that sit in chunks of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/util/project-root.ts';

const T = mkdtempSync(join(tmpdir(), 'isnad-built-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));
const BIN = join(PROJECT_ROOT, 'bin', 'isnad.js');
const isnad = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'milliseconds').map(([k, v]) => [k, stable(v)]));
  }
  return value;
}
const articles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort();
const read = (dir: string, f: string) => stable(JSON.parse(readFileSync(join(dir, f), 'utf8')));

beforeAll(() => {
  // Sources edited since `npm ci` make dist/ stale, and bin/isnad.js would run the sources.
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('dist/', () => {
  it.each([1, 2])('extracts the seeds exactly as the committed output/, with --jobs %i', (jobs) => {
    const out = join(T, `jobs-${jobs}`);
    const r = isnad('extract', join(PROJECT_ROOT, 'seeds'), '--out', out, '--quiet', '--jobs', String(jobs));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/running the sources/);
    const golden = join(PROJECT_ROOT, 'output');
    expect(articles(out)).toEqual(articles(golden));
    for (const f of articles(out)) expect(read(out, f), f).toEqual(read(golden, f));
  });

  it('writes compact JSON unless --pretty', () => {
    const compact = join(T, 'compact');
    const pretty = join(T, 'pretty');
    expect(isnad('extract', join(PROJECT_ROOT, 'seeds'), '--out', compact, '--quiet').status).toBe(0);
    expect(isnad('extract', join(PROJECT_ROOT, 'seeds'), '--out', pretty, '--quiet', '--pretty').status).toBe(0);
    const [f] = articles(compact);
    const a = readFileSync(join(compact, f!), 'utf8');
    const b = readFileSync(join(pretty, f!), 'utf8');
    expect(a.split('\n')).toHaveLength(2);
    expect(b.split('\n').length).toBeGreaterThan(100);
    expect(JSON.parse(a)).toEqual(JSON.parse(b));
  });

  it('runs the commands that load chunks of their own', () => {
    const schema = isnad('schema');
    expect(schema.status).toBe(0);
    expect(JSON.parse(schema.stdout)).toHaveProperty('$schema');
    const kb = isnad('kb', '--help');
    expect(kb.stdout + kb.stderr).toMatch(/isnad kb ingest/);
  });

  it('reports invalid rules with the messages the sources give (zod in the bundle keeps its English messages alone)', () => {
    const rules = join(T, 'bad-rules');
    cpSync(join(PROJECT_ROOT, 'rules'), rules, { recursive: true });
    const file = join(rules, 'ar', 'language.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^sentenceLocale: .*$/m, 'sentenceLocale: 5'));
    const r = isnad('check', '--rules', rules);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/language\.yaml:\d+:\d+ sentenceLocale: Invalid input: expected string, received number/);
  });
});
