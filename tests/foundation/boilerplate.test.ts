// mark-boilerplate: the rule files' own examples, the footers and comment sections of the seeds,
// and hand-made lines next to ordinary news sentences that use the same words.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { compileBoilerplateRules, matchBoilerplateLine, markBoilerplate } from '../../src/stages/mark-boilerplate.ts';
import { BoilerplateFileSchema, type BoilerplateRule } from '../../src/schema/rules.ts';
import { loadYamlFile } from '../../src/util/load-yaml.ts';
import { loadResources } from '../../src/resources.ts';
import { processArticle } from '../../src/process-article.ts';
import { inBoilerplate, type Doc } from '../../src/document.ts';

// Entities are not needed here: an empty gazetteer folder keeps loading quick.
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const resources = loadResources({ gazetteersDir: NO_GAZETTEERS });
const ctx = { resources };

const ruleFiles = ['ar', 'en'].map((lang) => {
  const file = join(ROOT, 'rules', lang, 'boilerplate.yaml');
  return { lang, ...loadYamlFile(file, BoilerplateFileSchema).data };
});

interface RuleCase {
  key: string;
  rule: BoilerplateRule;
  headLines: number;
  line: string;
}
const exampleCases: RuleCase[] = [];
const counterCases: RuleCase[] = [];
for (const f of ruleFiles) {
  for (const rule of f.rules) {
    for (const line of rule.examples) exampleCases.push({ key: `${rule.id} [${rule.scope}]: ${line}`, rule, headLines: f.headLines, line });
    for (const line of rule.counterexamples) counterCases.push({ key: `${rule.id} [${rule.scope}]: ${line}`, rule, headLines: f.headLines, line });
  }
}
const only = (c: RuleCase) => compileBoilerplateRules([{ headLines: c.headLines, rules: [c.rule] }]);

// Note: every example and counterexample in rules/*/boilerplate.yaml passes today. A
// rule-file entry the rules get wrong is parked with it.fails and its reason, here.
describe('boilerplate rule files: every example matches its rule, every counterexample does not', () => {
  it('there are rules of every scope to check', () => {
    const scopes = new Set(exampleCases.map((c) => c.rule.scope));
    expect([...scopes]).toEqual(expect.arrayContaining(['head', 'line', 'tail']));
    expect(exampleCases.length).toBeGreaterThan(30);
  });

  const exampleCheck = (c: RuleCase) => {
    const rules = only(c);
    if (c.rule.scope === 'head') {
      expect(matchBoilerplateLine(rules, c.line, true)?.id).toBe(c.rule.id);
      // A head rule never matches below the head.
      expect(matchBoilerplateLine(rules, c.line, false)).toBeNull();
    } else {
      // line, block and tail rules match anywhere.
      expect(matchBoilerplateLine(rules, c.line, false)?.id).toBe(c.rule.id);
      expect(matchBoilerplateLine(rules, c.line, true)?.id).toBe(c.rule.id);
    }
    // With all rules loaded the line is boilerplate too (possibly by an earlier rule of the other language).
    expect(matchBoilerplateLine(resources.boilerplate, c.line, c.rule.scope === 'head')).not.toBeNull();
  };
  const counterCheck = (c: RuleCase) => {
    expect(matchBoilerplateLine(only(c), c.line, true)).toBeNull();
    expect(matchBoilerplateLine(resources.boilerplate, c.line, true)).toBeNull();
  };

  it.each(exampleCases.map((c) => [c.key, c] as const))('example %s', (_k, c) => exampleCheck(c));
  it.each(counterCases.map((c) => [c.key, c] as const))('counterexample %s', (_k, c) => counterCheck(c));
});

