// The English quotation table (tests/tables/en-quotes.yaml): one phenomenon per
// case, negatives beside positives. Spans and kinds must match case by case;
// speakers are scored over the whole table against a floor set from the
// measured figure. Known failures are parked with their reasons, never deleted.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { compareQuotes, loadQuoteTable, run } from '../quotes/table-harness.ts';

const cases = loadQuoteTable(fileURLToPath(new URL('../tables/en-quotes.yaml', import.meta.url)));

// Known failures, parked with their reasons rather than deleted.
const KNOWN: Record<string, string> = {
  'scare-quote-in-indirect': 'a marked adjective + plural noun inside a reported clause is read as the speaker\'s words (mixed); the gold reads "humanitarian zones" as a term (indirect), as it reads ‘real character’ as words',
};

describe('English quotation table: spans and kinds', () => {
  it('has a case id per line and no duplicates', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const id of Object.keys(KNOWN)) expect(cases.some((c) => c.id === id)).toBe(true);
  });
  for (const c of cases) {
    const test = KNOWN[c.id] ? it.fails : it;
    test(`${c.id}: ${c.about}`, () => {
      const problems = compareQuotes(c, run(c.text, 'en')).filter((p) => !p.startsWith('speaker'));
      expect(problems).toEqual([]);
    });
  }
});

describe('English quotation table: speakers', () => {
  it('attributes most quotes that are found to the right speaker', () => {
    let found = 0;
    let wrong = 0;
    const wrongIds: string[] = [];
    for (const c of cases) {
      const problems = compareQuotes(c, run(c.text, 'en'));
      const speakerProblems = problems.filter((p) => p.startsWith('speaker')).length;
      found += c.quotes.length - problems.filter((p) => p.startsWith('missing')).length;
      wrong += speakerProblems;
      if (speakerProblems) wrongIds.push(c.id);
    }
    const accuracy = (found - wrong) / found;
    // Floor set from the measured figure; raise it as attribution improves.
    expect(accuracy, `wrong speakers in: ${wrongIds.join(', ')}`).toBeGreaterThanOrEqual(SPEAKER_FLOOR);
  });
});

const SPEAKER_FLOOR = 0.95;
