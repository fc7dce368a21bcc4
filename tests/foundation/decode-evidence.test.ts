// Deciding the encoding by evidence: a UTF-8 article with a few bad bytes stays UTF-8 (the bad
// bytes become U+FFFD and a warning names their offsets); windows-1256 is chosen only when the
// bytes read as Arabic under it and not as UTF-8; UTF-16 without a BOM is recognised by where its
// NUL bytes fall. Whatever is chosen is said in the output (and the manifest, see cli tests).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeBytes, ArticleInputError } from '../../src/stages/decode-bytes.ts';
import { processArticle } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';

const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
const SEED = readFileSync(fileURLToPath(new URL('../../seeds/000_3d9604a9e474a807.txt', import.meta.url)));
const ctx = { resources: loadResources({ gazetteersDir: NO_GAZETTEERS }) };
const run = (bytes: Uint8Array, rel = 'x.txt') => processArticle(bytes, { abs: `/tmp/${rel}`, rel }, ctx);

const ARABIC = 'قال وزير الخارجية سيرغي لافروف إن الاتصالات مع واشنطن مستمرة وإن الحوار هو الحل.';
const ENGLISH = 'The foreign minister said on Monday that talks with Washington would continue.';
const cp1256 = (s: string) => {
  // Arabic letters of windows-1256 in code page order (ء at 0xC1 ...), from the code page table.
  const table: Record<string, number> = {
    ' ': 0x20, '.': 0x2e, 'ء': 0xc1, 'آ': 0xc2, 'أ': 0xc3, 'ؤ': 0xc4, 'إ': 0xc5, 'ئ': 0xc6, 'ا': 0xc7, 'ب': 0xc8, 'ة': 0xc9, 'ت': 0xca,
    'ث': 0xcb, 'ج': 0xcc, 'ح': 0xcd, 'خ': 0xce, 'د': 0xcf, 'ذ': 0xd0, 'ر': 0xd1, 'ز': 0xd2, 'س': 0xd3, 'ش': 0xd4, 'ص': 0xd5,
    'ض': 0xd6, 'ط': 0xd8, 'ظ': 0xd9, 'ع': 0xda, 'غ': 0xdb, 'ف': 0xdd, 'ق': 0xde, 'ك': 0xdf, 'ل': 0xe1, 'م': 0xe3, 'ن': 0xe4,
    'ه': 0xe5, 'و': 0xe6, 'ى': 0xec, 'ي': 0xed,
  };
  return Buffer.from([...s].map((ch) => table[ch] ?? (() => { throw new Error(`no byte for ${ch}`); })()));
};
const at = (bytes: Buffer, offset: number, b: number) => {
  const copy = Buffer.from(bytes);
  copy[offset] = b;
  return copy;
};

describe('UTF-8 with a few bad bytes stays UTF-8', () => {
  it('seed 000 plus one trailing 0xFF: UTF-8, the article is read, one warning names the offset', () => {
    const bytes = Buffer.concat([SEED, Buffer.from([0xff])]);
    const plain = run(SEED);
    const out = run(bytes);
    expect(out.article.encoding).toBe('utf-8');
    expect(out.source).toBe(SEED.toString('utf8') + '\ufffd');
    expect(out.quotes.length).toBe(plain.quotes.length);
    expect(out.quotes.length).toBeGreaterThan(0);
    const warnings = out.messages.filter((m) => m.stage === 'decode');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', ruleId: 'decode.invalid-utf8' });
    expect(warnings[0]!.reason).toContain(`byte offset ${SEED.length}`);
  });

  it('a clean UTF-8 article has no decode message (control)', () => {
    expect(run(SEED).messages.filter((m) => m.stage === 'decode')).toEqual([]);
  });

  it.each([
    // The second byte of ز (bytes 9–10) flipped: the broken sequence starts at its first byte.
    ['a flipped byte in the middle of an Arabic letter', at(Buffer.from(ARABIC), 10, 0x41), [9]],
    ['a stray continuation byte in English', at(Buffer.from(ENGLISH), 20, 0x80), [20]],
    ['three bad bytes', at(at(at(Buffer.from(ARABIC), 4, 0xff), 40, 0xfe), 90, 0xc0), [4, 40, 90]],
    ['a truncated last character', Buffer.from(ARABIC).subarray(0, 31), [30]],
  ])('%s: UTF-8, with the byte offsets in the warning', (_name, bytes, offsets) => {
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('\ufffd');
    expect(d.messages).toHaveLength(1);
    for (const o of offsets) expect(d.messages[0]!.reason).toMatch(new RegExp(`\\b${o}\\b`));
  });
});

