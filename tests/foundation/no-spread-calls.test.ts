// No array of unbounded length is spread into a call's arguments anywhere in src/: arguments
// live on the stack, so `push(...cues)` with 200,000 cues overflowed it ("Maximum call stack
// size exceeded") in the main thread but not in a worker, whose stack is sized differently —
// results must not depend on --jobs. The scan below finds spreads inside call parentheses;
// rest parameters (`function f(...args)`, `(...xs) =>`) are not calls and are allowed.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processArticle } from '../../src/process-article.ts';
import { loadResources } from '../../src/resources.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));

/** Positions of `...` directly inside the parentheses of a call, in JS/TS source (strings, comments and regex literals skipped). */
export function spreadsInCalls(src: string): number[] {
  const found: number[] = [];
  const stack: Array<{ ch: string; at: number; spreads: number[] }> = [];
  let prevSig = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i === -1) break;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
      prevSig = c;
      continue;
    }
    if (c === '/' && (prevSig === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prevSig) || /\breturn\s*$/.test(src.slice(Math.max(0, i - 10), i)))) {
      // A regular expression literal.
      let inClass = false;
      for (i++; i < src.length; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        else if (src[i] === '/' && !inClass) break;
      }
      prevSig = 'r';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push({ ch: c, at: i, spreads: [] });
    else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (open?.ch === '(' && open.spreads.length) {
        const before = src.slice(Math.max(0, open.at - 40), open.at);
        const after = src.slice(i + 1, i + 40);
        const isCall = /[\w$)\]>]\s*$/.test(before) && !/\bfunction\s*[\w$]*\s*$/.test(before) && !/^\s*(=>|\{|:)/.test(after);
        if (isCall) found.push(...open.spreads);
      }
    } else if (c === '.' && src.startsWith('...', i)) {
      stack[stack.length - 1]?.spreads.push(i);
      i += 2;
    }
    if (!/\s/.test(c)) prevSig = c;
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('no spread of an array into a call', () => {
  it('the scan finds call spreads and passes over rest parameters and array literals (control)', () => {
    const src = [
      'xs.push(...ys);',
      'Math.max(0, ...rules.map((r) => r.n));',
      'function f(a, ...rest) { return rest; }',
      'const g = (...xs) => xs.length;',
      'const all = [...a, ...b];',
      'const o = { ...base, x: 1 };',
      "const s = 'a (...b)'; // f(...c)",
      'const re = /\\((\\.\\.\\.)/g;',
    ].join('\n');
    expect(spreadsInCalls(src).map((at) => src.slice(0, at).split('\n').length)).toEqual([1, 2]);
  });

  it('src/ has none', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const at of spreadsInCalls(text)) {
        const line = text.slice(0, at).split('\n').length;
        problems.push(`${relative(ROOT, file)}:${line}: ${text.split('\n')[line - 1]!.trim()}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('an article with 200,000 speech cues is extracted in the main thread (no stack overflow)', () => {
    const ctx = { resources: loadResources({ gazetteersDir: NO_GAZETTEERS }) };
    const text = 'وقال '.repeat(200_000);
    const out = processArticle(Buffer.from(text), { abs: '/tmp/cues.txt', rel: 'cues.txt' }, ctx, { maxBytes: 64 * 1024 * 1024 });
    expect(out.article.lang).toBe('ar');
  }, 120_000);
});
