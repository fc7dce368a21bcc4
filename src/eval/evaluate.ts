// Scores predicted output against gold annotations.
//
// Quotes: a predicted quote matches a gold quote when their character overlap
// covers at least half of each; matching is one-to-one, largest overlap first.
// The speaker is right when the predicted speaker's name, mention text or
// entity names normalise to one of the gold names (or both are null).
// Entities: document level; an entity matches a gold entity when one of its
// names or mention texts normalises to one of the gold names.
//
// Two figures for who is who. Lenient: any name or mention text of the
// speaker or entity may match, as above. Strict (the figure that counts): a
// speaker or entity that a gazetteer linked is judged by the names that
// identify the linked entry, its canonical name and its names of more than
// one word, never by a surname or short form alone: a footballer "Vance"
// linked to person.jd-vance is right leniently (the mention says "Vance")
// and wrong strictly (gold does not list "JD Vance"). An unlinked speaker or
// entity claims no identity beyond its text, and is judged by it in both.
import type { ArticleOutput, Entity } from '../schema/output.ts';
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
  /** Matched pairs whose speaker is right (strictly), by the gold quote's group and by the prediction's. */
  rightGold: Record<Group, number>;
  rightPred: Record<Group, number>;
  /** The same, with any name or mention text of the speaker allowed to match. */
  rightGoldLenient: Record<Group, number>;
  rightPredLenient: Record<Group, number>;
}

export interface EntityCounts {
  gold: number;
  predicted: number;
  matchedUntyped: number;
  matchedTyped: number;
  matchedUntypedLenient: number;
  matchedTypedLenient: number;
}