describe('windows-1256 only when the bytes read as Arabic under it', () => {
  it('Arabic in windows-1256 is windows-1256, with an info message saying why', () => {
    const d = decodeBytes(cp1256('قال الوزير إن الحوار مستمر وإن السلام ممكن.'));
    expect(d.encoding).toBe('windows-1256');
    expect(d.text).toBe('قال الوزير إن الحوار مستمر وإن السلام ممكن.');
    expect(d.messages.map((m) => m.severity)).toEqual(['info']);
  });

  it('Latin-1 French is not windows-1256 Arabic: UTF-8 with replacement characters and a warning', () => {
    const d = decodeBytes(Buffer.from('Le ministre a déclaré que les négociations étaient terminées.', 'latin1'));
    expect(d.encoding).toBe('utf-8');
    expect(d.messages[0]).toMatchObject({ severity: 'warning', ruleId: 'decode.invalid-utf8' });
  });

  it('bytes that are neither UTF-8 nor Arabic text are refused as undecodable', () => {
    // Every byte from 0x80 to 0xFF, twice: no valid UTF-8 and no Arabic words.
    const junk = Buffer.from([...Array(128).keys(), ...Array(128).keys()].map((i) => 0x80 + (i % 128)));
    expect(() => decodeBytes(junk)).toThrow(ArticleInputError);
    expect(() => decodeBytes(junk)).toThrow(/undecodable/);
  });
});

describe('UTF-16 without a BOM', () => {
  it.each([
    ['English UTF-16LE', Buffer.from(ENGLISH, 'utf16le'), 'utf-16le', ENGLISH],
    ['Arabic UTF-16LE', Buffer.from(ARABIC, 'utf16le'), 'utf-16le', ARABIC],
    ['English UTF-16BE', Buffer.from(ENGLISH, 'utf16le').swap16(), 'utf-16be', ENGLISH],
    ['Arabic UTF-16BE', Buffer.from(ARABIC, 'utf16le').swap16(), 'utf-16be', ARABIC],
  ])('%s is recognised by its NUL bytes', (_name, bytes, encoding, text) => {
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });

  it('is read through the whole pipeline', () => {
    const out = run(Buffer.from(ARABIC, 'utf16le'));
    expect(out.article).toMatchObject({ encoding: 'utf-16le', lang: 'ar' });
  });

  it('a NUL byte in a UTF-8 file is still a binary file (control)', () => {
    expect(() => decodeBytes(Buffer.from('abc\0def ghi jkl', 'latin1'))).toThrow(/binary file: NUL byte at offset 3/);
  });

  it('UTF-16 with a BOM and an unpaired surrogate: replacement character and a warning, not a crash', () => {
    const units = Buffer.from('ab\ud800cd', 'utf16le');
    const d = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), units]));
    expect(d).toMatchObject({ encoding: 'utf-16le', text: 'ab\ufffdcd' });
    expect(d.messages[0]!.reason).toMatch(/\b6\b/);
  });
});

describe('the size limit message', () => {
  it('one byte over 5 MB does not read "5.0 MB, over the 5.0 MB limit"', () => {
    const err = (() => {
      try {
        decodeBytes(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toMatch(/over the 5\.0 MB limit/);
    expect(err).not.toMatch(/5\.0 MB, over/);
    expect(err).toContain('5242881 bytes');
  });
});
