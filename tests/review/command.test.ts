// The isnad review command line: arguments, the printed address, stopping on SIGINT.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReviewCommand } from '../../src/review/command.ts';
import { copyFixtures, type Workspace } from './helpers.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let ws: Workspace;
beforeEach(() => {
  ws = copyFixtures();
});
afterEach(() => {
  vi.restoreAllMocks();
  ws.cleanup();
});

describe('runReviewCommand arguments', () => {
  it('prints usage for --help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await runReviewCommand(['--help'])).toBe(0);
    expect(log.mock.calls.join('\n')).toMatch(/isnad review \[DIR\] \[--port N\] \[--host H\]/);
  });

  it('refuses bad arguments with exit code 2 and a reason', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cases: Array<[string[], RegExp]> = [
      [['--bogus'], /Unknown option '--bogus'/],
      [[ws.dir, '--port', 'eighty'], /--port must be a number/],
      [[ws.dir, '--port', '70000'], /--port must be a number/],
      [[join(ws.dir, 'missing')], /no such folder/],
      [[ws.dir, ws.dir], /one folder at most/],
      [['--to-gold', ws.dir], /--to-gold needs --out/],
      [['--to-gold', join(ws.dir, 'missing'), '--out', ws.dir], /no such folder/],
      [[ws.dir, '--out', 'x'], /go with --to-gold/],
    ];
    for (const [args, message] of cases) {
      err.mockClear();
      expect(await runReviewCommand(args), args.join(' ')).toBe(2);
      expect(err.mock.calls.join('\n'), args.join(' ')).toMatch(message);
    }
  });
});

describe('isnad review as a process', () => {
  it('prints the address, serves, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src', 'review', 'command.ts'), ws.dir, '--port', '0'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed; stderr: ${err}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${err}`)));
    });
    const res = await fetch(new URL('/api/articles', url));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { articles: unknown[] }).articles).toHaveLength(2);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toMatch(/stopping/);
  }, 20_000);
});
