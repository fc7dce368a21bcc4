// The coreference core, without a language: a small lexicon written here, the
// candidates and mentions given by hand; then the English word list as shipped.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  CorefIndex,
  compatibility,
  compileCorefLexicon,
  describe as describeWords,
  emptyFeatures,
  loadCorefLexicon,
  readFeatures,
  type CorefCandidate,
  type CorefFeatures,
} from '../../src/entities/coref.ts';
import { CorefRulesSchema } from '../../src/schema/coref-rules.ts';
import { PROJECT_ROOT } from '../../src/resources.ts';

const lex = compileCorefLexicon(
  CorefRulesSchema.parse({
    roles: [
      { id: 'minister', words: ['minister', 'secretary of state'] },
      { id: 'spokesperson', words: ['spokesperson', 'spokesman', 'spokeswoman'], male: ['spokesman'], female: ['spokeswoman'] },
      { id: 'coach', words: ['coach'] },
      { id: 'president', words: ['president'] },
      { id: 'prosecutor', words: ['prosecutor', "state's attorney"], domain: 'justice' },
      { id: 'ambassador', words: ['ambassador'] },
      { id: 'diplomat', words: ['diplomat'], covers: ['ambassador', 'minister/foreign'] },
      { id: 'official', words: ['official'], covers: ['*'] },
    ],
    domains: [
      { id: 'foreign', words: ['foreign', 'secretary of state'] },
      { id: 'health', words: ['health'] },
    ],
    nationalities: [
      { id: 'russia', words: ['russian', 'kremlin'] },
      { id: 'portugal', words: ['portuguese'] },
    ],
    organisationKinds: [
      { id: 'ministry', words: ['ministry'] },
      { id: 'bank', words: ['bank'] },
    ],
    gender: { male: ['mr'], female: ['mrs'] },
  }),
);

const feats = (words: string, extra: Partial<CorefFeatures> = {}): CorefFeatures => ({ ...readFeatures(words.split(' '), lex), ...extra });
const person = (entityId: string, words: string, extra: Partial<CorefFeatures> = {}): CorefCandidate => ({ entityId, type: 'person', features: feats(words, extra) });
const org = (entityId: string, words: string): CorefCandidate => ({ entityId, type: 'organisation', features: feats(words) });
const desc = (words: string) => describeWords(words.split(' '), lex, false)!;

describe('reading features', () => {
  it.each([
    ['deputy foreign minister', { roles: ['minister'], domains: ['foreign'] }],
    ['russian foreign minister', { roles: ['minister'], domains: ['foreign'], nationality: 'russia' }],
    ['secretary of state', { roles: ['minister'], domains: ['foreign'] }],
    ['kremlin spokeswoman', { roles: ['spokesperson'], nationality: 'russia', gender: 'f' }],
    ["cook county state's attorney", { roles: ['prosecutor'], domains: ['justice'] }],
    ['mr', { roles: [], gender: 'm' }],
    ['the weather today', { roles: [], domains: [], nationality: null, gender: null }],
  ] as const)('%s', (words, want) => {
    expect(readFeatures(words.split(' '), lex)).toMatchObject(want);
  });

  it('a description is a person by its role, an organisation by its kind, nothing without either', () => {
    expect(desc('the russian diplomat')).toMatchObject({ type: 'person', roles: ['diplomat'], nationality: 'russia' });
    expect(desc('the health ministry')).toMatchObject({ type: 'organisation', organisationKind: 'ministry', domains: ['health'] });
    expect(describeWords(['the', 'russian', 'side'], lex, false)).toBeNull();
    // Only the head says the gender: a woman's spokesman is a man.
    expect(desc("mrs may's spokesman")).toMatchObject({ gender: 'm' });
    expect(desc("mrs may's spokesperson")).toMatchObject({ gender: null });
    // The head end differs by language: Arabic-like order puts the head first.
    expect(describeWords(['ministry', 'spokesman'], lex, true)).toMatchObject({ type: 'organisation' });
    expect(describeWords(['ministry', 'spokesman'], lex, false)).toMatchObject({ type: 'person' });
  });
});

