// The English quotation table (tests/tables/en-quotes.yaml): one phenomenon per
// case, negatives beside positives. Spans, kinds and speakers must match case
// by case; known failures carry `parked:` in the table, with their phenomenon.
// Note on independence: 40 of the first 100 cases share a run of six words with
// the English corpus the rules were tuned on (tests/corpus/en), so passing them
// says little about unseen text. The cases with ids `dev-...` are written, in new
// words, for the phenomena of the real dev set; the figure that counts is
// `npm run eval:real` on ../shared/devset.
import { fileURLToPath } from 'node:url';
import { describeQuoteTable } from '../quotes/table-harness.ts';

describeQuoteTable('English quotation table', fileURLToPath(new URL('../tables/en-quotes.yaml', import.meta.url)), 'en');
