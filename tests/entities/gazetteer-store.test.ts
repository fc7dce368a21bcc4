// The compiled gazetteer as the data cache stores it: the trie packed into a string table and an
// array of numbers, read back key for key and in order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGazetteer, nameTokens, packTrie, unpackTrie, type TrieNode } from '../../src/entities/gazetteer.ts';
import { parseYamlWith } from '../../src/util/load-yaml.ts';
import { GazetteerFileSchema } from '../../src/schema/gazetteer.ts';
import { toPlain } from '../../src/util/data-cache.ts';
import { PROJECT_ROOT } from '../../src/util/project-root.ts';

const file = (name: string, text: string) => ({ file: name, data: parseYamlWith(text, name, GazetteerFileSchema), locate: () => ({ line: 1, col: 1 }) });
const A = `entities:
  - { id: place.a, type: place, name: A, names: { ar: [سوريا], en: [Syria] } }
  - { id: person.b, type: person, name: B, names: { ar: [سيرغي لافروف], en: [Sergey Lavrov] }, roles: [{ ar: [وزير الخارجية الروسي], from: 2004 }] }
`;

describe('the packed trie (how the data cache stores the compiled gazetteer)', () => {
  it('unpacks to the trie it packed: every key, node and hit, in the same order, with the same keys', () => {
    const gz = compileGazetteer([file('a.yaml', A)], {} as never, []);
    const packed = packTrie(gz.root)!;
    expect(packed).not.toBeNull();
    // Through JSON, as the cache holds it.
    const back = unpackTrie(JSON.parse(JSON.stringify(packed)));
    const plain = (root: Map<string, TrieNode>) => JSON.stringify(toPlain(root));
    expect(plain(back)).toBe(plain(gz.root));
    expect(back).toEqual(gz.root);
    const hits = back.get(nameTokens('وزير الخارجية الروسي')[0]!)!.next!.get(nameTokens('وزير الخارجية الروسي')[1]!)!.next!.values().next().value!.hits!;
    expect(Object.keys(hits[0]!)).toEqual(['kind', 'entityId', 'lang', 'form', 'cased', 'role']);
  });
  it('the project\'s gazetteers: the same trie, key for key and in order', () => {
    const files = readdirSync(join(PROJECT_ROOT, 'gazetteers'))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => file(f, readFileSync(join(PROJECT_ROOT, 'gazetteers', f), 'utf8')));
    const gz = compileGazetteer(files, {} as never, []);
    const back = unpackTrie(JSON.parse(JSON.stringify(packTrie(gz.root))));
    expect(gz.size).toBeGreaterThan(1000);
    expect(JSON.stringify(toPlain(back))).toBe(JSON.stringify(toPlain(gz.root)));
  });
  it('a trie holding what the packed form has no place for is not packed (the cache stores it the generic way)', () => {
    const gz = compileGazetteer([file('a.yaml', A)], {} as never, []);
    const node = gz.root.values().next().value!;
    (node.hits![0] as unknown as Record<string, unknown>).extra = 1;
    expect(packTrie(gz.root)).toBeNull();
  });
});
