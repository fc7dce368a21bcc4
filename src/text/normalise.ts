// A normalised view of the source for matching. Arabic diacritics, tatweel and
// invisible format marks are dropped, alef forms are unified, alef maqsura and
// ta marbuta are folded, Arabic-Indic digits become ASCII and Latin letters are
// lower-cased. The view keeps an offset map back to the source, so a match
// found in the view is reported as a span of the untouched source.
//
// Note: the view can be shorter than the source (dropped marks) and, for
// presentation forms such as the lam-alef ligature, longer; only the map
// keeps spans honest.

export interface NormalisedView {
  /** The normalised text. */
  readonly text: string;
  /**
   * toSource[i] is the source offset of view character i; toSource[text.length]
   * is source.length. A view span [a, b) maps to the source span
   * [toSource[a], endToSource(b)).
   */
  readonly toSource: Int32Array;
  /** True when a presentation form was expanded into several characters (the view may be longer than the source). */
  readonly expanded?: boolean;
}

const enum Ch {
  Tatweel = 0x0640,
  AlefMadda = 0x0622,
  AlefHamzaAbove = 0x0623,
  AlefHamzaBelow = 0x0625,
  AlefWasla = 0x0671,
  Alef = 0x0627,
  AlefMaqsura = 0x0649,
  Yeh = 0x064a,
  TehMarbuta = 0x0629,
  Heh = 0x0647,
  FarsiYeh = 0x06cc,
  Keheh = 0x06a9,
  Kaf = 0x0643,
  Nbsp = 0x00a0,
}

/**
 * What one source UTF-16 unit becomes in the view: -1 dropped, a code unit,
 * or (for ligatures) a string. Built once for the BMP ranges that matter.
 */
const SINGLE = new Int32Array(0x10000);
const MULTI = new Map<number, string>();
(function buildTable() {
  for (let c = 0; c < 0x10000; c++) SINGLE[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) SINGLE[c] = c + 0x20; // A-Z
  // Latin-1 and Latin Extended-A capitals that lower-case to one unit.
  for (let c = 0xc0; c < 0x250; c++) {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) SINGLE[c] = lower.charCodeAt(0);
  }
  // Arabic diacritics (harakat, tanwin, shadda, sukun, small marks) and the superscript alef.
  for (let c = 0x064b; c <= 0x065f; c++) SINGLE[c] = -1;
  SINGLE[0x0670] = -1;
  for (let c = 0x0610; c <= 0x061a; c++) SINGLE[c] = -1;
  for (let c = 0x06d6; c <= 0x06ed; c++) SINGLE[c] = -1;
  SINGLE[Ch.Tatweel] = -1;
  // Invisible format characters: ZWNJ, ZWJ, directional marks and isolates, BOM.
  for (const c of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0xfeff, 0x00ad]) SINGLE[c] = -1;
  for (let c = 0x202a; c <= 0x202e; c++) SINGLE[c] = -1;
  for (let c = 0x2066; c <= 0x2069; c++) SINGLE[c] = -1;
  SINGLE[Ch.AlefMadda] = Ch.Alef;
  SINGLE[Ch.AlefHamzaAbove] = Ch.Alef;
  SINGLE[Ch.AlefHamzaBelow] = Ch.Alef;
  SINGLE[Ch.AlefWasla] = Ch.Alef;
  SINGLE[Ch.AlefMaqsura] = Ch.Yeh;
  SINGLE[Ch.FarsiYeh] = Ch.Yeh;
  SINGLE[Ch.Keheh] = Ch.Kaf;
  SINGLE[Ch.TehMarbuta] = Ch.Heh;
  SINGLE[Ch.Nbsp] = 0x20;
  for (const c of [0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]) SINGLE[c] = 0x20;
  // Arabic-Indic and extended Arabic-Indic digits.
  for (let d = 0; d < 10; d++) {
    SINGLE[0x0660 + d] = 0x30 + d;
    SINGLE[0x06f0 + d] = 0x30 + d;
  }
  // Arabic presentation forms (FB50–FDFF, FE70–FEFF) are folded by NFKC, which
  // can change length; the lam-alef ligatures are the common case in old pages.
  for (let c = 0xfb50; c <= 0xfdff; c++) addPresentation(c);
  for (let c = 0xfe70; c <= 0xfefc; c++) addPresentation(c);
})();

function addPresentation(c: number): void {
  const folded = String.fromCharCode(c).normalize('NFKC');
  if (folded === String.fromCharCode(c)) return;
  let out = '';
  for (const ch of folded) {
    const code = ch.charCodeAt(0);
    const mapped = SINGLE[code] ?? code;
    if (mapped >= 0 && code < 0xfb50) out += String.fromCharCode(mapped);
  }
  if (out.length === 1) SINGLE[c] = out.charCodeAt(0);
  else if (out.length === 0) SINGLE[c] = -1;
  else {
    SINGLE[c] = -2;
    MULTI.set(c, out);
  }
}

