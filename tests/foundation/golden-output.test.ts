// The committed output/ is the golden output of the seeds: a fresh extract of
// seeds/ (the batch of `isnad extract`, defaults) must give the same JSON,
// run-dependent fields (milliseconds) aside. So every rule change shows its
// effect on the seeds as a diff of output/ in review. To accept a change on
// purpose, regenerate and review the diff like code:
//   UPDATE_GOLDEN=1 npx vitest run tests/foundation/golden-output.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/batch.ts';
import { loadResources, PROJECT_ROOT } from '../../src/resources.ts';

const GOLDEN = join(PROJECT_ROOT, 'output');
const update = process.env.UPDATE_GOLDEN === '1';
const fresh = mkdtempSync(join(tmpdir(), 'isnad-golden-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

/** The JSON without fields that differ from run to run. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'milliseconds').map(([k, v]) => [k, stable(v)]));
  }
  return value;
}
const read = (dir: string, f: string) => stable(JSON.parse(readFileSync(join(dir, f), 'utf8')));
const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('output/ is what extracting seeds/ gives today', () => {
  beforeAll(async () => {
    const summary = await runBatch({ inputs: [join(PROJECT_ROOT, 'seeds')], outDir: fresh, jobs: 1, article: { lang: 'auto', pretty: true }, resources: {}, preloaded: loadResources() });
    expect(summary.failed).toBe(0);
    if (update) {
      for (const f of jsonFiles(fresh)) copyFileSync(join(fresh, f), join(GOLDEN, f));
      console.warn(`golden-output: output/ regenerated from seeds/ (${jsonFiles(fresh).length} files); review the diff`);
    }
  });

  it('the same files', () => {
    expect(jsonFiles(fresh)).toEqual(jsonFiles(GOLDEN));
  });

  const files = jsonFiles(GOLDEN);
  it.each(files)('%s', (f) => {
    expect(read(fresh, f), `output/${f} differs from a fresh extract; if the change is meant, UPDATE_GOLDEN=1 and review the diff`).toEqual(read(GOLDEN, f));
  });

  it('the run-dependent fields are the only ones set aside', () => {
    const manifest = JSON.parse(readFileSync(join(fresh, 'manifest.json'), 'utf8')) as { summary: Record<string, unknown> };
    expect(Object.keys(manifest.summary).sort()).toEqual(['articles', 'entities', 'failed', 'milliseconds', 'ok', 'quotes']);
    expect(stable(manifest)).not.toHaveProperty('summary.milliseconds');
    expect(stable(manifest)).toHaveProperty('summary.quotes');
  });
});
