// Scores predicted output against gold annotations.
//
// Quotes: a predicted quote matches a gold quote when their character overlap
// covers at least half of each; matching is one-to-one, largest overlap first.
// The speaker is right when the predicted speaker's name, mention text or
// entity names normalise to one of the gold names (or both are null).
// Entities: document level; an entity matches a gold entity when one of its
// names or mention texts normalises to one of the gold names.
import type { ArticleOutput } from '../schema/output.ts';
import type { GoldFile, GoldQuote } from '../schema/gold.ts';
import { normaliseString } from '../text/normalise.ts';

export interface Prf {
  /** Gold items matched (recall's numerator). */
  tp: number;
  /** Predicted items matched (precision's numerator): differs from tp when a gold quote of one kind matched a predicted quote of another. */
  tpPred: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tpPred: number, predicted: number, tpGold: number, gold: number): Prf {
  const precision = predicted ? tpPred / predicted : gold ? 0 : 1;
  const recall = gold ? tpGold / gold : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp: tpGold, tpPred, predicted, gold, precision, recall, f1 };
}

export function normaliseName(s: string): string {
  return normaliseString(s).replace(/[\s\u00a0]+/g, ' ').trim();
}

interface GoldSpan {
  q: GoldQuote;
  start: number;
  end: number;
  group: Group;
}

type Group = 'direct' | 'indirect+mixed';
const groupOf = (kind: string): Group => (kind === 'direct' ? 'direct' : 'indirect+mixed');

export interface QuoteCounts {
  /** Gold quotes and predictions by group, and those matched by span. */
  gold: Record<Group, number>;
  predicted: Record<Group, number>;
  matchedGold: Record<Group, number>;
  matchedPred: Record<Group, number>;
  /** Matched pairs whose speaker is right, by the gold quote's group and by the prediction's. */
  rightGold: Record<Group, number>;
  rightPred: Record<Group, number>;
}

export interface EntityCounts {
  gold: number;
  predicted: number;
  matchedUntyped: number;
  matchedTyped: number;
}

export interface ArticleReport {
  article: string;
  missingPrediction: boolean;
  quotes: QuoteCounts;
  entities: EntityCounts;
  misses: Array<{ text: string; kind: string; speaker: string[] | null }>;
  falseHits: Array<{ id: string; text: string; kind: string; rule: string }>;
  wrongSpeakers: Array<{ id: string; text: string; predicted: string | null; gold: string[] | null; rule: string }>;
  missedEntities: Array<{ type: string; names: string[] }>;
  falseEntities: Array<{ id: string; type: string; name: string }>;
  mistypedEntities: Array<{ id: string; predicted: string; gold: string; name: string }>;
}

const zero = (): Record<Group, number> => ({ direct: 0, 'indirect+mixed': 0 });

/** Locates each gold quote in the source by its occurrence; throws when the text is absent. */
export function locateGold(source: string, quotes: GoldQuote[], article: string): GoldSpan[] {
  return quotes.map((q) => {
    let at = -1;
    for (let k = 0; k < q.occurrence; k++) {
      at = source.indexOf(q.text, at + 1);
      if (at === -1) throw new Error(`${article}: gold quote not found (occurrence ${q.occurrence}): ${q.text.slice(0, 60)}…`);
    }
    return { q, start: at, end: at + q.text.length, group: groupOf(q.kind) };
  });
}

function speakerNames(pred: ArticleOutput, quote: ArticleOutput['quotes'][number]): string[] {
  const sp = quote.speaker;
  if (!sp) return [];
  const names = [sp.name];
  if (sp.mention) names.push(sp.mention.text);
  if (sp.entityId) {
    const ent = pred.entities.find((e) => e.id === sp.entityId);
    if (ent) names.push(ent.name, ...(ent.names.ar ?? []), ...(ent.names.en ?? []), ...ent.mentions.map((m) => m.text));
  }
  return names;
}

export function speakerRight(pred: ArticleOutput, quote: ArticleOutput['quotes'][number], gold: string[] | null): boolean {
  if (gold === null) return quote.speaker === null;
  if (!quote.speaker) return false;
  const wanted = new Set(gold.map(normaliseName));
  return speakerNames(pred, quote).some((n) => wanted.has(normaliseName(n)));
}

