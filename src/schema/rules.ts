// Rule files (rules/<lang>/*.yaml): the language knowledge of isnad as data.
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');
export const RuleIdSchema = z.string().regex(/^[a-z]{2}\.[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'expected a rule id like ar.follow-us');

const regexSource = nonEmpty.superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

export const QuoteMarkSchema = z
  .object({
    char: z.string().length(1, 'a quote mark is one character'),
    role: z.enum(['open', 'close', 'either']).meta({
      description: 'open/close when the shape forces it (« »); either when the surroundings decide (“ ” ").',
    }),
    closedBy: z.array(z.string().length(1)).optional().meta({ description: 'Only these marks may close it.' }),
  })
  .strict();

export const LanguageFileSchema = z
  .object({
    lang: z.enum(['ar', 'en']),
    sentenceLocale: nonEmpty,
    quoteMarks: z.array(QuoteMarkSchema).min(1),
    /** Letters that may be attached in front of a word (normalised), longest combinations first is not required. */
    proclitics: z.array(nonEmpty).default([]),
    /** The definite article, when it is written attached to the word (ال). */
    article: z.string().optional(),
    abbreviations: z.array(nonEmpty).default([]).meta({
      description: 'Words that a full stop right after abbreviates (د. for الدكتور): the stop ends no sentence.',
    }),
  })
  .strict();

export const BoilerplateRuleSchema = z
  .object({
    id: RuleIdSchema,
    about: nonEmpty,
    scope: z.enum(['line', 'block', 'tail', 'head']).meta({
      description:
        'line: the matching line only; block: the matching line and the lines after it up to the next blank line (link lists); tail: the matching line and everything after it (comment sections); ' +
        'head: the matching line, only among the first lines of the article (breadcrumbs, site labels).',
    }),
    pattern: regexSource.meta({ description: 'Regular expression (u flag) tested against the normalised, trimmed line.' }),
    maxChars: z.int().positive().optional().meta({ description: 'Longer lines never match.' }),
    examples: z.array(nonEmpty).min(1, 'every rule needs at least one example line'),
    counterexamples: z.array(nonEmpty).default([]),
  })
  .strict();

/**
 * Rule ids are what outputs cite: two rules with one id could not be told apart. Reports each
 * repeat at its own id, naming where the id was first used.
 */
export function checkUniqueIds(ctx: z.RefinementCtx, lists: Record<string, ReadonlyArray<{ id: string }>>): void {
  const first = new Map<string, string>();
  for (const [key, list] of Object.entries(lists)) {
    list.forEach((entry, i) => {
      const where = `${key}[${i}]`;
      const earlier = first.get(entry.id);
      if (earlier) ctx.addIssue({ code: 'custom', message: `duplicate id '${entry.id}' (first used at ${earlier})`, path: [key, i, 'id'] });
      else first.set(entry.id, where);
    });
  }
}

export const BoilerplateFileSchema = z
  .object({
    headLines: z.int().positive().default(4).meta({ description: 'How many non-empty lines count as the head.' }),
    rules: z.array(BoilerplateRuleSchema),
  })
  .strict()
  .superRefine((file, ctx) => checkUniqueIds(ctx, { rules: file.rules }));

export type LanguageFile = z.infer<typeof LanguageFileSchema>;
export type BoilerplateRule = z.infer<typeof BoilerplateRuleSchema>;
export type BoilerplateFile = z.infer<typeof BoilerplateFileSchema>;
