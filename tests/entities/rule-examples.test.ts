// Every entity rule carries example sentences in its YAML; each is run through the pipeline.
import { describe, expect, it } from 'vitest';
import { entityRuleFiles, loadEntityRuleFiles } from '../../src/entities/ar-rules.ts';
import { PROJECT_ROOT } from '../../src/resources.ts';
import { join } from 'node:path';
import { run } from './helpers.ts';

const files = loadEntityRuleFiles(entityRuleFiles(join(PROJECT_ROOT, 'rules'), 'ar'));
const cases = files.flatMap((f) => [...f.rules, ...f.organisations].flatMap((r) => r.examples.map((ex, i) => ({ name: `${r.id} #${i + 1}`, ex }))));

describe('rules/ar entity rule examples', () => {
  it('has examples', () => expect(cases.length).toBeGreaterThan(5));
  it.each(cases)('$name', ({ ex }) => {
    const out = run(ex.text);
    const got = out.entities.flatMap((e) => e.mentions.filter((m) => m.kind !== 'title').map((m) => `${e.type}:${m.text}`));
    for (const want of ex.entities) expect(got).toContain(`${want.type}:${want.text}`);
    const texts = out.entities.flatMap((e) => e.mentions.map((m) => m.text));
    for (const n of ex.not) expect(texts).not.toContain(n);
  });
});
