// Atomic writes: the target is replaced whole, and no temporary file is ever left behind.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic, writeJsonAtomicSync } from '../../src/util/write-atomic.ts';

const T = mkdtempSync(join(tmpdir(), 'isnad-atomic-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = join(T, `case-${n++}`);
  mkdirSync(d);
  return d;
};

/** Targets that do not exist yet, or hold longer, shorter or any content: [name, before (null: none), after]. */
const REPLACE_CASES: Array<[string, string | null, string]> = [
    ['a new file', null, 'قال الوزير إن الحوار مستمر.\n'],
    ['over a longer file', 'x'.repeat(10_000), 'short'],
    ['over a shorter file', 'short', 'y'.repeat(10_000)],
    ['an empty file over a non-empty one', 'something', ''],
];

describe('writeFileAtomic', () => {
  it.each(REPLACE_CASES)('%s: the target holds exactly the new content and nothing else is left in the folder', async (_name, before, after) => {
    const dir = freshDir();
    const target = join(dir, 'out.json');
    if (before !== null) writeFileSync(target, before);
    await writeFileAtomic(target, after);
    expect(readFileSync(target, 'utf8')).toBe(after);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('writes bytes as given', async () => {
    const dir = freshDir();
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, 0x00, 0xff);
    await writeFileAtomic(join(dir, 'b.bin'), bytes);
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([...bytes]);
    expect(readdirSync(dir)).toEqual(['b.bin']);
  });

  it('creates missing parent folders', async () => {
    const dir = freshDir();
    await writeFileAtomic(join(dir, 'a', 'b', 'c.json'), '{}');
    expect(readFileSync(join(dir, 'a', 'b', 'c.json'), 'utf8')).toBe('{}');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['c.json']);
  });

  it('many writes to one path at once: the result is one of them whole, and no temporary files remain', async () => {
    const dir = freshDir();
    const target = join(dir, 'out.txt');
    const contents = Array.from({ length: 20 }, (_, i) => `${i}:`.padEnd(100 + i * 997, String.fromCharCode(0x0627 + i)));
    await Promise.all(contents.map((c) => writeFileAtomic(target, c)));
    expect(contents).toContain(readFileSync(target, 'utf8'));
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('a failed rename (the target is a folder) rejects and removes its temporary file', async () => {
    const dir = freshDir();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep me');
    await expect(writeFileAtomic(target, 'new content')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('keep me');
  });
});

describe('writeJsonAtomic', () => {
  it('writes indented JSON with a final newline, replacing the old file whole', async () => {
    const dir = freshDir();
    const target = join(dir, 'x.json');
    writeFileSync(target, JSON.stringify({ long: 'z'.repeat(5000) }));
    const value = { source: 'قال “نعم”', spans: [{ start: 0, end: 3 }] };
    await writeJsonAtomic(target, value);
    const text = readFileSync(target, 'utf8');
    expect(text).toBe(JSON.stringify(value, null, 2) + '\n');
    expect(JSON.parse(text)).toEqual(value);
    expect(readdirSync(dir)).toEqual(['x.json']);
  });
});

describe('writeFileAtomicSync (the batch\'s per-article writes)', () => {
  it.each(REPLACE_CASES)('%s: the target holds exactly the new content and nothing else is left in the folder', (_name, before, after) => {
    const dir = freshDir();
    const target = join(dir, 'out.json');
    if (before !== null) writeFileSync(target, before);
    writeFileAtomicSync(target, after);
    expect(readFileSync(target, 'utf8')).toBe(after);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('creates missing parent folders, and makes a folder again when it was removed after the first write', () => {
    const dir = freshDir();
    writeFileAtomicSync(join(dir, 'a', 'b', 'c.json'), '{}');
    expect(readFileSync(join(dir, 'a', 'b', 'c.json'), 'utf8')).toBe('{}');
    rmSync(join(dir, 'a'), { recursive: true });
    writeFileAtomicSync(join(dir, 'a', 'b', 'd.json'), '[]');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['d.json']);
  });

  it('a failed rename (the target is a folder) throws and removes its temporary file', () => {
    const dir = freshDir();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep me');
    expect(() => writeFileAtomicSync(target, 'new content')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('writeJsonAtomicSync: compact unless pretty, with a final newline', () => {
    const dir = freshDir();
    const value = { source: 'قال “نعم”', spans: [{ start: 0, end: 3 }] };
    writeJsonAtomicSync(join(dir, 'c.json'), value, { pretty: false });
    writeJsonAtomicSync(join(dir, 'p.json'), value, { pretty: true });
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe(JSON.stringify(value) + '\n');
    expect(readFileSync(join(dir, 'p.json'), 'utf8')).toBe(JSON.stringify(value, null, 2) + '\n');
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'p.json']);
  });
});
