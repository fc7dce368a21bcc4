// The whole pipeline scored against gold files: the five seeds, and the Arabic
// development corpus of other outlets and topics that the rules were not
// written from. Floors are 0.02 below the figures measured when they were set
// (strict speakers and entities), so that a regression fails the suite; raise
// them as the pipeline improves. Note: these articles were written for the
// project; the figure that counts is the real dev set (devset-eval.test.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResources } from '../../src/resources.ts';
import { processArticle } from '../../src/process-article.ts';
import { evaluateArticle, sumReports } from '../../src/eval/evaluate.ts';
import { GoldFileSchema } from '../../src/schema/gold.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const resources = loadResources();

function score(articlesDir: string, goldDir: string) {
  const reports = readdirSync(goldDir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = GoldFileSchema.parse(JSON.parse(readFileSync(join(goldDir, f), 'utf8')));
      const bytes = readFileSync(join(articlesDir, gold.article));
      const out = processArticle(bytes, { abs: gold.article, rel: gold.article }, { resources });
      return evaluateArticle(gold, out, null);
    });
  return sumReports(reports);
}

describe('seeds against their gold', () => {
  const f = score(join(root, 'seeds'), join(root, 'tests/gold'));
  it('finds the quotes', () => {
    expect(f.quotes.direct.span.f1).toBeGreaterThanOrEqual(SEEDS.directSpan);
    expect(f.quotes['indirect+mixed'].span.f1).toBeGreaterThanOrEqual(SEEDS.indirectSpan);
  });
  it('attributes them', () => {
    expect(f.quotes.direct.endToEnd.f1).toBeGreaterThanOrEqual(SEEDS.directEndToEnd);
    expect(f.quotes['indirect+mixed'].endToEnd.f1).toBeGreaterThanOrEqual(SEEDS.indirectEndToEnd);
  });
  it('finds the entities', () => {
    expect(f.entities.typed.f1).toBeGreaterThanOrEqual(SEEDS.entitiesTyped);
    expect(f.entities.untyped.f1).toBeGreaterThanOrEqual(SEEDS.entitiesUntyped);
  });
});

describe('Arabic development corpus against its gold', () => {
  const f = score(join(root, 'tests/corpus/ar/articles'), join(root, 'tests/corpus/ar/gold'));
  it('finds the quotes', () => {
    expect(f.quotes.all.span.f1).toBeGreaterThanOrEqual(DEV_AR.span);
    expect(f.quotes.direct.span.f1).toBeGreaterThanOrEqual(DEV_AR.directSpan);
    expect(f.quotes['indirect+mixed'].span.f1).toBeGreaterThanOrEqual(DEV_AR.indirectSpan);
  });
  it('attributes them', () => {
    expect(f.quotes.all.endToEnd.f1).toBeGreaterThanOrEqual(DEV_AR.endToEnd);
    expect(f.quotes.direct.endToEnd.f1).toBeGreaterThanOrEqual(DEV_AR.directEndToEnd);
    expect(f.quotes['indirect+mixed'].endToEnd.f1).toBeGreaterThanOrEqual(DEV_AR.indirectEndToEnd);
  });
  it('finds the entities', () => {
    expect(f.entities.typed.f1).toBeGreaterThanOrEqual(DEV_AR.entitiesTyped);
    expect(f.entities.untyped.f1).toBeGreaterThanOrEqual(DEV_AR.entitiesUntyped);
  });
});

// Measured: seeds 1.000 for every quote figure, entities 0.989; Arabic corpus span 0.986
// (direct 1.000, indirect+mixed 0.980), with right speaker 0.950 (0.976, 0.939), entities 0.799.
const SEEDS = { directSpan: 0.98, indirectSpan: 0.98, directEndToEnd: 0.98, indirectEndToEnd: 0.98, entitiesTyped: 0.96, entitiesUntyped: 0.96 };
const DEV_AR = { span: 0.96, directSpan: 0.98, indirectSpan: 0.96, endToEnd: 0.93, directEndToEnd: 0.95, indirectEndToEnd: 0.91, entitiesTyped: 0.77, entitiesUntyped: 0.77 };
