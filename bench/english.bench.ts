// The English path beside compromise run alone, on the English development
// corpus (tests/corpus/en): throughput in characters per second, and the quote
// and entity figures both get on the gold. compromise's own answers are
// scored through src/eval/evaluate.ts like the pipeline's: its .quotations()
// become direct quotes with no speaker, its .people() (and, on a second line,
// .places() and .organizations()) become entities. A plain script: it prints
// figures and asserts nothing; compare ratios, not seconds.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { loadResources } from '../src/resources.ts';
import { processArticle } from '../src/process-article.ts';
import { STAGES } from '../src/pipeline/stages.ts';
import { postTaggerSetting } from '../src/lang/en/nlp.ts';
import { evaluateArticle, sumReports, type EvalFigures } from '../src/eval/evaluate.ts';
import { GoldFileSchema } from '../src/schema/gold.ts';
import { SCHEMA_VERSION, type ArticleOutput, type Entity, type EntityType, type Quote } from '../src/schema/output.ts';

const root = fileURLToPath(new URL('../tests/corpus/en', import.meta.url));
const golds = readdirSync(join(root, 'gold'))
  .filter((f) => f.endsWith('.gold.json'))
  .sort()
  .map((f) => GoldFileSchema.parse(JSON.parse(readFileSync(join(root, 'gold', f), 'utf8'))));
const articles = golds.map((g) => ({ gold: g, bytes: readFileSync(join(root, 'articles', g.article)), text: readFileSync(join(root, 'articles', g.article), 'utf8') }));
const chars = articles.reduce((n, a) => n + a.text.length, 0);
const ctx = { resources: loadResources() };

/**
 * Characters per second of each contender, measured in turns: one round of each (every
 * article once), over and over for about nine seconds, so that a busy machine slows all
 * of them alike. Five rounds of each first, to warm up. Each round is timed in CPU time
 * (process.cpuUsage, this process's user and system time), not wall time: on a shared
 * machine (2 cores, load 8 to 12) the wall time of a round counts the time other processes
 * held the core, and the ratio of the same code swung from 0.8 to 1.6 between runs. CPU
 * time still varies (caches and the core are shared): repeat a run when figures disagree.
 */
function rates(contenders: Array<[string, () => void]>): { perSecond: number[]; ratio(a: number, b: number): number } {
  for (let i = 0; i < 5; i++) for (const [, fn] of contenders) fn();
  const ms = contenders.map(() => 0);
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < 9000) {
    contenders.forEach(([, fn], i) => {
      const t0 = process.cpuUsage();
      fn();
      const used = process.cpuUsage(t0);
      ms[i]! += (used.user + used.system) / 1000;
    });
    rounds++;
  }
  const perSecond = contenders.map(([label], i) => {
    const rate = (chars * rounds) / (ms[i]! / 1000);
    console.log(`${label.padEnd(58)} ${Math.round(rate).toLocaleString('en').padStart(9)} chars per CPU second`);
    return rate;
  });
  /** How many times faster contender a ran than contender b, over all rounds. */
  const ratio = (a: number, b: number) => perSecond[a]! / perSecond[b]!;
  console.log(`(${rounds} rounds)`);
  return { perSecond, ratio };
}

console.log(`English development corpus: ${articles.length} articles, ${chars.toLocaleString('en')} characters, one core\n`);
// Where the pipeline's time goes: each stage timed inside the timed runs (two clock reads per stage and article).
const stageMs = new Map<string, number>();
const runs = STAGES.map((s) => s.run);
STAGES.forEach((s, i) => {
  (s as { run: (typeof STAGES)[number]['run'] }).run = (doc, c) => {
    const t0 = performance.now();
    runs[i]!(doc, c);
    stageMs.set(s.name, (stageMs.get(s.name) ?? 0) + performance.now() - t0);
  };
});
let pipelineMs = 0;
const measured = rates([
  [
    'isnad English pipeline (processArticle, every stage)',
    () => {
      const t0 = performance.now();
      for (const a of articles) processArticle(a.bytes, { abs: a.gold.article, rel: a.gold.article }, ctx);
      pipelineMs += performance.now() - t0;
    },
  ],
  [
    'compromise alone: nlp(text) + people/places/organizations',
    () => {
      for (const a of articles) {
        const doc = nlp(a.text);
        doc.people().json({ offset: true });
        doc.places().json({ offset: true });
        doc.organizations().json({ offset: true });
      }
    },
  ],
  ["compromise's tokenizer and tagger alone: nlp(text)", () => articles.forEach((a) => nlp(a.text))],
]);
const [pipeline, tagger] = [measured.ratio(0, 1), measured.ratio(2, 1)];
STAGES.forEach((s, i) => ((s as { run: (typeof STAGES)[number]['run'] }).run = runs[i]!));
console.log(`the pipeline runs at ${pipeline.toFixed(2)}× the speed of compromise alone (target 5×); compromise's tagger alone runs at ${tagger.toFixed(2)}×`);
const setting = postTaggerSetting();
console.log(`ROW English pipeline vs compromise alone${setting === 'all' ? '' : ` (ISNAD_EN_POST_TAGGER=${setting})`} | ${pipeline.toFixed(2)}× | ≥ 5×`);
console.log(
  "the pipeline has compromise tag every paragraph (inside segment-text, without its chunker; its post-tagger's rules gathered per piece, and matched only from where their leading tokens match, by src/lang/en/sweep.ts, same tags): " +
    `that tagging is most of segment-text. Post-tagger: ${setting}${setting === 'all' ? ' (ISNAD_EN_POST_TAGGER=names or off trade quality for speed: README, "English speed")' : ''}.\n`,
);
console.log('where the pipeline\'s time goes (share of processArticle):');
let inStages = 0;
for (const [name, ms] of stageMs) {
  inStages += ms;
  console.log(`  ${name.padEnd(24)} ${((100 * ms) / pipelineMs).toFixed(1).padStart(5)}%`);
}
console.log(`  ${'outside the stages'.padEnd(24)} ${((100 * (pipelineMs - inStages)) / pipelineMs).toFixed(1).padStart(5)}%   (decode, language, output and its validation)\n`);

