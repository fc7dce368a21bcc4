// Scoring: a hand-made prediction with figures worked out by hand, speaker-name folding,
// one-to-one matching by largest overlap, and evaluation of folders.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateArticle, identifyingNames, speakerRight, sumReports, prf } from '../../src/eval/evaluate.ts';
import { evaluateFolders, parseLang } from '../../src/eval/command.ts';
import { validateOutput } from '../../src/process-article.ts';
import { SCHEMA_VERSION, type ArticleOutput, type Entity, type Quote } from '../../src/schema/output.ts';
import type { GoldFile } from '../../src/schema/gold.ts';

const SOURCE = [
  'قال الوزير أحمد إن "الحكومة ستدعم المزارعين هذا العام".',
  'وأضاف أن الأسعار سترتفع قليلا.',
  'وقالت المتحدثة: "لن نقبل بهذا الاتفاق أبدا".',
  'وأعلن المدير أن الشركة ستفتتح فرعا جديدا في دمشق.',
].join('\n');

function at(source: string, text: string, occurrence = 1): { start: number; end: number; text: string } {
  let i = -1;
  for (let k = 0; k < occurrence; k++) {
    i = source.indexOf(text, i + 1);
    if (i === -1) throw new Error(`not in source: ${text}`);
  }
  return { start: i, end: i + text.length, text };
}

interface PredQuote {
  text: string;
  kind: Quote['kind'];
  speaker: string | null;
  entityId?: string;
  mention?: string;
}
/** A valid ArticleOutput for `source` with the given quotes (ids q1.. in source order) and entities. */
function prediction(source: string, quotes: PredQuote[], entities: Array<Omit<Entity, 'mentions' | 'source'> & { mentions: string[] }> = []): ArticleOutput {
  const qs: Quote[] = quotes
    .map((q) => ({ q, span: at(source, q.text) }))
    .sort((a, b) => a.span.start - b.span.start)
    .map(({ q, span }, i) => ({
      id: `q${i + 1}`,
      kind: q.kind,
      ...span,
      speaker:
        q.speaker === null
          ? null
          : { entityId: q.entityId ?? null, name: q.speaker, ...(q.mention ? { mention: at(source, q.mention) } : {}), resolution: 'explicit' as const },
      cue: null,
      confidence: 0.9,
      rule: 'test',
    }));
  const out: ArticleOutput = {
    schemaVersion: SCHEMA_VERSION,
    article: { id: 'x', path: 'x.txt', lang: 'ar', title: '', chars: source.length, encoding: 'utf-8', sha256: '0' },
    source,
    boilerplate: [],
    sentences: [],
    entities: entities.map((e) => ({ ...e, source: 'gazetteer' as const, mentions: e.mentions.map((m) => ({ ...at(source, m), kind: 'name' as const, rule: 'test' })) })),
    quotes: qs,
    messages: [],
  };
  return validateOutput(out); // the hand-made prediction is itself a valid output
}

const GOLD: GoldFile = {
  article: 'x.txt',
  lang: 'ar',
  quotes: [
    { text: 'الحكومة ستدعم المزارعين هذا العام', occurrence: 1, kind: 'direct', speaker: ['Ahmad', 'أحمد'], cue: 'قال' },
    { text: 'الأسعار سترتفع قليلا', occurrence: 1, kind: 'indirect', speaker: ['Ahmad', 'أحمد'], cue: 'أضاف' },
    { text: 'لن نقبل بهذا الاتفاق أبدا', occurrence: 1, kind: 'direct', speaker: ['المتحدثة'], cue: 'قالت' },
  ],
  entities: [
    { type: 'person', names: ['Ahmad', 'أحمد'] },
    { type: 'place', names: ['Damascus', 'دمشق'] },
    { type: 'organisation', names: ['Ministry of Agriculture', 'وزارة الزراعة'] },
  ],
};

