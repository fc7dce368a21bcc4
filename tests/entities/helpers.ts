// Runs the whole pipeline on one Arabic text and returns its entities and mentions.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processArticle } from '../../src/process-article.ts';
import { loadResources, type Resources } from '../../src/resources.ts';
import type { ArticleOutput } from '../../src/schema/output.ts';

let resources: Resources | undefined;
export function res(): Resources {
  return (resources ??= loadResources());
}

export function run(text: string, lang: 'ar' | 'en' = 'ar'): ArticleOutput {
  return processArticle(new TextEncoder().encode(text), { abs: '/test.txt', rel: 'test.txt' }, { resources: res() }, { lang });
}

/** Mention texts with their entity type, e.g. "person:سيرغي لافروف". */
export function mentionsOf(out: ArticleOutput): Array<{ text: string; type: string; kind: string; id: string }> {
  return out.entities.flatMap((e) => e.mentions.map((m) => ({ text: m.text, type: e.type, kind: m.kind, id: e.id }))).sort((a, b) => a.text.localeCompare(b.text));
}

// The discovery rules are tested on names that must come from the rules, not from the
// gazetteers: these resources keep every gazetteer file but the people, so that a person
// the people file happens to list (الصفدي، السيسي) is still found by rule.
let withoutPeople: Resources | undefined;
export function runWithoutPeople(text: string): ArticleOutput {
  if (!withoutPeople) {
    const dir = mkdtempSync(join(tmpdir(), 'isnad-gaz-'));
    const src = join(import.meta.dirname, '../../gazetteers');
    for (const f of readdirSync(src)) if (f !== 'people.yaml') cpSync(join(src, f), join(dir, f));
    withoutPeople = loadResources({ gazetteersDir: dir });
  }
  return processArticle(new TextEncoder().encode(text), { abs: '/test.txt', rel: 'test.txt' }, { resources: withoutPeople }, { lang: 'ar' });
}

// The entity rules alone: no people and no organisations from the gazetteers, so that
// every person and organisation found comes from a rule (places and demonyms stay,
// as rules use them to close names such as وزارة الخارجية الروسية).
let withoutNames: Resources | undefined;
export function runWithoutNameGazetteers(text: string, lang: 'ar' | 'en' = 'ar'): ArticleOutput {
  if (!withoutNames) {
    const dir = mkdtempSync(join(tmpdir(), 'isnad-gaz-'));
    const src = join(import.meta.dirname, '../../gazetteers');
    for (const f of readdirSync(src)) if (f !== 'people.yaml' && f !== 'organisations.yaml') cpSync(join(src, f), join(dir, f));
    withoutNames = loadResources({ gazetteersDir: dir });
  }
  return processArticle(new TextEncoder().encode(text), { abs: '/test.txt', rel: 'test.txt' }, { resources: withoutNames }, { lang });
}
