// parseParagraphs runs compromise's tokenizer on each paragraph and its tagger
// (its hooks, less the chunker) on several paragraphs at once, and counts
// offsets from the terms; what it reads for each paragraph must be what
// nlp(paragraph).json({ offset: true }) says: the same sentences, the same
// terms at the same offsets, with the same tags. Checked on every paragraph of the
// English corpus and on text that is hard on offsets (contractions, surrogate
// pairs, leading spaces, marks glued to words).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type Compromise from 'compromise';
import { MAX_PARSE_CHARS, Pos, parseParagraph, parseParagraphs, postTaggerSetting } from '../../src/lang/en/nlp.ts';
import { useFastSweep } from '../../src/lang/en/sweep.ts';

// The same build of compromise as src/lang/en/nlp.ts loads (its CommonJS bundle), so both sides share one lexicon.
const nlp = createRequire(import.meta.url)('compromise') as typeof Compromise;

interface JsonTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface JsonSentence {
  offset: { start: number; length: number };
  terms: JsonTerm[];
}

const bits = (tags: string[]) => tags.reduce((b, t) => b | ((Pos as Record<string, number>)[t] ?? 0), 0);

/** What nlp(text).json({ offset: true }) says, in parseParagraph's terms. */
function fromJson(text: string, base: number) {
  const sentences = nlp(text).json({ offset: true }) as JsonSentence[];
  return {
    sentenceStarts: sentences.map((s) => base + s.offset.start),
    terms: sentences.flatMap((s) => s.terms.map((t) => ({ start: base + t.offset.start, end: base + t.offset.start + t.offset.length, text: t.text, pos: bits(t.tags) }))),
  };
}

const corpus = fileURLToPath(new URL('../corpus/en/articles/', import.meta.url));
const paragraphs = readdirSync(corpus)
  .sort()
  .flatMap((f) => readFileSync(corpus + f, 'utf8').split(/\n+/))
  .filter((p) => p.trim() !== '');

const hard = [
  "They don't know, it's said, and we'll see.",
  '  Leading spaces: "Quoted," he said. Then — a dash—and more.',
  'Emoji 😀 in the middle, then Mr. Smith (of Acme Inc.) said "no".',
  "Ministers can't, won't and shouldn't; O'Neill's aide said so.",
  'U.S. officials met on Nov. 3. The talks ended at 5 p.m.',
  // Contractions, slashes and rules anchored to a piece's start or end, where the post-tagger's rules
  // are matched only from the first term their leading tokens match (src/lang/en/sweep.ts).
  "We've said it: they'd rather wait, isn't that so? Who's there; it's May, and/or June.",
  'Sadly, the old man the boats. Police said the suspect, 34, fled; officers gave chase.',
];

describe('parseParagraphs reads what nlp(paragraph).json({ offset: true }) says', () => {
  it(`every paragraph of tests/corpus/en (${paragraphs.length}) and hard cases: sentences, terms, offsets and tags`, () => {
    expect(paragraphs.length).toBeGreaterThan(50);
    for (const text of [...paragraphs, ...hard]) {
      const got = parseParagraph(text, 7);
      expect({ sentenceStarts: got.sentenceStarts, terms: got.terms }, text).toEqual(fromJson(text, 7));
    }
  });

  it(`all the paragraphs in one call (more than MAX_PARSE_CHARS together, so tagged in several batches): each as nlp(paragraph) says`, () => {
    const all = [...paragraphs, ...hard];
    expect(all.reduce((n, p) => n + p.length, 0)).toBeGreaterThan(MAX_PARSE_CHARS);
    const got = parseParagraphs(all.map((text, i) => ({ text, base: i * 100_000 })));
    expect(got).toHaveLength(all.length);
    all.forEach((text, i) => expect({ sentenceStarts: got[i]!.sentenceStarts, terms: got[i]!.terms }, text).toEqual(fromJson(text, i * 100_000)));
  });

  it('offsets slice the text: every term is the source text at its offsets', () => {
    for (const text of hard) {
      for (const t of parseParagraph(text, 0).terms) expect(text.slice(t.start, t.end)).toBe(t.text);
    }
  });

  it('candidates are runs of neighbouring terms of one type; a common word is in none', () => {
    const got = parseParagraph('Vladimir Putin met Angela Merkel in Berlin on Tuesday, and the bank said it would wait.', 0);
    const names = got.candidates.map((c) => `${c.type}:${c.terms.map((t) => t.text).join(' ')}`);
    expect(names).toContain('person:Vladimir Putin');
    expect(names).toContain('place:Berlin');
    expect(names.some((n) => /bank|Tuesday/.test(n))).toBe(false);
  });

  it("the post-tagger's faster rule gathering (src/lang/en/sweep.ts) sets every tag as compromise's own does", () => {
    parseParagraph('Loaded.', 0);
    const methods = (nlp.world() as { methods: Parameters<typeof useFastSweep>[0] }).methods;
    const tags = () => [...paragraphs, ...hard].map((t) => (nlp(t).json() as JsonSentence[]).map((s) => s.terms.map((x) => `${x.text}:${x.tags.join(',')}`)));
    try {
      useFastSweep(methods, false);
      const theirs = tags();
      useFastSweep(methods, true);
      expect(tags()).toEqual(theirs);
    } finally {
      useFastSweep(methods, true);
    }
  });

  it('ISNAD_EN_POST_TAGGER is all unless set to names or off; anything else is an error that names it', () => {
    const before = process.env.ISNAD_EN_POST_TAGGER;
    try {
      const as = (v: string | undefined) => {
        if (v === undefined) delete process.env.ISNAD_EN_POST_TAGGER;
        else process.env.ISNAD_EN_POST_TAGGER = v;
        return postTaggerSetting();
      };
      expect([as(undefined), as(''), as('all'), as('Names'), as('off')]).toEqual(['all', 'all', 'all', 'names', 'off']);
      expect(() => as('fast')).toThrow(/ISNAD_EN_POST_TAGGER must be all, names or off/);
    } finally {
      if (before === undefined) delete process.env.ISNAD_EN_POST_TAGGER;
      else process.env.ISNAD_EN_POST_TAGGER = before;
    }
  });
});
