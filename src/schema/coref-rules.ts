// The word lists of the coreference core (rules/<lang>/coref.yaml), one shape
// for every language: which words name a role, a field of government, a
// nationality, a kind of organisation, and which mark gender. Words are written
// as the language's matcher normalises them (English: lower case; Arabic:
// without the article ال); a word may be a phrase of several words
// (prime minister, secretary of state, وزير الخارجية).
import { z } from 'zod';

const word = z.string().trim().min(1, 'expected a non-empty string');
const words = z.array(word).default([]);
const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id (letters, digits, hyphens)')
  .meta({ description: 'A language-neutral id: the same id in every language (minister, russia, ministry).' });

export const CorefRoleSchema = z
  .object({
    id,
    words: z.array(word).min(1).meta({ description: 'Words and phrases that name the role (minister, وزير).' }),
    male: words.meta({ description: 'Of those, the forms that say the holder is a man (spokesman).' }),
    female: words.meta({ description: 'Of those, the forms that say the holder is a woman (spokeswoman, الوزيرة).' }),
    covers: words.meta({
      description:
        'Role ids this broader word also refers to: a "diplomat" may be an ambassador or a foreign minister ' +
        '(write role/field, e.g. minister/foreign); "*" for any role (official).',
    }),
    domain: word.optional().meta({ description: 'A field the role implies by itself (a prosecutor works in justice).' }),
  })
  .strict();

export const CorefGroupSchema = z
  .object({
    id,
    words: z.array(word).min(1).meta({ description: 'Words and phrases that express it.' }),
  })
  .strict();

export const CorefRulesSchema = z
  .object({
    roles: z.array(CorefRoleSchema).min(1).meta({ description: 'Roles a person holds (minister, spokesperson, coach, prosecutor).' }),
    domains: z
      .array(CorefGroupSchema)
      .default([])
      .meta({ description: 'Fields of government or business that tie a role to a body (foreign: foreign minister ↔ foreign ministry).' }),
    nationalities: z
      .array(CorefGroupSchema)
      .default([])
      .meta({ description: 'Nationality words and the country names themselves (russia: Russian, Russia, Kremlin).' }),
    organisationKinds: z
      .array(CorefGroupSchema)
      .default([])
      .meta({ description: 'Kinds of organisation that a bare noun refers back to (ministry, bank, newspaper).' }),
    gender: z
      .object({ male: words, female: words })
      .strict()
      .default({ male: [], female: [] })
      .meta({ description: 'Words outside roles that mark gender (Mr, Mrs, King, Queen).' }),
  })
  .strict();

export type CorefRules = z.infer<typeof CorefRulesSchema>;
