// Page furniture of English news pages that the shared boilerplate rules do not
// mark (rules/en/furniture.yaml): bylines, time stamps, site labels, reporting
// credits and photo credits at the end of a caption. The English profile marks
// them as boilerplate before it segments the text, so no stage reads them.
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

export const FurnitureRuleSchema = z
  .object({
    id: RuleIdSchema,
    about: nonEmpty,
    scope: z.enum(['line', 'block', 'line-tail']).meta({
      description:
        'line: the matching line; block: the matching line and the lines after it up to a blank line; ' +
        'line-tail: only the matched stretch, which must end the line (a photo credit after a caption).',
    }),
    pattern: regexSource.meta({ description: 'Regular expression (u flag) tested against the trimmed source line, case as written.' }),
    head: z.int().positive().optional().meta({ description: 'Only among the first N non-empty lines.' }),
    maxChars: z.int().positive().optional(),
    examples: z.array(nonEmpty).min(1, 'every rule needs at least one example line'),
    counterexamples: z.array(nonEmpty).default([]),
  })
  .strict();

export const FurnitureFileSchema = z.object({ rules: z.array(FurnitureRuleSchema) }).strict();

export type FurnitureRule = z.infer<typeof FurnitureRuleSchema>;
export type FurnitureFile = z.infer<typeof FurnitureFileSchema>;
