// Clear errors at the command line: bad paths and options give one line and exit 2 before any
// work; rule and gazetteer problems name the file (and line); help and progress lines read well.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
const T = mkdtempSync(join(tmpdir(), 'isnad-cli-errors-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
async function isnad(...args: string[]): Promise<Run> {
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
const input = join(T, 'in');
mkdirSync(input);
writeFileSync(join(input, 'a.txt'), 'The minister said talks would continue.\n');
const aFile = join(T, 'a-file');
writeFileSync(aFile, 'not a folder');

/** A one-line usage error: exit 2, `isnad: ` and one line, no stack trace. */
function expectOneLine(r: Run, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^isnad: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('--jobs is a plain whole number', () => {
  it.each(['0x2', '1e1', ' 2', '2.0', '+2', '65'])('--jobs %j is refused', async (jobs) => {
    const r = await isnad('extract', input, '--jobs', jobs, '--out', join(T, 'jobs-out'));
    expectOneLine(r, /--jobs must be a whole number from 1 to 64/);
    expect(existsSync(join(T, 'jobs-out'))).toBe(false);
  });
});

describe('more jobs than cores', () => {
  it.skipIf(availableParallelism() >= 64)('warns, and one article starts one worker', async () => {
    const r = await isnad('extract', input, '--jobs', '64', '--out', join(T, 'many-jobs'), '--gazetteers', NO_GAZETTEERS);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`warning: --jobs 64 is more than the ${availableParallelism()} cores`));
    expect(r.stdout).toMatch(/^1 articles: 1 ok/);
  }, 60_000);
});

describe('paths are checked up front', () => {
  it('--out pointing at a file', async () => {
    expectOneLine(await isnad('extract', input, '--out', aFile), /--out .*a-file is a file, not a folder/);
  });

  it('--out under a file', async () => {
    expectOneLine(await isnad('extract', input, '--out', join(aFile, 'sub')), /is a file, not a folder/);
  });

  it('--out under /proc', async () => {
    expectOneLine(await isnad('extract', input, '--out', '/proc/isnad-out'), /under \/proc/);
  });

  it('--rules that does not exist', async () => {
    expectOneLine(await isnad('extract', input, '--rules', join(T, 'no-rules'), '--out', join(T, 'o1')), /--rules: no such folder/);
    expect(existsSync(join(T, 'o1'))).toBe(false);
  });

  it('--gazetteers that does not exist is refused, not run without gazetteers', async () => {
    expectOneLine(await isnad('extract', input, '--gazetteers', join(T, 'no-gaz'), '--out', join(T, 'o2')), /--gazetteers: no such folder/);
  });

  it('eval --gold that does not exist', async () => {
    expectOneLine(await isnad('eval', '--gold', join(T, 'no-gold'), '--pred', input), /--gold: no such folder/);
  });
});

describe('missing and broken rule files', () => {
  const rulesWithout = (file: string) => {
    const dir = join(T, `rules-${file.replace(/\W/g, '-')}`);
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    rmSync(join(dir, file));
    return dir;
  };

  it('a missing rules file: its name, exit 2, no stack trace', async () => {
    const r = await isnad('extract', input, '--rules', rulesWithout('ar/cues.yaml'), '--gazetteers', NO_GAZETTEERS, '--out', join(T, 'o3'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cues\.yaml: cannot read: no such file/);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it('isnad check honours --rules', async () => {
    const r = await isnad('check', '--rules', rulesWithout('en/cues.yaml'), '--gazetteers', NO_GAZETTEERS);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/en\/cues\.yaml: cannot read/);
  });

  it('isnad check honours --gazetteers, and warns about an empty gazetteer file', async () => {
    const gaz = join(T, 'gaz-empty');
    mkdirSync(gaz);
    writeFileSync(join(gaz, 'people.yaml'), '# nothing yet\n');
    const r = await isnad('check', '--gazetteers', gaz);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*people\.yaml: empty gazetteer file/);
    expect(r.stdout).toMatch(/\(0 gazetteer entries\)/);
  });

  it('isnad check with the project files: valid, no empty-file warning (control)', async () => {
    const r = await isnad('check', '--gazetteers', NO_GAZETTEERS);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/empty gazetteer/);
  });
});

describe('help and progress lines', () => {
  it('extract --help prints the options of extract and exits 0', async () => {
    const r = await isnad('extract', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: isnad extract/);
    for (const opt of ['--out', '--jobs', '--time-budget', '--follow']) expect(r.stdout).toContain(opt);
  });

  it('a newline in a file name does not split its progress line', async () => {
    const dir = join(T, 'newline-in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'two\nlines.txt'), 'The minister said talks would continue.\n');
    const r = await isnad('extract', dir, '--out', join(T, 'newline-out'), '--gazetteers', NO_GAZETTEERS);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('ok'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('two\\nlines.txt');
    // The manifest keeps the real name.
    const m = JSON.parse(readFileSync(join(T, 'newline-out', 'manifest.json'), 'utf8')) as { articles: Array<{ path: string }> };
    expect(m.articles[0]!.path).toBe('two\nlines.txt');
  });
});
