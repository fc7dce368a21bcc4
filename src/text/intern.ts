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

// Row `slot` of the table: the word at ROW·slot, then up to ROW - 1 values that WordTables keep for
// it (see WordTable). The tokenizer's probe loads a word's row; a later stage's read of its value
// per token then finds that cache line warm, where a table of its own was a miss per token.
const ROW = 4;
const SHIFT = 2;
const table: unknown[] = new Array<unknown>(SIZE * ROW).fill(undefined);
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
  return id === -1 ? text.slice(a, b) : (table[id << SHIFT] as string);
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
  for (let key = table[slot << SHIFT] as string | undefined; key !== undefined; key = table[(slot = (slot + 1) & MASK) << SHIFT] as string | undefined) {
    if (hashes[slot] !== h || key.length !== len) continue;
    let k = 0;
    while (k < len && key.charCodeAt(k) === text.charCodeAt(a + k)) k++;
    if (k === len) return slot;
  }
  if (count >= SIZE >> 1) {
    // (The WordTables' values go with their words.)
    table.fill(undefined);
    count = 0;
    slot = h & MASK;
  }
  // A copy of the characters, not a slice: V8 makes a slice of 13 units or more a view of the
  // whole text, and the table would keep each article's view alive.
  table[slot << SHIFT] = len < 13 ? text.slice(a, b) : copyOf(text, a, b);
  hashes[slot] = h;
  count++;
  return slot;
}

/** The string of a word id from internId. */
export function internedWord(id: number): string {
  return table[id << SHIFT] as string;
}

/** Columns of the table's rows not yet taken by a WordTable. */
let freeColumn = 1;

/**
 * Values per word, by word id: an array read instead of a Map probe by string for every token
 * (word keys in the entity walk, the cue lexicon). The first ROW - 1 tables made keep their values
 * in a column of the intern table's rows, beside the word itself (emptied with it); later ones in
 * an array of their own, word and value side by side (2·id, 2·id + 1). Either way the word is
 * compared (the same string, as the table hands out) before the value is trusted, so an id whose
 * slot went to another word since is a miss, never a wrong answer.
 */
export class WordTable<T> {
  /** The intern table's column this table's values sit in, or 0 (its own array). */
  private readonly column: number;
  private readonly own: unknown[];

  constructor() {
    this.column = freeColumn < ROW ? freeColumn++ : 0;
    this.own = this.column ? [] : new Array<unknown>(2 * SIZE).fill(undefined);
  }

  /** The value stored for `word` under `id`, or undefined. */
  get(id: number, word: string): T | undefined {
    if (!(id >= 0)) return undefined;
    if (this.column) {
      const r = id << SHIFT;
      return table[r] === word ? (table[r + this.column] as T | undefined) : undefined;
    }
    return this.own[2 * id] === word ? (this.own[2 * id + 1] as T) : undefined;
  }

  set(id: number, word: string, value: T): void {
    if (!(id >= 0)) return;
    if (this.column) {
      // Only beside the word itself: a slot that went to another word keeps no value for this one.
      const r = id << SHIFT;
      if (table[r] === word) table[r + this.column] = value;
      return;
    }
    this.own[2 * id] = word;
    this.own[2 * id + 1] = value;
  }

  /** Forgets every value. */
  clear(): void {
    if (this.column) for (let r = this.column; r < table.length; r += ROW) table[r] = undefined;
    else this.own.fill(undefined);
  }
}
