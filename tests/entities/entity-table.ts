// Entity tables (tests/tables/{ar,en}-entities.yaml): every expected mention is found with its
// type, and no mention lies over a `not` string. A case that fails today carries `parked:` with
// the reason and runs with it.fails, so it is reported the day it passes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlWith } from '../../src/util/load-yaml.ts';
import { run } from './helpers.ts';

const EntityCaseSchema = z
  .object({
    id: z.string(),
    about: z.string(),
    text: z.string(),
    entities: z.array(z.object({ text: z.string(), type: z.enum(['person', 'place', 'organisation']), surface: z.string().optional() })),
    not: z.array(z.string()).default([]),
    parked: z.string().optional(),
  })
  .strict();
export type EntityCase = z.infer<typeof EntityCaseSchema>;

export function loadEntityTable(file: string): EntityCase[] {
  return parseYamlWith(readFileSync(file, 'utf8'), file, z.object({ cases: z.array(EntityCaseSchema) })).cases;
}

/** What the pipeline gets wrong on one case, as readable lines. */
export function entityProblems(c: EntityCase, lang: 'ar' | 'en'): string[] {
  const out = run(c.text, lang);
  const mentions = out.entities.flatMap((e) => e.mentions.filter((m) => m.kind !== 'title').map((m) => ({ ...m, type: e.type })));
  const problems: string[] = [];
  for (const want of c.entities) {
    // surface: where ل and ال fuse (للعراق) the article's alef is not written; the mention is
    // the written name with the article's lam (لعراق), the preposition left out.
    const fused = (t: string) => want.surface !== undefined && want.surface.endsWith(t) && t.length === want.text.length - 1;
    const got = mentions.find((m) => m.text === want.text || fused(m.text));
    if (!got) problems.push(`missing ${want.type}: ${want.text}`);
    else if (got.type !== want.type) problems.push(`type ${got.type}, want ${want.type}: ${want.text}`);
  }
  for (const bad of c.not) {
    const at = c.text.indexOf(bad);
    const hit = mentions.find((m) => m.text === bad || (m.start === at && m.end === at + bad.length));
    if (hit && !c.entities.some((w) => w.text === bad)) problems.push(`unwanted ${hit.type}: ${bad}`);
  }
  return problems;
}

export function describeEntityTable(label: string, file: string, lang: 'ar' | 'en'): void {
  const cases = loadEntityTable(file);
  describe(label, () => {
    it('has a unique id per case', () => {
      expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    });
    for (const c of cases) {
      const test = c.parked ? it.fails : it;
      test(`${c.id}: ${c.about}${c.parked ? ` [parked: ${c.parked}]` : ''}`, () => {
        expect(entityProblems(c, lang)).toEqual([]);
      });
    }
  });
}
