// compromise, used for what it is good at: sentences, part-of-speech tags and
// candidate names of people, places and organisations. The gazetteers'
// English names are taught to it once per run (addWords is global to the
// library: the lexicon is built once, never per article). Each paragraph is
// parsed once; everything later stages need is read out of the parse with
// source offsets (compromise's offsets are UTF-16 units, as String#slice counts).
import { createRequire } from 'node:module';
import type Compromise from 'compromise';
import type { Gazetteer } from '../../entities/gazetteer.ts';
import { postTag, useFastSweep, type TaggedView } from './sweep.ts';

/** Part-of-speech flags kept per token (a bit set). */
export const Pos = {
  Verb: 1 << 0,
  PastTense: 1 << 1,
  PresentTense: 1 << 2,
  Gerund: 1 << 3,
  Infinitive: 1 << 4,
  Modal: 1 << 5,
  Auxiliary: 1 << 6,
  Copula: 1 << 7,
  Noun: 1 << 8,
  ProperNoun: 1 << 9,
  Person: 1 << 10,
  FirstName: 1 << 11,
  MaleName: 1 << 12,
  FemaleName: 1 << 13,
  Place: 1 << 14,
  Organization: 1 << 15,
  Adjective: 1 << 16,
  Determiner: 1 << 17,
  Preposition: 1 << 18,
  Pronoun: 1 << 19,
  Conjunction: 1 << 20,
  Adverb: 1 << 21,
  Value: 1 << 22,
  Date: 1 << 23,
  Plural: 1 << 24,
  Participle: 1 << 25,
  Acronym: 1 << 26,
  LastName: 1 << 27,
  Honorific: 1 << 28,
  Demonym: 1 << 29,
} as const;
export type PosName = keyof typeof Pos;

export interface NlpTerm {
  start: number;
  end: number;
  text: string;
  pos: number;
}

export interface NlpCandidate {
  type: 'person' | 'place' | 'organisation';
  terms: NlpTerm[];
}

export interface NlpParagraph {
  /** Sentence start offsets (absolute) as compromise splits them. */
  sentenceStarts: number[];
  terms: NlpTerm[];
  candidates: NlpCandidate[];
}

function posOf(tags: Iterable<string>): number {
  let bits = 0;
  for (const t of tags) {
    const b = (Pos as Record<string, number>)[t];
    if (b !== undefined) bits |= b;
  }
  return bits;
}

let taughtKeys: Set<string> | null = null;

let loaded: typeof Compromise | null = null;
const toTeach: Gazetteer[] = [];
/**
 * compromise, loaded on first use (its bundled CommonJS build: one file), so that a run with no
 * English article never pays for loading it and building its lexicon; the gazetteers handed to
 * teachGazetteer before are taught then.
 */
