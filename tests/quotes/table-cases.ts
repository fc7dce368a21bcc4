// The quotation tables as data: their schema, the pipeline run on one case,
// and the comparison of what it finds with what the case expects. Free of
// vitest, so that scripts/unpark.ts can run the same comparison outside a test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseYamlWith } from '../../src/util/load-yaml.ts';
import { loadResources, type Resources } from '../../src/resources.ts';
import { processArticle } from '../../src/process-article.ts';
import { speakerRight } from '../../src/eval/evaluate.ts';
import type { ArticleOutput, Lang } from '../../src/schema/output.ts';

/**
 * The phenomena a case can be parked under, so that parked cases group and
 * count by what is missing (the largest group is the next work).
 */
export const PHENOMENA = [
  // speakers
  'title bound to earlier person', // الوزير / the minister after the person was named with that title
  'unknown name after title', // a name no gazetteer holds, after or before its title
  'name boundary', // the speaker's name runs into the words after it, or is cut short
  'implicit subject across sentences', // وأضاف / وقال / he added with no subject, after a sentence or paragraph that named the person with another verb
  'participle cue after non-speech verb', // وأشاد X بـ..., مضيفا أن: the subject of the main verb speaks
  'subject before the verb', // وكان X أعلن أن
  'organisation part', // الوزارة / the ministry / a statement of an organisation
  'outlet as channel', // told Reuters / نقلت صحيفة ... عن: the outlet is not the speaker
  'unnamed source', // مصدر مطلع / a senior official: the source's description is the speaker
  'speaker after quote', // the speaker named after the quotation
  'wrong link', // a name linked to the wrong gazetteer entry
  'headline speaker', // Speaker: statement headlines
  // spans and kinds
  'cue verb', // a speech verb or introducing phrase that is not read as one
  'quote kind', // direct / indirect / mixed read differently from the convention
  'not a quote', // marks or colons read as a quote where there is none
] as const;
export type Phenomenon = (typeof PHENOMENA)[number];

/** `parked: 'phenomenon: reason'`, one line, so that unparking is deleting it. */
export const ParkedSchema = z
  .string()
  .refine((s) => PHENOMENA.some((p) => s.startsWith(`${p}: `) && s.length > p.length + 2), {
    message: `expected 'phenomenon: reason', the phenomenon one of: ${PHENOMENA.join('; ')}`,
  });

export const QuoteCaseSchema = z.object({
  id: z.string(),
  about: z.string(),
  text: z.string(),
  quotes: z.array(
    z.object({
      text: z.string(),
      kind: z.enum(['direct', 'indirect', 'mixed']),
      speaker: z.array(z.string()).nullable(),
      cue: z.string().nullable().optional(),
    }),
  ),
  parked: ParkedSchema.optional().meta({ description: 'A known failure: the case must fail until the phenomenon is handled, then this line goes.' }),
});
export type QuoteCase = z.infer<typeof QuoteCaseSchema>;

export const phenomenonOf = (parked: string): Phenomenon => PHENOMENA.find((p) => parked.startsWith(`${p}: `))!;

export function loadQuoteTable(file: string): QuoteCase[] {
  return parseYamlWith(readFileSync(file, 'utf8'), file, z.object({ cases: z.array(QuoteCaseSchema) })).cases;
}

let resources: Resources | null = null;
export function run(text: string, lang: Lang): ArticleOutput {
  resources ??= loadResources();
  return processArticle(Buffer.from(text), { abs: 'case.txt', rel: 'case.txt' }, { resources }, { lang });
}

/** Differences between expected and found quotes (spans, kinds and speakers), as readable lines; empty when they agree. */
export function compareQuotes(c: QuoteCase, out: ArticleOutput): string[] {
  const problems: string[] = [];
  const unmatched = new Set(out.quotes.map((q) => q.id));
  for (const want of c.quotes) {
    const got = out.quotes.find((q) => q.text === want.text);
    if (!got) {
      problems.push(`missing ${want.kind}: ${want.text}`);
      continue;
    }
    unmatched.delete(got.id);
    if (got.kind !== want.kind) problems.push(`kind ${got.kind}, want ${want.kind}: ${want.text}`);
    if (!speakerRight(out, got, want.speaker)) problems.push(`speaker ${got.speaker?.name ?? 'none'} (${got.rule}), want ${want.speaker?.[0] ?? 'none'}: ${want.text}`);
  }
  for (const id of unmatched) {
    const q = out.quotes.find((x) => x.id === id)!;
    problems.push(`unexpected ${q.kind}: ${q.text} (${q.rule})`);
  }
  return problems;
}

/** The quotation tables and their languages. */
export const QUOTE_TABLES: ReadonlyArray<{ label: string; file: string; lang: Lang }> = [
  { label: 'Arabic quotation table', file: fileURLToPath(new URL('../tables/ar-quotes.yaml', import.meta.url)), lang: 'ar' },
  { label: 'English quotation table', file: fileURLToPath(new URL('../tables/en-quotes.yaml', import.meta.url)), lang: 'en' },
];
