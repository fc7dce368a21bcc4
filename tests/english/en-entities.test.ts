// The English entity table (tests/tables/en-entities.yaml): every expected
// mention is found with its type, and no mention lies over a `not` string.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseYamlWith } from '../../src/util/load-yaml.ts';
import { run } from '../entities/helpers.ts';

const file = fileURLToPath(new URL('../tables/en-entities.yaml', import.meta.url));
const EntityCaseSchema = z.object({
  id: z.string(),
  about: z.string(),
  text: z.string(),
  entities: z.array(z.object({ text: z.string(), type: z.enum(['person', 'place', 'organisation']) })),
  not: z.array(z.string()).default([]),
});
const cases = parseYamlWith(readFileSync(file, 'utf8'), file, z.object({ cases: z.array(EntityCaseSchema) })).cases;

// Known failures, parked with their reasons rather than deleted.
const KNOWN: Record<string, string> = {
  'club-named-like-city': 'a club named like its city (Barcelona) is the gazetteer\'s place; sport context does not retype it',
  'competition-not-entity': 'a lone invented club name (Eastmoor) with no title, head word or speech verb around it is not found',
  'political-parties': 'the gazetteers list the British parties (Conservative Party, Labour Party) but not their bare forms (the Conservatives, Labour), and compromise does not tag those as organisations',
  'hospital-organisation': 'an unknown surname opening a sentence with a non-speech verb (Streeting visited) is not taken for a person',
};

/** What the pipeline gets wrong on one case, as readable lines. */
export function entityProblems(c: z.infer<typeof EntityCaseSchema>): string[] {
  const out = run(c.text, 'en');
  const mentions = out.entities.flatMap((e) => e.mentions.filter((m) => m.kind !== 'title').map((m) => ({ ...m, type: e.type })));
  const problems: string[] = [];
  for (const want of c.entities) {
    const got = mentions.find((m) => m.text === want.text);
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

describe('English entity table', () => {
  it('has a case id per line and no duplicates', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const id of Object.keys(KNOWN)) expect(cases.some((c) => c.id === id)).toBe(true);
  });
  for (const c of cases) {
    const test = KNOWN[c.id] ? it.fails : it;
    test(`${c.id}: ${c.about}`, () => {
      expect(entityProblems(c)).toEqual([]);
    });
  }
});
