// `npx tsx scripts/unpark.ts`: runs every parked case of the quotation tables
// (tests/tables/*-quotes.yaml, `parked: 'phenomenon: reason'`) and lists those
// that now pass, so their `parked:` line can be deleted (the suite fails on a
// parked case that passes). Also counts the parked cases by phenomenon, the
// largest group first: the next work. `--json` prints the same as JSON.
import { relative } from 'node:path';
import { compareQuotes, loadQuoteTable, phenomenonOf, QUOTE_TABLES, run } from '../tests/quotes/table-cases.ts';

const json = process.argv.includes('--json');
const nowPassing: Array<{ file: string; id: string; parked: string }> = [];
const counts = new Map<string, number>();
for (const table of QUOTE_TABLES) {
  for (const c of loadQuoteTable(table.file)) {
    if (!c.parked) continue;
    const phenomenon = phenomenonOf(c.parked);
    counts.set(phenomenon, (counts.get(phenomenon) ?? 0) + 1);
    if (compareQuotes(c, run(c.text, table.lang)).length === 0) nowPassing.push({ file: relative(process.cwd(), table.file), id: c.id, parked: c.parked });
  }
}
const byPhenomenon = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
if (json) {
  process.stdout.write(JSON.stringify({ nowPassing, parked: Object.fromEntries(byPhenomenon) }, null, 2) + '\n');
} else {
  process.stdout.write(`parked cases by phenomenon (${byPhenomenon.reduce((n, [, k]) => n + k, 0)} in all):\n`);
  for (const [p, n] of byPhenomenon) process.stdout.write(`  ${String(n).padStart(3)}  ${p}\n`);
  if (nowPassing.length) {
    process.stdout.write(`\n${nowPassing.length} parked cases now pass; delete their parked: line:\n`);
    for (const c of nowPassing) process.stdout.write(`  ${c.file}  ${c.id}  (${c.parked.slice(0, 80)})\n`);
  } else {
    process.stdout.write('\nno parked case passes yet\n');
  }
}
