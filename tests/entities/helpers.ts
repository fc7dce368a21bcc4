// Runs the whole pipeline on one Arabic text and returns its entities and mentions.
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
