// English word lists live in rules/en/ (issue 15, item 7): one source per list. The
// entity finder reads its speech verbs from rules/en/cues.yaml and its gendered titles
// from rules/en/coref.yaml, so a verb or title added there works everywhere.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/resources.ts';
import { run } from '../quotes/table-harness.ts';

const rulesOf = (text: string) => run(text, 'en').entities.map((e) => `${e.name}:${e.mentions.map((m) => m.rule).join(',')}`);

describe('one source per English word list', () => {
  // Loading the rules and gazetteers once takes seconds on a busy machine: not part of any case.
  beforeAll(() => void run('Warm up.', 'en'), 120_000);
  it.each(['conceded', 'vowed', 'emphasised', 'said'])('a lone surname before "%s" (a cues.yaml verb) is a speaker', (verb) => {
    expect(rulesOf(`The vote went badly. "We lost the argument," Okonjo ${verb}.`)).toContain('Okonjo:en.person.speech-subject');
  });
  it('but not before a word that is no speech verb', () => {
    expect(rulesOf('The vote went badly. "We lost the argument," Okonjo sighed.').join(' ')).not.toContain('speech-subject');
  });
  it('a title from coref.yaml says the gender the pronoun needs', () => {
    const speaker = (title: string) => run(`Director Wale Okafor and ${title} Kiri Quill met the press. "We are ready," she said.`, 'en').quotes[0]?.speaker?.name;
    expect(speaker('spokeswoman')).toBe('Kiri Quill');
    expect(speaker('spokesman')).toBe('Wale Okafor');
  });

  // Sets of strings in the pipeline's code are language knowledge unless they name code-level things.
  // Code-level sets: gazetteer hit kinds, compromise tag names, and mark characters (whose roles come from rules/<lang>/language.yaml).
  const CODE_SETS = [/new Set\(\['name'\]\)/, /new Set\(\['demonym'\]\)/, /const PROPER_TAGS/, /const NAME_TAGS/, /const APOS/, /new Set\(\['"', '”'\]\)/, /const QUOTES = new Set\(\['"', '“'/];
  // Both language halves (src/lang/<lang>/) and the language-neutral cores they use.
  const files = ['src/lang/en', 'src/lang/ar', 'src/entities', 'src/quotes'].flatMap((dir) =>
    readdirSync(join(PROJECT_ROOT, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  );
  it.each(files)('%s keeps no word list in code', (file) => {
    const lines = readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n');
    const lists = lines.filter((l) => /new Set\(\[\s*'/.test(l) && !CODE_SETS.some((r) => r.test(l)));
    expect(lists).toEqual([]);
  });
});
