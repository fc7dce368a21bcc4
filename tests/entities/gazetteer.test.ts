// Gazetteer compilation: one trie for every name, duplicate ids are errors with a line, shared names are warnings.
import { describe, expect, it } from 'vitest';
import { compileGazetteer, longestMatch, nameTokens, titleKey } from '../../src/entities/gazetteer.ts';
import { cliticKeys } from '../../src/lang/ar/entity-rules.ts';
import { parseYamlWith, DataFileError } from '../../src/util/load-yaml.ts';
import { GazetteerFileSchema } from '../../src/schema/gazetteer.ts';
import { suggestionsYaml } from '../../src/entities/suggest.ts';

const file = (name: string, text: string) => ({ file: name, data: parseYamlWith(text, name, GazetteerFileSchema), locate: (p: PropertyKey[]) => ({ line: p[1] === 1 ? 7 : 2, col: 5 }) });
const A = `entities:
  - { id: place.a, type: place, name: A, names: { ar: [سوريا], en: [Syria] } }
  - { id: person.b, type: person, name: B, names: { ar: [سيرغي لافروف], en: [Sergey Lavrov] }, roles: [{ ar: [وزير الخارجية الروسي], from: 2004 }] }
`;

describe('compileGazetteer', () => {
  it('rejects an id defined twice, with file and line', () => {
    expect(() => compileGazetteer([file('a.yaml', A), file('b.yaml', A)], {} as never, [])).toThrow(DataFileError);
    try {
      compileGazetteer([file('a.yaml', A), file('b.yaml', A)], {} as never, []);
    } catch (e) {
      expect((e as Error).message).toMatch(/b\.yaml:\d+:\d+ .*duplicate id place\.a/);
    }
  });
  it('warns when two entities share a name, listing both', () => {
    const warnings: string[] = [];
    compileGazetteer([file('a.yaml', A), file('c.yaml', `entities:\n  - { id: place.c, type: place, name: C, names: { ar: [سوريا] } }\n`)], {} as never, warnings);
    expect(warnings.join()).toMatch(/place\.a.*place\.c/);
  });
  it('a name shared on purpose (marked ambiguous by one of its entries) is no warning, and is listed as shared', () => {
    const warnings: string[] = [];
    const gz = compileGazetteer(
      [file('a.yaml', A), file('c.yaml', `entities:\n  - { id: place.c, type: place, name: C, names: { ar: [سوريا, الشام] }, ambiguous: { ar: [سوريا] }, within: place.a }\n`)],
      {} as never,
      warnings,
    );
    expect(warnings).toEqual([]);
    expect(gz.shared.get(nameTokens('سوريا').join(' '))).toEqual(['place.a', 'place.c']);
    // A name only one entry has is not shared, even when marked ambiguous.
    expect(gz.shared.has(nameTokens('الشام').join(' '))).toBe(false);
  });
  it('rejects a `within` that names no entry, with file and line', () => {
    const bad = `entities:\n  - { id: place.c, type: place, name: C, names: { ar: [حمص] }, within: place.nowhere }\n`;
    expect(() => compileGazetteer([file('a.yaml', A), file('c.yaml', bad)], {} as never, [])).toThrow(/c\.yaml:\d+:\d+ .*unknown place place\.nowhere/);
  });
  it('matches the longest name after stripping proclitics', () => {
    const gz = compileGazetteer([file('a.yaml', A)], {} as never, []);
    const rules = { prefixes: ['و', 'ب', 'ل', 'وب'], article: 'ال' };
    const norms = nameTokens('ولسيرغي لافروف');
    const m = longestMatch(gz.root, norms, 0, norms.length, cliticKeys(norms[0]!, { ...rules, prefixes: ['و', 'ل', 'ول'] }), () => true);
    expect(m?.end).toBe(2);
    expect(m?.strip).toBe(2);
    expect(gz.roles.get(titleKey(nameTokens('الوزير')))).toBeUndefined();
    expect(gz.roles.get(titleKey(nameTokens('وزير الخارجية الروسي')))?.[0]?.entityId).toBe('person.b');
  });
  it.each([
    ['للعراق', 'العراق'],
    ['وبالأمم', 'الامم'],
    ['بسوريا', 'سوريا'],
    ['والولايات', 'الولايات'],
  ])('clitic keys of %s include %s', (token, key) => {
    const keys = cliticKeys(nameTokens(token)[0]!, { prefixes: ['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول'], article: 'ال' }).map((k) => k.key);
    expect(keys).toContain(nameTokens(key)[0]);
  });
});

describe('suggestions', () => {
  it('writes gazetteer YAML that the schema accepts', () => {
    const yaml = suggestionsYaml([{ id: 'person.jun-kiri', type: 'person', names: new Set(['جون كيري']), roles: new Set(['نظيره الأمريكي']), articles: new Set(['002.txt']) }]);
    const data = parseYamlWith(yaml, 'suggest.yaml', GazetteerFileSchema);
    expect(data.entities[0]?.id).toBe('person.jun-kiri');
    expect(yaml).toContain('# seen in: 002.txt');
  });
});
