// The speech-cue lexicon of a language (rules/<lang>/cues.yaml).
import { z } from 'zod';
import { checkUniqueIds, RuleIdSchema } from './rules.ts';

const word = z.string().trim().min(1, 'expected a non-empty string');

export const CueEntrySchema = z
  .object({
    id: RuleIdSchema,
    forms: z.array(word).min(1),
    prepositions: z.array(word).default([]).meta({ description: 'A preposition that may follow the verb (أشار إلى).' }),
    complementisers: z
      .array(word)
      .optional()
      .meta({ description: 'Complementisers this cue takes instead of the shared ones (حث ... على).' }),
    adjacentOnly: z
      .array(word)
      .default([])
      .meta({ description: 'Ambiguous forms that count only when the introducer follows at once (بين أن).' }),
    subjectAfter: word.optional().meta({ description: 'The speaker follows this word rather than the verb (نقل ... عن X).' }),
  })
  .strict();

export const CueFileSchema = z
  .object({
    window: z.int().min(1).max(40),
    verbs: z.array(CueEntrySchema),
    participles: z.array(CueEntrySchema),
    objectSuffixes: z.array(word).default([]),
    complementisers: z.array(word).min(1),
    complementiserPronouns: z.array(word).default([]),
    blockers: z.array(word).default([]),
    leadWords: z.array(word).default([]),
    according: z.array(word).default([]),
    statementNouns: z.array(word).default([]),
    sourceNouns: z.array(word).default([]),
    subjectStops: z.array(word).default([]),
    sideOpeners: z.array(word).default([]),
    headlineLabels: z.array(word).default([]),
    bulletMarks: z
      .array(z.string().min(1))
      .default([])
      .meta({ description: 'Marks that open a summary line (• Name: statement.); such a line reads as a headline even with a final full stop.' }),
    headlineVenues: z
      .array(word)
      .default([])
      .meta({ description: 'Prepositions that open the venue after a headline speaker (محافظ الغربية من البرلمان: ...); the speaker ends before them.' }),
    copulas: z
      .array(word)
      .default([])
      .meta({ description: 'Clause-initial verbs whose following name is the subject of a later cue (وكان لافروف قد أعلن أن).' }),
    sourceStops: z.array(word).default([]).meta({ description: 'Words that end the description of an unnamed source (قوله، اليوم).' }),
    attributionTags: z
      .array(word)
      .default([])
      .meta({ description: 'Words that turn the cue after them into a tag on the clause before (… حسبما قال الرئيس): the clause ends before the word.' }),
    personAnaphors: z
      .array(word)
      .default([])
      .meta({ description: 'Honorific pronouns (سموه، معاليه) that stand for the person quoted or named last.' }),
    relativePronouns: z
      .array(word)
      .default([])
      .meta({ description: 'Relative pronouns: a cue right after one has the noun phrase before it as its subject (الإدارة والتي أكدت أن).' }),
    narrationTails: z
      .array(word)
      .default([])
      .meta({ description: 'Words that, followed by one of narrationTailPrepositions, turn a reported clause back to narration (… ، وذلك خلال الندوة التي عقدها): the clause ends before them.' }),
    narrationTailPrepositions: z.array(word).default([]).meta({ description: 'Prepositions of setting or time after a narrationTails word.' }),
    impersonal: z
      .array(word)
      .default([])
      .meta({ description: 'Verb forms that, with the complementiser right after them, are the writer\'s impersonal aside (يذكر أن "it is worth noting that"), not speech.' }),
    speakerAnaphors: z
      .array(word)
      .default([])
      .meta({
        description:
          'Subjects that point back to the speaker quoted last (وأشار المتحدث إلى أن، وأضاف المسؤول ذاته): a word alone, or followed by one of sameWords.',
      }),
    sameWords: z.array(word).default([]).meta({ description: 'Words of sameness after a description (ذاته، نفسه): المصدر ذاته is the source quoted before.' }),
    timeWords: z
      .array(word)
      .default([])
      .meta({ description: 'Time adverbs that may stand between a cue and its subject (أعلنت الاثنين مصادر أمنية أن): passed over when looking for the subject, never the subject.' }),
    recipientHeads: z
      .array(word)
      .default([])
      .meta({ description: 'Outlet words that, after the preposition ل, name who was told rather than who spoke (لوكالة، لصحيفة).' }),
    stanceNouns: z
      .array(word)
      .default([])
      .meta({ description: 'Nouns a cue takes as its object with a possessive pronoun (أعرب عن أمله، أبدى قلقه): not a subject.' }),
    issuerLinks: z.array(word).default([]).meta({ description: 'Words between a statement and its issuer (بيان صادر عن ...).' }),
    markPrepositions: z
      .array(word)
      .default([])
      .meta({ description: 'Prepositions after which marks hold an object, not speech (أكد الالتزام بـ”...”).' }),
    copulaParticles: z.array(word).default([]).meta({ description: 'Particles between a copula\'s subject and its verb (وكانت الوزارة قد أعلنت).' }),
    pointBack: z.array(word).default([]).meta({ description: 'Words between a quotation and the cue after it that point back at it (بهذه الكلمات علّق).' }),
    keptComplementisers: z
      .array(word)
      .default([])
      .meta({ description: 'Complementisers that belong to the quotation (ألا: that ... not), so the quote starts with them.' }),
    possessives: z.array(word).default([]).meta({ description: 'Possessive pronoun suffixes of stance nouns (ه، ها، هم).' }),
  })
  .strict()
  .superRefine((file, ctx) => checkUniqueIds(ctx, { verbs: file.verbs, participles: file.participles }));

export type CueEntry = z.infer<typeof CueEntrySchema>;
export type CueFile = z.infer<typeof CueFileSchema>;
