// Invalid rule files: every problem is reported with file:line:col before any article is read.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResources } from '../../src/resources.ts';
import { DataFileError } from '../../src/util/load-yaml.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const T = mkdtempSync(join(tmpdir(), 'isnad-rules-'));
const EMPTY_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));
afterAll(() => rmSync(T, { recursive: true, force: true }));
let n = 0;

/** A copy of rules/ with some files replaced; returns the DataFileError of loading it, or null. */
function loadWith(files: Record<string, string>): DataFileError | null {
  const dir = join(T, `rules-${n++}`);
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    loadResources({ rulesDir: dir, gazetteersDir: EMPTY_GAZETTEERS });
    return null;
  } catch (err) {
    if (err instanceof DataFileError) return err;
    throw err;
  }
}
/** 1-based number of the line marked with `# <-`. */
const marked = (text: string) => text.split('\n').findIndex((l) => l.includes('# <-')) + 1;

const rule = (fields: string) => `headLines: 4\nrules:\n${fields}`;
const GOOD_RULE = `  - id: ar.follow-us
    about: invitations to follow the site
    scope: line
    pattern: '^تابعونا'
    examples:
      - 'تابعونا على فيسبوك'
`;

describe('duplicate cue ids', () => {
  it.each([
    ['ar/cues.yaml', /ar\.cue\.qala: /, (t: string) => t.replace('{ id: ar.cue.adafa,', '{ id: ar.cue.qala,')],
    ['en/cues.yaml', /en\.cue\.say: /, (t: string) => t.replace('{ id: en.cue.add,', '{ id: en.cue.say,')],
  ])('%s: the second use of an id is reported at its line', (file, _id, change) => {
    const text = readFileSync(join(ROOT, 'rules', file), 'utf8');
    const changed = change(text);
    expect(changed).not.toBe(text);
    const err = loadWith({ [file]: changed });
    expect(err).toBeInstanceOf(DataFileError);
    const line = changed.split('\n').findIndex((l, i) => l !== text.split('\n')[i]) + 1;
    expect(err!.message).toMatch(new RegExp(`cues\\.yaml:${line}:\\d+ \\w+\\[\\d+\\]\\.id: duplicate id`));
  });

  it('the project cue files have no duplicate (control)', () => {
    expect(loadWith({})).toBeNull();
  });
});

describe('invalid rules/ar/boilerplate.yaml', () => {
  it('a valid replacement loads (control)', () => {
    expect(loadWith({ 'ar/boilerplate.yaml': rule(GOOD_RULE) })).toBeNull();
  });

  it.each([
    ['an invalid regular expression', rule(`${GOOD_RULE}  - id: ar.read-also
    about: links
    scope: line
    pattern: '^(اقرا ايضا'  # <-
    examples: ['اقرأ أيضا']
`), /rules\[1\]\.pattern: invalid regular expression/],
    ['a rule id of the wrong form', rule(`  - id: Follow_Us  # <-
    about: invitations to follow the site
    scope: line
    pattern: '^تابعونا'
    examples: ['تابعونا']
`), /rules\[0\]\.id: expected a rule id like ar\.follow-us/],
    ['an unknown scope', rule(`  - id: ar.follow-us
    about: invitations to follow the site
    scope: everywhere  # <-
    pattern: '^تابعونا'
    examples: ['تابعونا']
`), /rules\[0\]\.scope/],
    // Reported at the key itself, not at the entry that holds it.
    ['an unknown key', rule(`  - id: ar.follow-us
    about: invitations to follow the site
    scope: line
    colour: red  # <-
    pattern: '^تابعونا'
    examples: ['تابعونا']
`), /rules\[0\]\.colour: unknown key 'colour'/],
    ['a duplicate rule id', rule(`${GOOD_RULE}  - id: ar.follow-us  # <-
    about: the same id again
    scope: line
    pattern: '^تابعونا'
    examples: ['تابعونا']
`), /rules\[1\]\.id: duplicate id 'ar\.follow-us' \(first used at rules\[0\]\)/],
    // The over-indented line itself, not the line before it.
    ['an over-indented key', rule(`  - id: ar.follow-us
    about: invitations to follow the site
        scope: line  # <-
    pattern: '^تابعونا'
    examples: ['تابعونا']
`), /bad indentation/],
    ['no examples', rule(`  - id: ar.follow-us  # <-
    about: invitations to follow the site
    scope: line
    pattern: '^تابعونا'
`), /rules\[0\]\.examples/],
    ['a duplicate key', rule(`  - id: ar.follow-us
    about: invitations to follow the site
    scope: line
    scope: tail  # <-
    pattern: '^تابعونا'
    examples: ['تابعونا']
`), /unique|duplicate/i],
  ])('%s is reported at its line', (_name, text, message) => {
    const err = loadWith({ 'ar/boilerplate.yaml': text });
    expect(err).toBeInstanceOf(DataFileError);
    expect(err!.message).toMatch(new RegExp(`boilerplate\\.yaml:${marked(text)}:\\d+`));
    expect(err!.message).toMatch(message);
    expect(err!.problems.every((p) => p.file.endsWith(join('ar', 'boilerplate.yaml')))).toBe(true);
  });

  it('problems in several files are all reported at once', () => {
    const ar = rule(`  - id: Bad_Id  # <-
    about: x
    scope: line
    pattern: 'x'
    examples: ['x']
`);
    const en = readFileSync(join(ROOT, 'rules', 'en', 'boilerplate.yaml'), 'utf8').replace(/^headLines: 4$/m, 'headLines: four');
    const err = loadWith({ 'ar/boilerplate.yaml': ar, 'en/boilerplate.yaml': en });
    expect(err).toBeInstanceOf(DataFileError);
    const files = err!.problems.map((p) => p.file.split(/[\\/]/).slice(-2).join('/'));
    expect(files).toEqual(expect.arrayContaining(['ar/boilerplate.yaml', 'en/boilerplate.yaml']));
    expect(err!.message).toMatch(new RegExp(`ar/boilerplate\\.yaml:${marked(ar)}:`));
    expect(err!.message).toMatch(/en\/boilerplate\.yaml:\d+:\d+ headLines:/);
  });
});
