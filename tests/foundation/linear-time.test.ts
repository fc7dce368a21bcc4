// Time per article grows linearly with the article: a run of quotation marks or deeply nested
// markup 8 times as long takes about 8 times as long, never 64. Measured as a ratio in one run,
// never against a timed threshold: the two sizes are run in turn, several times, and the fastest
// run of each (in CPU time) is kept, so a loaded machine slows neither. The bound (32) sits halfway
// between linear and quadratic on a log scale: linear code stays near 8, quadratic code gives
// about 64. Note: CPU time includes the garbage collector's threads, and a collection of an 8×
// heap costs more than 8×; the allocation-heavy Arabic stages measured 20–24 on a loaded machine
// with no superlinear stage in a per-stage breakdown (the allocation belongs to the speed issue).
// The small size is chosen to take tens of milliseconds, above the noise of timers.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { processArticle } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';
import { pairQuoteMarks } from '../../src/text/pair-quote-marks.ts';

const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
const ctx = { resources: loadResources({ gazetteersDir: NO_GAZETTEERS }) };

const REPS = 4;
const BOUND = 32;

/**
 * CPU time of the process (user + system) spent in `fn`, in milliseconds. Note: CPU time, not
 * wall time, so that other processes sharing the machine do not count; vitest runs each test
 * file in a process of its own.
 */
function timed(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Time of the 8× run over the 1× run: each the fastest of REPS runs, the two sizes taken in turn. */
function interleavedRatio(small: () => void, large: () => void): number {
  small(); // warm-up: compiled code and caches
  let t1 = Infinity;
  let t8 = Infinity;
  for (let i = 0; i < REPS; i++) {
    t1 = Math.min(t1, timed(small));
    t8 = Math.min(t8, timed(large));
  }
  return t8 / Math.max(t1, 0.5);
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
  return interleavedRatio(() => extract(small, rel), () => extract(large, rel));
}

describe('time per article is linear in the article', () => {
  it.each<[string, (n: number) => string, number, string]>([
    ['Arabic: a run of « openers then a run of ” closers', (n) => `قال الوزير: ${'« '.repeat(n)}${'”'.repeat(n)}`, 16000, 'a.txt'],
    ['Arabic: one paragraph of many short quotations', (n) => `قال الوزير ${'إن «الحوار» “مستمر” '.repeat(n / 4)}`, 4000, 'a.txt'],
    // (16,000: at 8,000 the small run took 9 ms once the Arabic stages got faster, near the timers' noise.)
    ['Arabic: a run of glued marks', (n) => `وقال المتحدث ${'”كلمة'.repeat(n)}`, 16000, 'a.txt'],
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
    const small = make(50_000);
    const large = make(400_000);
    expect(interleavedRatio(() => pairQuoteMarks(small, table), () => pairQuoteMarks(large, table))).toBeLessThan(BOUND);
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