describe('hand-made lines against all rules', () => {
  it.each<[string, string, boolean, boolean]>([
    // [what, line, in head, boilerplate]
    ['Arabic follow line', 'تابعونا على فيسبوك', false, true],
    ['Arabic join-channel line', 'انضموا إلى قناتنا على تلغرام للحصول على آخر الأخبار', false, true],
    ['news: continued verb, no و, same-looking words', 'وتابع الوزير أن بلاده ستواصل الاتصالات عبر القنوات الدبلوماسية.', false, false],
    ['news: a ministry follows the talks', 'تابعت الخارجية الروسية المحادثات في جنيف عن كثب.', false, false],
    ['Arabic read-also link', 'اقرأ أيضاً: لافروف يلتقي نظيره التركي في أنقرة', false, true],
    ['news: more news to come', 'وقال الوزير إن المزيد من الأخبار الجيدة ستأتي قريبا.', false, false],
    ['Arabic comment header with a count', 'التعليقات (3)', false, true],
    ['Arabic comment header, hamza and tanwin', 'أضف تعليقاً', false, true],
    ['news: comments of a minister', 'تعليقات الوزير على الاتفاق أثارت جدلا واسعا في البرلمان.', false, false],
    ['currency row', 'دولار أمريكي 1450', false, true],
    ['currency row with = and thousands', 'يورو = 1,580.25', false, true],
    ['currency table heading', 'أسعار العملات اليوم', false, true],
    ['news: the dollar rose', 'وارتفع الدولار إلى 1450 ليرة في السوق السوداء.', false, false],
    ['news: one dollar equals', 'دولار أمريكي واحد يساوي 1450 ليرة سورية في السوق الموازية اليوم', false, false],
    ['Arabic breadcrumb in the head', 'الرئيسية / أخبار / الشرق الأوسط', true, true],
    ['Arabic breadcrumb below the head', 'الرئيسية / أخبار / الشرق الأوسط', false, false],
    ['Arabic site label in the head', 'عاجل', true, true],
    ['Arabic site label below the head', 'عاجل', false, false],
    ['Arabic headline in the head', 'بوتين: روسيا مستعدة للتعاون مع الدول العربية', true, false],
    ['Arabic dateline in the head', 'موسكو-سانا', true, false],
    ['Arabic share buttons', 'شارك | طباعة | واتساب', false, true],
    ['news: took part', 'شارك الوزير في اجتماع مجلس الأمن أمس.', false, false],
    ['English follow line', 'Follow us on Twitter for the latest updates', false, true],
    ['English newsletter line', 'Subscribe to our newsletter', false, true],
    ['news: follow the talks on Twitter', 'He said Russia would follow the talks on Twitter closely.', false, false],
    ['English share buttons', 'Share | Tweet | Email', false, true],
    ['news: share prices', 'Share prices fell sharply in Moscow on Monday.', false, false],
    ['English comment header', 'Leave a comment', false, true],
    ['English comment count', '3 Comments', false, true],
    ['news: comments of a minister', 'Comments made by Lavrov on Monday drew criticism.', false, false],
    ['English breadcrumb in the head', 'Home > Politics > Middle East', true, true],
    ['English breadcrumb below the head', 'Home > Politics > Middle East', false, false],
    ['English read-more link', 'Read more: Lavrov meets Cavusoglu in Ankara', false, true],
    ['English copyright', '© 2017 Reuters', false, true],
    ['English site label in the head', 'Middle East', true, true],
    ['news: a sentence starting with Live', 'Live coverage of the summit continues.', true, false],
    ['bare link', 'https://example.org/news/1', false, true],
    ['news: a link inside a sentence', 'The report is at https://example.org, he said.', false, false],
  ])('%s', (_what, line, head, expected) => {
    expect(matchBoilerplateLine(resources.boilerplate, line, head) !== null).toBe(expected);
  });

  // News sentences that earlier versions of the rules took for boilerplate.
  it.each<[string, string]>([
    ['ar.follow-us: sentence-initial تابع ("he went on") with موقع later', 'تابع الوزير قائلا إن موقف روسيا ثابت وإن موقع سوريا في المنطقة مهم.'],
    ['ar.currency-table: a short headline about exchange rates', 'أسعار الصرف تقفز بعد قرار البنك المركزي رفع الفائدة'],
    ['en.related: a sentence starting with "Recommended"', 'Recommended changes to the electoral law were published on Monday.'],
    ['en.related: a sentence starting with "Related"', 'Related talks will continue next week in Geneva, the ministry said.'],
    ['en.follow-us: "Follow-up" and the word app', 'Follow-up talks on the new app regulations will take place in Geneva, the ministry said.'],
    ['en.copyright: a sentence starting with "Copyright"', 'Copyright holders said the new rules would hurt musicians.'],
  ])('news sentence is not boilerplate: %s', (_what, line) => {
    expect(matchBoilerplateLine(resources.boilerplate, line, false)).toBeNull();
  });
});

