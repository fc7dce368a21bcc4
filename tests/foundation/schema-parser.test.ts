// The output check's compiled parser must answer as zod does: accept what the schema accepts,
// return the same value (same keys, same order, unknown keys dropped), and refuse what zod refuses.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compileSchemaParser, MISMATCH } from '../../src/pipeline/schema-parser.ts';
import { ArticleOutputSchema, type ArticleOutput } from '../../src/schema/output.ts';
import { processArticle } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';

const parse = compileSchemaParser(ArticleOutputSchema)!;
const ctx = { resources: loadResources() };
const dirs = ['../../seeds', '../corpus/ar/articles', '../corpus/en/articles'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const outputs: ArticleOutput[] = [];
for (const dir of dirs) {
  for (const f of readdirSync(dir).sort().slice(0, 6)) outputs.push(processArticle(readFileSync(`${dir}/${f}`), { abs: f, rel: f }, ctx));
}

/** A deep copy with every object's keys in reverse order (zod rebuilds objects in the schema's order). */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
  return v;
}

describe('compileSchemaParser on the output contract', () => {
  it('covers the output schema', () => {
    expect(parse).not.toBeNull();
  });

  it('returns what zod returns, key order included, on real outputs', () => {
    expect(outputs.length).toBeGreaterThan(10);
    expect(outputs.some((o) => o.quotes.length > 0 && o.entities.length > 0)).toBe(true);
    for (const o of outputs) {
      const input = reversed({ ...o, extra: 1, article: { ...o.article, unknownKey: 'x' } });
      const ours = parse(input);
      expect(ours).not.toBe(MISMATCH);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(ArticleOutputSchema.parse(input)));
      // An output already in the schema's order comes back as it is, not copied; one out of order is rebuilt.
      expect(parse(o)).toBe(o);
      expect(parse(input)).not.toBe(input);
    }
  });

  const base = outputs.find((o) => o.quotes.some((q) => q.speaker?.mention) && o.article.dateline)!;
  it.each<[string, (o: any) => void]>([
    ['a valid output as it is', () => {}],
    ['a negative offset', (o) => (o.sentences[0].start = -1)],
    ['a fractional offset', (o) => (o.sentences[0].end = 2.5)],
    ['an offset beyond safe integers', (o) => (o.sentences[0].end = 2 ** 60)],
    ['an infinite confidence', (o) => (o.quotes[0].confidence = Infinity)],
    ['a confidence above 1', (o) => (o.quotes[0].confidence = 1.01)],
    ['a confidence of exactly 1', (o) => (o.quotes[0].confidence = 1)],
    ['NaN as a number', (o) => (o.quotes[0].confidence = NaN)],
    ['an unknown quote kind', (o) => (o.quotes[0].kind = 'reported')],
    ['a wrong schema version', (o) => (o.schemaVersion = '0.9')],
    ['a missing required key', (o) => delete o.article.sha256],
    ['a missing optional key', (o) => delete o.article.dateline],
    ['an optional key set to undefined', (o) => (o.article.date = undefined)],
    ['null where a string is required', (o) => (o.quotes[0].speaker.name = null)],
    ['null where null is allowed', (o) => (o.quotes[0].speaker.entityId = null)],
    ['an object where an array is required', (o) => (o.entities = {})],
    ['an array where an object is required', (o) => (o.article = [])],
    ['a number where a string is required', (o) => (o.entities[0].names.ar = [1])],
    ['a month of 13', (o) => (o.article.date = { start: 0, end: 1, text: 'x', month: 13, day: 1, rule: 'r' })],
    ['a month of 12', (o) => (o.article.date = { start: 0, end: 1, text: 'x', month: 12, day: 1, rule: 'r' })],
    ['a string offset', (o) => (o.quotes[0].speaker.mention.start = '3')],
  ])('%s: accepted exactly when zod accepts it', (_name, mutate) => {
    const o = structuredClone(base);
    mutate(o);
    const zod = ArticleOutputSchema.safeParse(o);
    const ours = parse(o);
    expect(ours === MISMATCH).toBe(!zod.success);
    if (zod.success) expect(JSON.stringify(ours)).toBe(JSON.stringify(zod.data));
  });

  it('declines schemas it does not cover, so that zod keeps them', () => {
    expect(compileSchemaParser(z.string().email())).toBeNull();
    expect(compileSchemaParser(z.object({ a: z.string() }).strict())).toBeNull();
    expect(compileSchemaParser(z.number().multipleOf(2))).toBeNull();
    expect(compileSchemaParser(z.object({ a: z.string().transform((s) => s.length) }))).toBeNull();
    expect(compileSchemaParser(z.object({ a: z.array(z.int().min(0)).optional(), b: z.enum(['x']).nullable() }))).not.toBeNull();
  });
});
