// The Arabic quotation table (tests/tables/ar-quotes.yaml): short sentences of
// many outlets, verbs, titles and mark styles, one phenomenon per case, with
// negatives beside positives. Spans, kinds and speakers must match case by
// case; known failures carry `parked:` in the table, with their phenomenon.
import { fileURLToPath } from 'node:url';
import { describeQuoteTable } from './table-harness.ts';

describeQuoteTable('Arabic quotation table', fileURLToPath(new URL('../tables/ar-quotes.yaml', import.meta.url)), 'ar');
