// isnad review: the reviewers' web page over an output folder, and --to-gold.
//
//   isnad review [DIR] [--port N] [--host H] [--reviewer NAME]
//   isnad review --to-gold DIR --out GOLD [--partial] [--force] [--reviewer NAME]
//   isnad review --agreement DIR
//
// `argv` is what follows `review` on the command line. Until src/cli.ts dispatches
// here, run it directly: npx tsx src/review/command.ts [args].
import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startReviewServer } from './server.ts';
import { reviewsToGold } from './to-gold.ts';
import { agreementReport, formatAgreement } from './agreement.ts';
import { EXPORT_FORMATS, exportReviews, type ExportFormat } from './export.ts';

export { startReviewServer } from './server.ts';
export type { ReviewServer, ReviewServerOptions } from './server.ts';

const USAGE = `usage:
  isnad review [DIR] [--port N] [--host H] [--reviewer NAME]
      serve the review page over DIR (default output/) at http://127.0.0.1:N/
      (N defaults to 4173; 0 picks a free port). Decisions are saved to DIR/reviews/.
      Each reviewer (--reviewer, default your user name) keeps their own decisions.
  isnad review --to-gold DIR --out GOLD [--partial] [--force] [--reviewer NAME]
      write gold files for the reviewed articles of DIR into GOLD
      --partial   also articles that still have pending quotes
      --force     overwrite gold files that --to-gold did not write
      --reviewer  only this reviewer's decisions (default: each quote's newest decision)
  isnad review --agreement DIR
      per-reviewer counts and Cohen's kappa between reviewers on the quotes both decided
  isnad review --export DIR --format jsonl|csv [--out FILE]
      one row per quote and reviewer (pending quotes too): offsets, text, speaker entity id,
      status, reviewer, note, time; to standard output unless --out FILE`;

const DEFAULT_PORT = 4173;

function fail(message: string): number {
  console.error(`isnad review: ${message}`);
  return 2;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function defaultReviewer(): string | undefined {
  try {
    return process.env.ISNAD_REVIEWER || userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

export async function runReviewCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        reviewer: { type: 'string' },
        'to-gold': { type: 'string' },
        agreement: { type: 'string' },
        export: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        partial: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const modes = (['to-gold', 'agreement', 'export'] as const).filter((m) => values[m] !== undefined);
  if (modes.length > 1) return fail(`--${modes[0]} and --${modes[1]} are separate commands\n${USAGE}`);
  if (values.format !== undefined && values.export === undefined) return fail(`--format goes with --export\n${USAGE}`);

  if (values.export !== undefined) {
    if (positionals.length) return fail(`unexpected argument ${positionals[0]} with --export\n${USAGE}`);
    if (values.partial || values.force) return fail(`--partial and --force go with --to-gold\n${USAGE}`);
    const format = values.format;
    if (!format) return fail(`--export needs --format ${EXPORT_FORMATS.join('|')}\n${USAGE}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return fail(`--format must be ${EXPORT_FORMATS.join(' or ')}, got ${format}`);
    const dir = values.export;
    if (!(await isFolder(dir))) return fail(`no such folder: ${dir}`);
    if (values.out && (await isFolder(values.out))) return fail(`--out ${values.out} is a folder: name a file`);
    const { rows, skipped } = await exportReviews({ dir: resolve(dir), format: format as ExportFormat, out: values.out });
    for (const s of skipped) console.error(`isnad review --export: skipped ${s.id}: ${s.reason}`);
    if (values.out) console.log(`isnad review --export: ${rows} row${rows === 1 ? '' : 's'} → ${values.out}`);
    return 0;
  }

  if (values.agreement !== undefined) {
    if (positionals.length) return fail(`unexpected argument ${positionals[0]} with --agreement\n${USAGE}`);
    if (values.out || values.partial || values.force) return fail(`--out, --partial and --force go with --to-gold\n${USAGE}`);
    const dir = values.agreement;
    if (!(await isFolder(dir))) return fail(`no such folder: ${dir}`);
    console.log(formatAgreement(await agreementReport(resolve(dir))));
    return 0;
  }

  if (values['to-gold'] !== undefined) {
    if (positionals.length) return fail(`unexpected argument ${positionals[0]} with --to-gold\n${USAGE}`);
    if (!values.out) return fail(`--to-gold needs --out GOLD\n${USAGE}`);
    const dir = values['to-gold'];
    if (!(await isFolder(dir))) return fail(`no such folder: ${dir}`);
    const report = await reviewsToGold({ dir, out: values.out, partial: values.partial, force: values.force, reviewer: values.reviewer });
    for (const w of report.written) console.log(`wrote ${w.file} (${w.quotes} quote${w.quotes === 1 ? '' : 's'})`);
    for (const u of report.unchanged) console.log(`unchanged ${u.file}`);
    for (const s of report.skipped) console.log(`skipped ${s.id}: ${s.reason}`);
    for (const o of report.orphaned) {
      console.log(`warning: ${o.id} has ${o.count} orphaned decision${o.count === 1 ? '' : 's'} (quote no longer in the output); not in the gold file`);
    }
    console.log(
      `isnad review --to-gold: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.skipped.length} skipped`,
    );
    return 0;
  }
  if (values.out || values.partial || values.force) return fail(`--out, --partial and --force go with --to-gold\n${USAGE}`);

  if (positionals.length > 1) return fail(`one folder at most, got ${positionals.join(' ')}\n${USAGE}`);
  const dir = positionals[0] ?? 'output';
  if (!(await isFolder(dir))) return fail(`no such folder: ${dir} (run isnad extract first, or name the output folder)`);
  let port = DEFAULT_PORT;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) return fail(`--port must be a number from 0 to 65535, got ${values.port}`);
    port = Number(values.port);
  }
  const host = values.host ?? '127.0.0.1';
  let server;
  try {
    server = await startReviewServer({ dir, port, host, reviewer: values.reviewer ?? defaultReviewer() });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`port ${port} is in use on ${host}; pick another with --port (0 for any free port)`);
    return fail((err as Error).message);
  }
  console.log(`isnad review: reviewing ${resolve(dir)}`);
  console.log(`  open ${server.url}`);
  console.log(`  decisions are saved to ${resolve(dir, 'reviews')}/ as you make them; Ctrl+C stops`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.log(`  warning: listening on ${host}: anyone who can reach this machine can read and change reviews (there is no login)`);
  }
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log('isnad review: stopping');
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runReviewCommand(process.argv.slice(2));
}