describe('compatibility', () => {
  const lavrov = person('lavrov', 'russian foreign minister');
  const rebelo = person('rebelo', 'portuguese president');
  const amb = person('amb', 'russian ambassador');
  it.each([
    // positives
    ['the minister', lavrov, true],
    ['the russian diplomat', lavrov, true],
    ['the foreign minister', lavrov, true],
    ['the diplomat', amb, true],
    ['the official', rebelo, true],
    // negatives: a feature both know disagrees, or a role the candidate does not hold
    ['the portuguese minister', lavrov, false],
    ['the health minister', lavrov, false],
    ['the coach', lavrov, false],
    ['the diplomat', rebelo, false],
    ['the spokeswoman', person('him', 'spokesman'), false],
    ['the ministry', lavrov, false],
  ] as const)('%s ~ %s', (d, cand, ok) => {
    expect(compatibility(desc(d), cand, lex) !== null).toBe(ok);
  });

  it('counts the features a candidate leaves unknown', () => {
    const bare = person('x', 'minister');
    expect(compatibility(desc('the russian minister'), bare, lex)).toEqual({ agreed: ['role'], unknown: 1, roleUnknown: false });
    expect(compatibility(desc('the russian minister'), lavrov, lex)).toEqual({ agreed: ['role', 'nationality'], unknown: 0, roleUnknown: false });
    // No role known at all: it may fit, at a cost, and the index lets it only close by.
    expect(compatibility(desc('the prosecutor'), person('nobody', 'the weather'), lex)).toEqual({ agreed: [], unknown: 2, roleUnknown: true });
  });
});

