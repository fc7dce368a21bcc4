// `isnad extract` never loads DuckDB: the kb command imports it on demand. The
// native library shows in the process report's shared objects once loaded.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function loadsDuckdb(args: string[]): boolean {
  const script = `
    const { main } = await import(${JSON.stringify(join(ROOT, 'src', 'cli.ts'))});
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = () => true;
    process.stderr.write = () => true;
    await main(${JSON.stringify(args)});
    const libs = process.report.getReport().sharedObjects;
    write(JSON.stringify(libs.some((l) => /duckdb/i.test(l))));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim()) as boolean;
}

describe('DuckDB is loaded by the kb command only', () => {
  it('extract does not load it', () => {
    const out = mkdtempSync(join(tmpdir(), 'isnad-lazy-'));
    try {
      expect(loadsDuckdb(['extract', join(ROOT, 'seeds', '001_5807bf437fd757a4.txt'), '--out', out, '--quiet'])).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
  it('kb does', () => {
    expect(loadsDuckdb(['kb', 'help'])).toBe(true);
  }, 60_000);
});
