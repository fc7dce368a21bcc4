// decode-bytes: the encodings isnad reads, and the clear errors for inputs it refuses.
import { describe, expect, it } from 'vitest';
import { decodeBytes, ArticleInputError, DEFAULT_MAX_BYTES } from '../../src/stages/decode-bytes.ts';
import { processArticle, StageError } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';
import { fileURLToPath } from 'node:url';

// Entities are not needed here: an empty gazetteer folder keeps loading quick.
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));

const ARABIC = 'قال وزير الخارجية سيرغي لافروف في 2017: “الاتصالات مستمرة”.';
const MIXED = 'Lavrov said on 8 Feb 2017 — لافروف: “نعم”';

const BOM8 = [0xef, 0xbb, 0xbf];
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

// windows-1256 code points of a few Arabic letters (from the code page table, not from the decoder).
const CP1256: Record<string, number> = {
  ' ': 0x20, '.': 0x2e, 'ا': 0xc7, 'ب': 0xc8, 'ة': 0xc9, 'ت': 0xca, 'د': 0xcf, 'ر': 0xd1, 'ز': 0xd2, 'س': 0xd3,
  'ح': 0xcd, 'ع': 0xda, 'ف': 0xdd, 'ق': 0xde, 'ك': 0xdf, 'ل': 0xe1, 'م': 0xe3, 'ن': 0xe4, 'ه': 0xe5, 'و': 0xe6, 'ي': 0xed,
};
function cp1256(s: string): Buffer {
  return Buffer.from([...s].map((ch) => {
    const b = CP1256[ch];
    if (b === undefined) throw new Error(`no windows-1256 byte for ${ch} in the test table`);
    return b;
  }));
}

describe('decodeBytes: encodings', () => {
  it.each([
    ['UTF-8 without BOM, Arabic', Buffer.from(ARABIC, 'utf8'), ARABIC, 'utf-8'],
    ['UTF-8 without BOM, mixed scripts', Buffer.from(MIXED, 'utf8'), MIXED, 'utf-8'],
    ['UTF-8 with BOM (BOM not kept in the text)', Buffer.concat([Buffer.from(BOM8), Buffer.from(ARABIC, 'utf8')]), ARABIC, 'utf-8-bom'],
    ['UTF-16LE with BOM', utf16le(ARABIC), ARABIC, 'utf-16le'],
    ['UTF-16LE with BOM, ASCII (NUL bytes are not binary here)', utf16le('Lavrov said'), 'Lavrov said', 'utf-16le'],
    ['UTF-16BE with BOM', utf16be(MIXED), MIXED, 'utf-16be'],
    ['windows-1256 Arabic sentence', cp1256('قال الوزير ان السلام ممكن.'), 'قال الوزير ان السلام ممكن.', 'windows-1256'],
    ['windows-1256 short word', cp1256('مرحبا'), 'مرحبا', 'windows-1256'],
  ])('%s', (_name, bytes, text, encoding) => {
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });

  it('the hand-made windows-1256 bytes are not valid UTF-8 (so the fallback is really exercised)', () => {
    const bytes = cp1256('قال الوزير');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    // ...and the same sentence as UTF-8 is not mistaken for windows-1256.
    expect(decodeBytes(Buffer.from('قال الوزير', 'utf8')).encoding).toBe('utf-8');
  });
});

