// The eval table: both counts behind precision and recall, and one column for the figures.
import { describe, expect, it } from 'vitest';
import { formatFigures } from '../../src/eval/command.ts';
import { prf, type EvalFigures } from '../../src/eval/evaluate.ts';

function figures(): EvalFigures {
  // 30 gold direct quotes all found, but one of them by a predicted indirect quote: 29 predicted direct, all right.
  const direct = { span: prf(29, 29, 30, 30), endToEnd: prf(29, 29, 30, 30), endToEndLenient: prf(29, 29, 30, 30), attributionAccuracy: 1, attributionAccuracyLenient: 1, matched: 30 };
  const other = { span: prf(50, 51, 50, 50), endToEnd: prf(49, 51, 49, 50), endToEndLenient: prf(49, 51, 49, 50), attributionAccuracy: 0.98, attributionAccuracyLenient: 0.98, matched: 50 };
  const all = { span: prf(79, 80, 80, 80), endToEnd: prf(78, 80, 79, 80), endToEndLenient: prf(78, 80, 79, 80), attributionAccuracy: 79 / 80, attributionAccuracyLenient: 79 / 80, matched: 80 };
  return { articles: 5, missingPredictions: [], quotes: { all, direct, 'indirect+mixed': other }, entities: { typed: prf(94, 95, 94, 95), untyped: prf(94, 95, 94, 95), typedLenient: prf(94, 95, 94, 95), untypedLenient: prf(94, 95, 94, 95) } };
}

describe('formatFigures', () => {
  it('says how many gold quotes were found and how many predicted ones were right, separately', () => {
    const text = formatFigures(figures());
    expect(text).toContain('span, direct');
    const direct = text.split('\n').find((l) => l.includes('span, direct'))!;
    expect(direct).toMatch(/\(30 of 30 gold found, 29 of 29 predicted right\)$/);
    const other = text.split('\n').find((l) => l.includes('with right speaker, indirect+mixed'))!;
    expect(other).toMatch(/\(49 of 50 gold found, 49 of 51 predicted right\)$/);
    expect(text).not.toMatch(/\d+\/\d+ gold, \d+ predicted/);
  });

  it('lines every figure up in one column, the attribution rows too', () => {
    const lines = formatFigures(figures()).split('\n').filter((l) => /^ {2}\S|^ {4}lenient/.test(l));
    // Per kind: span, with right speaker, its lenient figure, attribution; then typed and untyped entities and their lenient figures.
    expect(lines.length).toBe(16);
    const columns = new Set(lines.map((l) => l.search(/ [PA] \d\.\d{3}/)));
    expect(columns.size).toBe(1);
    expect([...columns][0]).toBeGreaterThan(0);
  });
});
