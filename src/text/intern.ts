// One string per distinct word, read straight from the view's characters.
//
// Every token used to be a fresh slice of the view: an allocation per word, and
// a string whose hash each Map or Set probe downstream (word keys, cue lexicon,
// gazetteer) had to compute again. News text repeats its words, so the table
// hands back the string it made the first time, hash already cached. The table
// has a fixed size and is emptied when half full, so memory does not grow with
// the run; a word is compared character by character, so a hash collision
// costs time, never a wrong word.

const BITS = 15;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
/** Longer runs (URLs, digit strings) are sliced as they are: rarely repeated, and long to compare. */
export const MAX_INTERNED = 24;

const keys: Array<string | undefined> = new Array<string | undefined>(SIZE).fill(undefined);
const hashes = new Int32Array(SIZE);
let count = 0;

const units: number[] = [];
function copyOf(text: string, a: number, b: number): string {
  units.length = 0;
  for (let i = a; i < b; i++) units.push(text.charCodeAt(i));
  return String.fromCharCode.apply(null, units);
}

/** The hash internRange expects, folded one UTF-16 unit at a time from INTERN_SEED (FNV-1a). */
export const INTERN_SEED = 0x811c9dc5 | 0;
export function internStep(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}

/** text.slice(a, b), as the one string the table holds for those characters; `h` is their hash (internStep over them). */
export function internRange(text: string, a: number, b: number, h: number): string {
  const len = b - a;
  if (len > MAX_INTERNED) return text.slice(a, b);
  let slot = h & MASK;
  for (let key = keys[slot]; key !== undefined; key = keys[(slot = (slot + 1) & MASK)]) {
    if (hashes[slot] !== h || key.length !== len) continue;
    let k = 0;
    while (k < len && key.charCodeAt(k) === text.charCodeAt(a + k)) k++;
    if (k === len) return key;
  }
  if (count >= SIZE >> 1) {
    keys.fill(undefined);
    count = 0;
    slot = h & MASK;
  }
  // A copy of the characters, not a slice: V8 makes a slice of 13 units or more a view of the
  // whole text, and the table would keep each article's view alive.
  const s = len < 13 ? text.slice(a, b) : copyOf(text, a, b);
  keys[slot] = s;
  hashes[slot] = h;
  count++;
  return s;
}
