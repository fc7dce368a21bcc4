// The English quotation table (tests/tables/en-quotes.yaml): one phenomenon per
// case, negatives beside positives. Spans and kinds must match case by case;
// speakers are scored over the whole table against a floor set from the
// measured figure. Known failures are parked with their reasons, never deleted.
import { fileURLToPath } from 'node:url';
import { describeQuoteTable } from '../quotes/table-harness.ts';

// Known failures, parked with their reasons rather than deleted.
const KNOWN: Record<string, string> = {
  'scare-quote-in-indirect': 'a marked adjective + plural noun inside a reported clause is read as the speaker\'s words (mixed); the gold reads "humanitarian zones" as a term (indirect), as it reads ‘real character’ as words',
};

// Note: once the harness checks speakers case by case, park 'title-the-coach' and
// 'apostrophes-inside-straight-single' here: the text never says Calloway is a coach or Prince
// Abdulaziz a minister, and a bare role description binds only to a person whose role is known
// (else "Marsh was charged. The prosecutor said …" would make the defendant the prosecutor), so
// "the coach" and "the minister" stay descriptions.
// Floor set from the measured figure; raise it as attribution improves.
describeQuoteTable('English quotation table', fileURLToPath(new URL('../tables/en-quotes.yaml', import.meta.url)), 'en', KNOWN, 0.95);