describe('decodeBytes: refused inputs', () => {
  it.each([
    ['NUL byte in the middle', Buffer.from([0x61, 0x62, 0x00, 0x63]), 2],
    ['PNG-like header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 8],
    ['UTF-8 BOM then NUL', Buffer.from([...BOM8, 0x41, 0x00]), 4],
  ])('binary file (%s) gives an error mentioning binary and the offset', (_name, bytes, offset) => {
    expect(() => decodeBytes(bytes)).toThrow(ArticleInputError);
    expect(() => decodeBytes(bytes)).toThrow(new RegExp(`binary.*offset ${offset}`));
  });

  it.each([
    ['one byte over a 1 KB limit', 1025, 1024, true],
    ['exactly at a 1 KB limit', 1024, 1024, false],
    ['2 MB over the default-sized 1 MB limit', 2 * 1024 * 1024, 1024 * 1024, true],
  ])('size limit: %s', (_name, size, limit, refused) => {
    const bytes = Buffer.alloc(size, 0x61);
    if (!refused) {
      expect(decodeBytes(bytes, limit).text.length).toBe(size);
      return;
    }
    const limitText = limit >= 1024 * 1024 ? `${(limit / 1024 / 1024).toFixed(1)} MB` : `${(limit / 1024).toFixed(1)} KB`;
    expect(() => decodeBytes(bytes, limit)).toThrow(ArticleInputError);
    expect(() => decodeBytes(bytes, limit)).toThrow(`over the ${limitText} limit`);
  });

  it('the default limit is 5 MB', () => {
    expect(DEFAULT_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(() => decodeBytes(Buffer.alloc(DEFAULT_MAX_BYTES + 1, 0x61))).toThrow('5.0 MB limit');
  });
});

describe('processArticle: inputs that fail in the decode stage', () => {
  const ctx = { resources: loadResources({ gazetteersDir: NO_GAZETTEERS }) };
  const run = (bytes: Uint8Array, rel = 'x.txt', maxBytes?: number) =>
    processArticle(bytes, { abs: `/tmp/${rel}`, rel }, ctx, maxBytes ? { maxBytes } : {});
  const failure = (bytes: Uint8Array, rel?: string, maxBytes?: number): StageError => {
    try {
      run(bytes, rel, maxBytes);
    } catch (err) {
      return err as StageError;
    }
    throw new Error('expected the article to fail');
  };

  it.each([
    ['empty file', Buffer.alloc(0), /empty article/],
    ['spaces and newlines only', Buffer.from('   \n\t\n  \r\n', 'utf8'), /empty article/],
    ['NBSP and spaces only', Buffer.from(' \u00a0 \n\u00a0', 'utf8'), /empty article/],
    ['UTF-8 BOM only', Buffer.from(BOM8), /empty article/],
    ['UTF-16LE BOM and spaces only', utf16le('  \n '), /empty article/],
    ['HTML page whose only text is navigation', Buffer.from('<html><body><nav>Home | World</nav><script>var x = 1;</script></body></html>'), /empty article/, 'page.html'],
    ['binary file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /binary/],
    ['file over --max-size', Buffer.alloc(3000, 0x61), /over the 2\.0 KB limit/, 'big.txt', 2048],
  ])('%s fails in stage decode with a clear message', (_name, bytes, message, rel?: string, maxBytes?: number) => {
    const err = failure(bytes, rel, maxBytes);
    expect(err).toBeInstanceOf(StageError);
    expect(err.stage).toBe('decode');
    expect(err.message).toMatch(message);
  });

  it.each([
    ['one Arabic word', Buffer.from('لافروف', 'utf8'), 'ar', 'utf-8'],
    ['one English word with surrounding blanks', Buffer.from('  Lavrov \n', 'utf8'), 'en', 'utf-8'],
    ['windows-1256 sentence', cp1256('قال الوزير ان السلام ممكن.'), 'ar', 'windows-1256'],
    ['UTF-16BE sentence', utf16be('The minister said talks continue.'), 'en', 'utf-16be'],
  ])('%s is accepted (encoding and language recorded)', (_name, bytes, lang, encoding) => {
    const out = run(bytes);
    expect(out.article.encoding).toBe(encoding);
    expect(out.article.lang).toBe(lang);
    expect(out.source.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('a UTF-8 BOM never reaches the source (offsets count from the first character)', () => {
    const out = run(Buffer.concat([Buffer.from(BOM8), Buffer.from('قال الوزير.', 'utf8')]));
    expect(out.source).toBe('قال الوزير.');
    expect(out.article.chars).toBe('قال الوزير.'.length);
  });
});