const PRED = prediction(
  SOURCE,
  [
    // Exact match of gold 1 (direct); speaker written without hamza: still right.
    { text: 'الحكومة ستدعم المزارعين هذا العام', kind: 'direct', speaker: 'احمد' },
    // Overlaps gold 2 (20 chars) by 7 chars only ('الأسعار'): 2*7 < 20, no match.
    { text: 'وأضاف أن الأسعار', kind: 'indirect', speaker: 'أحمد' },
    // Gold 3 (25 chars) without ' أبدا' (20 chars): overlap 20, 2*20 >= 25 and >= 20: a match, wrong speaker.
    { text: 'لن نقبل بهذا الاتفاق', kind: 'direct', speaker: 'الوزير' },
    // No gold quote there at all.
    { text: 'الشركة ستفتتح فرعا جديدا في دمشق', kind: 'indirect', speaker: 'المدير' },
  ],
  [
    { id: 'person.ahmad', type: 'person', name: 'Ahmad', names: { ar: ['أحمد'], en: ['Ahmad'] }, mentions: ['أحمد'] }, // typed match
    { id: 'organisation.damascus', type: 'organisation', name: 'Damascus', names: { ar: ['دمشق'] }, mentions: ['دمشق'] }, // untyped only
    { id: 'person.director', type: 'person', name: 'المدير', names: { ar: ['المدير'] }, mentions: ['المدير'] }, // false
  ],
);

describe('evaluateArticle on a hand-made prediction', () => {
  const report = evaluateArticle(GOLD, PRED, null);
  const f = sumReports([report]);

  it('the premises hold: lengths and overlaps as the comments say', () => {
    expect('الأسعار سترتفع قليلا'.length).toBe(20);
    expect('لن نقبل بهذا الاتفاق أبدا'.length).toBe(25);
    expect('لن نقبل بهذا الاتفاق'.length).toBe(20);
    expect(PRED.quotes.map((q) => [q.id, q.text.slice(0, 12)])).toEqual([
      ['q1', 'الحكومة ستدع'],
      ['q2', 'وأضاف أن الأ'],
      ['q3', 'لن نقبل بهذا'],
      ['q4', 'الشركة ستفتت'],
    ]);
  });

  it('counts per group', () => {
    expect(report.quotes).toEqual({
      gold: { direct: 2, 'indirect+mixed': 1 },
      predicted: { direct: 2, 'indirect+mixed': 2 },
      matchedGold: { direct: 2, 'indirect+mixed': 0 },
      matchedPred: { direct: 2, 'indirect+mixed': 0 },
      rightGold: { direct: 1, 'indirect+mixed': 0 },
      rightPred: { direct: 1, 'indirect+mixed': 0 },
      rightGoldLenient: { direct: 1, 'indirect+mixed': 0 },
      rightPredLenient: { direct: 1, 'indirect+mixed': 0 },
    });
  });

  it.each([
    // group, figure, tp, predicted, gold, precision, recall, f1
    // all, span: 2 of 4 predictions match, 2 of 3 gold quotes found: P 1/2, R 2/3, F1 = 2·(1/2)(2/3)/(1/2+2/3) = 4/7.
    ['all', 'span', 2, 4, 3, 1 / 2, 2 / 3, 4 / 7],
    // all, end to end: only q1 also has the right speaker: P 1/4, R 1/3, F1 = 2·(1/12)/(7/12) = 2/7.
    ['all', 'endToEnd', 1, 4, 3, 1 / 4, 1 / 3, 2 / 7],
    // direct: q1 and q3 match gold 1 and gold 3: P 2/2, R 2/2.
    ['direct', 'span', 2, 2, 2, 1, 1, 1],
    // direct end to end: only q1 right: P 1/2, R 1/2, F1 1/2.
    ['direct', 'endToEnd', 1, 2, 2, 1 / 2, 1 / 2, 1 / 2],
    // indirect+mixed: q2 and q4 match nothing, gold 2 is missed.
    ['indirect+mixed', 'span', 0, 2, 1, 0, 0, 0],
    ['indirect+mixed', 'endToEnd', 0, 2, 1, 0, 0, 0],
  ] as const)('%s quotes, %s', (group, figure, tp, predicted, gold, precision, recall, f1) => {
    const p = f.quotes[group][figure];
    expect({ tp: p.tp, predicted: p.predicted, gold: p.gold }).toEqual({ tp, predicted, gold });
    expect(p.precision).toBeCloseTo(precision, 12);
    expect(p.recall).toBeCloseTo(recall, 12);
    expect(p.f1).toBeCloseTo(f1, 12);
  });

  it.each([
    // attribution accuracy = right speakers / matched quotes
    ['all', 1 / 2, 2],
    ['direct', 1 / 2, 2],
    ['indirect+mixed', 0, 0],
  ] as const)('attribution accuracy, %s', (group, accuracy, matched) => {
    expect(f.quotes[group].attributionAccuracy).toBeCloseTo(accuracy, 12);
    expect(f.quotes[group].matched).toBe(matched);
  });

  it.each([
    // untyped: Ahmad and Damascus found (2 of 3 predicted, 2 of 3 gold); typed: only Ahmad.
    ['untyped', 2, 3, 3, 2 / 3],
    ['typed', 1, 3, 3, 1 / 3],
  ] as const)('entities, %s', (which, tp, predicted, gold, value) => {
    const p = f.entities[which];
    expect({ tp: p.tp, predicted: p.predicted, gold: p.gold }).toEqual({ tp, predicted, gold });
    expect(p.precision).toBeCloseTo(value, 12);
    expect(p.recall).toBeCloseTo(value, 12);
    expect(p.f1).toBeCloseTo(value, 12);
  });

  it('lists the misses, false hits, wrong speakers and entity errors', () => {
    expect(report.misses).toEqual([{ text: 'الأسعار سترتفع قليلا', kind: 'indirect', speaker: ['Ahmad', 'أحمد'] }]);
    expect(report.falseHits.map((h) => h.id)).toEqual(['q2', 'q4']);
    expect(report.wrongSpeakers).toEqual([{ id: 'q3', text: 'لن نقبل بهذا الاتفاق', predicted: 'الوزير', gold: ['المتحدثة'], rule: 'test', lenient: false }]);
    expect(report.missedEntities).toEqual([{ type: 'organisation', names: ['Ministry of Agriculture', 'وزارة الزراعة'] }]);
    expect(report.falseEntities.map((e) => e.id)).toEqual(['person.director']);
    expect(report.mistypedEntities).toEqual([{ id: 'organisation.damascus', predicted: 'organisation', gold: 'place', name: 'Damascus' }]);
  });

  it('a missing prediction scores zero recall against the article text', () => {
    const r = evaluateArticle(GOLD, null, SOURCE);
    const s = sumReports([r]);
    expect(r.missingPrediction).toBe(true);
    expect(s.quotes.all.span).toMatchObject({ tp: 0, predicted: 0, gold: 3, recall: 0, f1: 0 });
    expect(s.missingPredictions).toEqual(['x.txt']);
  });

  it('a gold quote absent from the text is an error, not a silent miss', () => {
    const bad: GoldFile = { ...GOLD, quotes: [{ ...GOLD.quotes[0]!, text: 'نص غير موجود' }] };
    expect(() => evaluateArticle(bad, PRED, null)).toThrow(/gold quote not found/);
  });
});

