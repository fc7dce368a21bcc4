// The compiled speech-cue lexicon: every form normalised once per run and put
// in a map, so finding the cues of an article costs one lookup per token.
import { WordTable } from '../text/intern.ts';
import type { Token } from '../document.ts';
import type { CueFile } from '../schema/cue-rules.ts';
import { normaliseString } from '../text/normalise.ts';

export interface CompiledCue {
  id: string;
  kind: 'verb' | 'participle';
  prepositions: Set<string>;
  complementisers: Set<string> | null;
  adjacentOnly: boolean;
  subjectAfter: string | null;
}

export interface CueLexicon {
  window: number;
  cues: Map<string, CompiledCue>;
  complementisers: Set<string>;
  complementiserPronouns: Set<string>;
  blockers: Set<string>;
  leadWords: Set<string>;
  according: Set<string>;
  statementNouns: Set<string>;
  sourceNouns: Set<string>;
  subjectStops: Set<string>;
  sideOpeners: Set<string>;
  headlineLabels: Set<string>;
  headlineVenues: Set<string>;
  /** Marks that open a summary line (raw, not normalised). */
  bulletMarks: readonly string[];
  copulas: Set<string>;
  sourceStops: Set<string>;
  timeWords: Set<string>;
  speakerAnaphors: Set<string>;
  sameWords: Set<string>;
  impersonal: Set<string>;
  attributionTags: Set<string>;
  narrationTails: Set<string>;
  relativePronouns: Set<string>;
  personAnaphors: Set<string>;
  narrationTailPrepositions: Set<string>;
  recipientHeads: Set<string>;
  stanceNouns: Set<string>;
  possessives: string[];
  issuerLinks: Set<string>;
  markPrepositions: Set<string>;
  copulaParticles: Set<string>;
  pointBack: Set<string>;
  keptComplementisers: Set<string>;
  /** Proclitics that may stand in front of a cue verb (و، ف). */
  verbProclitics: string[];
  /** lookupCue's answers by token, kept for the run (bounded): news vocabulary repeats. */
  seen: Map<string, CueLookup | null>;
  /** The same answers by word id (see text/intern.ts), for tokens. */
  seenById: WordTable<CueLookup | null>;
}

export interface CueLookup {
  cue: CompiledCue;
  /** How many leading letters are proclitics. */
  prefix: number;
}

/** How many distinct tokens lookupCue remembers before it starts afresh. */
const SEEN_LIMIT = 100_000;

const norm = (s: string) => normaliseString(s).trim();
const set = (xs: string[]) => new Set(xs.map(norm));

export function compileCueLexicon(file: CueFile, verbProclitics: string[]): CueLexicon {
  const cues = new Map<string, CompiledCue>();
  const add = (kind: CompiledCue['kind']) => (e: CueFile['verbs'][number]) => {
    const adjacent = set(e.adjacentOnly);
    for (const form of e.forms) {
      const f = norm(form);
      cues.set(f, {
        id: e.id,
        kind,
        prepositions: set(e.prepositions),
        complementisers: e.complementisers ? set(e.complementisers) : null,
        adjacentOnly: adjacent.has(f),
        subjectAfter: e.subjectAfter ? norm(e.subjectAfter) : null,
      });
    }
  };
  file.verbs.forEach(add('verb'));
  file.participles.forEach(add('participle'));
  // أبلغها، أخبرهم: a verb with an object pronoun is the same cue; plain forms win where the two collide.
  for (const e of file.verbs) {
    for (const form of e.forms) {
      const cue = cues.get(norm(form))!;
      for (const suffix of file.objectSuffixes) {
        const f = norm(form) + norm(suffix);
        if (!cues.has(f)) cues.set(f, { ...cue, adjacentOnly: true });
      }
    }
  }
  return {
    window: file.window,
    cues,
    complementisers: set(file.complementisers),
    complementiserPronouns: set(file.complementiserPronouns),
    blockers: set(file.blockers),
    leadWords: set(file.leadWords),
    according: set(file.according),
    statementNouns: set(file.statementNouns),
    sourceNouns: set(file.sourceNouns),
    subjectStops: set(file.subjectStops),
    sideOpeners: set(file.sideOpeners),
    headlineLabels: set(file.headlineLabels),
    headlineVenues: set(file.headlineVenues),
    bulletMarks: file.bulletMarks,
    copulas: set(file.copulas),
    sourceStops: set(file.sourceStops),
    timeWords: set(file.timeWords),
    speakerAnaphors: set(file.speakerAnaphors),
    sameWords: set(file.sameWords),
    impersonal: set(file.impersonal),
    attributionTags: set(file.attributionTags),
    narrationTails: set(file.narrationTails),
    relativePronouns: set(file.relativePronouns),
    personAnaphors: set(file.personAnaphors),
    narrationTailPrepositions: set(file.narrationTailPrepositions),
    recipientHeads: set(file.recipientHeads),
    stanceNouns: set(file.stanceNouns),
    possessives: file.possessives.map(norm),
    issuerLinks: set(file.issuerLinks),
    markPrepositions: set(file.markPrepositions),
    copulaParticles: set(file.copulaParticles),
    pointBack: set(file.pointBack),
    keptComplementisers: set(file.keptComplementisers),
    verbProclitics: verbProclitics.map(norm),
    seen: new Map(),
    seenById: new WordTable(),
  };
}

/** lookupCue for a token: by its word id first (an array read), else by its string. */
export function lookupCueToken(lex: CueLexicon, tok: Pick<Token, 'norm' | 'wordId'>): CueLookup | null {
  let hit = lex.seenById.get(tok.wordId, tok.norm);
  if (hit === undefined) {
    hit = lookupCue(lex, tok.norm);
    lex.seenById.set(tok.wordId, tok.norm, hit);
  }
  return hit;
}

/** The cue a token stands for, and how many leading letters are proclitics (وقال → قال, 1). */
export function lookupCue(lex: CueLexicon, token: string): CueLookup | null {
  let hit = lex.seen.get(token);
  if (hit === undefined) {
    if (lex.seen.size >= SEEN_LIMIT) lex.seen.clear();
    hit = findCue(lex, token);
    lex.seen.set(token, hit);
  }
  return hit;
}

function findCue(lex: CueLexicon, token: string): CueLookup | null {
  const direct = lex.cues.get(token);
  if (direct) return { cue: direct, prefix: 0 };
  for (const p of lex.verbProclitics) {
    if (token.length > p.length + 1 && token.startsWith(p)) {
      const hit = lex.cues.get(token.slice(p.length));
      if (hit) return { cue: hit, prefix: p.length };
    }
  }
  return null;
}