function nlp(): typeof Compromise {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('compromise') as typeof Compromise;
    useFastSweep((loaded.world() as { methods: Parameters<typeof useFastSweep>[0] }).methods);
    if (postTaggerSetting() === 'names') {
      const two = (loaded.model() as { two: { matches: Array<{ tag?: unknown; unTag?: unknown }> } }).two;
      // A rule's tag is a tag, a list of tags, or one tag per matched term ('#FirstName #Person .').
      const tagsOf = (v: unknown): string[] => [v].flat().flatMap((t) => (typeof t === 'string' ? t.split(/\s+/).map((x) => x.replace(/^#/, '')) : []));
      two.matches = two.matches.filter((r) => [...tagsOf(r.tag), ...tagsOf(r.unTag)].some((t) => NAME_TAGS.has(t)));
    }
    for (const gz of toTeach.splice(0)) teachNow(loaded, gz);
  }
  return loaded;
}

/**
 * ISNAD_EN_POST_TAGGER: how much of compromise's post-tagger (its rules run after the lexicon
 * and suffix guesses, about half of tagging) English paragraphs get. `all` (the default) is
 * compromise as it is. `names` keeps only its rules that set or remove a name tag (people,
 * places, organisations: 73 of compromise 14.17's 570 rules); `off` skips it. Both are
 * faster and cost quality on the development set (README, "English speed"), so neither is
 * the default. Read when compromise is loaded, once per process (worker processes inherit it).
 */
export type PostTaggerSetting = 'all' | 'names' | 'off';
export function postTaggerSetting(): PostTaggerSetting {
  const v = (process.env.ISNAD_EN_POST_TAGGER ?? 'all').trim().toLowerCase();
  if (v === '' || v === 'all') return 'all';
  if (v === 'names' || v === 'off') return v;
  throw new Error(`ISNAD_EN_POST_TAGGER must be all, names or off (got ${JSON.stringify(process.env.ISNAD_EN_POST_TAGGER)})`);
}
/** The name tags of `names` (compromise's tag names: a rule setting or removing one of them is kept). */
const NAME_TAGS = new Set(['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Honorific', 'Place', 'City', 'Country', 'Region', 'Organization', 'ProperNoun', 'Acronym']);

const PROPER_TAGS = new Set(['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Place', 'City', 'Country', 'Region', 'Organization', 'ProperNoun']);
/** True when compromise's own lexicon knows the lower-cased word as a common word (aid, labour), not a name. */
export function isCommonWord(word: string): boolean {
  const lex = (nlp().model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  if (!Object.hasOwn(lex, word) || taughtKeys?.has(word)) return false;
  const tag = lex[word];
  return typeof tag === 'string' ? !PROPER_TAGS.has(tag) : false;
}

/**
 * The gender compromise's own lexicon gives a given name (catherine → f, mohammad → m), or null.
 * Asked of the first word of a name the gazetteer taught as a whole (Catherine Ashton is tagged
 * Person, which hides the FemaleName tag its first word would have had).
 */
export function givenNameGender(word: string): 'm' | 'f' | null {
  const lex = (nlp().model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  if (!Object.hasOwn(lex, word)) return null;
  const tag = lex[word];
  return tag === 'FemaleName' ? 'f' : tag === 'MaleName' ? 'm' : null;
}

/**
 * Teaches compromise the gazetteers' English names: multi-word names as
 * wholes, single words only where compromise does not already know the word
 * (so that a name never changes how a common word is read). Acronyms that
 * are also words (WHO, US) are left out. Taught when compromise is first loaded.
 */
export function teachGazetteer(gz: Gazetteer): void {
  if (loaded) teachNow(loaded, gz);
  else toTeach.push(gz);
}

function teachNow(lib: typeof Compromise, gz: Gazetteer): number {
  const model = lib.model() as { one: { lexicon: Record<string, unknown> } };
  const known = model.one.lexicon;
  const words: Record<string, string> = {};
  for (const e of gz.entries.values()) {
    const tag = e.type === 'person' ? 'Person' : e.type === 'place' ? 'Place' : 'Organization';
    for (const form of e.names.en) {
      const letters = form.replace(/[^\p{L}]/gu, '');
      if (letters.length <= 5 && letters === letters.toUpperCase()) continue;
      const key = form.toLowerCase().replace(/[’]/g, "'").trim();
      if (!key || /[^\p{L}\p{N}\s'.-]/u.test(key)) continue;
      const single = !key.includes(' ');
      if (single && Object.hasOwn(known, key)) continue;
      if (taughtKeys?.has(key)) continue;
      words[key] = single && e.type === 'person' ? 'LastName' : tag;
    }
  }
  const n = Object.keys(words).length;
  if (n) lib.addWords(words);
  taughtKeys ??= new Set();
  for (const k of Object.keys(words)) taughtKeys.add(k);
  return n;
}

/**
 * Longest stretch given to compromise at once. Note: compromise's time grows faster than the
 * text above about 16,000 terms in one document (measured: 16,000 terms 1 s, 20,000 terms 40 s),
 * so a longer paragraph is parsed in pieces cut after a sentence end, else at a space. No real
 * paragraph comes near this; only such paragraphs are affected. Shorter paragraphs are tagged
 * together up to this length.
 */
export const MAX_PARSE_CHARS = 20_000;

/** Parses one paragraph (text starting at absolute offset `base`). */
export function parseParagraph(text: string, base: number): NlpParagraph {
  return parseParagraphs([{ text, base }])[0]!;
}

/**
 * Parses paragraphs (each text starting at its absolute offset `base`): each is tokenized on
 * its own, as nlp(text) would, and the tagger then runs over several paragraphs' sentences at
 * once (up to MAX_PARSE_CHARS together). compromise tags each sentence by itself, so the tags
 * are the ones a call per paragraph gives (tests/english/nlp-parse.test.ts); tagging the
 * English corpus paragraph by paragraph took 1.8 times the CPU time of tagging it in batches.
 * A paragraph longer than MAX_PARSE_CHARS is tokenized in pieces.
 */
export function parseParagraphs(paragraphs: ReadonlyArray<{ text: string; base: number }>): NlpParagraph[] {
  const t = getTagger();
  const out: NlpParagraph[] = paragraphs.map(() => ({ sentenceStarts: [], terms: [], candidates: [] }));
  let batch: Array<{ paragraph: number; base: number; text: string; sentences: CpTerm[][] }> = [];
  let batchChars = 0;
  const flush = () => {
    const document: CpTerm[][] = [];
    for (const piece of batch) for (const s of piece.sentences) document.push(s);
    const sentences = document.length;
    const tagged = new t.View(document);
    if (sentences) tag(t, tagged);
    // The tagger edits sentences in place (a contraction becomes two terms) and should never add or
    // drop one; if it ever does, the pieces are tagged one by one, as nlp(text) would.
    const inStep = tagged.document.length === sentences;
    let at = 0;
    for (const piece of batch) {
      const n = piece.sentences.length;
      if (inStep) readPiece(tagged.document.slice(at, at + n), piece.base, out[piece.paragraph]!);
      else {
        const alone = new t.View(t.world.methods.one.tokenize.fromString(piece.text, t.world));
        tag(t, alone);
        readPiece(alone.document, piece.base, out[piece.paragraph]!);
      }
      at += n;
    }
    batch = [];
    batchChars = 0;
  };
  paragraphs.forEach(({ text, base }, p) => {
    for (let at = 0; at < text.length; ) {
      const end = text.length <= MAX_PARSE_CHARS ? text.length : pieceEnd(text, at);
      if (batchChars > 0 && batchChars + (end - at) > MAX_PARSE_CHARS) flush();
      const piece = text.slice(at, end);
      batch.push({ paragraph: p, base: base + at, text: piece, sentences: t.world.methods.one.tokenize.fromString(piece, t.world) });
      batchChars += end - at;
      at = end;
    }
  });
  if (batch.length) flush();
  return out;
}

/** Where the piece that starts at `from` ends: after the last sentence end, else the last space, within the limit. */
function pieceEnd(text: string, from: number): number {
  const limit = from + MAX_PARSE_CHARS;
  if (limit >= text.length) return text.length;
  const window = text.slice(from, limit);
  let cut = -1;
  for (const m of window.matchAll(/[.!?…]["”’)\]]*\s+/g)) cut = m.index + m[0].length;
  if (cut <= 0) cut = window.search(/\s\S*$/) + 1;
  if (cut <= 0) {
    cut = MAX_PARSE_CHARS;
    // Never between the two halves of a surrogate pair.
    const c = text.charCodeAt(from + cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--;
  }
  return from + cut;
}

/** A compromise term as the tagger leaves it (the fields read here). */
interface CpTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}
interface CpView extends TaggedView {
  document: CpTerm[][];
  compute(hooks: string | readonly string[]): unknown;
}
type CpViewClass = new (document: CpTerm[][]) => CpView;

interface Tagger {
  world: { hooks: string[]; methods: { one: { tokenize: { fromString(text: string, world: unknown): CpTerm[][] } } } };
  View: CpViewClass;
  /** What nlp(text) runs before its post-tagger (the post-tagger, then the chunker, which only groups terms into phrases, which nothing here reads, come last). */
  hooks: readonly string[];
  postTagger: boolean;
}

/** compromise's tagger on a view: its hooks, then its post-tagger (src/lang/en/sweep.ts postTag) unless ISNAD_EN_POST_TAGGER=off. */
function tag(t: Tagger, view: CpView): void {
  view.compute(t.hooks);
  if (t.postTagger) postTag(view);
}
let tagger: Tagger | null = null;

function getTagger(): Tagger {
  if (!tagger) {
    const lib = nlp();
    const world = lib.world() as Tagger['world'];
    const hooks = world.hooks.slice(0, world.hooks.indexOf('postTagger'));
    // compromise 14's order: the post-tagger last but for the chunker.
    if (hooks.length !== world.hooks.length - 2 || world.hooks.at(-1) !== 'chunks') throw new Error(`compromise's hooks are not in the order this was written for: ${world.hooks.join(', ')}`);
    tagger = { world, View: lib('').constructor as unknown as CpViewClass, hooks, postTagger: postTaggerSetting() !== 'off' };
  }
  return tagger;
}

/** Reads the terms, sentence starts and name candidates of one tagged piece of text that starts at absolute offset `base`. */
function readPiece(sentences: CpTerm[][], base: number, out: NlpParagraph): void {
  const { terms, sentenceStarts, candidates } = out;
  // Offsets as compromise counts them: each term is its leading punctuation and spaces, its text, and what follows.
  let at = base;
  for (const s of sentences) {
    if (s.length === 0) continue;
    sentenceStarts.push(at + s[0]!.pre.length);
    // Candidates: runs of terms that compromise tagged Person, Place or Organization (what its
    // .people(), .places() and .organizations() select, read from the tags of one pass).
    let run: NlpTerm[] = [];
    let runType: NlpCandidate['type'] | null = null;
    let lastPost = '';
    for (const t of s) {
      const start = at + t.pre.length;
      const tt: NlpTerm = { start, end: start + t.text.length, text: t.text, pos: posOf(t.tags) };
      at = tt.end + t.post.length;
      terms.push(tt);
      const type = tt.pos & Pos.Person ? 'person' : tt.pos & Pos.Organization ? 'organisation' : tt.pos & Pos.Place ? 'place' : null;
      const glued = run.length > 0 && /^[\s-]*$/.test(t.pre) && !/[,.;:!?)"”’]/.test(lastPost);
      if (type && type === runType && glued) run.push(tt);
      else {
        if (runType && run.length) candidates.push({ type: runType, terms: run });
        run = [];
        runType = null;
        if (type) {
          run = [tt];
          runType = type;
        }
      }
      lastPost = t.post;
    }
    if (runType && run.length) candidates.push({ type: runType, terms: run });
  }
}
