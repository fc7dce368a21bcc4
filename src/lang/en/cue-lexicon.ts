// The English cue lexicon compiled once per run: every form in a map, phrases
// as token lists, word lists as sets.
import type { EnCue, EnCueFile } from '../../schema/en-cue-rules.ts';

export interface EnCueHit {
  cue: EnCue;
  participle: boolean;
}

export interface EnCueLexicon {
  forms: Map<string, EnCueHit>;
  complementisers: Set<string>;
  according: string[][];
  questionWords: Set<string>;
  figureNouns: Set<string>;
  sourceNouns: Set<string>;
  groupNouns: Set<string>;
  statementNouns: Set<string>;
  sentenceAdverbs: Set<string>;
  speakerActs: Set<string>;
  clauseCuts: string[][];
  titleCues: string[][];
  nextSentenceLinks: string[][];
  headlineLabels: Set<string>;
  clauseTurns: Set<string>;
  pronouns: { male: Set<string>; female: Set<string>; plural: Set<string>; neuter: Set<string> };
  genderedNouns: { male: Set<string>; female: Set<string> };
  determiners: Set<string>;
  possessives: Set<string>;
  definites: Set<string>;
  copulas: Set<string>;
  subjectAdverbs: Set<string>;
  headStops: Set<string>;
  relativePronouns: Set<string>;
  collectiveSources: Set<string>;
  subjectBoundaries: Set<string>;
  clauseOpeners: Set<string>;
  titleSmallWords: Set<string>;
  nextSentenceOpeners: Set<string>;
  nextSentenceStops: Set<string>;
  cueAdjuncts: Set<string>;
  notClauseStarts: Set<string>;
  negativeDeterminers: Set<string>;
  quotingVerbs: Set<string>;
  subordinators: Set<string>;
  framePrepositions: Set<string>;
  timeWords: Set<string>;
  timeLeads: Set<string>;
  asDegreeWords: Set<string>;
  /** Finite forms of every speech verb (said, vowed, conceded), for the entity finder. */
  finiteForms: Set<string>;
}

const low = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const phrases = (xs: string[]) => xs.map((x) => x.toLowerCase().split(/[\s-]+/).filter(Boolean)).sort((a, b) => b.length - a.length);

export function compileEnglishCues(file: EnCueFile): EnCueLexicon {
  const forms = new Map<string, EnCueHit>();
  for (const cue of file.cues) {
    for (const f of cue.forms) forms.set(f.toLowerCase(), { cue, participle: false });
    for (const f of cue.participles) forms.set(f.toLowerCase(), { cue, participle: true });
  }
  return {
    forms,
    complementisers: low(file.complementisers),
    according: phrases(file.according),
    questionWords: low(file.questionWords),
    figureNouns: low(file.figureNouns),
    sourceNouns: low(file.sourceNouns),
    groupNouns: low(file.groupNouns),
    statementNouns: low(file.statementNouns),
    sentenceAdverbs: low(file.sentenceAdverbs),
    speakerActs: low(file.speakerActs),
    clauseCuts: phrases(file.clauseCuts),
    titleCues: phrases(file.titleCues),
    nextSentenceLinks: phrases(file.nextSentenceLinks),
    headlineLabels: low(file.headlineLabels),
    clauseTurns: low(file.clauseTurns),
    pronouns: { male: low(file.pronouns.male), female: low(file.pronouns.female), plural: low(file.pronouns.plural), neuter: low(file.pronouns.neuter) },
    genderedNouns: { male: low(file.genderedNouns.male), female: low(file.genderedNouns.female) },
    determiners: low(file.determiners),
    possessives: low(file.possessives),
    definites: low(file.definites),
    copulas: low(file.copulas),
    subjectAdverbs: low(file.subjectAdverbs),
    headStops: low(file.headStops),
    relativePronouns: low(file.relativePronouns),
    collectiveSources: low(file.collectiveSources),
    subjectBoundaries: low(file.subjectBoundaries),
    clauseOpeners: low(file.clauseOpeners),
    titleSmallWords: low(file.titleSmallWords),
    nextSentenceOpeners: low(file.nextSentenceOpeners),
    nextSentenceStops: low(file.nextSentenceStops),
    cueAdjuncts: low(file.cueAdjuncts),
    notClauseStarts: low(file.notClauseStarts),
    negativeDeterminers: low(file.negativeDeterminers),
    quotingVerbs: low(file.quotingVerbs),
    subordinators: low(file.subordinators),
    framePrepositions: low(file.framePrepositions),
    timeWords: low(file.timeWords),
    timeLeads: low(file.timeLeads),
    asDegreeWords: low(file.asDegreeWords),
    // The base form (say, note, state: the one whose -s form is also listed) is left out: a capitalised word before it is rarely a speaker.
    finiteForms: new Set(
      file.cues.flatMap((c) => c.forms.map((f) => f.toLowerCase()).filter((f, _i, all) => !all.some((g) => g === `${f}s` || g === `${f}es` || (f.endsWith('y') && g === `${f.slice(0, -1)}ies`)))),
    ),
  };
}

/** True when tokens `norms` from `at` spell `phrase`. */
export function phraseAt(norms: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (norms[at + k] !== phrase[k]) return false;
  return true;
}