describe('prf edge cases', () => {
  it.each([
    // tpPred, predicted, tpGold, gold -> precision, recall, f1
    [0, 0, 0, 0, 1, 1, 1],
    [0, 0, 0, 3, 0, 0, 0],
    [0, 2, 0, 0, 0, 1, 0],
    [3, 3, 3, 3, 1, 1, 1],
  ])('prf(%i, %i, %i, %i)', (tpPred, predicted, tpGold, gold, precision, recall, f1) => {
    expect(prf(tpPred, predicted, tpGold, gold)).toMatchObject({ precision, recall, f1 });
  });
});

describe('speaker matching folds spelling variants', () => {
  const src = 'قال وزير الخارجية سيرغي لافروف إن الحوار مستمر.';
  const withSpeaker = (speaker: string | null, extra: Partial<PredQuote> = {}, entities: Parameters<typeof prediction>[2] = []) => {
    const out = prediction(src, [{ text: 'الحوار مستمر', kind: 'indirect', speaker, ...extra }], entities);
    return { out, q: out.quotes[0]! };
  };
  it.each<[string, string[] | null, string | null, boolean]>([
    ['alef forms', ['أحمد إبراهيم'], 'احمد ابراهيم', true],
    ['diacritics', ['أحمد إبراهيم'], 'أَحْمَد إِبْرَاهِيم', true],
    ['runs of spaces and NBSP', ['أحمد إبراهيم'], ' أحمد \u00a0 إبراهيم ', true],
    ['tatweel', ['لافروف'], 'لافـــروف', true],
    ['ta marbuta', ['وزارة الخارجية'], 'وزاره الخارجيه', true],
    ['alef maqsura', ['مصطفى'], 'مصطفي', true],
    ['Latin case', ['Sergey Lavrov'], 'SERGEY LAVROV', true],
    ['one of several gold names', ['Sergey Lavrov', 'سيرغي لافروف', 'لافروف'], 'لافروف', true],
    ['a part of the name is not the name', ['أحمد إبراهيم'], 'أحمد', false],
    ['a different spelling is not folded', ['Sergey Lavrov'], 'Sergei Lavrov', false],
    ['another person', ['المتحدثة'], 'الوزير', false],
    ['no speaker, none in gold', null, null, true],
    ['a speaker where gold has none', null, 'لافروف', false],
    ['no speaker where gold has one', ['لافروف'], null, false],
  ])('%s', (_name, gold, name, expected) => {
    const { out, q } = withSpeaker(name);
    expect(speakerRight(out, q, gold)).toBe(expected);
  });

  it.each<[string, Partial<PredQuote>, Parameters<typeof prediction>[2], boolean]>([
    ['the mention text counts', { mention: 'لافروف' }, [], true],
    ['the entity names count', { entityId: 'person.lavrov' }, [{ id: 'person.lavrov', type: 'person', name: 'Sergey Lavrov', names: { ar: ['سيرغي لافروف', 'لافروف'] }, mentions: [] }], true],
    ['the entity mentions count', { entityId: 'person.lavrov' }, [{ id: 'person.lavrov', type: 'person', name: 'Sergey Lavrov', names: {}, mentions: ['لافروف'] }], true],
    ['an entity id that is not in the output adds nothing', { entityId: 'person.nobody' }, [{ id: 'person.lavrov', type: 'person', name: 'Sergey Lavrov', names: {}, mentions: ['لافروف'] }], false],
  ])('speaker named "وزير الخارجية", lenient: %s', (_name, extra, entities, expected) => {
    const { out, q } = withSpeaker('وزير الخارجية', extra, entities);
    expect(speakerRight(out, q, ['لافروف'], 'lenient')).toBe(expected);
  });
});

