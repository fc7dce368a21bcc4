// The `isnad` command line. Exit codes: 0 when every article succeeded, 1 when
// any failed (all others are still written), 2 for bad usage or invalid
// rules/gazetteers.
import { parseArgs } from 'node:util';
import { resolve, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBatch, BatchError, type Progress } from './batch/batch.ts';
import { checkInputs, countArticles, UsageError } from './batch/discover.ts';
import { DataFileError } from './util/load-yaml.ts';
import { articleJsonSchema } from './schema/output.ts';
import { loadResources, PROJECT_ROOT } from './resources.ts';
import { runEval } from './eval/command.ts';

const USAGE = `isnad — who said what in Arabic and English news

Usage:
  isnad extract [PATH...] [--out DIR] [--lang ar|en|auto] [--jobs N] [--max-size MB] [--suggest FILE]
  isnad eval --gold DIR --pred DIR [--articles DIR] [--verbose] [--json]
  isnad review [DIR] [--port N] [--host H]
  isnad review --to-gold DIR --out GOLD
  isnad kb ingest|quotes|speakers|entity|export ...
  isnad schema
  isnad check

extract   files or folders (recursive; .txt, .html, .htm), default seeds/ into output/
eval      precision, recall and F1 of predictions against gold files
review    serve a web page to review and correct extracted quotes
kb        load output folders into a knowledge base (DuckDB) and query or export it
schema    print the JSON Schema of an output file
check     validate rules/ and gazetteers/ and exit
`;

function fail(message: string, code = 2): number {
  process.stderr.write(`isnad: ${message}\n`);
  return code;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'extract':
        return await extractCommand(rest);
      case 'eval':
        return await runEval(rest);
      case 'review': {
        const { runReviewCommand } = await import('./review/command.ts');
        return await runReviewCommand(rest);
      }
      case 'kb': {
        // Loaded only here: extract never loads DuckDB.
        const { runKbCommand } = await import('./kb/command.ts');
        return await runKbCommand(rest);
      }
      case 'schema':
        process.stdout.write(JSON.stringify(articleJsonSchema(), null, 2) + '\n');
        return 0;
      case 'check':
        return checkCommand();
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        return fail(`unknown command '${command}'\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return fail((err as Error).message);
    if (err instanceof DataFileError) return fail(`invalid rules or gazetteers:\n${err.message}`);
    throw err;
  }
}

function checkCommand(): number {
  const r = loadResources();
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(`rules and gazetteers are valid (${r.gazetteer.entries.size} gazetteer entries)\n`);
  return 0;
}

async function extractCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'output' },
      lang: { type: 'string', default: 'auto' },
      jobs: { type: 'string', default: '1' },
      'max-size': { type: 'string', default: '5' },
      rules: { type: 'string' },
      gazetteers: { type: 'string' },
      suggest: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const lang = values.lang;
  if (lang !== 'ar' && lang !== 'en' && lang !== 'auto') throw new UsageError(`--lang must be ar, en or auto, not '${lang}'`);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not '${values.jobs}'`);
  const maxMb = Number(values['max-size']);
  if (!(maxMb > 0)) throw new UsageError(`--max-size must be a positive number of megabytes, not '${values['max-size']}'`);
  const inputs = (positionals.length ? positionals : [resolve(PROJECT_ROOT, 'seeds')]).map((p) => resolve(p));
  await checkInputs(inputs);
  const outDir = resolve(values.out);
  const resourceOptions = { rulesDir: values.rules, gazetteersDir: values.gazetteers };
  // Validate rules and gazetteers up front: invalid data is a usage error (exit 2), not a failed batch.
  const resources = loadResources(resourceOptions);
  for (const w of resources.warnings) process.stderr.write(`warning: ${w}\n`);

  const tty = process.stderr.isTTY && !values.quiet;
  const total = tty ? await countArticles(inputs) : 0;
  const onProgress = (p: Progress) => {
    if (values.quiet) return;
    if (tty) {
      const width = 30;
      const filled = total ? Math.round((p.done / total) * width) : 0;
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const name = p.last.path.length > 40 ? '…' + p.last.path.slice(-39) : p.last.path;
      process.stderr.write(`\r\x1b[K${bar} ${p.done}/${total}${p.failed ? ` (${p.failed} failed)` : ''} ${name}`);
      if (p.last.status === 'failed') process.stderr.write(`\r\x1b[Kfailed: ${p.last.path}: ${p.last.error!.stage}: ${p.last.error!.message}\n`);
    } else if (p.last.status === 'ok') {
      const c = p.last.counts!;
      process.stderr.write(`ok      ${p.last.path} (${c.quotes} quotes, ${c.entities} entities, ${p.last.milliseconds} ms)\n`);
    } else {
      process.stderr.write(`failed  ${p.last.path}: ${p.last.error!.stage}: ${p.last.error!.message}\n`);
    }
  };

  let summary;
  try {
    summary = await runBatch({
      inputs,
      outDir,
      jobs,
      article: { lang, maxBytes: Math.round(maxMb * 1024 * 1024) },
      resources: resourceOptions,
      preloaded: jobs === 1 ? resources : undefined,
      onProgress,
    });
  } catch (err) {
    if (err instanceof BatchError && err.cause instanceof DataFileError) throw err.cause;
    if (err instanceof BatchError) return fail(`batch failed in ${err.stage}: ${err.message}`, 1);
    throw err;
  }
  if (tty) process.stderr.write('\r\x1b[K');
  if (values.suggest) {
    const { writeSuggestions } = await import('./entities/suggest.ts');
    const n = await writeSuggestions(outDir, resolve(values.suggest));
    process.stderr.write(`${n} discovered entities not in the gazetteers written to ${values.suggest}\n`);
  }
  const shown = relative(process.cwd(), outDir) || '.';
  process.stdout.write(
    `${summary.articles} articles: ${summary.ok} ok, ${summary.failed} failed; ` +
      `${summary.quotes} quotes, ${summary.entities} entities → ${shown}/ (manifest.json) in ${(summary.milliseconds / 1000).toFixed(2)} s\n`,
  );
  return summary.failed > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`isnad: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