export interface ArticleReport {
  article: string;
  missingPrediction: boolean;
  quotes: QuoteCounts;
  entities: EntityCounts;
  misses: Array<{ text: string; kind: string; speaker: string[] | null }>;
  falseHits: Array<{ id: string; text: string; kind: string; rule: string }>;
  /** Wrong by the strict figure; `lenient` says whether the lenient one counts it right (a wrong link). */
  wrongSpeakers: Array<{ id: string; text: string; predicted: string | null; gold: string[] | null; rule: string; lenient: boolean }>;
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

export type NameMode = 'strict' | 'lenient';

const wordsOf = (s: string): string[] => normaliseName(s).split(' ').filter(Boolean);

/**
 * The names that identify a gazetteer entry: its canonical name, every name of
 * more than one word, and a one-word name only when it is not a word of a
 * longer name of the entry (إيران is Iran's name; لافروف is a surname of
 * سيرغي لافروف, and Vance of JD Vance).
 */
export function identifyingNames(ent: Pick<Entity, 'name' | 'names'>): string[] {
  const all = [ent.name, ...(ent.names.ar ?? []), ...(ent.names.en ?? [])];
  const partWords = new Set(all.filter((n) => wordsOf(n).length > 1).flatMap(wordsOf));
  return [...new Set([ent.name, ...all.filter((n) => wordsOf(n).length > 1 || !partWords.has(normaliseName(n)))])];
}

/** Every name and mention text of an entity. */
function allNames(ent: Entity): string[] {
  return [ent.name, ...(ent.names.ar ?? []), ...(ent.names.en ?? []), ...ent.mentions.map((m) => m.text)];
}

const linked = (ent: Entity | undefined): ent is Entity => ent?.source === 'gazetteer';

function speakerNames(pred: ArticleOutput, quote: ArticleOutput['quotes'][number], mode: NameMode): string[] {
  const sp = quote.speaker;
  if (!sp) return [];
  const ent = sp.entityId ? pred.entities.find((e) => e.id === sp.entityId) : undefined;
  if (mode === 'strict' && linked(ent)) return identifyingNames(ent);
  const names = [sp.name];
  if (sp.mention) names.push(sp.mention.text);
  if (ent) for (const n of allNames(ent)) names.push(n);
  return names;
}

/** Whether the quote's speaker is one the gold names (strict by default: a linked speaker by the names that identify its entry). */
export function speakerRight(pred: ArticleOutput, quote: ArticleOutput['quotes'][number], gold: string[] | null, mode: NameMode = 'strict'): boolean {
  if (gold === null) return quote.speaker === null;
  if (!quote.speaker) return false;
  const wanted = new Set(gold.map(normaliseName));
  return speakerNames(pred, quote, mode).some((n) => wanted.has(normaliseName(n)));
}

/** Document-level entity matching, one-to-one, typed pairs first; returns the pairs taken. */
function matchEntities(gold: GoldFile['entities'], ents: Entity[], mode: NameMode): Array<{ gi: number; pi: number; typed: boolean }> {
  const entNames = ents.map((e) => new Set((mode === 'strict' && linked(e) ? identifyingNames(e) : allNames(e)).map(normaliseName)));
  const goldNames = gold.map((g) => new Set(g.names.map(normaliseName)));
  const pairs: Array<{ gi: number; pi: number; typed: boolean }> = [];
  goldNames.forEach((gn, gi) => {
    entNames.forEach((pn, pi) => {
      for (const n of pn) {
        if (gn.has(n)) {
          pairs.push({ gi, pi, typed: gold[gi]!.type === ents[pi]!.type });
          break;
        }
      }
    });
  });
  // Typed pairs first so that a name shared by two entities goes to the right type.
  pairs.sort((a, b) => Number(b.typed) - Number(a.typed) || a.gi - b.gi || a.pi - b.pi);
  const gTaken = new Set<number>();
  const pTaken = new Set<number>();
  const taken: typeof pairs = [];
  for (const pair of pairs) {
    if (gTaken.has(pair.gi) || pTaken.has(pair.pi)) continue;
    gTaken.add(pair.gi);
    pTaken.add(pair.pi);
    taken.push(pair);
  }
  return taken;
}

export function evaluateArticle(gold: GoldFile, pred: ArticleOutput | null, source: string | null): ArticleReport {
  const report: ArticleReport = {
    article: gold.article,
    missingPrediction: pred === null,
    quotes: { gold: zero(), predicted: zero(), matchedGold: zero(), matchedPred: zero(), rightGold: zero(), rightPred: zero(), rightGoldLenient: zero(), rightPredLenient: zero() },
    entities: { gold: gold.entities.length, predicted: 0, matchedUntyped: 0, matchedTyped: 0, matchedUntypedLenient: 0, matchedTypedLenient: 0 },
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
    const lenient = speakerRight(pred!, p, g.q.speaker, 'lenient');
    if (lenient) {
      report.quotes.rightGoldLenient[g.group]++;
      report.quotes.rightPredLenient[groupOf(p.kind)]++;
    }
    if (speakerRight(pred!, p, g.q.speaker, 'strict')) {
      report.quotes.rightGold[g.group]++;
      report.quotes.rightPred[groupOf(p.kind)]++;
    } else {
      report.wrongSpeakers.push({ id: p.id, text: p.text, predicted: p.speaker?.name ?? null, gold: g.q.speaker, rule: p.rule, lenient });
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
  for (const { typed } of matchEntities(gold.entities, ents, 'lenient')) {
    report.entities.matchedUntypedLenient++;
    if (typed) report.entities.matchedTypedLenient++;
  }
  const gTaken = new Set<number>();
  const pTaken = new Set<number>();
  for (const { gi, pi, typed } of matchEntities(gold.entities, ents, 'strict')) {
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
  /** endToEnd and attributionAccuracy are strict; the *Lenient figures let any name or mention text match. */
  quotes: Record<'all' | Group, { span: Prf; endToEnd: Prf; endToEndLenient: Prf; attributionAccuracy: number; attributionAccuracyLenient: number; matched: number }>;
  entities: { untyped: Prf; typed: Prf; untypedLenient: Prf; typedLenient: Prf };
}

export function sumReports(reports: ArticleReport[]): EvalFigures {
  const q: QuoteCounts = { gold: zero(), predicted: zero(), matchedGold: zero(), matchedPred: zero(), rightGold: zero(), rightPred: zero(), rightGoldLenient: zero(), rightPredLenient: zero() };
  const e = { gold: 0, predicted: 0, untyped: 0, typed: 0, untypedLenient: 0, typedLenient: 0 };
  for (const r of reports) {
    for (const k of Object.keys(q) as Array<keyof typeof q>) for (const g of ['direct', 'indirect+mixed'] as Group[]) q[k][g] += r.quotes[k][g];
    e.gold += r.entities.gold;
    e.predicted += r.entities.predicted;
    e.untyped += r.entities.matchedUntyped;
    e.typed += r.entities.matchedTyped;
    e.untypedLenient += r.entities.matchedUntypedLenient;
    e.typedLenient += r.entities.matchedTypedLenient;
  }
  const figure = (pick: (rec: Record<Group, number>) => number) => {
    const span = prf(pick(q.matchedPred), pick(q.predicted), pick(q.matchedGold), pick(q.gold));
    const endToEnd = prf(pick(q.rightPred), pick(q.predicted), pick(q.rightGold), pick(q.gold));
    const endToEndLenient = prf(pick(q.rightPredLenient), pick(q.predicted), pick(q.rightGoldLenient), pick(q.gold));
    const matched = pick(q.matchedGold);
    return {
      span,
      endToEnd,
      endToEndLenient,
      attributionAccuracy: matched ? pick(q.rightGold) / matched : 0,
      attributionAccuracyLenient: matched ? pick(q.rightGoldLenient) / matched : 0,
      matched,
    };
  };
  return {
    articles: reports.length,
    missingPredictions: reports.filter((r) => r.missingPrediction).map((r) => r.article),
    quotes: {
      all: figure((r) => r.direct + r['indirect+mixed']),
      direct: figure((r) => r.direct),
      'indirect+mixed': figure((r) => r['indirect+mixed']),
    },
    entities: {
      untyped: prf(e.untyped, e.predicted, e.untyped, e.gold),
      typed: prf(e.typed, e.predicted, e.typed, e.gold),
      untypedLenient: prf(e.untypedLenient, e.predicted, e.untypedLenient, e.gold),
      typedLenient: prf(e.typedLenient, e.predicted, e.typedLenient, e.gold),
    },
  };
}
