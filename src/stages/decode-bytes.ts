// Decodes an article's bytes: UTF-8 with or without BOM, UTF-16 with BOM, and
// windows-1256 (common on older Arabic sites) when the bytes are not valid
// UTF-8. NUL bytes without a UTF-16 BOM mean a binary file.

export class ArticleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArticleInputError';
  }
}

export interface Decoded {
  text: string;
  encoding: string;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function decodeBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Decoded {
  if (bytes.length > maxBytes) {
    throw new ArticleInputError(
      `file is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit (raise it with --max-size)`,
    );
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ArticleInputError(`binary file: NUL byte at offset ${nul} (not a text article)`);
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not UTF-8: older Arabic pages are windows-1256, which maps every byte.
    return { text: new TextDecoder('windows-1256').decode(bytes), encoding: 'windows-1256' };
  }
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
