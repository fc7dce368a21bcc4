// The characters a token is made of: ASCII letters and digits, Latin letters with
// diacritics, and Arabic letters (the normalised view has no diacritics or tatweel).
function tokenChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x0621 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06d3) ||
    (c >= 0x06fa && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f)
  );
}

// The same answer by UTF-16 code unit, read from a table: the tokenizer asks it of every
// character of the article, and the chain of ranges above took twice as long for Arabic letters.
const TOKEN_CHAR = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) TOKEN_CHAR[c] = tokenChar(c) ? 1 : 0;

export function isTokenChar(c: number): boolean {
  return TOKEN_CHAR[c] === 1;
}

/** White space as the regular expression \s reads it, by UTF-16 code unit. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
