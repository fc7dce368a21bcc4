// WordTable: values by word id, kept in the intern table's rows (the first tables made) or in an
// array of their own (later ones); either way a value is only returned for the word it was set for.
import { describe, expect, it } from 'vitest';
import { INTERN_SEED, WordTable, internId, internStep, internedWord } from '../../src/text/intern.ts';

const idOf = (w: string) => {
  let h = INTERN_SEED;
  for (let i = 0; i < w.length; i++) h = internStep(h, w.charCodeAt(i));
  return internId(w, 0, w.length, h);
};

describe('WordTable', () => {
  // More tables than the intern rows have columns: the later ones use arrays of their own.
  const tables = Array.from({ length: 5 }, () => new WordTable<number>());

  it('returns the value set for a word, per table, and nothing for another word under that id', () => {
    const id = idOf('وزير');
    const word = internedWord(id);
    tables.forEach((t, k) => t.set(id, word, k));
    tables.forEach((t, k) => expect(t.get(id, word)).toBe(k));
    for (const t of tables) expect(t.get(id, 'وزيرة')).toBeUndefined();
    for (const t of tables) expect(t.get(-1, word)).toBeUndefined();
  });

  it('forgets on clear, and when the intern table is emptied and the slot goes to another word', () => {
    const id = idOf('الرئيس');
    const word = internedWord(id);
    for (const t of tables) t.set(id, word, 7);
    tables[0]!.clear();
    tables[4]!.clear();
    expect(tables[0]!.get(id, word)).toBeUndefined();
    expect(tables[4]!.get(id, word)).toBeUndefined();
    expect(tables[1]!.get(id, word)).toBe(7);
    // Enough distinct words to empty the table (it is emptied when half full).
    for (let i = 0; i < 40_000; i++) idOf(`w${i}`);
    // Another word now under the old id gets no value; the word interned afresh gets its own
    // value or none (a table of its own may still hold it), never another word's.
    const now = internedWord(id);
    if (now !== undefined && now !== word) for (const t of tables) expect(t.get(id, now)).toBeUndefined();
    const again = idOf('الرئيس');
    for (const t of tables) expect([undefined, 7]).toContain(t.get(again, internedWord(again)));
  });
});
