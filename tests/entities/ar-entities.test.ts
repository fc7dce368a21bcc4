// Arabic entity recognition: tables of sentences of other people, titles, countries and fields
// than the seeds, positive and negative.
import { describe, expect, it } from 'vitest';
import { run, mentionsOf, runWithoutPeople } from './helpers.ts';
import { mentionAt, mentionsBetween } from '../../src/entities/mentions.ts';
import type { EntityMention } from '../../src/document.ts';

const persons = (text: string) => runWithoutPeople(text).entities.filter((e) => e.type === 'person');
const texts = (text: string) => mentionsOf(run(text)).map((m) => `${m.type}:${m.kind}:${m.text}`);

describe('gazetteer names with proclitics', () => {
  it.each([
    ['وصل الوفد بسوريا أمس', 'place:name:سوريا', 'بسوريا'],
    ['أعلنت الولايات المتحدة والصين اتفاقا', 'place:name:الصين', 'والصين'],
    ['وقدمت مساعدات للعراق', 'place:name:لعراق', 'للعراق'],
    ['وسافر الوزير إلى فرنسا وألمانيا', 'place:name:ألمانيا', 'وألمانيا'],
    ['وتعهدت والولايات المتحدة بالدعم', 'place:name:الولايات المتحدة', 'والولايات المتحدة'],
  ])('%s', (text, want, notWant) => {
    const got = texts(text);
    expect(got).toContain(want);
    expect(got.some((g) => g.endsWith(`:${notWant}`) && notWant !== want.split(':')[2])).toBe(false);
  });

  it.each([
    ['الحدود التركية السورية مغلقة', ['التركية', 'السورية']],
    ['قال المسؤول الأمريكي إن الاتفاق قريب', ['الأمريكي']],
    ['وانتقد الإعلام المصري القرار', ['المصري']],
  ])('nationality adjectives are no place mentions: %s', (text, adjectives) => {
    const got = mentionsOf(run(text)).map((m) => m.text);
    for (const a of adjectives) expect(got).not.toContain(a);
  });
});

describe('persons after a title (ar.person-after-title)', () => {
  it.each([
    ['قال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي.', 'أيمن الصفدي', 'وزير الخارجية الأردني'],
    ['وأكد وزير المالية المصري أحمد كجوك أن العجز تراجع.', 'أحمد كجوك', 'وزير المالية المصري'],
    ['وقال المتحدث باسم وزارة الصحة حسام عبد الغفار إن الوضع مستقر.', 'حسام عبد الغفار', 'المتحدث باسم'],
    ['وصرح المدير الفني لنادي الزمالك جوسيه غوميز بأن الفريق جاهز.', 'جوسيه غوميز', 'المدير الفني'],
    ['وأوضح رئيس مجلس إدارة الشركة محمد الشامي أن الأرباح ارتفعت.', 'محمد الشامي', 'رئيس مجلس إدارة'],
    ['وقال الخبير الاقتصادي هاني توفيق إن التضخم سيتراجع.', 'هاني توفيق', 'الخبير الاقتصادي'],
    ['وأعلن الرئيس المصري عبد الفتاح السيسي عن مبادرة جديدة.', 'عبد الفتاح السيسي', 'الرئيس المصري'],
    ['وقال نائب رئيس الوزراء التركي جودت يلماز إن النمو قوي.', 'جودت يلماز', 'نائب رئيس الوزراء التركي'],
  ])('%s', (text, name, titleStart) => {
    const out = runWithoutPeople(text);
    const p = out.entities.find((e) => e.type === 'person' && e.mentions.some((m) => m.text === name && m.kind === 'name'));
    expect(p, JSON.stringify(out.entities.map((e) => e.mentions.map((m) => m.text)))).toBeDefined();
    expect(p!.source).toBe('rule');
    expect(p!.id).toMatch(/^person\.[a-z0-9-]+$/);
    expect(p!.roles?.[0]?.startsWith(titleStart)).toBe(true);
    expect(p!.mentions.some((m) => m.kind === 'title' && m.text.startsWith(titleStart.split(' ')[0]!))).toBe(true);
  });

  it.each([
    ['وأجرى وزير الخارجية الروسي اتصالا هاتفيا مع نظيره.', 'a common noun after a title'],
    ['قال وزير الخارجية إن المحادثات مستمرة.', 'a complementiser after a title'],
    ['وأكد وزير الدفاع خلال زيارته أن الجيش جاهز.', 'a preposition after a title'],
    ['العامل الرئيس في الأزمة هو الاقتصاد.', 'الرئيس as an adjective'],
    ['وقال المدير العام اليوم إن النتائج جيدة.', 'a time word after a title'],
    ['وقدم الوزير مساعدة للسكان المتضررين.', 'مساعدة is aid, not an assistant'],
  ])('no person: %s (%s)', (text) => {
    expect(persons(text)).toEqual([]);
  });
});

