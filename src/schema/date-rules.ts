// Date and dateline rules (rules/<lang>/dates.yaml): the month and weekday
// names a language writes dates with, the labels that may stand beside an
// article's date (نشر في، Published), and the dateline patterns that open a
// wire story (موسكو-سانا، CAIRO (Reuters) -).
import { z } from 'zod';
import { RuleIdSchema } from './rules.ts';

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

const regexSource = nonEmpty.superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

export const MonthSchema = z
  .object({
    month: z.int().min(1).max(12),
    names: z.array(nonEmpty).min(1).meta({ description: 'Every spelling of the month, full and abbreviated, in every regional naming.' }),
  })
  .strict();

export const DatelineRuleSchema = z
  .object({
    id: RuleIdSchema,
    about: nonEmpty,
    pattern: regexSource.meta({
      description:
        'Regular expression (u flag) tested at the start of one of the first lines. Named groups: place, outlet, ' +
        'date (parsed as a date, the year may be missing); the whole match is the dateline.',
    }),
    requires: z
      .enum(['place', 'outlet', 'place-or-outlet', 'nothing'])
      .default('nothing')
      .meta({
        description:
          'What must be known for the match to count: place (the place group is a place the entities stage found), ' +
          'outlet (the outlet group is a listed outlet), either of them, or nothing (the pattern is specific enough).',
      }),
    examples: z.array(nonEmpty).min(1, 'every rule needs at least one example line'),
    counterexamples: z.array(nonEmpty).default([]),
  })
  .strict();

export const DateFileSchema = z
  .object({
    lang: z.enum(['ar', 'en']),
    months: z.array(MonthSchema).length(12, 'expected the twelve months'),
    weekdays: z.array(nonEmpty).default([]).meta({ description: 'Weekday names that may open a date (الأحد، Sunday).' }),
    numericOrder: z
      .enum(['dmy', 'mdy', 'none'])
      .meta({ description: 'How to read 08/02/2017: day first, month first, or not at all (ambiguous).' }),
    labels: z.array(nonEmpty).default([]).meta({ description: 'Words that may stand on a date line besides the date (نشر في، Updated).' }),
    outlets: z.array(nonEmpty).default([]).meta({ description: 'News agencies and outlets that datelines name.' }),
    headLines: z.int().positive().default(6).meta({ description: 'How many non-empty lines from the top are searched.' }),
    tailLines: z.int().nonnegative().default(3).meta({ description: 'How many non-empty lines from the end are searched for a date line.' }),
    datelines: z.array(DatelineRuleSchema),
  })
  .strict();

export type DateFile = z.infer<typeof DateFileSchema>;
export type DatelineRule = z.infer<typeof DatelineRuleSchema>;
