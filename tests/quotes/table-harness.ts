// Runs the pipeline on the short cases of a quotation table and checks each
// case in full: every quote's span, kind and speaker. A case that fails today
// carries `parked: 'phenomenon: reason'` in the table and runs with `it.fails`,
// so that a fix shows as a parked case that starts passing (then delete its
// parked line; `npx tsx scripts/unpark.ts` lists them).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/schema/output.ts';
import { compareQuotes, loadQuoteTable, run } from './table-cases.ts';

export { compareQuotes, loadQuoteTable, run, type QuoteCase } from './table-cases.ts';

export function describeQuoteTable(label: string, file: string, lang: Lang): void {
  const cases = loadQuoteTable(file);
  describe(label, () => {
    // Load rules and gazetteers before the first case, so that no case's time includes them.
    beforeAll(() => void run('.', lang));
    it('has unique case ids', () => {
      expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    });
    for (const c of cases) {
      const test = c.parked ? it.fails : it;
      test(`${c.id}: ${c.about}${c.parked ? ` [parked: ${c.parked}]` : ''}`, () => {
        expect(compareQuotes(c, run(c.text, lang))).toEqual([]);
      });
    }
  });
}
