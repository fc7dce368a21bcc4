// read-dateline: the rule files' own examples, tables of dates and datelines
// with look-alikes beside them (a date in a sentence or a quotation, numbers
// that are not dates), and the seeds read through the whole pipeline.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { compileDateRules, findDates, loadDateRules, readDateline, type DatelineDoc } from '../../src/stages/read-dateline.ts';
import { DateFileSchema } from '../../src/schema/date-rules.ts';
import { parseYamlWith, DataFileError } from '../../src/util/load-yaml.ts';
import { Normalised, normaliseString } from '../../src/text/normalise.ts';
import { loadResources } from '../../src/resources.ts';
import { processArticle } from '../../src/process-article.ts';
import type { Lang } from '../../src/schema/output.ts';
import type { DocEntity } from '../../src/document.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const rules = { ar: loadDateRules(join(ROOT, 'rules'), 'ar'), en: loadDateRules(join(ROOT, 'rules'), 'en') };

/** A document with no entities unless `places` names substrings that are places. */
function doc(source: string, lang: Lang, places: string[] = []): DatelineDoc {
  const entities = new Map<string, DocEntity>();
  const mentions = places.map((p, i) => {
    const start = source.indexOf(p);
    if (start < 0) throw new Error(`no ${p} in the text`);
    entities.set(`place.p${i}`, { id: `place.p${i}`, type: 'place', name: p, names: {}, source: 'gazetteer', roles: [] });
    return { start, end: start + p.length, entityId: `place.p${i}`, kind: 'name' as const, rule: 'test', tokenStart: 0, tokenEnd: 0 };
  });
  return { source, view: new Normalised(source), lang, mentions, entities, boilerplate: [] };
}

function read(source: string, lang: Lang, places: string[] = []) {
  const d = doc(source, lang, places);
  const out = readDateline(d, rules[lang]);
  for (const s of [out.date, out.dateline, out.dateline?.place, out.dateline?.outlet]) {
    if (s) expect(source.slice(s.start, s.end)).toBe(s.text);
  }
  return out;
}

describe('findDates', () => {
  it.each([
    ['ar', '2017-02-08', '2017-02-08'],
    ['ar', '8 شباط 2017', '2017-02-08'],
    ['ar', 'الأحد، 14 سبتمبر 2025', '2025-09-14'],
    ['ar', '١٤ سبتمبر ٢٠٢٥', '2025-09-14'],
    ['ar', '3 كانون الثاني 2020', '2020-01-03'],
    ['ar', '5 جانفي 2021', '2021-01-05'],
    ['ar', '9 غشت 2019', '2019-08-09'],
    ['ar', '8 شباط (فبراير) 2017', '2017-02-08'],
    ['ar', '8 شباط/فبراير 2017', '2017-02-08'],
    ['ar', '08/02/2017', '2017-02-08'],
    ['ar', '١٠ إبريل ٢٠٢٤م', '2024-04-10'],
    ['en', 'Jan 18, 2011', '2011-01-18'],
    ['en', 'Tuesday, 18 January 2011', '2011-01-18'],
    ['en', 'Sept. 3, 2019', '2019-09-03'],
    ['en', '29 February 2024', '2024-02-29'],
  ] as const)('%s %s → %s', (lang, text, iso) => {
    const hits = findDates(normaliseString(text), rules[lang]);
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect(`${h.year}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`).toBe(iso);
  });

  it.each([
    ['ar', 'القرار 2254'],
    ['ar', '0940777186'],
    ['ar', '2017-13-45'],
    ['ar', '31 شباط 2017'],
    ['ar', '8 شباط (آذار) 2017'],
    ['ar', 'العدد 1266 من المجلة'],
    ['en', '29 February 2023'],
    ['en', '08/02/2017'],
    ['en', '3-1, 4-2 on aggregate'],
  ] as const)('%s %s is not a date', (lang, text) => {
    expect(findDates(normaliseString(text), rules[lang])).toEqual([]);
  });
});

