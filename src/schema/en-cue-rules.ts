// The English speech-cue lexicon (rules/en/cues.yaml): speech verbs with their
// forms and what they may introduce, and the word lists the quotation finder
// and the attribution sieve read. A separate schema from the Arabic one
// (src/schema/cue-rules.ts): English needs addressees (told reporters),
// fragments (called it "..."), and no proclitics.
import { z } from 'zod';
import { checkUniqueIds, RuleIdSchema } from './rules.ts';

const word = z.string().trim().min(1, 'expected a non-empty string');
const words = z.array(word).default([]);

export const EnCueSchema = z
  .object({
    id: RuleIdSchema,
    forms: z.array(word).min(1).meta({ description: 'Finite forms: says, said.' }),
    participles: words.meta({ description: 'The -ing forms, whose subject is the main clause’s (…, saying that …).' }),
    addressee: z
      .enum(['none', 'optional', 'required'])
      .default('none')
      .meta({ description: 'Whether a hearer may stand between the verb and what is said (told reporters that …).' }),
    clause: z
      .enum(['none', 'that', 'any'])
      .default('any')
      .meta({ description: 'Reported clauses it introduces: none (marks only), only after "that", or also bare (said the talks …).' }),
    fragment: z
      .enum(['none', 'object', 'as', 'of'])
      .default('none')
      .meta({ description: 'A quoted fragment completing it: called it "…" (object), described it as "…" (as), accused him of "…" (of).' }),
    particle: word.optional().meta({ description: 'A particle that belongs to the verb (sums up, pointed out).' }),
  })
  .strict();

export const EnCueFileSchema = z
  .object({
    cues: z.array(EnCueSchema).min(1),
    complementisers: z.array(word).min(1),
    according: z.array(word).min(1).meta({ description: 'Phrases naming a source: "according to".' }),
    questionWords: words.meta({ description: 'After a cue they make a reported question, not a quote (asked whether).' }),
    figureNouns: words.meta({ description: '"according to" + a phrase ending in these is a figure, not a speaker (according to WHO figures).' }),
    sourceNouns: words.meta({ description: 'Heads of unnamed sources (a senior official, diplomats, analysts).' }),
    groupNouns: words.meta({ description: 'Nouns that refer back to the last organisation (the group, the ministry).' }),
    statementNouns: words.meta({ description: 'A statement that speaks for its issuer (the statement said).' }),
    sentenceAdverbs: words.meta({ description: 'Words that open a sentence but belong to no reported clause (Meanwhile, However).' }),
    speakerActs: words.meta({ description: 'Verbs that, after "and"/"but" with no subject, are the speaker’s next act and end the reported clause (and accused it of …).' }),
    clauseCuts: words.meta({ description: 'Phrases after a comma that end a reported clause (", in an effort to").' }),
    titleCues: words.meta({ description: 'Words before marks that make them a title, a name or a slogan, not a quote.' }),
    headlineLabels: words.meta({ description: 'Labels before a colon that name no speaker (Photo:, Analysis:).' }),
    clauseTurns: words.meta({ description: 'After a comma, they end a reported clause when a speech verb follows within a few words (, but aid agencies say ...).' }),
    nextSentenceLinks: words.meta({ description: 'Words after which the next sentence names the speaker of a quote before it (came from, how).' }),
    determiners: words.meta({ description: 'Articles and demonstratives that open a noun phrase (the, a, this).' }),
    possessives: words.meta({ description: 'Possessive determiners (his, their).' }),
    definites: words.meta({ description: 'Determiners that refer back to something named (the, this, that): "the minister".' }),
    copulas: words.meta({ description: 'Forms of "be": a cue after them is an adjective or a passive, not speech.' }),
    subjectAdverbs: words.meta({ description: 'Words between a subject and its speech verb (also, reportedly, has): skipped when reading the subject.' }),
    headStops: words.meta({ description: 'Words after the head noun of a speaker phrase (an official briefed on …, a source close to …).' }),
    relativePronouns: words.meta({ description: 'Relative pronouns that end a speaker phrase (X, who …).' }),
    collectiveSources: words.meta({ description: 'Plural unnamed sources that never refer back to one earlier source (leaders, analysts).' }),
    subjectBoundaries: words.meta({ description: 'Conjunctions that end the subject phrase read back from a cue (… and Lavrov said).' }),
    clauseOpeners: words.meta({ description: 'Words that open a subordinate clause before its subject (where he allegedly claimed).' }),
    nextSentenceOpeners: words.meta({ description: 'Words opening a sentence that may name the speaker of the quote before it (That is how X sums up …).' }),
    nextSentenceStops: words.meta({ description: 'Words that end the speaker phrase in such a sentence (who, which, speaking, said).' }),
    cueAdjuncts: words.meta({ description: 'Words opening an adjunct between a cue and "that" (said on Wednesday that …).' }),
    timeWords: words.meta({ description: 'Days and times that end a time adjunct after a speaker phrase (The government on Saturday said …).' }),
    timeLeads: words.meta({ description: 'Words that open such an adjunct (on, last, this).' }),
    framePrepositions: words
      .default([])
      .meta({ description: 'Prepositions that open a phrase set off by a comma in front of a reported clause without "that" (said over the past months, there appeared …).' }),
    subordinators: words.meta({ description: 'Conjunctions that open an adverbial clause in front of a reported clause without "that" (says since the storm began, crews have …).' }),
    notClauseStarts: words.meta({ description: 'Words right after a cue that start no reported clause (said to …, said goodbye, said nothing).' }),
    quotingVerbs: words.meta({ description: 'Verbs whose object is the one quoted (Italian media quoted him as having said …, cited the minister as having said …).' }),
    negativeDeterminers: words.meta({ description: 'Words of notClauseStarts that do open a clause when a noun and a finite verb follow (said no one filed …, said no complaint was made; not said no to the plan).' }),
    asDegreeWords: words.meta({ description: 'After "as", they make a degree phrase, not a cut in the clause (as well as, as long as).' }),
    titleSmallWords: words.meta({ description: 'Lowercase words allowed inside a title in marks (The Art of War).' }),
    pronouns: z
      .object({ male: words, female: words, plural: words, neuter: words })
      .strict()
      .meta({ description: 'Subject pronouns by what they may refer to.' }),
    genderedNouns: z
      .object({ male: words, female: words })
      .strict()
      .default({ male: [], female: [] })
      .meta({ description: 'Nouns that give an unnamed speaker a gender (Another woman said … She said), for the pronouns that refer back to them.' }),
  })
  .strict()
  .superRefine((file, ctx) => checkUniqueIds(ctx, { cues: file.cues }));

export type EnCue = z.infer<typeof EnCueSchema>;
export type EnCueFile = z.infer<typeof EnCueFileSchema>;