// ---- quality on the gold ------------------------------------------------------------------
interface JsonMatch {
  text: string;
  offset: { start: number; length: number };
}

function entitiesFrom(text: string, lists: Array<[EntityType, JsonMatch[]]>): Entity[] {
  const byName = new Map<string, Entity>();
  for (const [type, list] of lists) {
    for (const m of list) {
      // compromise's spans carry trailing punctuation and possessives: trim them as a fair reader would.
      let s = m.offset.start;
      let e = m.offset.start + m.offset.length;
      while (e > s && /[\s.,;:!?"“”‘’'()\-–—]/.test(text[e - 1]!)) e--;
      if (text.slice(s, e).endsWith("'s") || text.slice(s, e).endsWith('’s')) e -= 2;
      while (s < e && /[\s"“”‘’'(]/.test(text[s]!)) s++;
      if (e <= s) continue;
      const name = text.slice(s, e);
      const key = `${type}:${name.toLowerCase()}`;
      let ent = byName.get(key);
      if (!ent) {
        ent = { id: `${type}.${byName.size}`, type, name, names: { en: [name] }, source: 'rule', mentions: [] };
        byName.set(key, ent);
      }
      ent.mentions.push({ start: s, end: e, text: name, kind: 'name', rule: 'compromise' });
    }
  }
  return [...byName.values()];
}

function compromiseOutput(text: string, article: string, withPlacesAndOrgs: boolean): ArticleOutput {
  const doc = nlp(text);
  const quotes: Quote[] = [];
  for (const q of doc.quotations().json({ offset: true }) as JsonMatch[]) {
    let s = q.offset.start;
    let e = q.offset.start + q.offset.length;
    while (s < e && /[\s"“”‘’'«»]/.test(text[s]!)) s++;
    while (e > s && /[\s"“”‘’'«».,;:]/.test(text[e - 1]!)) e--;
    if (e <= s) continue;
    quotes.push({ id: `q${quotes.length + 1}`, kind: 'direct', text: text.slice(s, e), start: s, end: e, speaker: null, cue: null, confidence: 0.5, rule: 'compromise.quotations' });
  }
  const lists: Array<[EntityType, JsonMatch[]]> = [['person', doc.people().json({ offset: true }) as JsonMatch[]]];
  if (withPlacesAndOrgs) {
    lists.push(['place', doc.places().json({ offset: true }) as JsonMatch[]]);
    lists.push(['organisation', doc.organizations().json({ offset: true }) as JsonMatch[]]);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    article: { id: article, path: article, lang: 'en', title: '', chars: text.length, encoding: 'utf-8', sha256: '' },
    source: text,
    boilerplate: [],
    sentences: [],
    entities: entitiesFrom(text, lists),
    quotes,
    messages: [],
  };
}

const score = (make: (a: (typeof articles)[number]) => ArticleOutput): EvalFigures => sumReports(articles.map((a) => evaluateArticle(a.gold, make(a), null)));
const ours = score((a) => processArticle(a.bytes, { abs: a.gold.article, rel: a.gold.article }, ctx));
const cpPeople = score((a) => compromiseOutput(a.text, a.gold.article, false));
const cpTopics = score((a) => compromiseOutput(a.text, a.gold.article, true));

const f = (x: number) => x.toFixed(3);
const row = (label: string, cells: string[]) => console.log(`${label.padEnd(44)} ${cells.map((c) => c.padStart(12)).join(' ')}`);
console.log('F1 on tests/corpus/en gold (P/R in brackets where it helps)');
row('', ['isnad', 'compromise', 'compromise+']);
row('quotes: span, all', [f(ours.quotes.all.span.f1), f(cpPeople.quotes.all.span.f1), '']);
row('quotes: span, direct', [f(ours.quotes.direct.span.f1), f(cpPeople.quotes.direct.span.f1), '']);
row('quotes: span, indirect+mixed', [f(ours.quotes['indirect+mixed'].span.f1), f(cpPeople.quotes['indirect+mixed'].span.f1), '']);
row('quotes: with right speaker (end to end), all', [f(ours.quotes.all.endToEnd.f1), f(cpPeople.quotes.all.endToEnd.f1), '']);
row('entities: typed', [f(ours.entities.typed.f1), f(cpPeople.entities.typed.f1), f(cpTopics.entities.typed.f1)]);
row('entities: untyped', [f(ours.entities.untyped.f1), f(cpPeople.entities.untyped.f1), f(cpTopics.entities.untyped.f1)]);
const people = (fig: EvalFigures) => `P ${f(fig.entities.typed.precision)} R ${f(fig.entities.typed.recall)}`;
console.log(`\nentities typed, precision/recall: isnad ${people(ours)}; compromise .people() ${people(cpPeople)}; compromise + places/organizations ${people(cpTopics)}`);
console.log('compromise: .quotations() as direct quotes without speakers, .people() as persons; compromise+: .places() and .organizations() added.');
