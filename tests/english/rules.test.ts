// The English rule files: they load through their schemas, every furniture
// rule matches its examples and none of its counterexamples, and the cue
// lexicon answers for the verbs the issue names.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadYamlFile } from '../../src/util/load-yaml.ts';
import { FurnitureFileSchema } from '../../src/schema/en-furniture.ts';
import { EnCueFileSchema } from '../../src/schema/en-cue-rules.ts';
import { compileEnglishCues } from '../../src/lang/en/cue-lexicon.ts';
import { maskApostrophes } from '../../src/lang/en/marks.ts';

const rules = fileURLToPath(new URL('../../rules/en/', import.meta.url));

describe('rules/en/furniture.yaml', () => {
  const file = loadYamlFile(`${rules}furniture.yaml`, FurnitureFileSchema).data;
  for (const r of file.rules) {
    it(`${r.id}: matches its examples and not its counterexamples`, () => {
      const re = new RegExp(r.pattern, 'u');
      for (const ex of r.examples) expect(re.test(ex), ex).toBe(true);
      for (const ex of r.counterexamples) expect(re.test(ex), ex).toBe(false);
    });
  }
});

describe('rules/en/cues.yaml', () => {
  const lex = compileEnglishCues(loadYamlFile(`${rules}cues.yaml`, EnCueFileSchema).data);
  it.each(['said', 'says', 'told', 'added', 'stressed', 'noted', 'warned', 'wrote', 'insisted', 'argued', 'claimed', 'denied', 'announced', 'explained'])('%s is a cue', (w) => {
    expect(lex.forms.get(w)?.participle).toBe(false);
  });
  it('knows participles and "according to"', () => {
    expect(lex.forms.get('saying')?.participle).toBe(true);
    expect(lex.according).toContainEqual(['according', 'to']);
  });
  it('has no belief or emotion verbs', () => {
    for (const w of ['believes', 'thinks', 'fears', 'hopes', 'regards']) expect(lex.forms.has(w)).toBe(false);
  });
});

describe('apostrophes are not quotation marks', () => {
  it.each([
    ['don’t', 'donxt'],
    ['O’Rourke', 'OxRourke'],
    ["St Thomas' Hospital", 'St Thomasx Hospital'],
    ['‘The players’ welfare comes first,’', '‘The playersx welfare comes first,’'],
    ["'still possible'", "'still possible'"],
  ])('%s', (text, masked) => {
    expect(maskApostrophes(text)).toBe(masked);
  });
});
