// Runs the pipeline on the short cases of a test table and compares what it
// finds with what the table expects, quote by quote.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYamlWith } from '../../src/util/load-yaml.ts';
import { loadResources, type Resources } from '../../src/resources.ts';
import { processArticle } from '../../src/process-article.ts';
import { speakerRight } from '../../src/eval/evaluate.ts';
import type { ArticleOutput, Lang } from '../../src/schema/output.ts';

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
});
export type QuoteCase = z.infer<typeof QuoteCaseSchema>;

export function loadQuoteTable(file: string): QuoteCase[] {
  return parseYamlWith(readFileSync(file, 'utf8'), file, z.object({ cases: z.array(QuoteCaseSchema) })).cases;
}

let resources: Resources | null = null;
export function run(text: string, lang: Lang): ArticleOutput {
  resources ??= loadResources();
  return processArticle(Buffer.from(text), { abs: 'case.txt', rel: 'case.txt' }, { resources }, { lang });
}

/** Differences between expected and found quotes, as readable lines; empty when they agree. */
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

/**
 * The two suites every quotation table gets: spans and kinds case by case (known
 * failures parked with `it.fails` and their reasons), and speaker accuracy over
 * the whole table against a floor set from the measured figure.
 */
export function describeQuoteTable(label: string, file: string, lang: Lang, known: Record<string, string>, speakerFloor: number): void {
  const cases = loadQuoteTable(file);
  describe(`${label}: spans and kinds`, () => {
    it('has a case id per line and no duplicates', () => {
      expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
      for (const id of Object.keys(known)) expect(cases.some((c) => c.id === id)).toBe(true);
    });
    for (const c of cases) {
      const test = known[c.id] ? it.fails : it;
      test(`${c.id}: ${c.about}`, () => {
        const problems = compareQuotes(c, run(c.text, lang)).filter((p) => !p.startsWith('speaker'));
        expect(problems).toEqual([]);
      });
    }
  });
  describe(`${label}: speakers`, () => {
    it('attributes most quotes that are found to the right speaker', () => {
      let found = 0;
      let wrong = 0;
      const wrongIds: string[] = [];
      for (const c of cases) {
        const problems = compareQuotes(c, run(c.text, lang));
        const speakerProblems = problems.filter((p) => p.startsWith('speaker')).length;
        found += c.quotes.length - problems.filter((p) => p.startsWith('missing')).length;
        wrong += speakerProblems;
        if (speakerProblems) wrongIds.push(c.id);
      }
      expect((found - wrong) / found, `wrong speakers in: ${wrongIds.join(', ')}`).toBeGreaterThanOrEqual(speakerFloor);
    });
  });
}
