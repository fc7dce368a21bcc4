// The English entity rules compiled once per run: word lists as sets.
import { join } from 'node:path';
import type { EnEntityRules } from '../schema/en-entity-rules.ts';
import { EnEntityRulesSchema } from '../schema/en-entity-rules.ts';
import { loadYamlFile } from '../util/load-yaml.ts';

export interface CompiledEnEntityRules {
  honorifics: Set<string>;
  titles: Set<string>;
  titleModifiers: Set<string>;
  orgRoles: Set<string>;
  orgHeads: Set<string>;
  orgInitialHeads: Set<string>;
  orgTypeNouns: Set<string>;
  placeHeads: Set<string>;
  particles: Set<string>;
  connectors: Set<string>;
  notNames: Set<string>;
  notAcronyms: Set<string>;
  governmentWords: Set<string>;
  /** Lowercase organisation heads, as token lists (health ministry → [health, ministry]). */
  lowercaseOrgs: string[][];
}

const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));

export function loadEnglishEntityRules(rulesDir: string): EnEntityRules {
  return loadYamlFile(join(rulesDir, 'en', 'entities.yaml'), EnEntityRulesSchema).data;
}

export function compileEnglishEntityRules(r: EnEntityRules): CompiledEnEntityRules {
  return {
    honorifics: lower(r.honorifics),
    titles: lower(r.titles),
    titleModifiers: lower(r.titleModifiers),
    orgRoles: lower(r.orgRoles),
    orgHeads: lower(r.orgHeads),
    orgInitialHeads: lower(r.orgInitialHeads),
    orgTypeNouns: lower(r.orgTypeNouns),
    placeHeads: lower(r.placeHeads),
    particles: lower(r.particles),
    connectors: lower(r.connectors),
    notNames: lower(r.notNames),
    notAcronyms: lower(r.notAcronyms),
    governmentWords: lower(r.governmentWords),
    lowercaseOrgs: r.lowercaseOrgs.map((x) => x.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length),
  };
}