export function evaluateArticle(gold: GoldFile, pred: ArticleOutput | null, source: string | null): ArticleReport {
  const report: ArticleReport = {
    article: gold.article,
    missingPrediction: pred === null,
    quotes: { gold: zero(), predicted: zero(), matchedGold: zero(), matchedPred: zero(), rightGold: zero(), rightPred: zero() },
    entities: { gold: gold.entities.length, predicted: 0, matchedUntyped: 0, matchedTyped: 0 },
    misses: [],
    falseHits: [],
    wrongSpeakers: [],
    missedEntities: [],
    falseEntities: [],
    mistypedEntities: [],
  };
  const text = source ?? pred?.source;
  const goldSpans = text ? locateGold(text, gold.quotes, gold.article) : [];
  for (const g of goldSpans) report.quotes.gold[g.group]++;
  const preds = pred?.quotes ?? [];
  for (const p of preds) report.quotes.predicted[groupOf(p.kind)]++;

  // Candidate pairs by overlap, largest first; one-to-one.
  const pairs: Array<{ gi: number; pi: number; overlap: number }> = [];
  goldSpans.forEach((g, gi) => {
    preds.forEach((p, pi) => {
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (overlap <= 0) return;
      if (overlap * 2 >= g.end - g.start && overlap * 2 >= p.end - p.start) pairs.push({ gi, pi, overlap });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap || a.gi - b.gi || a.pi - b.pi);
  const goldTaken = new Set<number>();
  const predTaken = new Set<number>();
  for (const { gi, pi } of pairs) {
    if (goldTaken.has(gi) || predTaken.has(pi)) continue;
    goldTaken.add(gi);
    predTaken.add(pi);
    const g = goldSpans[gi]!;
    const p = preds[pi]!;
    report.quotes.matchedGold[g.group]++;
    report.quotes.matchedPred[groupOf(p.kind)]++;
    if (speakerRight(pred!, p, g.q.speaker)) {
      report.quotes.rightGold[g.group]++;
      report.quotes.rightPred[groupOf(p.kind)]++;
    } else {
      report.wrongSpeakers.push({ id: p.id, text: p.text, predicted: p.speaker?.name ?? null, gold: g.q.speaker, rule: p.rule });
    }
  }
  goldSpans.forEach((g, gi) => {
    if (!goldTaken.has(gi)) report.misses.push({ text: g.q.text, kind: g.q.kind, speaker: g.q.speaker });
  });
  preds.forEach((p, pi) => {
    if (!predTaken.has(pi)) report.falseHits.push({ id: p.id, text: p.text, kind: p.kind, rule: p.rule });
  });

  // Entities.
  const ents = pred?.entities ?? [];
  report.entities.predicted = ents.length;
  const entNames = ents.map((e) =>
    new Set([e.name, ...(e.names.ar ?? []), ...(e.names.en ?? []), ...e.mentions.map((m) => m.text)].map(normaliseName)),
  );
  const goldNames = gold.entities.map((g) => new Set(g.names.map(normaliseName)));
  const entPairs: Array<{ gi: number; pi: number; typed: boolean }> = [];
  goldNames.forEach((gn, gi) => {
    entNames.forEach((pn, pi) => {
      for (const n of pn) {
        if (gn.has(n)) {
          entPairs.push({ gi, pi, typed: gold.entities[gi]!.type === ents[pi]!.type });
          break;
        }
      }
    });
  });
  // Typed pairs first so that a name shared by two entities goes to the right type.
  entPairs.sort((a, b) => Number(b.typed) - Number(a.typed) || a.gi - b.gi || a.pi - b.pi);
  const gTaken = new Set<number>();
  const pTaken = new Set<number>();
  for (const { gi, pi, typed } of entPairs) {
    if (gTaken.has(gi) || pTaken.has(pi)) continue;
    gTaken.add(gi);
    pTaken.add(pi);
    report.entities.matchedUntyped++;
    if (typed) report.entities.matchedTyped++;
    else report.mistypedEntities.push({ id: ents[pi]!.id, predicted: ents[pi]!.type, gold: gold.entities[gi]!.type, name: ents[pi]!.name });
  }
  gold.entities.forEach((g, gi) => {
    if (!gTaken.has(gi)) report.missedEntities.push({ type: g.type, names: g.names });
  });
  ents.forEach((e, pi) => {
    if (!pTaken.has(pi)) report.falseEntities.push({ id: e.id, type: e.type, name: e.name });
  });
  return report;
}

export interface EvalFigures {
  articles: number;
  missingPredictions: string[];
  quotes: Record<'all' | Group, { span: Prf; endToEnd: Prf; attributionAccuracy: number; matched: number }>;
  entities: { untyped: Prf; typed: Prf };
}

export function sumReports(reports: ArticleReport[]): EvalFigures {
  const q = { gold: zero(), predicted: zero(), matchedGold: zero(), matchedPred: zero(), rightGold: zero(), rightPred: zero() };
  const e = { gold: 0, predicted: 0, untyped: 0, typed: 0 };
  for (const r of reports) {
    for (const k of Object.keys(q) as Array<keyof typeof q>) for (const g of ['direct', 'indirect+mixed'] as Group[]) q[k][g] += r.quotes[k][g];
    e.gold += r.entities.gold;
    e.predicted += r.entities.predicted;
    e.untyped += r.entities.matchedUntyped;
    e.typed += r.entities.matchedTyped;
  }
  const figure = (pick: (rec: Record<Group, number>) => number) => {
    const span = prf(pick(q.matchedPred), pick(q.predicted), pick(q.matchedGold), pick(q.gold));
    const endToEnd = prf(pick(q.rightPred), pick(q.predicted), pick(q.rightGold), pick(q.gold));
    const matched = pick(q.matchedGold);
    return { span, endToEnd, attributionAccuracy: matched ? pick(q.rightGold) / matched : 0, matched };
  };
  return {
    articles: reports.length,
    missingPredictions: reports.filter((r) => r.missingPrediction).map((r) => r.article),
    quotes: {
      all: figure((r) => r.direct + r['indirect+mixed']),
      direct: figure((r) => r.direct),
      'indirect+mixed': figure((r) => r['indirect+mixed']),
    },
    entities: { untyped: prf(e.untyped, e.predicted, e.untyped, e.gold), typed: prf(e.typed, e.predicted, e.typed, e.gold) },
  };
}