describe('the article date', () => {
  it.each([
    ['ar', 'عنوان الخبر\n\n1266 2017-02-08\n\nقال الوزير إن المحادثات مستمرة.', '2017-02-08'],
    ['ar', 'الأحد، 14 سبتمبر 2025 06:15 م\nقال الوزير إن المحادثات مستمرة.', '2025-09-14'],
    ['ar', 'نشر في: ٢ أكتوبر ٢٠٢٥ | ١٣:٤٥\nقال الوزير إن المحادثات مستمرة.', '2025-10-02'],
    ['ar', 'قال الوزير إن المحادثات مستمرة.\n\nتاريخ النشر 8 شباط 2017', '2017-02-08'],
    ['en', 'Headline here\nThu 5 Dec 2024 18.42 GMT\nThe minister said talks go on.', '2024-12-05'],
    ['en', 'By Daniel Okoro, Economics Correspondent | 19 December 2024, 12:31 pm\nThe bank held rates.', '2024-12-19'],
    ['en', 'Bizline Markets · 22 October 2025 · 5 min read\nThe chief executive said.', '2025-10-22'],
  ] as const)('%s: %j → %s', (lang, source, iso) => {
    expect(read(source, lang).date?.iso).toBe(iso);
  });

  it.each([
    // A date in a sentence is what the article talks about, not when it was written.
    ['ar', 'قال الوزير إن الاتفاق سيوقع في 8 شباط 2017 في جنيف.'],
    // A date in quotation marks, even alone on its line, is someone's words.
    ['ar', 'عنوان\n“8 شباط 2017”\nقال الوزير ذلك.'],
    ['en', 'Headline\n"January 18, 2011"\nThat was the day, he said.'],
    ['en', 'The deal will be signed on Jan 18, 2011 in Geneva, the minister said.'],
    // Numbers that are not dates.
    ['ar', 'عنوان\n\n1266 2254\n\nقال الوزير.'],
    ['ar', 'عنوان\nللمزيد اتصل على الرقم 0940777186'],
    ['en', 'Headline\n3-1, 4-2\nThe club won.'],
    // A day and month without a year stand for a date only inside a dateline.
    ['en', 'Headline\nMay 5\nThe club won.'],
    // A date in the middle of a long article is not looked at.
    ['ar', `عنوان\n${'قال الوزير إن المحادثات مستمرة.\n'.repeat(12)}2017-02-08\n${'وأضاف أن الحل سياسي.\n'.repeat(5)}`],
  ] as const)('%s: no date in %j', (lang, source) => {
    expect(read(source, lang).date).toBeUndefined();
  });

  it('takes no date from a comment section at the foot', () => {
    const source = `${'قال الوزير إن المحادثات مستمرة.\n'.repeat(8)}التعليقات\n2017-02-08`;
    const d = doc(source, 'ar');
    d.boilerplate = [{ start: source.indexOf('التعليقات'), end: source.length, rule: 'ar.comment-section' }];
    expect(readDateline(d, rules.ar).date).toBeUndefined();
    d.boilerplate = [];
    expect(readDateline(d, rules.ar).date?.iso).toBe('2017-02-08');
  });
});

