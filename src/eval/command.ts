// `isnad eval --gold DIR --pred DIR [--articles DIR] [--lang ar|en] [--verbose] [--json]`
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GoldFileSchema, type GoldFile } from '../schema/gold.ts';
import { ArticleOutputSchema, type ArticleOutput, type Lang } from '../schema/output.ts';
import { checkFolderOption, UsageError } from '../batch/discover.ts';
import { outputPathFor } from '../batch/run-one.ts';
import { evaluateArticle, sumReports, type ArticleReport, type EvalFigures, type Prf } from './evaluate.ts';

async function listGold(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.gold.json')) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

export interface EvalInput {
  goldDir: string;
  predDir: string;
  articlesDir?: string;
  /** Score only the gold files of this language (their `lang` field). */
  lang?: Lang;
}

export function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (value !== 'ar' && value !== 'en') throw new UsageError(`--lang must be ar, en or all, not '${value}'`);
  return value;
}

export async function evaluateFolders(input: EvalInput): Promise<{ figures: EvalFigures; reports: ArticleReport[] }> {
  const files = await listGold(input.goldDir);
  if (!files.length) throw new UsageError(`no *.gold.json files in ${input.goldDir}`);
  const reports: ArticleReport[] = [];
  for (const file of files) {
    let gold: GoldFile;
    try {
      gold = GoldFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    } catch (err) {
      throw new UsageError(`${relative(process.cwd(), file)}: not a valid gold file: ${(err as Error).message.split('\n')[0]}`);
    }
    if (input.lang && gold.lang !== input.lang) continue;
    const sub = relative(input.goldDir, dirname(file)).split(sep).filter(Boolean);
    const predPath = join(input.predDir, sub.join(sep), outputPathFor(gold.article));
    let pred: ArticleOutput | null = null;
    if (existsSync(predPath)) {
      const parsed = ArticleOutputSchema.safeParse(JSON.parse(await readFile(predPath, 'utf8')));
      if (!parsed.success) throw new UsageError(`${relative(process.cwd(), predPath)}: not a valid isnad output file`);
      pred = parsed.data;
    }
    let source: string | null = null;
    if (input.articlesDir) {
      const articlePath = join(input.articlesDir, sub.join(sep), gold.article);
      if (existsSync(articlePath)) source = (await readFile(articlePath, 'utf8')).replace(/^\uFEFF/, '');
    }
    if (!source && !pred) throw new UsageError(`${gold.article}: no prediction in ${input.predDir} and no article text (give --articles DIR)`);
    reports.push(evaluateArticle(gold, pred, source));
  }
  if (!reports.length) throw new UsageError(`no gold files with lang ${input.lang} in ${input.goldDir}`);
  return { figures: sumReports(reports), reports };
}

const pct = (x: number) => x.toFixed(3);
/** Label column: wide enough for the longest label, so every figure lines up. */
const LABEL_WIDTH = 'attribution accuracy, indirect+mixed'.length;
// Both counts: a gold quote may match a predicted quote of another kind, so within one
// kind "gold found" and "predicted right" differ (30 of 30 gold found, 29 of 29 predicted right).
const row = (label: string, p: Prf) =>
  `  ${label.padEnd(LABEL_WIDTH)}  P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}   (${p.tp} of ${p.gold} gold found, ${p.tpPred} of ${p.predicted} predicted right)`;

export function formatFigures(f: EvalFigures): string {
  const lines = [`${f.articles} articles${f.missingPredictions.length ? ` (${f.missingPredictions.length} without a prediction)` : ''}`, 'quotes'];
  for (const g of ['all', 'direct', 'indirect+mixed'] as const) {
    const q = f.quotes[g];
    lines.push(row(`span, ${g}`, q.span));
    lines.push(row(`with right speaker, ${g}`, q.endToEnd));
    lines.push(row(`  lenient (any name), ${g}`, q.endToEndLenient));
    lines.push(`  ${`attribution accuracy, ${g}`.padEnd(LABEL_WIDTH)}  A ${pct(q.attributionAccuracy)}   (over ${q.matched} matched quotes; lenient ${pct(q.attributionAccuracyLenient)})`);
  }
  lines.push('entities (document level)');
  lines.push(row('typed', f.entities.typed));
  lines.push(row('untyped', f.entities.untyped));
  lines.push(row('typed, lenient (any name)', f.entities.typedLenient));
  lines.push(row('untyped, lenient (any name)', f.entities.untypedLenient));
  lines.push('strict: a linked speaker or entity counts by its canonical and multi-word names, not by a surname alone');
  return lines.join('\n');
}

export function formatReport(r: ArticleReport): string {
  const out = [`== ${r.article}${r.missingPrediction ? ' (no prediction)' : ''}`];
  for (const m of r.misses) out.push(`  miss      [${m.kind}] ${m.text.slice(0, 90)}  — ${m.speaker?.[0] ?? 'no speaker'}`);
  for (const h of r.falseHits) out.push(`  false hit ${h.id} [${h.kind}] ${h.text.slice(0, 90)}  (${h.rule})`);
  for (const w of r.wrongSpeakers)
    out.push(
      `  speaker   ${w.id} ${w.text.slice(0, 60)}  — predicted ${w.predicted ?? 'none'}, gold ${w.gold?.[0] ?? 'none'}  (${w.rule})${w.lenient ? '  [wrong link: right by a short name only]' : ''}`,
    );
  for (const e of r.missedEntities) out.push(`  entity miss  ${e.type} ${e.names.join(' / ')}`);
  for (const e of r.falseEntities) out.push(`  entity false ${e.type} ${e.name} (${e.id})`);
  for (const e of r.mistypedEntities) out.push(`  entity type  ${e.name}: ${e.predicted}, gold ${e.gold}`);
  return out.join('\n');
}

export async function runEval(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      gold: { type: 'string' },
      pred: { type: 'string' },
      articles: { type: 'string' },
      lang: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.gold || !values.pred) throw new UsageError('eval needs --gold DIR and --pred DIR');
  await checkFolderOption('--gold', values.gold);
  await checkFolderOption('--pred', values.pred);
  await checkFolderOption('--articles', values.articles);
  const { figures, reports } = await evaluateFolders({
    goldDir: resolve(values.gold),
    predDir: resolve(values.pred),
    articlesDir: values.articles ? resolve(values.articles) : undefined,
    lang: parseLang(values.lang),
  });
  if (values.json) {
    process.stdout.write(JSON.stringify(values.verbose ? { figures, articles: reports } : { figures }, null, 2) + '\n');
    return 0;
  }
  if (values.verbose) for (const r of reports) process.stdout.write(formatReport(r) + '\n');
  process.stdout.write(formatFigures(figures) + '\n');
  return 0;
}
