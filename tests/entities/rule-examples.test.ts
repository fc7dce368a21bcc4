// Every entity rule carries example sentences in its YAML. Each is tested twice:
// through the rule that claims it, with no people or organisations in the
// gazetteers (so a gazetteer entry cannot stand in for the rule), checking the
// rule id each mention records; and through the whole pipeline.
import { describe, expect, it } from 'vitest';
import { entityRuleFiles, loadEntityRuleFiles } from '../../src/lang/ar/entity-rules.ts';
import { PROJECT_ROOT } from '../../src/resources.ts';
import { join } from 'node:path';
import { run, runWithoutNameGazetteers } from './helpers.ts';
import type { ArticleOutput } from '../../src/schema/output.ts';

const files = loadEntityRuleFiles(entityRuleFiles(join(PROJECT_ROOT, 'rules'), 'ar'));
const cases = files.flatMap((f) =>
  [...f.rules, ...f.organisations].flatMap((rule) => rule.examples.map((ex, i) => ({ name: `${rule.id} #${i + 1}`, rule, ex }))),
);
// Note: a title that no one in the article holds resolves through the people gazetteer's
// roles; that rule cannot work without it, and is tested with the gazetteers.
const needsGazetteer = (rule: (typeof cases)[number]['rule']) => 'kind' in rule && rule.kind === 'title-gazetteer-role';

const mentionsOf = (out: ArticleOutput) => out.entities.flatMap((e) => e.mentions.map((m) => ({ ...m, type: e.type })));

describe('rules/ar entity rule examples, through the rule that claims them', () => {
  it('has examples of every rule', () => {
    expect(cases.length).toBeGreaterThan(5);
    for (const f of files) for (const r of [...f.rules, ...f.organisations]) expect(r.examples.length).toBeGreaterThan(0);
  });
  it.each(cases)('$name', ({ rule, ex }) => {
    const out = needsGazetteer(rule) ? run(ex.text) : runWithoutNameGazetteers(ex.text);
    const ms = mentionsOf(out);
    const shown = ms.map((m) => `${m.type}:${m.kind}:${m.text} <${m.rule}>`).join(', ');
    for (const want of ex.entities) {
      expect(ms.some((m) => m.kind !== 'title' && m.type === want.type && m.text === want.text), `${want.type}:${want.text} in ${shown}`).toBe(true);
    }
    for (const n of ex.not) expect(ms.map((m) => m.text)).not.toContain(n);
    const byRule = ms.filter((m) => m.rule === rule.id);
    if (ex.entities.length || needsGazetteer(rule)) {
      // A positive example: the rule itself produced a mention (a name, an alias or the title it binds).
      expect(byRule.length, `no mention by ${rule.id} in ${shown}`).toBeGreaterThan(0);
    } else {
      // A negative example: the rule produced nothing here.
      expect(byRule, shown).toEqual([]);
    }
  });
});

describe('rules/ar entity rule examples, through the whole pipeline', () => {
  it.each(cases)('$name', ({ ex }) => {
    const out = run(ex.text);
    const got = out.entities.flatMap((e) => e.mentions.filter((m) => m.kind !== 'title').map((m) => `${e.type}:${m.text}`));
    for (const want of ex.entities) expect(got).toContain(`${want.type}:${want.text}`);
    const texts = out.entities.flatMap((e) => e.mentions.map((m) => m.text));
    for (const n of ex.not) expect(texts).not.toContain(n);
  });
});