describe('CorefIndex.resolve', () => {
  // Sentence 0: Lavrov (russian foreign minister); 1: Rebelo (portuguese president);
  // 2: a coach; 3: the health ministry and the central bank.
  const cands = [
    person('lavrov', 'russian foreign minister'),
    person('rebelo', 'portuguese president'),
    person('coach', 'coach', { gender: 'm' }),
    person('zakharova', 'russian foreign ministry spokeswoman'),
    org('health', 'health ministry'),
    org('bank', 'bank'),
  ];
  const mentions = [
    { entityId: 'lavrov', sentence: 0, position: 2 },
    { entityId: 'rebelo', sentence: 1, position: 12 },
    { entityId: 'coach', sentence: 2, position: 22 },
    { entityId: 'health', sentence: 3, position: 31 },
    { entityId: 'bank', sentence: 3, position: 36 },
  ];
  const index = () => new CorefIndex(lex, cands, mentions);

  it('binds a description to the most recent compatible entity, with a rule id naming what agreed', () => {
    expect(index().resolve(desc('the russian diplomat'), 4, 40)).toEqual({ entityId: 'lavrov', rule: 'coref.person.role-nationality', distance: 4 });
    expect(index().resolve(desc('the coach'), 4, 40)?.entityId).toBe('coach');
    expect(index().resolve(desc('the ministry'), 4, 40)).toMatchObject({ entityId: 'health', rule: 'coref.organisation.kind' });
    expect(index().resolve(desc('the bank'), 4, 40)?.entityId).toBe('bank');
  });

  it('never binds to an entity mentioned only after the description', () => {
    expect(index().resolve(desc('the coach'), 1, 10)).toBeNull();
    expect(index().resolve(desc('the minister'), 0, 1)).toBeNull();
  });

  it('leaves a description with no compatible antecedent unresolved', () => {
    expect(index().resolve(desc('the prosecutor'), 4, 40)).toBeNull();
    expect(index().resolve(desc('the portuguese minister'), 4, 40)).toBeNull();
  });

  it('prefers the nearer of two compatible entities, and one that has spoken', () => {
    const two = [person('a', 'minister'), person('b', 'minister')];
    const ms = [
      { entityId: 'a', sentence: 0, position: 1 },
      { entityId: 'b', sentence: 5, position: 50 },
    ];
    const plain = new CorefIndex(lex, two, ms);
    expect(plain.resolve(desc('the minister'), 7, 70)?.entityId).toBe('b');
    const spoken = new CorefIndex(lex, two, ms, { speakerBonus: 4 });
    spoken.noteSpeaker('a', 6, 60);
    expect(spoken.resolve(desc('the minister'), 7, 70)?.entityId).toBe('a');
  });

  it('stops at the window and honours an exclusion', () => {
    const far = new CorefIndex(lex, cands, mentions, { window: 2 });
    expect(far.resolve(desc('the russian diplomat'), 4, 40)).toBeNull();
    expect(index().resolve(desc('the official'), 4, 40)?.entityId).toBe('coach');
    expect(index().resolve(desc('the official'), 4, 40, (id) => id === 'coach')?.entityId).toBe('rebelo');
  });

  it('lets a person with no known role take a role description only when asked, and only from close by', () => {
    const cs = [person('calloway', 'the weather'), person('bailey', 'the weather')];
    const ms = [
      { entityId: 'calloway', sentence: 0, position: 0 },
      { entityId: 'bailey', sentence: 3, position: 30 },
    ];
    // By default never: "Marsh was charged. The prosecutor said …" must not make Marsh the prosecutor.
    expect(new CorefIndex(lex, cs, ms).resolve(desc('the coach'), 4, 40)).toBeNull();
    // … unless the caller widens it for one description.
    expect(new CorefIndex(lex, cs, ms).resolve(desc('the coach'), 4, 40, undefined, { unknownRoleReach: 1 })?.entityId).toBe('bailey');
    const ix = new CorefIndex(lex, cs, ms, { unknownRoleReach: 1 });
    expect(ix.resolve(desc('the coach'), 4, 40)?.entityId).toBe('bailey');
    expect(ix.resolve(desc('the coach'), 1, 10)?.entityId).toBe('calloway');
    expect(ix.resolve(desc('the coach'), 3, 29)).toBeNull();
    expect(ix.resolve(desc('the coach'), 7, 70)).toBeNull();
  });

  it('learns features added later', () => {
    const ix = new CorefIndex(lex, [{ entityId: 'p', type: 'person', features: emptyFeatures() }], [{ entityId: 'p', sentence: 0, position: 0 }]);
    expect(ix.resolve(desc('the prosecutor'), 5, 50)).toBeNull();
    ix.addFeatures('p', feats("state's attorney"));
    expect(ix.resolve(desc('the prosecutor'), 5, 50)?.entityId).toBe('p');
  });
});

describe('rules/<lang>/coref.yaml', () => {
  it('the English list loads and reads real titles', () => {
    const en = loadCorefLexicon(join(PROJECT_ROOT, 'rules'), 'en');
    expect(readFeatures(['russian', 'foreign', 'minister'], en)).toMatchObject({ roles: ['minister'], domains: ['foreign'], nationality: 'russia' });
    expect(describeWords(['the', 'kremlin', 'spokesman'], en, false)).toMatchObject({ type: 'person', roles: ['spokesperson'], nationality: 'russia', gender: 'm' });
    expect(describeWords(['the', 'bank'], en, false)).toMatchObject({ type: 'organisation', organisationKind: 'bank' });
    expect(describeWords(['the', 'day'], en, false)).toBeNull();
  });

  it('a bad file is refused with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coref-'));
    mkdirSync(join(dir, 'xx'));
    writeFileSync(join(dir, 'xx', 'coref.yaml'), 'roles:\n  - id: Minister\n    words: []\n');
    expect(() => loadCorefLexicon(dir, 'xx')).toThrow(/coref\.yaml:2:\d+ roles\[0\]\.id/);
  });
});
