// The `isnad` command line. Exit codes: 0 when every article succeeded, 1 when
// any failed (all others are still written), 2 for bad usage or invalid
// rules/gazetteers.
import { parseArgs } from 'node:util';
import { resolve, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBatch, BatchError, type Progress } from './batch/batch.ts';
import { checkFolderOption, checkInputs, checkOutDir, countArticles, UsageError } from './batch/discover.ts';
import { availableParallelism } from 'node:os';
import { DataFileError } from './util/load-yaml.ts';
import { articleJsonSchema } from './schema/output.ts';
import { checkResources, loadResources, PROJECT_ROOT } from './resources.ts';
import { runEval } from './eval/command.ts';
import { LockHeldError } from './batch/lock.ts';

const USAGE = `isnad — who said what in Arabic and English news

Usage:
  isnad extract [PATH...] [--out DIR] [--lang ar|en|auto] [--jobs N] [--max-size MB] [--time-budget S] [--follow] [--suggest FILE] [--force] [--pretty]
  isnad extract [PATH...] --queue redis://HOST:PORT/N [--queue-name NAME] [--detach] [--out DIR] ...
  isnad worker --queue redis://HOST:PORT/N [--queue-name NAME] [--concurrency N] [--lock-ms MS] [--attempts N]
  isnad queue status|failed|retry|drain --queue redis://HOST:PORT/N [--queue-name NAME]
  isnad eval --gold DIR --pred DIR [--articles DIR] [--lang ar|en] [--verbose] [--json]
  isnad review [DIR] [--port N] [--host H] [--reviewer NAME]
  isnad review --to-gold DIR --out GOLD [--partial] [--force] [--reviewer NAME]
  isnad review --agreement DIR
  isnad review --export DIR --format jsonl|csv [--out FILE]
  isnad kb ingest|quotes|speakers|entity|export ...
  isnad schema
  isnad check [--rules DIR] [--gazetteers DIR]

extract   files or folders (recursive; .txt, .html, .htm), default seeds/ into output/
worker    take article jobs from a Redis queue (distributed extract)
queue     show and manage the queue of a distributed extract
eval      precision, recall and F1 of predictions against gold files
review    serve a web page to review and correct extracted quotes
kb        load output folders into a knowledge base (DuckDB) and query or export it
schema    print the JSON Schema of an output file
check     validate rules/ and gazetteers/ and exit
`;

const EXTRACT_HELP = `Usage: isnad extract [PATH...] [options]

Extracts who said what from article files (.txt, .html, .htm) or folders of them (recursive),
default seeds/, into one JSON file per article plus manifest.json.

Options:
  --out DIR           output folder (default output/)
  --lang ar|en|auto   language of the articles (default auto: detected per article)
  --jobs N            worker threads, 1 to 64 (default 1)
  --max-size MB       larger files fail (default 5)
  --time-budget S     seconds one article may take before it fails (default 30)
  --follow            read the files that symbolic links point to (default: list links as skipped)
  --rules DIR         rules folder (default rules/)
  --gazetteers DIR    gazetteers folder (default gazetteers/)
  --suggest FILE      write entities the gazetteers lack, as YAML to review
  --pretty            indent the JSON files for reading by hand (default: compact, except
                      in the project's own output/ folder, which is committed indented)
  --quiet             no progress lines
  -h, --help          this help
`;