const seed = (prefix: string) => {
  const f = readdirSync(join(ROOT, 'seeds')).find((n) => n.startsWith(prefix))!;
  return processArticle(readFileSync(join(ROOT, 'seeds', f)), { abs: join(ROOT, 'seeds', f), rel: f }, ctx);
};
/** Start and end (trimmed) of the first line of `source` that starts with `prefix`. */
function lineAt(source: string, prefix: string): { start: number; end: number } {
  const start = source.startsWith(prefix) ? 0 : source.indexOf('\n' + prefix) + 1;
  if (start === 0 && !source.startsWith(prefix)) throw new Error(`no line starts with ${prefix}`);
  let end = source.indexOf('\n', start);
  if (end === -1) end = source.length;
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return { start, end };
}
const covered = (regions: Array<{ start: number; end: number }>, s: number, e: number) => regions.some((r) => r.start <= s && r.end >= e);

describe('boilerplate in the seeds', () => {
  it('seed 003: the whole reader-comment section from اضف تعليقك to the end is one boilerplate region', () => {
    const out = seed('003_');
    const from = lineAt(out.source, 'اضف تعليقك').start;
    const end = out.source.trimEnd().length;
    expect(covered(out.boilerplate, from, end)).toBe(true);
    expect(out.boilerplate.find((r) => r.start === from)?.rule).toBe('ar.comment-section');
    // The reader comments (names, "الموضوع :" headers, currency rows) are all inside it.
    for (const prefix of ['الاسعار الرسمية للعملات', 'دينار بحريني 0', 'حيدر الاعرجي', 'Muna :', 'Maher :']) {
      const l = lineAt(out.source, prefix);
      expect(inBoilerplate(out, l.start, l.end), prefix).toBe(true);
    }
    // No sentence is taken from it.
    expect(out.sentences.every((s) => s.end <= from)).toBe(true);
  });

  it.each([
    ['003_', 'قال وزير الخارجية الروسي'],
    ['003_', 'وأكد قائلاً'],
    ['003_', 'لافروف: الاتصالات بين'],
    ['000_', 'أعلن وزير الخارجية الروسي'],
    ['000_', 'ولفت بوتين إلى أن العامل'],
    ['000_', 'لافروف:استئناف'],
  ])('seed %s: the body line starting %s is not boilerplate and has sentences', (prefix, start) => {
    const out = seed(prefix);
    const l = lineAt(out.source, start);
    expect(inBoilerplate(out, l.start, l.end)).toBe(false);
    expect(out.sentences.some((s) => s.start >= l.start && s.end <= l.end)).toBe(true);
  });

  it.each([
    ['000_', 'تابعوا آخر الأخبار السياسية'],
    ['000_', 'https://telegram.me/SyrianArabNewsAgency'],
    ['000_', 'تابعونا عبر تطبيق واتس أب'],
    ['000_', 'عبر إرسال كلمة اشتراك'],
    ['000_', 'تابعوا صفحتنا على موقع (VK)'],
    ['000_', 'http://vk.com/syrianarabnewsagency'],
    ['001_', 'تابعوا آخر الأخبار السياسية'],
    ['002_', 'عبر إرسال كلمة اشتراك'],
    ['000_', 'الشريط الإخباري'],
    ['003_', 'سوريا - لبنان - فلسطين'],
    ['003_', '1266 2017-02-08'],
    ['003_', 'اشترك في قناة وكالة انباء براثا'],
  ])('seed %s: the line starting %s is boilerplate', (prefix, start) => {
    const out = seed(prefix);
    const l = lineAt(out.source, start);
    expect(inBoilerplate(out, l.start, l.end)).toBe(true);
    expect(covered(out.boilerplate, l.start, l.end)).toBe(true);
  });

  it('seed 000: every line from the SANA footer to the end is boilerplate', () => {
    const out = seed('000_');
    const from = lineAt(out.source, 'تابعوا آخر الأخبار').start;
    let pos = from;
    for (const line of out.source.slice(from).split('\n')) {
      const s = pos;
      pos += line.length + 1;
      if (line.trim() === '') continue;
      const trimmedEnd = s + line.trimEnd().length;
      expect(inBoilerplate(out, s, trimmedEnd), line).toBe(true);
    }
  });

  it.each(['000_', '001_', '002_', '003_', '004_'])('seed %s: regions are sorted, disjoint, inside the source and never contain a sentence', (prefix) => {
    const out = seed(prefix);
    for (let i = 0; i < out.boilerplate.length; i++) {
      const r = out.boilerplate[i]!;
      expect(r.start).toBeLessThan(r.end);
      expect(r.end).toBeLessThanOrEqual(out.source.length);
      if (i > 0) expect(r.start).toBeGreaterThanOrEqual(out.boilerplate[i - 1]!.end);
    }
    for (const s of out.sentences) expect(inBoilerplate(out, s.start, s.end)).toBe(false);
  });
});