describe('one-to-one matching takes the largest overlap first', () => {
  const gold: GoldFile = {
    article: 'x.txt',
    lang: 'ar',
    quotes: [{ text: 'الحكومة ستدعم المزارعين هذا العام', occurrence: 1, kind: 'direct', speaker: ['أحمد'], cue: null }],
    entities: [],
  };
  // Both predictions overlap the gold quote by more than half; the shorter one, with the wrong speaker, starts first.
  const shorter: PredQuote = { text: 'الحكومة ستدعم المزارعين هذا', kind: 'direct', speaker: 'الوزير' };
  const exact: PredQuote = { text: 'الحكومة ستدعم المزارعين هذا العام', kind: 'direct', speaker: 'أحمد' };

  it.each([
    ['shorter listed first', [shorter, exact]],
    ['exact listed first', [exact, shorter]],
  ])('%s: the exact prediction is matched, the other is a false hit', (_name, quotes) => {
    // Two predictions cannot both start at the same place in `prediction`, so build the second by hand.
    const out = prediction(SOURCE, [quotes[0]!]);
    const other = quotes[1]!;
    const span = at(SOURCE, other.text);
    out.quotes.push({ id: 'q2', kind: other.kind, ...span, speaker: { entityId: null, name: other.speaker!, resolution: 'explicit' }, cue: null, confidence: 0.5, rule: 'test' });
    const r = evaluateArticle(gold, out, null);
    expect(r.quotes.matchedGold.direct).toBe(1);
    expect(r.quotes.rightGold.direct).toBe(1);
    expect(r.wrongSpeakers).toEqual([]);
    expect(r.falseHits.map((h) => h.text)).toEqual([shorter.text]);
  });
});

