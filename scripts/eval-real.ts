// `npm run eval:real [-- --json] [-- --verbose] [-- --dir DIR]`: the figure that
// counts. Extracts the real development set (../shared/devset beside the
// repository) into a temporary folder and scores it per language, as
// `isnad eval` does. Exits 0 with a message when the set is absent.
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { DEVSET_DIR, DEVSET_PARTS, evaluateDevset } from '../src/eval/devset.ts';
import { formatFigures, formatReport } from '../src/eval/command.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: DEVSET_DIR },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const result = await evaluateDevset({ dir: values.dir });
if (!result) {
  process.stdout.write(`eval:real: no development set at ${values.dir} (articles/ and gold/); nothing to measure\n`);
  process.exit(0);
}
if (values.json) {
  const out = { devset: result.dir, failed: result.failed, figures: result.figures, ...(values.verbose ? { articles: result.reports } : {}) };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
} else {
  if (values.verbose) for (const r of result.reports) process.stdout.write(formatReport(r) + '\n');
  const label = { ar: 'Arabic', en: 'English', all: 'all' } as const;
  process.stdout.write(`development set ${relative(process.cwd(), result.dir) || '.'}${result.failed ? ` (${result.failed} articles failed to extract)` : ''}\n`);
  for (const part of DEVSET_PARTS) process.stdout.write(`\n== ${label[part]}: ${formatFigures(result.figures[part])}\n`);
}
