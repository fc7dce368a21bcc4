// English speakers case by case (tests/tables/en-speakers.yaml): descriptions, unnamed
// people, pronouns and floating quotes, each with a negative beside it. Unlike the
// quotation table, every case checks its speakers.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareQuotes, loadQuoteTable, run } from '../quotes/table-harness.ts';

const cases = loadQuoteTable(fileURLToPath(new URL('../tables/en-speakers.yaml', import.meta.url)));

// Known failures, parked with their reasons.
const KNOWN: Record<string, string> = {};

describe('English speaker table', () => {
  // Loading the rules and gazetteers once takes seconds on a busy machine: not part of any case.
  beforeAll(() => void run('Warm up.', 'en'), 120_000);
  it('has unique ids, and a negative beside the positives', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.filter((c) => c.about.startsWith('negative')).length).toBeGreaterThanOrEqual(5);
    for (const id of Object.keys(KNOWN)) expect(cases.some((c) => c.id === id)).toBe(true);
  });
  for (const c of cases) {
    (KNOWN[c.id] ? it.fails : it)(`${c.id}: ${c.about}`, () => {
      expect(compareQuotes(c, run(c.text, 'en'))).toEqual([]);
    });
  }
});