/** A name or message on one line: control characters (a newline in a file name) escaped. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1).replace(/^\\u00/, '\\x'));
}

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
      case 'worker': {
        const { runWorkerCommand } = await import('./queue/commands.ts');
        return await runWorkerCommand(rest);
      }
      case 'queue': {
        const { runQueueCommand } = await import('./queue/commands.ts');
        return await runQueueCommand(rest);
      }
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
        return await checkCommand(rest);
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
    if (err instanceof LockHeldError) return fail(err.message);
    throw err;
  }
}

async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { rules: { type: 'string' }, gazetteers: { type: 'string' } } });
  await checkFolderOption('--rules', values.rules);
  await checkFolderOption('--gazetteers', values.gazetteers);
  const r = loadResources({ rulesDir: values.rules, gazetteersDir: values.gazetteers });
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
      force: { type: 'boolean', default: false },
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      detach: { type: 'boolean', default: false },
      'time-budget': { type: 'string', default: '30' },
      follow: { type: 'boolean', default: false },
      pretty: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(EXTRACT_HELP);
    return 0;
  }
  const lang = values.lang;
  if (lang !== 'ar' && lang !== 'en' && lang !== 'auto') throw new UsageError(`--lang must be ar, en or auto, not '${lang}'`);
  // Note: digits only; Number() would also take 0x2, 1e1 and ' 2'.
  const jobs = /^[0-9]{1,3}$/.test(values.jobs) ? Number(values.jobs) : NaN;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not '${values.jobs}'`);
  const budgetS = /^[0-9]+(\.[0-9]+)?$/.test(values['time-budget']) ? Number(values['time-budget']) : NaN;
  if (!(budgetS > 0)) throw new UsageError(`--time-budget must be a positive number of seconds, not '${values['time-budget']}'`);
  const maxMb = Number(values['max-size']);
  if (!(maxMb > 0)) throw new UsageError(`--max-size must be a positive number of megabytes, not '${values['max-size']}'`);
  const inputs = (positionals.length ? positionals : [resolve(PROJECT_ROOT, 'seeds')]).map((p) => resolve(p));
  await checkInputs(inputs);
  await checkOutDir(values.out);
  await checkFolderOption('--rules', values.rules);
  await checkFolderOption('--gazetteers', values.gazetteers);
  const cores = availableParallelism();
  if (jobs > cores) process.stderr.write(`warning: --jobs ${jobs} is more than the ${cores} cores of this machine; workers are started only as articles need them\n`);
  const outDir = resolve(values.out);
  const resourceOptions = { rulesDir: values.rules, gazetteersDir: values.gazetteers };
  // Validate rules and gazetteers up front: invalid data is a usage error (exit 2), not a failed batch.
  // With --jobs N the workers load them, and a check is enough here (see checkResources).
  const queued = values.queue !== undefined || values.detach;
  const resources = jobs > 1 && !queued ? checkResources(resourceOptions) : loadResources(resourceOptions);
  for (const w of resources.warnings) process.stderr.write(`warning: ${w}\n`);
  // The project's own output/ (the default) is written indented, as it is committed, so that a
  // rule change shows a readable diff; any other folder is compact unless --pretty.
  const pretty = values.pretty || outDir === resolve(PROJECT_ROOT, 'output');
  const article = { lang, maxBytes: Math.round(maxMb * 1024 * 1024), timeBudgetMs: budgetS * 1000, force: values.force, pretty } as const;
  if (queued) {
    const { runQueuedExtract } = await import('./queue/commands.ts');
    return runQueuedExtract({ queue: values.queue!, queueName: values['queue-name'], inputs, outDir, article, resources: loadResources(resourceOptions), detach: values.detach, quiet: values.quiet });
  }

  const tty = process.stderr.isTTY && !values.quiet;
  const total = tty ? await countArticles(inputs, { follow: values.follow }) : 0;
  const onProgress = (p: Progress) => {
    if (values.quiet) return;
    // A file name may hold a newline or a control character: shown escaped, one line per article.
    p = { ...p, last: { ...p.last, path: printable(p.last.path) } };
    if (p.reused && !tty) {
      process.stderr.write(`up to date ${p.last.path}\n`);
    } else if (tty) {
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
      process.stderr.write(`${p.last.status === 'skipped' ? 'skipped' : 'failed '} ${p.last.path}: ${p.last.error!.stage}: ${printable(p.last.error!.message)}\n`);
    }
  };

  // SIGINT/SIGTERM: take no new article, let those in flight finish, write the manifest, exit 130/143.
  // A second signal stops at once (outputs are atomic; the next run removes what is left and resumes).
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppedBy) process.exit(signalExit(sig));
    stoppedBy = sig;
    abort.abort();
    process.stderr.write(`\nisnad: ${sig}: finishing the articles in flight, then writing the manifest (${sig} again stops at once)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let summary;
  try {
    summary = await runBatch({
      inputs,
      outDir,
      jobs,
      article,
      follow: values.follow,
      resources: resourceOptions,
      // The main thread keeps its copy (for the fingerprint and the warnings) and never loads them again.
      preloaded: resources,
      onProgress,
      signal: abort.signal,
    });
  } catch (err) {
    if (err instanceof BatchError && err.cause instanceof DataFileError) throw err.cause;
    if (err instanceof BatchError) return fail(`batch failed in ${err.stage}: ${err.message}`, 1);
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (tty) process.stderr.write('\r\x1b[K');
  if (values.suggest) {
    const { writeSuggestions } = await import('./entities/suggest.ts');
    const n = await writeSuggestions(outDir, resolve(values.suggest));
    process.stderr.write(`${n} discovered entities not in the gazetteers written to ${values.suggest}\n`);
  }
  const shown = relative(process.cwd(), outDir) || '.';
  process.stdout.write(
    `${summary.articles} articles: ${summary.ok} ok${summary.reused ? ` (${summary.reused} up to date)` : ''}, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}; ` +
      `${summary.quotes} quotes, ${summary.entities} entities → ${shown}/ (manifest.json) in ${(summary.milliseconds / 1000).toFixed(2)} s\n`,
  );
  if (stoppedBy) {
    process.stderr.write(`isnad: stopped by ${stoppedBy}; run the same command again to finish the rest\n`);
    return signalExit(stoppedBy);
  }
  return summary.failed > 0 ? 1 : 0;
}

/** Exit codes of a run stopped by a signal, as shells report a process killed by it (128 + signal number). */
function signalExit(sig: NodeJS.Signals): number {
  return sig === 'SIGTERM' ? 143 : 130;
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