describe('evaluateFolders', () => {
  const T = mkdtempSync(join(tmpdir(), 'isnad-eval-'));
  afterAll(() => rmSync(T, { recursive: true, force: true }));

  it('reads gold files, predictions and article texts; an article without a prediction counts as missed', async () => {
    const goldDir = join(T, 'gold');
    const predDir = join(T, 'pred');
    const articlesDir = join(T, 'articles');
    for (const d of [goldDir, predDir, articlesDir]) mkdirSync(d, { recursive: true });
    writeFileSync(join(goldDir, 'x.gold.json'), JSON.stringify(GOLD));
    writeFileSync(join(predDir, 'x.json'), JSON.stringify(PRED));
    const ySource = 'وقال المدير: "الشركة بخير".';
    writeFileSync(join(articlesDir, 'y.txt'), '\ufeff' + ySource);
    writeFileSync(
      join(goldDir, 'y.gold.json'),
      JSON.stringify({ article: 'y.txt', lang: 'ar', quotes: [{ text: 'الشركة بخير', kind: 'direct', speaker: ['المدير'] }], entities: [] }),
    );
    writeFileSync(join(goldDir, 'README.md'), 'not a gold file');
    const { figures, reports } = await evaluateFolders({ goldDir, predDir, articlesDir });
    expect(reports.map((r) => r.article)).toEqual(['x.txt', 'y.txt']);
    expect(figures.articles).toBe(2);
    expect(figures.missingPredictions).toEqual(['y.txt']);
    // x as above, plus one direct gold quote of y that nothing found: span R = 2/4, P still 2/4.
    expect(figures.quotes.all.span).toMatchObject({ tp: 2, predicted: 4, gold: 4, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(figures.quotes.direct.span).toMatchObject({ tp: 2, predicted: 2, gold: 3 });
  });

  it('--lang scores only the gold files of that language', async () => {
    const goldDir = join(T, 'lang-gold');
    const articlesDir = join(T, 'lang-articles');
    for (const d of [goldDir, articlesDir]) mkdirSync(d, { recursive: true });
    writeFileSync(join(goldDir, 'x.gold.json'), JSON.stringify(GOLD));
    writeFileSync(join(articlesDir, 'x.txt'), SOURCE);
    writeFileSync(join(articlesDir, 'e.txt'), 'The mayor said: "The bridge opens in May."');
    writeFileSync(
      join(goldDir, 'e.gold.json'),
      JSON.stringify({ article: 'e.txt', lang: 'en', quotes: [{ text: 'The bridge opens in May.', kind: 'direct', speaker: ['the mayor'] }], entities: [] }),
    );
    const predDir = join(T, 'lang-pred');
    const all = await evaluateFolders({ goldDir, predDir, articlesDir });
    const ar = await evaluateFolders({ goldDir, predDir, articlesDir, lang: 'ar' });
    const en = await evaluateFolders({ goldDir, predDir, articlesDir, lang: 'en' });
    expect(all.reports.map((r) => r.article)).toEqual(['e.txt', 'x.txt']);
    expect(ar.reports.map((r) => r.article)).toEqual(['x.txt']);
    expect(en.reports.map((r) => r.article)).toEqual(['e.txt']);
    expect(ar.figures.quotes.all.span.gold + en.figures.quotes.all.span.gold).toBe(all.figures.quotes.all.span.gold);
    expect(() => parseLang('fr')).toThrow(/--lang must be ar, en or all/);
    expect([parseLang(undefined), parseLang('all'), parseLang('en')]).toEqual([undefined, undefined, 'en']);
  });

  it.each([
    ['no gold files', {}, /no \*\.gold\.json files/],
    ['an invalid gold file', { 'x.gold.json': '{"article": ""}' }, /not a valid gold file/],
    ['neither a prediction nor the article text', { 'x.gold.json': JSON.stringify(GOLD) }, /no prediction/],
  ])('%s is a usage error', async (name, files, message) => {
    const goldDir = join(T, `bad-${name.replace(/\W+/g, '-')}`);
    mkdirSync(goldDir, { recursive: true });
    for (const [n, text] of Object.entries(files)) writeFileSync(join(goldDir, n), text);
    await expect(evaluateFolders({ goldDir, predDir: join(T, 'empty-pred') })).rejects.toThrow(message);
  });
});

describe('a wrong link is wrong in the strict figure and right in the lenient one', () => {
  // A football line-up: "Vance" is a footballer whom a gazetteer linked to the US vice president.
  const source = 'Vance said: "We played well and deserved the win." Reed said the pitch was heavy.';
  const jdVance = { id: 'person.jd-vance', type: 'person' as const, name: 'JD Vance', names: { en: ['JD Vance', 'J.D. Vance', 'Vance'], ar: ['جي دي فانس', 'فانس'] }, mentions: ['Vance'] };
  const gold: GoldFile = {
    article: 'x.txt',
    lang: 'en',
    quotes: [{ text: 'We played well and deserved the win.', occurrence: 1, kind: 'direct', speaker: ['Vance'], cue: 'said' }],
    entities: [
      { type: 'person', names: ['Vance'] },
      { type: 'person', names: ['Reed'] },
    ],
  };
  const linkedPred = prediction(source, [{ text: 'We played well and deserved the win.', kind: 'direct', speaker: 'JD Vance', entityId: 'person.jd-vance', mention: 'Vance' }], [jdVance]);

  it('speakerRight: strict no, lenient yes', () => {
    const q = linkedPred.quotes[0]!;
    expect(speakerRight(linkedPred, q, gold.quotes[0]!.speaker, 'strict')).toBe(false);
    expect(speakerRight(linkedPred, q, gold.quotes[0]!.speaker, 'lenient')).toBe(true);
    expect(speakerRight(linkedPred, q, gold.quotes[0]!.speaker)).toBe(false); // strict is the default
  });

  it('the figures keep both, and the report marks the wrong link', () => {
    const r = evaluateArticle(gold, linkedPred, null);
    const f = sumReports([r]);
    expect(f.quotes.all.endToEnd).toMatchObject({ tp: 0, predicted: 1, gold: 1 });
    expect(f.quotes.all.endToEndLenient).toMatchObject({ tp: 1, predicted: 1, gold: 1, f1: 1 });
    expect(f.quotes.all.attributionAccuracy).toBe(0);
    expect(f.quotes.all.attributionAccuracyLenient).toBe(1);
    expect(r.wrongSpeakers).toEqual([expect.objectContaining({ id: 'q1', predicted: 'JD Vance', lenient: true })]);
    // Entities: the linked JD Vance matches gold "Vance" only leniently.
    expect(f.entities.untyped).toMatchObject({ tp: 0, predicted: 1, gold: 2 });
    expect(f.entities.untypedLenient).toMatchObject({ tp: 1, predicted: 1, gold: 2 });
    expect(r.falseEntities.map((e) => e.id)).toEqual(['person.jd-vance']);
  });

  it('the same speaker unlinked (a new entity of the rules) is right in both', () => {
    const unlinked = prediction(source, [{ text: 'We played well and deserved the win.', kind: 'direct', speaker: 'Vance', entityId: 'person.vance', mention: 'Vance' }], [
      { id: 'person.vance', type: 'person', name: 'Vance', names: { en: ['Vance'] }, mentions: ['Vance'] },
    ]);
    unlinked.entities[0]!.source = 'rule';
    const f = sumReports([evaluateArticle(gold, unlinked, null)]);
    expect(f.quotes.all.endToEnd.tp).toBe(1);
    expect(f.quotes.all.endToEndLenient.tp).toBe(1);
    expect(f.entities.untyped.tp).toBe(1);
  });

  it('a right link is right in both: the gold names the full name', () => {
    const rightGold: GoldFile = { ...gold, quotes: [{ ...gold.quotes[0]!, speaker: ['JD Vance', 'Vance'] }], entities: [{ type: 'person', names: ['JD Vance', 'Vance'] }] };
    const f = sumReports([evaluateArticle(rightGold, linkedPred, null)]);
    expect(f.quotes.all.endToEnd.tp).toBe(1);
    expect(f.entities.typed.tp).toBe(1);
  });

  it.each<[string, { name: string; names: { ar?: string[]; en?: string[] } }, string[]]>([
    ['surnames and short forms are left out', { name: 'JD Vance', names: { en: ['JD Vance', 'Vance'], ar: ['جي دي فانس', 'فانس'] } }, ['JD Vance', 'جي دي فانس']],
    ['a one-word full name stays', { name: 'Iran', names: { en: ['Iran'], ar: ['إيران'] } }, ['Iran', 'إيران']],
    ['the canonical name stays; حماس, a word of حركة حماس, goes', { name: 'Hamas', names: { en: ['Hamas'], ar: ['حماس', 'حركة حماس'] } }, ['Hamas', 'حركة حماس']],
  ])('identifyingNames: %s', (_name, ent, expected) => {
    expect(identifyingNames(ent)).toEqual(expected);
  });
});
