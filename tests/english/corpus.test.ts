// The English path scored end to end against the English development corpus
// (tests/corpus/en: eleven articles of other outlets, topics and mark styles,
// written as a held-out style set). Floors are 0.02 below the figures measured
// when they were set (strict speakers and entities), so that a regression fails
// the suite; raise them as the English path improves. Note: the English rules were
// tuned on these articles; the figure that counts is the real dev set
// (tests/quotes/devset-eval.test.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResources } from '../../src/resources.ts';
import { processArticle } from '../../src/process-article.ts';
import { evaluateArticle, sumReports } from '../../src/eval/evaluate.ts';
import { GoldFileSchema } from '../../src/schema/gold.ts';

const root = fileURLToPath(new URL('../corpus/en', import.meta.url));
const resources = loadResources();

function score() {
  const reports = readdirSync(join(root, 'gold'))
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = GoldFileSchema.parse(JSON.parse(readFileSync(join(root, 'gold', f), 'utf8')));
      const bytes = readFileSync(join(root, 'articles', gold.article));
      const out = processArticle(bytes, { abs: gold.article, rel: gold.article }, { resources });
      expect(out.article.lang).toBe('en');
      return evaluateArticle(gold, out, null);
    });
  return sumReports(reports);
}

describe('English development corpus against its gold', () => {
  const f = score();
  it('finds the quotes', () => {
    expect(f.quotes.all.span.f1).toBeGreaterThanOrEqual(FLOORS.span);
    expect(f.quotes.direct.span.f1).toBeGreaterThanOrEqual(FLOORS.directSpan);
    expect(f.quotes['indirect+mixed'].span.f1).toBeGreaterThanOrEqual(FLOORS.indirectSpan);
  });
  it('attributes them', () => {
    expect(f.quotes.all.endToEnd.f1).toBeGreaterThanOrEqual(FLOORS.endToEnd);
    expect(f.quotes.direct.endToEnd.f1).toBeGreaterThanOrEqual(FLOORS.directEndToEnd);
    expect(f.quotes['indirect+mixed'].endToEnd.f1).toBeGreaterThanOrEqual(FLOORS.indirectEndToEnd);
  });
  it('finds the entities', () => {
    expect(f.entities.typed.f1).toBeGreaterThanOrEqual(FLOORS.entitiesTyped);
    expect(f.entities.untyped.f1).toBeGreaterThanOrEqual(FLOORS.entitiesUntyped);
  });
});

// Measured: span 0.987 (direct 1.000, indirect+mixed 0.976), with right speaker 0.971
// (0.989, 0.956), entities typed 0.968, untyped 0.973.
const FLOORS = {
  span: 0.96, directSpan: 0.98, indirectSpan: 0.95,
  endToEnd: 0.95, directEndToEnd: 0.96, indirectEndToEnd: 0.93,
  entitiesTyped: 0.94, entitiesUntyped: 0.95,
};