/** The normalised form of one short string (names, lexicon entries): same rules, no map. */
export function normaliseString(s: string): string {
  const n = s.length;
  let i = 0;
  // Unchanged strings are returned as they are; a surrogate goes the long way, as the full view's
  // decoder turns an unpaired one into U+FFFD.
  for (let c = 0; i < n && SINGLE[(c = s.charCodeAt(i))] === c && (c & 0xf800) !== 0xd800; ) i++;
  if (i === n) return s;
  // Short strings (names, words, lines) are built in a reused buffer, without an offset map.
  if (n > SHORT) return normalise(s).text;
  let j = 0;
  let surrogates = false;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(k);
    const m = SINGLE[c]!;
    if (m >= 0) {
      shortBuf[j++] = m;
      if ((m & 0xf800) === 0xd800) surrogates = true;
    } else if (m === -2) {
      const multi = MULTI.get(c)!;
      if (j + multi.length > shortBuf.length) return normalise(s).text;
      for (let x = 0; x < multi.length; x++) shortBuf[j++] = multi.charCodeAt(x);
    }
  }
  // As the view's decoder reads them: an unpaired surrogate becomes U+FFFD.
  if (surrogates) repairSurrogates(shortBuf, j);
  // Note: not the UTF-16 TextDecoder the full view uses: for strings this short its per-call cost
  // was most of the work (boilerplate lines, names).
  return String.fromCharCode.apply(null, shortBuf.subarray(0, j) as unknown as number[]);
}

/** Replaces each unpaired surrogate in buf[0, n) by U+FFFD, as a UTF-16 decoder does. */
function repairSurrogates(buf: Uint16Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const c = buf[k]!;
    if ((c & 0xf800) !== 0xd800) continue;
    if (c <= 0xdbff && k + 1 < n && (buf[k + 1]! & 0xfc00) === 0xdc00) k++;
    else buf[k] = 0xfffd;
  }
}

const SHORT = 512;
const shortBuf = new Uint16Array(SHORT * 2);

const decoder = new TextDecoder('utf-16le');
const SURROGATE = /[\ud800-\udfff]/;

/** Builds the normalised view of `source` in one pass. */
export function normalise(source: string): NormalisedView {
  const n = source.length;
  // Most characters map one to one; ligatures may grow the view, so size for the worst case lazily.
  let out = new Uint16Array(n + 8);
  let map = new Int32Array(n + 9);
  let j = 0;
  let expanded = false;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    const m = SINGLE[c]!;
    if (m >= 0) {
      out[j] = m;
      map[j++] = i;
    } else if (m === -2) {
      expanded = true;
      const s = MULTI.get(c)!;
      // Room for this expansion and for every character still to come (each writes one slot at
      // least): single characters are written without a check, and a typed array drops writes
      // past its end silently.
      const need = j + s.length + (n - i - 1) + 1;
      if (need > out.length) {
        const size = Math.max(need, out.length * 2);
        const grownOut = new Uint16Array(size);
        grownOut.set(out);
        out = grownOut;
        const grownMap = new Int32Array(size + 1);
        grownMap.set(map);
        map = grownMap;
      }
      for (let k = 0; k < s.length; k++) {
        out[j] = s.charCodeAt(k);
        map[j++] = i;
      }
    }
  }
  map[j] = n;
  // The units copied straight into a string (Buffer's UTF-16LE read, the byte order the decoder
  // assumes too): the UTF-16 TextDecoder goes through ICU and cost 4–6 times as much. Only a view
  // with a surrogate (the decoder turns an unpaired one into U+FFFD) is left to the decoder.
  let text = Buffer.from(out.buffer, out.byteOffset, j * 2).toString('utf16le');
  if (SURROGATE.test(text)) text = decoder.decode(out.subarray(0, j));
  // A view of the map, not a copy: the few spare slots at its end are not worth copying the article for.
  return { text, toSource: map.subarray(0, j + 1), expanded };
}

function isAttachedMark(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === Ch.Tatweel || (c >= 0x0610 && c <= 0x061a) || (c >= 0x06d6 && c <= 0x06ed);
}

/** A normalised view bound to its source. */
export class Normalised implements NormalisedView {
  readonly text: string;
  readonly toSource: Int32Array;
  readonly expanded: boolean;
  constructor(readonly source: string) {
    const v = normalise(source);
    this.text = v.text;
    this.toSource = v.toSource;
    this.expanded = v.expanded === true;
  }

  /**
   * Source span of the view span [a, b). Diacritics and tatweel attached to the
   * last letter stay inside the span; other dropped characters (bidi marks,
   * zero-width joiners) between the last letter and the next one do not.
   */
  span(a: number, b: number): { start: number; end: number } {
    return { start: this.toSource[a]!, end: this.spanEnd(a, b) };
  }

  /** The end of span(a, b), without making the span object (per-token callers). */
  spanEnd(a: number, b: number): number {
    if (b <= a) return this.toSource[a]!;
    const lastSrc = this.toSource[b - 1]!;
    const next = this.toSource[b]!;
    let end = lastSrc + 1;
    while (end < next && isAttachedMark(this.source.charCodeAt(end))) end++;
    // A ligature expands to several view characters of one source character.
    if (end <= lastSrc) end = lastSrc + 1;
    return end;
  }
}
