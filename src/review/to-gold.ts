// isnad review --to-gold DIR --out GOLD: reviewed articles become gold files
// (tests/gold/GOLD-FORMAT.md), so that reviewers build evaluation sets as they work.
//
// Approved and corrected quotes go in, with the corrected span, kind and speaker where
// the reviewer gave them; rejected quotes stay out. By default only articles whose every
// quote has a decision are written, since a half-reviewed article would make a gold file
// that misses quotes; --partial writes those too. Gold files this command did not write
// (hand-made ones) are never overwritten without --force: GOLD/.review-gold.json keeps
// the hash of each file it wrote.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, posix, resolve, sep } from 'node:path';
import { z } from 'zod';
import { GoldFileSchema, type GoldEntity, type GoldFile, type GoldQuote } from '../schema/gold.ts';
import type { ArticleOutput, Entity } from '../schema/output.ts';
import { writeJsonAtomic, writeFileAtomic } from '../util/write-atomic.ts';
import { ArticleIndex } from './articles.ts';
import type { AddedQuote, EntityDecision, ReviewRecord } from './schema.ts';
import { ReviewFileError, ReviewStore, matchReviews } from './store.ts';

export interface ToGoldOptions {
  dir: string;
  out: string;
  /** Also write articles that still have quotes without a decision. */
  partial?: boolean;
  /** Overwrite gold files that this command did not write. */
  force?: boolean;
  /** Take only this reviewer's decisions; by default a quote takes its newest decision, whoever made it. */
  reviewer?: string;
}

export interface ToGoldReport {
  written: Array<{ id: string; file: string; quotes: number }>;
  unchanged: Array<{ id: string; file: string }>;
  skipped: Array<{ id: string; reason: string }>;
  /** Decisions whose quote is no longer in the output; they are not in the gold files. */
  orphaned: Array<{ id: string; count: number }>;
}

const LEDGER = '.review-gold.json';
const LedgerSchema = z.object({ files: z.record(z.string(), z.string()) });

function unique(names: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const trimmed = name?.trim();
    if (trimmed && !seen.has(trimmed)) {
      seen.add(trimmed);
      out.push(trimmed);
    }
  }
  return out;
}

function entityNames(entity: Entity): string[] {
  return unique([
    entity.name,
    ...(entity.names.en ?? []),
    ...(entity.names.ar ?? []),
    ...entity.mentions.filter((m) => m.kind !== 'title').map((m) => m.text),
  ]);
}

/** Which occurrence of `text` in `source` starts at `start`, counting from 1. */
export function occurrenceAt(source: string, text: string, start: number): number {
  let n = 0;
  for (let i = source.indexOf(text); i >= 0 && i <= start; i = source.indexOf(text, i + 1)) n += 1;
  return Math.max(n, 1);
}

/** The gold file for one article, from its output and the decisions tied to its current quotes. */
/** Each entity's newest decision, whoever made it (give one reviewer's to take only theirs). */
export function newestEntityDecisions(decisions: EntityDecision[]): Map<string, EntityDecision> {
  const out = new Map<string, EntityDecision>();
  for (const d of decisions) {
    const seen = out.get(d.entityId);
    if (!seen || seen.decidedAt < d.decidedAt) out.set(d.entityId, d);
  }
  return out;
}

export function goldFromReviews(
  output: ArticleOutput,
  decisions: Map<string, ReviewRecord>,
  added: AddedQuote[] = [],
  entityDecisions: Map<string, EntityDecision> = new Map(),
): GoldFile {
  const entities = new Map(output.entities.map((e) => [e.id, e]));
  const quotes: Array<GoldQuote & { at: number; end: number }> = [];
  const speakerNames = (speaker: { entityId: string | null; name: string } | null): string[] | null => {
    if (!speaker) return null;
    const entity = speaker.entityId ? entities.get(speaker.entityId) : undefined;
    const names = unique([speaker.name, ...(entity ? entityNames(entity) : [])]);
    return names.length ? names : null;
  };
  for (const quote of output.quotes) {
    const decision = decisions.get(quote.id);
    if (!decision || decision.status === 'rejected') continue;
    const span = decision.span ?? { start: quote.start, end: quote.end, text: quote.text };
    const names = speakerNames(decision.speaker !== undefined ? decision.speaker : quote.speaker);
    quotes.push({
      at: span.start,
      end: span.end,
      text: span.text,
      occurrence: occurrenceAt(output.source, span.text, span.start),
      kind: decision.kind ?? quote.kind,
      speaker: names,
      cue: quote.cue?.text ?? null,
    });
  }
  // Quotes reviewers added (those whose text is still at their offsets), once per span.
  for (const a of added) {
    if (output.source.slice(a.start, a.end) !== a.text) continue;
    if (quotes.some((q) => q.at === a.start && q.end === a.end)) continue;
    quotes.push({
      at: a.start,
      end: a.end,
      text: a.text,
      occurrence: occurrenceAt(output.source, a.text, a.start),
      kind: a.kind,
      speaker: speakerNames(a.speaker),
      cue: a.cue?.text ?? null,
    });
  }
  quotes.sort((a, b) => a.at - b.at);
  // Entities as corrected: false ones dropped, retyped ones with their new type, merged
  // ones' names given to the entity they were merged into (following chains of merges).
  const target = (id: string): string => {
    const seen = new Set<string>();
    let at = id;
    for (let d = entityDecisions.get(at); d?.action === 'merge' && d.into && !seen.has(at); d = entityDecisions.get(at)) {
      seen.add(at);
      at = d.into;
    }
    return at;
  };
  const merged = new Map<string, { type: GoldEntity['type']; names: string[] }>();
  for (const e of output.entities) {
    if (entityDecisions.get(e.id)?.action === 'false') continue;
    const into = target(e.id);
    const head = entities.get(into);
    if (!head || entityDecisions.get(into)?.action === 'false') continue;
    const decision = entityDecisions.get(into);
    const type = decision?.action === 'retype' && decision.type ? decision.type : head.type;
    const slot = merged.get(into) ?? { type, names: [] };
    slot.names = unique([...slot.names, ...entityNames(e)]);
    merged.set(into, slot);
  }
  const goldEntities: GoldEntity[] = output.entities
    .filter((e) => merged.has(e.id))
    .map((e) => {
      const slot = merged.get(e.id)!;
      return { type: slot.type, names: unique([...entityNames(e), ...slot.names]) };
    })
    .filter((e) => e.names.length > 0);
  return GoldFileSchema.parse({
    article: posix.basename(output.article.path.split('\\').join('/')),
    lang: output.article.lang,
    quotes: quotes.map(({ at: _at, end: _end, ...q }) => q),
    entities: goldEntities,
  });
}

