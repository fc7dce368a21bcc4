// Time per article grows linearly with the article: a run of quotation marks or deeply nested
// markup 8 times as long takes about 8 times as long, never 64. Measured as a ratio in one run
// (the minimum of several repetitions of each size), never against a timed threshold: a loaded
// machine slows both sizes alike. The bound (20) is generous: linear code stays near 8, while
// quadratic code gives about 64.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { processArticle } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';
import { pairQuoteMarks } from '../../src/text/pair-quote-marks.ts';

const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
const ctx = { resources: loadResources({ gazetteersDir: NO_GAZETTEERS }) };

const REPS = 3;
const BOUND = 20;

/** The fastest of `REPS` runs, in milliseconds. */
function fastest(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Runs the whole pipeline; an article that fails is still timed (failing fast is linear too). */
function extract(text: string, rel: string): void {
  try {
    processArticle(Buffer.from(text, 'utf8'), { abs: `/tmp/${rel}`, rel }, ctx, { maxBytes: 64 * 1024 * 1024 });
  } catch {
    // timed all the same
  }
}

function ratio(make: (n: number) => string, n: number, rel: string): number {
  const small = make(n);
  const large = make(8 * n);
  extract(small, rel); // warm-up: compiled code and caches for both runs
  const t1 = Math.max(fastest(() => extract(small, rel)), 1);
  const t8 = fastest(() => extract(large, rel));
  return t8 / t1;
}

describe('time per article is linear in the article', () => {
  it.each<[string, (n: number) => string, number, string]>([
    ['Arabic: a run of « openers then a run of ” closers', (n) => `قال الوزير: ${'« '.repeat(n)}${'”'.repeat(n)}`, 2000, 'a.txt'],
    ['Arabic: one paragraph of many short quotations', (n) => `قال الوزير ${'إن «الحوار» “مستمر” '.repeat(n / 4)}`, 2000, 'a.txt'],
    ['Arabic: a run of glued marks', (n) => `وقال المتحدث ${'”كلمة'.repeat(n)}`, 2000, 'a.txt'],
    // Note: 8× must pass 16,000 terms, where compromise alone turns superlinear.
    ["English: a run of ' marks before words", (n) => `The minister said ${"'a ".repeat(n)}`, 2500, 'a.txt'],
    ['English: a run of “ marks', (n) => `The minister said “${'“yes” '.repeat(n)}`, 2000, 'a.txt'],
    ['HTML: nested <div>', (n) => `<html><body>${'<div>'.repeat(n)}قال الوزير إن الحوار مستمر${'</div>'.repeat(n)}`, 10000, 'a.html'],
    ['HTML: nested <b> never closed', (n) => `<html><body><p>The minister said talks continue.</p>${'<b>'.repeat(n)}x`, 10000, 'a.html'],
    ['HTML: stray closing tags under deep nesting', (n) => `<html><body>${'<span>'.repeat(n)}${'</i>'.repeat(n)}<p>The minister said talks continue.</p>`, 5000, 'a.html'],
  ])('%s', (_name, make, n, rel) => {
    expect(ratio(make, n, rel)).toBeLessThan(BOUND);
  }, 120_000);

  it('pairQuoteMarks: openers that a closer may not close do not make it search the whole stack', () => {
    const table = { roles: new Map<string, 'open' | 'close' | 'either'>([['«', 'open'], ['»', 'close'], ['”', 'close']]), partners: new Map([['«', new Set(['»'])]]) };
    const make = (n: number) => '«'.repeat(n) + '”'.repeat(n);
    const small = make(20000);
    const large = make(160000);
    pairQuoteMarks(small, table);
    const r = fastest(() => pairQuoteMarks(large, table)) / Math.max(fastest(() => pairQuoteMarks(small, table)), 0.5);
    expect(r).toBeLessThan(BOUND);
  });
});

describe('the HTML depth cap', () => {
  it('markup nested past the cap keeps its text and says so in a warning', () => {
    const deep = `<html><body><article><p>قال الوزير إن الحوار مستمر.</p>${'<div>'.repeat(3000)}<p>وأضاف أن الاتصالات لم تنقطع.</p>${'</div>'.repeat(3000)}</article></body></html>`;
    const out = processArticle(Buffer.from(deep), { abs: '/tmp/deep.html', rel: 'deep.html' }, ctx);
    expect(out.source).toContain('قال الوزير إن الحوار مستمر.');
    expect(out.source).toContain('وأضاف أن الاتصالات لم تنقطع.');
    expect(out.messages).toContainEqual(expect.objectContaining({ severity: 'warning', stage: 'take-html-text', ruleId: 'html.depth-cap' }));
  });

  it('ordinary nesting has no such warning (control)', () => {
    const shallow = `<html><body>${'<div>'.repeat(50)}<p>قال الوزير إن الحوار مستمر.</p>${'</div>'.repeat(50)}</body></html>`;
    const out = processArticle(Buffer.from(shallow), { abs: '/tmp/shallow.html', rel: 'shallow.html' }, ctx);
    expect(out.messages.filter((m) => m.ruleId === 'html.depth-cap')).toEqual([]);
  });
});