describe('the dateline', () => {
  it.each([
    ['ar', 'موسكو-سانا\nأعلن وزير الخارجية.', [], 'موسكو-سانا', 'موسكو', 'سانا'],
    ['ar', 'دمشق - (رويترز) - قال مسؤول.', [], 'دمشق - (رويترز) -', 'دمشق', 'رويترز'],
    ['ar', 'نيويورك، 12 ديسمبر (هيبيا) – قال الأمين العام.', ['نيويورك'], 'نيويورك، 12 ديسمبر (هيبيا) –', 'نيويورك', 'هيبيا'],
    ['en', 'MOSCOW (Reuters) - Russia said on Monday.', [], 'MOSCOW (Reuters) -', 'MOSCOW', 'Reuters'],
    ['en', 'WASHINGTON — The Senate voted.', [], 'WASHINGTON —', 'WASHINGTON', undefined],
    ['en', '(Reuters) – Iran’s foreign minister said.', [], '(Reuters) –', undefined, 'Reuters'],
    ['en', 'Bengaluru, Oct 20 (IANS) After the match.', [], 'Bengaluru, Oct 20 (IANS)', 'Bengaluru', 'IANS'],
  ] as const)('%s: %j', (lang, source, places, text, place, outlet) => {
    const { dateline } = read(source, lang, [...places]);
    expect(dateline?.text).toBe(text);
    expect(dateline?.place?.text).toBe(place);
    expect(dateline?.outlet?.text).toBe(outlet);
  });

  it('a dateline date without a year is kept without one, never completed', () => {
    const { date } = read('نيويورك، 12 ديسمبر (هيبيا) – قال الأمين العام.', 'ar', ['نيويورك']);
    expect(date).toMatchObject({ text: '12 ديسمبر', month: 12, day: 12, rule: 'ar.date.in-dateline' });
    expect(date?.year).toBeUndefined();
    expect(date?.iso).toBeUndefined();
  });

  it.each([
    ['ar', 'سوريا - لبنان\nقال الوزير.'],
    ['ar', 'سرايا - قال المدير العام لمنظمة الصحة.'],
    ['ar', 'نيويورك، 12 ديسمبر (خاص) – قال الأمين العام.'], // نيويورك not found as a place, خاص not an outlet: not enough
    ['ar', 'قال الوزير إن موسكو-سانا ليست مصدرا.'],
    ['en', 'Washington — The Senate voted.'],
    ['en', 'US - China talks resumed.'],
    ['en', '(Video) - watch the speech'],
    ['en', 'Moscow (Reuters) said nothing.'],
  ] as const)('%s: no dateline in %j', (lang, source) => {
    expect(read(source, lang).dateline).toBeUndefined();
  });

  for (const lang of ['ar', 'en'] as const) {
    for (const rule of rules[lang].file.datelines) {
      it.each(rule.examples)(`${rule.id} matches its example %j`, (line) => {
        expect(new RegExp(rule.pattern, 'u').test(line)).toBe(true);
      });
      it.each(rule.counterexamples)(`${rule.id} takes no dateline from its counterexample %j`, (line) => {
        const found = read(line, lang).dateline;
        expect(found?.rule).not.toBe(rule.id);
      });
    }
  }
});

describe('rules/<lang>/dates.yaml', () => {
  it('reports a bad file with its line', () => {
    const bad = 'lang: ar\nmonths:\n  - { month: 13, names: [x] }\nnumericOrder: dmy\ndatelines: []\n';
    let err: unknown;
    try {
      compileDateRules(parseYamlWith(bad, 'rules/ar/dates.yaml', DateFileSchema));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as Error).message).toMatch(/rules\/ar\/dates\.yaml:3:\d+ months\[0\]\.month/);
    expect((err as Error).message).toMatch(/twelve months/);
  });
});

describe('through the pipeline', () => {
  const ctx = { resources: loadResources() };
  const run = (name: string) => {
    const path = join(ROOT, 'seeds', name);
    return processArticle(readFileSync(path), { abs: path, rel: name }, ctx).article;
  };
  it('reads the dateline of seed 001 with the place entity', () => {
    const a = run('001_5807bf437fd757a4.txt');
    expect(a.dateline).toMatchObject({ text: 'موسكو-سانا', start: 0, place: { text: 'موسكو', entityId: 'place.moscow' }, outlet: { text: 'سانا' } });
    expect(a.date).toBeUndefined();
  });
  it('reads the date of seed 003 beside its view counter', () => {
    const a = run('003_a9e6bd5e9861890c.txt');
    expect(a.date).toMatchObject({ text: '2017-02-08', iso: '2017-02-08', rule: 'ar.date.head-line' });
    expect(a.dateline).toBeUndefined();
  });
  it('finds neither in seed 004, which has none', () => {
    const a = run('004_5224803d0337f076.txt');
    expect(a.date).toBeUndefined();
    expect(a.dateline).toBeUndefined();
  });
});
