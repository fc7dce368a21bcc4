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
  const id = internId(text, a, b, h);
  return id === -1 ? text.slice(a, b) : keys[id]!;
}

/**
 * The word id of text.slice(a, b): its slot in the table, or -1 for a run longer than
 * MAX_INTERNED (not interned). internedWord(id) is the string. An id stays the word's until the
 * table is emptied, when the slot may go to another word: a side table keyed by ids (see
 * WordTable) keeps the word beside each value and compares it before trusting the value.
 */
export function internId(text: string, a: number, b: number, h: number): number {
  const len = b - a;
  if (len > MAX_INTERNED) return -1;
  let slot = h & MASK;
  for (let key = keys[slot]; key !== undefined; key = keys[(slot = (slot + 1) & MASK)]) {
    if (hashes[slot] !== h || key.length !== len) continue;
    let k = 0;
    while (k < len && key.charCodeAt(k) === text.charCodeAt(a + k)) k++;
    if (k === len) return slot;
  }
  if (count >= SIZE >> 1) {
    keys.fill(undefined);
    count = 0;
    slot = h & MASK;
  }
  // A copy of the characters, not a slice: V8 makes a slice of 13 units or more a view of the
  // whole text, and the table would keep each article's view alive.
  keys[slot] = len < 13 ? text.slice(a, b) : copyOf(text, a, b);
  hashes[slot] = h;
  count++;
  return slot;
}

/** The string of a word id from internId. */
export function internedWord(id: number): string {
  return keys[id]!;
}

/**
 * Values per word, by word id: an array read instead of a Map probe by string for every token
 * (word keys in the entity walk, the cue lexicon). The word is kept beside its value and
 * compared (the same string object, as the table hands out) before the value is trusted, so an
 * id whose slot went to another word since is a miss, never a wrong answer. Word and value sit
 * side by side in one array (2·id, 2·id + 1): the read is a random access per token, and one
 * cache line then serves both (two arrays cost two misses).
 */
export class WordTable<T> {
  private readonly slots: Array<string | T | undefined> = new Array<string | T | undefined>(2 * SIZE).fill(undefined);

  /** The value stored for `word` under `id`, or undefined. */
  get(id: number, word: string): T | undefined {
    return id >= 0 && this.slots[2 * id] === word ? (this.slots[2 * id + 1] as T) : undefined;
  }

  set(id: number, word: string, value: T): void {
    if (!(id >= 0)) return;
    this.slots[2 * id] = word;
    this.slots[2 * id + 1] = value;
  }
}
