// isnad review --agreement DIR: how far the reviewers of a folder agree.
//
// Per reviewer: how many current quotes they decided, by status. Per pair of reviewers:
// on the quotes both decided, the share of equal statuses (observed agreement) and
// Cohen's kappa (Cohen 1960), which discounts the agreement expected by chance from each
// reviewer's own rates: kappa = (po - pe) / (1 - pe). The categories are the statuses
// (approved, rejected, corrected); two corrections that differ still count as agreeing,
// which the report says.
import { ArticleIndex } from './articles.ts';
import { ReviewStore, matchByReviewer } from './store.ts';
import { ReviewStatusSchema, type ReviewRecord } from './schema.ts';

type Status = ReviewRecord['status'];
const STATUSES: readonly Status[] = ReviewStatusSchema.options;

export interface ReviewerCounts {
  reviewer: string;
  decided: number;
  approved: number;
  rejected: number;
  corrected: number;
  /** Quotes the reviewer added by hand. */
  added: number;
}

export interface PairAgreement {
  a: string;
  b: string;
  /** Quotes both decided. */
  both: number;
  /** Of those, quotes with the same status. */
  agree: number;
  observed: number | null;
  expected: number | null;
  /** null when undefined: no quote in common, or both reviewers used a single status. */
  kappa: number | null;
}

export interface AgreementReport {
  articles: number;
  reviewers: ReviewerCounts[];
  pairs: PairAgreement[];
  skipped: Array<{ id: string; reason: string }>;
}

/** Cohen's kappa of two raters' labels on the same items (pairs of labels). */
export function cohensKappa<L extends string>(pairs: Array<[L, L]>): { observed: number | null; expected: number | null; kappa: number | null } {
  const n = pairs.length;
  if (n === 0) return { observed: null, expected: null, kappa: null };
  const left = new Map<L, number>();
  const right = new Map<L, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree += 1;
    left.set(a, (left.get(a) ?? 0) + 1);
    right.set(b, (right.get(b) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, count] of left) expected += (count / n) * ((right.get(label) ?? 0) / n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { observed, expected, kappa };
}

export async function agreementReport(dir: string): Promise<AgreementReport> {
  const index = new ArticleIndex(dir);
  await index.refresh();
  const store = new ReviewStore(dir);
  const counts = new Map<string, ReviewerCounts>();
  const countsOf = (reviewer: string): ReviewerCounts => {
    let c = counts.get(reviewer);
    if (!c) {
      c = { reviewer, decided: 0, approved: 0, rejected: 0, corrected: 0, added: 0 };
      counts.set(reviewer, c);
    }
    return c;
  };
  // "reviewer\u0000other" -> status pairs on quotes both decided
  const labels = new Map<string, Array<[Status, Status]>>();
  const skipped: AgreementReport['skipped'] = [];
  let articles = 0;
  for (const entry of index.list()) {
    const file = await store.readOrSkip(entry.id, skipped);
    if (!file) continue;
    articles += 1;
    for (const added of file.added) countsOf(added.reviewer).added += 1;
    const matched = matchByReviewer(entry.quotes, file.reviews);
    const names = [...matched.keys()].sort();
    for (const name of names) {
      const c = countsOf(name);
      for (const record of matched.get(name)!.byQuote.values()) {
        c.decided += 1;
        c[record.status] += 1;
      }
    }
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = matched.get(names[i]!)!.byQuote;
        const b = matched.get(names[j]!)!.byQuote;
        const key = `${names[i]}\u0000${names[j]}`;
        const list = labels.get(key) ?? [];
        for (const [quoteId, record] of a) {
          const other = b.get(quoteId);
          if (other) list.push([record.status, other.status]);
        }
        labels.set(key, list);
      }
    }
  }
  const reviewers = [...counts.values()].sort((x, y) => x.reviewer.localeCompare(y.reviewer));
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < reviewers.length; i++) {
    for (let j = i + 1; j < reviewers.length; j++) {
      const a = reviewers[i]!.reviewer;
      const b = reviewers[j]!.reviewer;
      const list = labels.get(`${a}\u0000${b}`) ?? [];
      const { observed, expected, kappa } = cohensKappa(list);
      pairs.push({ a, b, both: list.length, agree: list.filter(([x, y]) => x === y).length, observed, expected, kappa });
    }
  }
  return { articles, reviewers, pairs, skipped };
}

const fixed = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export function formatAgreement(report: AgreementReport): string {
  const lines = [`${report.articles} reviewed article${report.articles === 1 ? '' : 's'}, ${report.reviewers.length} reviewer${report.reviewers.length === 1 ? '' : 's'}`];
  if (report.reviewers.length) {
    const width = report.reviewers.reduce((w, r) => Math.max(w, r.reviewer.length), 8);
    lines.push(`  ${'reviewer'.padEnd(width)}  decided  ${STATUSES.map((s) => s.padStart(9)).join('')}    added`);
    for (const r of report.reviewers) {
      lines.push(`  ${r.reviewer.padEnd(width)}  ${String(r.decided).padStart(7)}  ${STATUSES.map((s) => String(r[s]).padStart(9)).join('')}  ${String(r.added).padStart(7)}`);
    }
  }
  if (report.pairs.length) {
    const labels = report.pairs.map((p) => `${p.a} ~ ${p.b}`);
    const width = labels.reduce((w, l) => Math.max(w, l.length), 4);
    lines.push(`  ${'pair'.padEnd(width)}  both decided  agree  observed  expected    kappa`);
    report.pairs.forEach((p, i) => {
      lines.push(
        `  ${labels[i]!.padEnd(width)}  ${String(p.both).padStart(12)}  ${String(p.agree).padStart(5)}  ${fixed(p.observed).padStart(8)}  ${fixed(p.expected).padStart(8)}  ${fixed(p.kappa).padStart(7)}`,
      );
    });
    lines.push('  (statuses compared: approved, rejected, corrected; kappa is n/a with no quote in common or a single status used)');
  } else if (report.reviewers.length < 2) {
    lines.push('  agreement needs two reviewers: run isnad review --reviewer NAME for each');
  }
  for (const s of report.skipped) lines.push(`  skipped ${s.id}: ${s.reason}`);
  return lines.join('\n');
}
