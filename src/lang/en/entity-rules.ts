// The English entity rules compiled once per run: word lists as sets.
import { join } from 'node:path';
import type { EnEntityRules } from '../../schema/en-entity-rules.ts';
import { EnEntityRulesSchema } from '../../schema/en-entity-rules.ts';
import { loadYamlFile } from '../../util/load-yaml.ts';

export interface CompiledEnEntityRules {
  honorifics: Set<string>;
  titles: Set<string>;
  titleModifiers: Set<string>;
  titleQualifiers: Set<string>;
  orgRoles: Set<string>;
  orgHeads: Set<string>;
  orgInitialHeads: Set<string>;
  orgTypeNouns: Set<string>;
  placeHeads: Set<string>;
  particles: Set<string>;
  connectors: Set<string>;
  notNames: Set<string>;
  orgNameWords: Set<string>;
  notAcronyms: Set<string>;
  governmentWords: Set<string>;
  /** Lowercase organisation heads, as token lists (health ministry → [health, ministry]). */
  lowercaseOrgs: string[][];
  firstNameTitles: Set<string>;
  kindHeads: Set<string>;
  /** From rules/en/cues.yaml: finite speech verbs, and the words between a subject and its verb. */
  speechVerbs: Set<string>;
  subjectAdverbs: Set<string>;
  /** From rules/en/coref.yaml: titles and honorifics that say a man or a woman holds them. */
  maleTitles: Set<string>;
  femaleTitles: Set<string>;
}

/** What the entity finder takes from the other English rule files, so that each list has one source. */
export interface EnEntityRuleLinks {
  speechVerbs: Set<string>;
  subjectAdverbs: Set<string>;
  maleTitles: Set<string>;
  femaleTitles: Set<string>;
}

const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));

export function loadEnglishEntityRules(rulesDir: string): EnEntityRules {
  return loadYamlFile(join(rulesDir, 'en', 'entities.yaml'), EnEntityRulesSchema).data;
}

export function compileEnglishEntityRules(r: EnEntityRules, links: EnEntityRuleLinks): CompiledEnEntityRules {
  return {
    ...links,
    firstNameTitles: lower(r.firstNameTitles),
    kindHeads: lower(r.kindHeads),
    honorifics: lower(r.honorifics),
    titles: lower(r.titles),
    titleModifiers: lower(r.titleModifiers),
    titleQualifiers: lower(r.titleQualifiers),
    orgRoles: lower(r.orgRoles),
    orgHeads: lower(r.orgHeads),
    orgInitialHeads: lower(r.orgInitialHeads),
    orgTypeNouns: lower(r.orgTypeNouns),
    placeHeads: lower(r.placeHeads),
    particles: lower(r.particles),
    connectors: lower(r.connectors),
    notNames: lower(r.notNames),
    orgNameWords: lower(r.orgNameWords),
    notAcronyms: lower(r.notAcronyms),
    governmentWords: lower(r.governmentWords),
    lowercaseOrgs: r.lowercaseOrgs.map((x) => x.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length),
  };
}
