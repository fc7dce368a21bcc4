// Decodes an article's bytes, choosing the encoding by evidence rather than by the first failure:
//
// - a BOM decides (UTF-8, UTF-16LE, UTF-16BE);
// - NUL bytes that all fall on one parity, as the high bytes of Latin text and of spaces in
//   Arabic do, mean UTF-16 without a BOM; NUL bytes anywhere else mean a binary file;
// - otherwise UTF-8. A few bytes that are not valid UTF-8 do not turn an article into
//   mojibake: they become U+FFFD and a warning names their byte offsets. windows-1256 (older
//   Arabic sites) is chosen only when the bytes read as Arabic letters under it and hardly
//   at all as UTF-8; bytes that read as neither are refused as undecodable.
//
// The choice is recorded as the article's `encoding`, and every repair is a message.
import type { Message } from '../schema/output.ts';

export class ArticleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArticleInputError';
  }
}

export interface Decoded {
  text: string;
  encoding: string;
  /** What the decoder had to decide or repair (no spans: offsets are bytes of the file). */
  messages: Message[];
  /** True when the bytes are exactly the text's UTF-8 (valid UTF-8, no BOM): a hash of either is the same. */
  utf8Exact?: boolean;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** How many byte offsets a message lists before saying "and N more". */
const SHOWN_OFFSETS = 10;

export function decodeBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Decoded {
  if (bytes.length > maxBytes) {
    throw new ArticleInputError(`file is ${formatSize(bytes.length, maxBytes)}, over the ${roundedSize(maxBytes)} limit (raise it with --max-size)`);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 2, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 2, 'utf-16be');
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const utf16 = utf16ByNuls(bytes);
    if (utf16) return decodeUtf16(bytes, 0, utf16);
    throw new ArticleInputError(`binary file: NUL byte at offset ${nul} (not a text article)`);
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const encoding = hasBom ? 'utf-8-bom' : 'utf-8';
  // Valid UTF-8, the usual case, is decoded natively; only bytes the strict decoder refuses are walked to find where.
  const strict = decodeStrictUtf8(bytes);
  if (strict !== null) return { text: strict, encoding, messages: [], ...(hasBom ? {} : { utf8Exact: true }) };
  const check = checkUtf8(bytes);
  const text = utf8.decode(bytes);
  if (check.invalid.length === 0) return { text, encoding, messages: [] };

  const high = check.highBytes;
  const cp1256 = new TextDecoder('windows-1256').decode(bytes);
  const arabicShare = high ? arabicLetters(cp1256) / high : 0;
  // Evidence for windows-1256: its high bytes are Arabic letters, and they hardly ever form UTF-8.
  if (arabicShare >= 0.8 && check.valid <= check.invalid.length / 10) {
    return {
      text: cp1256,
      encoding: 'windows-1256',
      messages: [
        {
          severity: 'info',
          reason: `decoded as windows-1256: ${check.invalid.length} byte sequences are not UTF-8, and the bytes read as Arabic letters under windows-1256`,
          stage: 'decode',
          ruleId: 'decode.windows-1256',
        },
      ],
    };
  }
  // Neither: bytes that are mostly invalid UTF-8 (a fifth of the file) and not Arabic under
  // windows-1256 are not text we can read.
  if (check.invalid.length > check.valid && check.invalid.length * 5 > bytes.length) {
    throw new ArticleInputError(
      `undecodable: ${check.invalid.length} byte sequences are not valid UTF-8 (first at byte offset ${check.invalid[0]}), and the bytes do not read as Arabic under windows-1256`,
    );
  }
  return { text, encoding, messages: [invalidMessage('decode.invalid-utf8', 'UTF-8', check.invalid)] };
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: false });
const strictUtf8 = new TextDecoder('utf-8', { ignoreBOM: false, fatal: true });

