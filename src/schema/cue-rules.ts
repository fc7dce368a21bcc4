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
  })
  .strict()
  .superRefine((file, ctx) => checkUniqueIds(ctx, { verbs: file.verbs, participles: file.participles }));

export type CueEntry = z.infer<typeof CueEntrySchema>;
export type CueFile = z.infer<typeof CueFileSchema>;
