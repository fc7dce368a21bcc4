// The English quotation table (tests/tables/en-quotes.yaml): one phenomenon per
// case, negatives beside positives. Spans, kinds and speakers must match case
// by case; known failures carry `parked:` in the table, with their phenomenon.
import { fileURLToPath } from 'node:url';
import { describeQuoteTable } from '../quotes/table-harness.ts';

describeQuoteTable('English quotation table', fileURLToPath(new URL('../tables/en-quotes.yaml', import.meta.url)), 'en');