/** The text of valid UTF-8 bytes (a BOM dropped), or null when any byte sequence is invalid. */
function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function invalidMessage(ruleId: string, what: string, offsets: number[]): Message {
  const n = offsets.length;
  const shown = offsets.slice(0, SHOWN_OFFSETS).join(', ');
  const more = n > SHOWN_OFFSETS ? ` and ${n - SHOWN_OFFSETS} more` : '';
  return {
    severity: 'warning',
    reason: `${n} invalid ${what} byte ${n === 1 ? 'sequence' : 'sequences'} replaced by U+FFFD, at byte ${n === 1 ? 'offset' : 'offsets'} ${shown}${more}`,
    stage: 'decode',
    ruleId,
  };
}

/**
 * The byte offsets where UTF-8 is invalid (the start of each maximal invalid subpart, as the
 * WHATWG decoder replaces them), the number of valid multi-byte sequences, and of bytes ≥ 0x80.
 * Note: TextDecoder repairs but does not say where; this walk only finds the places.
 */
export function checkUtf8(bytes: Uint8Array): { invalid: number[]; valid: number; highBytes: number } {
  const invalid: number[] = [];
  let valid = 0;
  let highBytes = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    highBytes++;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      invalid.push(i);
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = j < n ? bytes[j]! : -1;
      if (c < lo || c > hi) {
        ok = false;
        break;
      }
      highBytes++;
      lo = 0x80;
      hi = 0xbf;
    }
    if (ok) valid++;
    else invalid.push(i);
    // An invalid sequence ends before the byte that broke it, which is read again.
    i = j;
  }
  return { invalid, valid, highBytes };
}

/** Arabic letters (U+0621–U+064A, and the extra letters of Persian and Urdu that windows-1256 has). */
function arabicLetters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x0621 && c <= 0x064a) || (c >= 0x0679 && c <= 0x06d2)) n++;
  }
  return n;
}

/**
 * UTF-16 without a BOM: the NUL bytes fall (almost) all on one parity, as the high byte of
 * ASCII characters, spaces and digits does, and there are enough of them to be text, not a
 * stray NUL in a binary file.
 */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i & 1) odd++;
    else even++;
  }
  const units = bytes.length >> 1;
  const [major, minor, encoding] = odd >= even ? [odd, even, 'utf-16le' as const] : [even, odd, 'utf-16be' as const];
  if (minor > major / 50 || major < Math.max(2, units / 20)) return null;
  // Text, not binary: control characters other than tab, line breaks and form feed are rare.
  const text = new TextDecoder(encoding).decode(bytes);
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0)) controls++;
  }
  return controls > text.length / 100 ? null : encoding;
}

function decodeUtf16(bytes: Uint8Array, from: number, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const body = bytes.subarray(from);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  const invalid: number[] = [];
  const le = encoding === 'utf-16le';
  const unit = (k: number) => (le ? body[k]! | (body[k + 1]! << 8) : (body[k]! << 8) | body[k + 1]!);
  for (let k = 0; k + 1 < body.length; k += 2) {
    const u = unit(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = k + 3 < body.length ? unit(k + 2) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) k += 2;
      else invalid.push(from + k);
    } else if (u >= 0xdc00 && u <= 0xdfff) invalid.push(from + k);
  }
  if (body.length % 2 === 1) invalid.push(from + body.length - 1);
  return { text, encoding, messages: invalid.length ? [invalidMessage('decode.invalid-utf16', encoding.toUpperCase(), invalid)] : [] };
}

/** A size for a message; exact bytes when rounding would make it look equal to `other` (5.0 MB over a 5.0 MB limit). */
function formatSize(n: number, other: number): string {
  return roundedSize(n) === roundedSize(other) ? `${n} bytes` : roundedSize(n);
}

function roundedSize(x: number): string {
  return x >= 1024 * 1024 ? `${(x / 1024 / 1024).toFixed(1)} MB` : `${(x / 1024).toFixed(1)} KB`;
}