describe('markBoilerplate on a hand-made page', () => {
  const doc = (source: string) => ({ source, paragraphs: [], boilerplate: [] }) as unknown as Doc;

  it('a tail rule swallows everything after it; line rules only their line; adjacent lines of one rule merge', () => {
    const source = [
      'الرئيسية > أخبار > سياسة',
      'لافروف: الحوار مستمر',
      'قال الوزير إن الحوار مستمر.',
      'تابعونا على فيسبوك',
      'تابعونا على تويتر',
      'وأضاف أن الاتصالات لم تنقطع.',
      'التعليقات',
      'أحمد: مقال ممتاز',
      'قال الوزير إن هذا تعليق قارئ.',
    ].join('\n');
    const d = doc(source);
    markBoilerplate(d, resources.boilerplate);
    const shown = d.boilerplate.map((r) => [r.rule, source.slice(r.start, r.end)]);
    expect(shown).toEqual([
      ['ar.breadcrumb', 'الرئيسية > أخبار > سياسة'],
      ['ar.follow-us', 'تابعونا على فيسبوك\nتابعونا على تويتر'],
      ['ar.comment-section', 'التعليقات\nأحمد: مقال ممتاز\nقال الوزير إن هذا تعليق قارئ.'],
    ]);
    expect(d.paragraphs.map((p) => p.boilerplate)).toEqual([true, false, false, true, true, false, true, true, true]);
  });

  it('head rules only apply to the first non-empty lines', () => {
    const head = 'عاجل\n\nلافروف: الحوار مستمر\nقال الوزير إن الحوار مستمر.\nوأضاف أن الاتصالات مستمرة.\nعاجل';
    const d = doc(head);
    markBoilerplate(d, resources.boilerplate);
    expect(d.boilerplate.map((r) => [r.rule, r.start, r.end])).toEqual([['ar.site-label', 0, 4]]);
  });
});

describe('hard-wrapped lines join into paragraphs', () => {
  const doc = (source: string) => ({ source, paragraphs: [], boilerplate: [] }) as unknown as Doc;
  const paragraphsOf = (source: string) => {
    const d = doc(source);
    markBoilerplate(d, resources.boilerplate);
    return d.paragraphs.map((p) => source.slice(p.start, p.end));
  };

  it.each<[string, string, string[]]>([
    // [what, source, the paragraphs]
    ['a line ending mid-sentence, the next starting lower-case: one paragraph', 'Crews were called just after\nmidnight to the house.\nThe fire spread to\nfour buildings.', ['Crews were called just after\nmidnight to the house.', 'The fire spread to\nfour buildings.']],
    ['negative: a full stop ends the line: two paragraphs', 'The fire is out.\nthe street is open again.', ['The fire is out.', 'the street is open again.']],
    ['negative: the next line starts upper-case: two paragraphs', 'Breaking news\nThe fire is out.', ['Breaking news', 'The fire is out.']],
    ['negative: a blank line always separates', 'Crews were called just after\n\nmidnight to the house.', ['Crews were called just after', 'midnight to the house.']],
    ['negative: Arabic has no case, a line is a paragraph', 'وقال الوزير\nإن الحوار مستمر.', ['وقال الوزير', 'إن الحوار مستمر.']],
    [
      'an article wrapped throughout: every single break after the first line joins',
      'Title of the story\nFirefighters\nwere called at 2 a.m. to the house. The roof\nfell in.\nNeighbours said the alarm\nwent off. Fire Chief\nRufus Jackson says the man\nlives alone.',
      ['Title of the story', 'Firefighters\nwere called at 2 a.m. to the house. The roof\nfell in.\nNeighbours said the alarm\nwent off. Fire Chief\nRufus Jackson says the man\nlives alone.'],
    ],
  ])('%s', (_what, source, want) => {
    expect(paragraphsOf(source)).toEqual(want);
  });

  it('a sentence across a wrapped line is one sentence, its spans still in the source', () => {
    const source = 'Fire Chief Rufus Jackson says the man lives\nalone in the home where the fire started.';
    const out = processArticle(new TextEncoder().encode(source), { abs: '/t.txt', rel: 't.txt' }, ctx, { lang: 'en' });
    expect(out.sentences).toHaveLength(1);
    const q = out.quotes[0]!;
    expect(source.slice(q.start, q.end)).toBe(q.text);
    expect(q.text).toBe('the man lives\nalone in the home where the fire started');
  });
});