describe('persons before a title (ar.person-before-title)', () => {
  it.each([
    ['وكان فلاديمير تشيجوف مندوب روسيا الدائم لدى الاتحاد الأوروبي أكد ذلك.', 'فلاديمير تشيجوف'],
    ['وقال كريم بنزيمة لاعب نادي الاتحاد إن الموسم صعب.', 'كريم بنزيمة'],
    ['وكانت نجلاء المنقوش وزيرة الخارجية الليبية قد التقت نظيرها.', 'نجلاء المنقوش'],
  ])('%s', (text, name) => {
    expect(persons(text).map((p) => p.name)).toContain(name);
  });
  it.each([['واستقبل الرئيس المصري في القاهرة وفدا من رجال الأعمال.'], ['وكان الاجتماع الوزاري لمجلس التعاون ناجحا.']])('no person: %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});

describe('coreference', () => {
  it('a surname alone refers back to a discovered person (ar.alias-surname)', () => {
    const out = runWithoutPeople('قال وزير الخارجية الأفغاني صلاح الدين رباني إن كابول مستعدة.\nوأضاف رباني أن الحوار مستمر.');
    const p = out.entities.find((e) => e.name === 'صلاح الدين رباني')!;
    expect(p.mentions.map((m) => `${m.kind}:${m.text}`)).toContain('alias:رباني');
  });
  it('a surname with a proclitic', () => {
    const out = runWithoutPeople('قال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي.\nوأكد للصفدي نظيره أن الاتصالات مستمرة.');
    const p = out.entities.find((e) => e.name === 'أيمن الصفدي')!;
    expect(p.mentions.some((m) => m.kind === 'alias')).toBe(true);
  });
  it.each([
    ['وأضاف الوزير الأردني', 'الوزير الأردني'],
    ['وتابع وزير الخارجية', 'وزير الخارجية'],
    ['وقال الوزير', 'الوزير'],
  ])('a title given earlier refers to its holder: %s', (later, title) => {
    const out = runWithoutPeople(`قال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي.\n${later} أن الاتصالات مستمرة.`);
    const p = out.entities.find((e) => e.name === 'أيمن الصفدي')!;
    expect(p.mentions.filter((m) => m.kind === 'title').map((m) => m.text)).toContain(title);
  });
  it('a title of another nationality does not refer back', () => {
    const out = runWithoutPeople('قال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي.\nوأضاف الوزير المصري أن الاتصالات مستمرة.');
    const p = out.entities.find((e) => e.name === 'أيمن الصفدي')!;
    expect(p.mentions.filter((m) => m.kind === 'title').map((m) => m.text)).not.toContain('الوزير المصري');
  });
  it('a counterpart takes the previous title with its own nationality', () => {
    const out = runWithoutPeople('التقى وزير الخارجية الأردني أيمن الصفدي نظيره العراقي فؤاد حسين في عمّان.\nوقال الوزير العراقي إن التعاون مستمر.');
    const p = out.entities.find((e) => e.name === 'فؤاد حسين')!;
    expect(p.mentions.map((m) => `${m.kind}:${m.text}`)).toContain('title:الوزير العراقي');
  });
});

describe('organisations by pattern', () => {
  it.each([
    ['وقالت وزارة الصحة المصرية إن الإصابات تراجعت.', 'وزارة الصحة المصرية'],
    ['وحذرت منظمة الصحة العالمية من انتشار الكوليرا.', 'منظمة الصحة العالمية'],
    ['ونقلت وكالة تاس عن مصدر قوله إن الاتفاق تم.', 'وكالة تاس'],
    ['وأعلنت شركة تالابات زيادة أرباحها.', 'تالابات'],
    ['وفاز نادي الوحدة على ضيفه.', 'الوحدة'],
  ])('%s', (text, name) => {
    const got = mentionsOf(run(text)).filter((m) => m.type === 'organisation').map((m) => m.text);
    expect(got).toContain(name);
  });
  it.each([['وقالت شركة كبرى إن الأسعار سترتفع.'], ['وشهدت حركة المرور ازدحاما.'], ['وتراجعت حركة التجارة بين البلدين.']])('no organisation: %s', (text) => {
    expect(run(text).entities.filter((e) => e.type === 'organisation' && e.source === 'rule')).toEqual([]);
  });
});

describe('mentions contract', () => {
  const text = 'وقال المتحدث باسم الخارجية الأردنية سفيان القضاة إن الأردن يرفض ذلك. وأضاف القضاة أن عمان تتابع.';
  const out = run(text);
  it('spans are name-only, sorted and non-overlapping', () => {
    const ms = out.entities.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
    for (let k = 1; k < ms.length; k++) expect(ms[k]!.start).toBeGreaterThanOrEqual(ms[k - 1]!.end);
    for (const m of ms) expect(out.source.slice(m.start, m.end)).toBe(m.text);
  });
  // Tokens of 'قال وزير الخارجية الروسي سيرغي لافروف لوكالة تاس إن ...':
  //   0 قال  1 وزير  2 الخارجية  3 الروسي  4 سيرغي  5 لافروف  6 لوكالة  7 تاس  8 إن
  // with a title mention over 1-3, the name over 4-5 and the agency over 7.
  const mention = (entityId: string, kind: 'name' | 'title', tokenStart: number, tokenEnd: number): EntityMention => ({
    entityId, kind, rule: 'test', tokenStart, tokenEnd, start: tokenStart * 10, end: tokenEnd * 10,
  });
  const title = mention('person.sergey-lavrov', 'title', 1, 4);
  const name = mention('person.sergey-lavrov', 'name', 4, 6);
  const agency = mention('organisation.tass', 'name', 7, 8);
  const doc = { mentions: [title, name, agency] };
  it.each<[string, number, EntityMention | undefined]>([
    ['the verb is no mention', 0, undefined],
    ['first token of the title', 1, title],
    ['last token of the title', 3, title],
    ['first token of the name', 4, name],
    ['last token of the name', 5, name],
    ['a gap between mentions', 6, undefined],
    ['the agency', 7, agency],
    ['past the last mention', 8, undefined],
  ])('mentionAt: %s (token %i)', (_what, token, want) => {
    expect(mentionAt(doc, token)).toBe(want);
  });
  it.each<[string, number, number, EntityMention[]]>([
    ['the whole sentence', 0, 9, [title, name, agency]],
    ['the name alone', 4, 6, [name]],
    ['a range that cuts the title holds only what lies wholly inside', 2, 6, [name]],
    ['a range that cuts the name holds nothing', 5, 7, []],
    ['an empty range', 6, 6, []],
  ])('mentionsBetween: %s', (_what, from, to, want) => {
    expect(mentionsBetween(doc, from, to)).toEqual(want);
  });
  it('no mentions: nothing anywhere', () => {
    expect(mentionAt({ mentions: [] }, 0)).toBeUndefined();
    expect(mentionsBetween({ mentions: [] }, 0, 10)).toEqual([]);
  });
});
