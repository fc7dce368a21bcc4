// The span invariant on every seed: each text in the output is exactly the source slice it claims,
// and the output validates against the published schema. Counts of quotes and entities are not
// asserted: those stages are still being written.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { processArticle, validateOutput } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';
import { ArticleOutputSchema, type ArticleOutput } from '../../src/schema/output.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
const ctx = { resources: loadResources() };

/** Every problem with the spans of an output, as readable strings (empty when all is well). */
function spanProblems(out: ArticleOutput): string[] {
  const src = out.source;
  const problems: string[] = [];
  const inBounds = (what: string, s: { start: number; end: number }) => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= src.length))
      problems.push(`${what}: [${s.start}, ${s.end}) outside [0, ${src.length}]`);
  };
  const exact = (what: string, s: { start: number; end: number; text: string }) => {
    inBounds(what, s);
    if (src.slice(s.start, s.end) !== s.text) problems.push(`${what}: text ${JSON.stringify(s.text)} is not the slice ${JSON.stringify(src.slice(s.start, s.end))}`);
  };
  for (const e of out.entities) for (const [i, m] of e.mentions.entries()) exact(`entity ${e.id} mention ${i}`, m);
  for (const q of out.quotes) {
    exact(`quote ${q.id}`, q);
    if (q.cue) exact(`quote ${q.id} cue`, q.cue);
    if (q.speaker?.mention) exact(`quote ${q.id} speaker mention`, q.speaker.mention);
  }
  for (const [i, s] of out.sentences.entries()) {
    inBounds(`sentence ${i}`, s);
    if (s.start === s.end) problems.push(`sentence ${i} is empty`);
  }
  for (const [i, b] of out.boilerplate.entries()) inBounds(`boilerplate ${i}`, b);
  for (const m of out.messages) if (m.start !== undefined && m.end !== undefined) inBounds(`message ${m.reason}`, { start: m.start, end: m.end });
  return problems;
}

describe.each(SEEDS)('seed %s', (file) => {
  const bytes = readFileSync(join(ROOT, 'seeds', file));
  const out = processArticle(bytes, { abs: join(ROOT, 'seeds', file), rel: file }, ctx);

  it('validates against ArticleOutputSchema, also after a JSON round trip', () => {
    expect(ArticleOutputSchema.safeParse(out).success).toBe(true);
    expect(ArticleOutputSchema.safeParse(JSON.parse(JSON.stringify(out))).success).toBe(true);
  });

  it('every emitted span is inside the source and every text is its exact slice', () => {
    expect(spanProblems(out)).toEqual([]);
  });

  it('the article record describes the source', () => {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(out.source).toBe(text);
    expect(out.article.chars).toBe(out.source.length);
    expect(out.article.sha256).toBe(createHash('sha256').update(out.source).digest('hex'));
    expect(out.article.path).toBe(file);
    expect(out.article.id).toBe(file.replace(/\.txt$/, ''));
    expect(out.article.lang).toBe('ar');
    expect(out.sentences.length).toBeGreaterThan(0);
    expect(new Set(out.quotes.map((q) => q.id)).size).toBe(out.quotes.length);
  });
});

describe('the span checker itself', () => {
  // Guard against a checker that cannot fail: corrupt one valid output in several ways.
  const out = processArticle(Buffer.from('قال الوزير إن الحوار مستمر. وأضاف أن الاتصالات لم تنقطع.'), { abs: '/tmp/x.txt', rel: 'x.txt' }, ctx);
  const quote = (start: number, end: number, text: string): ArticleOutput['quotes'][number] => ({
    id: 'q1', kind: 'indirect', text, start, end, speaker: null, cue: null, confidence: 0.5, rule: 'test',
  });
  const src = out.source;
  const a = src.indexOf('الحوار');
  const base = { ...out, quotes: [], entities: [], sentences: [] };
  it.each<[string, ArticleOutput, number, RegExp | null]>([
    ['a correct quote', { ...base, quotes: [quote(a, a + 6, 'الحوار')] }, 0, null],
    ['a quote whose text is one character off', { ...base, quotes: [quote(a + 1, a + 7, 'الحوار')] }, 1, /quote q1: text does not match/],
    ['a quote past the end of the source', { ...base, quotes: [quote(src.length - 2, src.length + 3, src.slice(-2))] }, 1, /quote q1: span .* outside/],
    ['a correct sentence', { ...base, sentences: [{ start: 0, end: 5 }] }, 0, null],
    ['an empty sentence', { ...base, sentences: [{ start: 3, end: 3 }] }, 1, null],
    ['a sentence past the end', { ...base, sentences: [{ start: 0, end: src.length + 1 }] }, 1, /sentence: span .* outside/],
  ])('%s: %i problems', (_name, corrupted, n, pipelineError) => {
    expect(spanProblems(corrupted)).toHaveLength(n);
    // validateOutput (the pipeline's own check) agrees on text mismatches and out-of-bounds spans.
    if (pipelineError) expect(() => validateOutput(corrupted)).toThrow(pipelineError);
    else expect(() => validateOutput(corrupted)).not.toThrow();
  });
});