/** Path of the gold file below GOLD: the article's relative path with .gold.json for its extension. */
export function goldPathFor(articlePath: string): string {
  const normal = posix.normalize(articlePath.split('\\').join('/'));
  const safe = normal.startsWith('../') || normal === '..' || posix.isAbsolute(normal) ? posix.basename(normal) : normal;
  const base = safe.replace(/\.[^./]+$/, '');
  return `${base || 'article'}.gold.json`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function reviewsToGold(options: ToGoldOptions): Promise<ToGoldReport> {
  const dir = resolve(options.dir);
  const out = resolve(options.out);
  const index = new ArticleIndex(dir);
  await index.refresh();
  const store = new ReviewStore(dir);
  const ledgerPath = join(out, LEDGER);
  const ledgerText = await readText(ledgerPath);
  const ledger = ledgerText ? LedgerSchema.parse(JSON.parse(ledgerText)) : { files: {} };
  const report: ToGoldReport = { written: [], unchanged: [], skipped: [], orphaned: [] };

  for (const entry of index.list()) {
    let reviews;
    try {
      reviews = await store.read(entry.id);
    } catch (err) {
      if (err instanceof ReviewFileError) {
        report.skipped.push({ id: entry.id, reason: err.message });
        continue;
      }
      throw err;
    }
    if (!reviews) continue;
    const { output } = await index.load(entry.id);
    const records = options.reviewer === undefined ? reviews.reviews : reviews.reviews.filter((r) => r.reviewer === options.reviewer);
    const { byQuote, orphaned } = matchReviews(output.quotes, records);
    if (orphaned.length) report.orphaned.push({ id: entry.id, count: orphaned.length });
    const pending = output.quotes.length - byQuote.size;
    if (byQuote.size === 0 && reviews.added.length === 0) {
      report.skipped.push({ id: entry.id, reason: 'no decision on any current quote' });
      continue;
    }
    if (pending > 0 && !options.partial) {
      report.skipped.push({ id: entry.id, reason: `${pending} of ${output.quotes.length} quotes still pending (use --partial to write it anyway)` });
      continue;
    }
    const added = options.reviewer === undefined ? reviews.added : reviews.added.filter((a) => a.reviewer === options.reviewer);
    const entityDecisions = newestEntityDecisions(
      options.reviewer === undefined ? reviews.entities : reviews.entities.filter((d) => d.reviewer === options.reviewer),
    );
    const gold = goldFromReviews(output, byQuote, added, entityDecisions);
    const rel = goldPathFor(output.article.path);
    const target = resolve(out, rel.split('/').join(sep));
    if (!target.startsWith(out + sep)) {
      report.skipped.push({ id: entry.id, reason: `gold path ${rel} would lie outside ${out}` });
      continue;
    }
    const text = JSON.stringify(gold, null, 2) + '\n';
    const existing = await readText(target);
    if (existing === text) {
      ledger.files[rel] = sha256(text);
      report.unchanged.push({ id: entry.id, file: target });
      continue;
    }
    if (existing !== null && ledger.files[rel] !== sha256(existing) && !options.force) {
      report.skipped.push({ id: entry.id, reason: `${target} exists and was not written by review --to-gold (use --force to overwrite it)` });
      continue;
    }
    await writeFileAtomic(target, text);
    ledger.files[rel] = sha256(text);
    report.written.push({ id: entry.id, file: target, quotes: gold.quotes.length });
  }
  if (report.written.length || report.unchanged.length) await writeJsonAtomic(ledgerPath, ledger);
  return report;
}
