// Gazetteer names marked `ambiguous` (common words, shared surnames) link to
// their entry only with evidence in the article; otherwise a person becomes a
// new unlinked entity and anything else no entity. Positives beside negatives.
import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';
import { GazetteerEntrySchema } from '../../src/schema/gazetteer.ts';
import { SHARED_RULE, UNLINKED_RULE } from '../../src/entities/link-ambiguous-names.ts';

/** The entity ids the text's mentions of `name` belong to, with their source. */
function linksOf(text: string, name: string, lang: 'ar' | 'en') {
  const out = run(text, lang);
  return out.entities.flatMap((e) => e.mentions.filter((m) => m.text === name).map((m) => ({ id: e.id, source: e.source, rule: m.rule })));
}

describe('ambiguous gazetteer names need evidence', () => {
  it.each<[string, 'ar' | 'en', string, string, string | null]>([
    // [what, lang, text, name, entity id it must link to (null: not to the gazetteer entry)]
    // negatives: a common phrase or a shared surname, no evidence
    ['"the national interest" is no magazine', 'ar', 'وقال الخبير إن المصلحة الوطنية تقتضي الحوار مع الجميع.', 'المصلحة الوطنية', null],
    ['"Russia today" is no broadcaster', 'ar', 'وقال المحلل إن روسيا اليوم ليست كما كانت قبل عشر سنوات.', 'روسيا اليوم', null],
    ['a family reconciliation centre is not the Russian one', 'ar', 'وافتتحت البلدية مركز المصالحة الأسرية في الحي الشرقي.', 'مركز المصالحة', null],
    ['a footballer Vance is not JD Vance', 'en', 'Vance scored twice as Leeds beat Hull on Saturday.', 'Vance', null],
    ['a footballer فانس is not JD Vance', 'ar', 'وسجل فانس هدفين في المباراة أمس.', 'فانس', null],
    ['a bare Cameron is not David Cameron', 'en', 'Cameron crossed for the second goal in the final minute.', 'Cameron', null],
    // positives: the same names with evidence
    ['the magazine in marks', 'ar', 'ونشرت مجلة «المصلحة الوطنية» مقالا عن الحرب.', 'المصلحة الوطنية', 'organisation.the-national-interest'],
    ['the broadcaster named in full elsewhere', 'ar', 'وقالت قناة روسيا اليوم إن القصف استمر. وأضافت روسيا اليوم أن الطرق مغلقة.', 'روسيا اليوم', 'organisation.rt'],
    ['the broadcaster with its capitals', 'en', 'Russia Today reported the strike on Monday.', 'Russia Today', 'organisation.rt'],
    ['the Russian centre named in full before', 'ar', 'وقال مركز المصالحة الروسي في حميميم إن الهدنة صامدة. وأضاف مركز المصالحة أن الخروقات تراجعت.', 'مركز المصالحة', 'organisation.russian-reconciliation-centre'],
    ['the surname after the full name', 'en', 'JD Vance visited Ohio on Monday. Later, Vance said the deal was fair.', 'Vance', 'person.jd-vance'],
    ['the surname after a title of his role', 'en', 'Vice President Vance said the deal was fair.', 'Vance', 'person.jd-vance'],
    ['the surname after a title of his role, Arabic', 'ar', 'وقال نائب الرئيس الأمريكي فانس إن الاتفاق عادل.', 'فانس', 'person.jd-vance'],
  ])('%s', (_what, lang, text, name, want) => {
    const links = linksOf(text, name, lang);
    if (want) {
      expect(links.length, `no mention of ${name}`).toBeGreaterThan(0);
      for (const l of links) expect(l.id).toBe(want);
    } else {
      // No mention of the name links to a gazetteer entry (it is unlinked, or no entity at all).
      expect(links.filter((l) => l.source === 'gazetteer')).toEqual([]);
    }
  });

  it('an unlinked person stays a person of its own, with the rule that unlinked it', () => {
    const out = run('Vance scored twice as Leeds beat Hull on Saturday. "It was a good day," Vance said.', 'en');
    const vance = out.entities.filter((e) => e.mentions.some((m) => m.text === 'Vance'));
    expect(vance).toHaveLength(1);
    expect(vance[0]).toMatchObject({ type: 'person', source: 'rule', name: 'Vance' });
    expect(vance[0]!.id).not.toBe('person.jd-vance');
    expect(vance[0]!.mentions.every((m) => m.rule === UNLINKED_RULE)).toBe(true);
    const q = out.quotes.find((x) => x.text === 'It was a good day');
    expect(q?.speaker?.entityId ?? null).not.toBe('person.jd-vance');
  });

  it('a common phrase leaves no entity at all', () => {
    const out = run('وقال الخبير إن المصلحة الوطنية تقتضي الحوار مع الجميع.', 'ar');
    expect(out.entities.map((e) => e.id)).not.toContain('organisation.the-national-interest');
    expect(out.entities.flatMap((e) => e.mentions.map((m) => m.text))).not.toContain('المصلحة الوطنية');
  });
});

describe('a name of two entries goes to the one the article gives evidence for', () => {
  // عمان, unvowelled, is both Oman and Amman (gazetteers/places.yaml marks it ambiguous for Amman).
  it.each<[string, string, string | null]>([
    // [what, text, the entity every bare عمان must link to (null: none, with a warning)]
    ['Jordan named: the capital', 'وصل وزير الخارجية الأردني إلى عمان بعد جولة في الخليج. وقال إن الأردن يدعم الحوار.', 'place.amman'],
    ['Jordan named by its adjective only', 'واستضافت عمان اجتماعا للمانحين بحضور ممثلين عن الحكومة الأردنية.', 'place.amman'],
    ['the sultanate named in full elsewhere', 'وأكدت سلطنة عمان دعمها للوساطة. وقالت عمان إن المحادثات ستستأنف الأسبوع المقبل.', 'place.oman'],
    ['the sultanate by its adjective', 'وقال مسؤول عماني إن عمان مستعدة لاستضافة الجولة المقبلة.', 'place.oman'],
    ['the sultanate by the adjective in a title', 'وقال وزير الخارجية العماني إن عمان مستعدة لاستضافة الجولة المقبلة.', 'place.oman'],
    // negatives: nothing says which, or evidence for both
    ['nothing says which', 'وصل الوفد إلى عمان أمس لإجراء محادثات حول التجارة.', null],
    ['evidence for both', 'وزار وزير الخارجية الأردني سلطنة عمان، ثم عاد إلى عمان مساء.', null],
  ])('%s', (_what, text, want) => {
    const out = run(text, 'ar');
    const bare = out.entities.flatMap((e) => e.mentions.filter((m) => m.text === 'عمان').map((m) => ({ id: e.id, rule: m.rule })));
    if (want) {
      expect(bare.length, 'no mention of the bare name').toBeGreaterThan(0);
      for (const b of bare) expect(b.id).toBe(want);
    } else {
      expect(bare).toEqual([]);
      const warning = out.messages.find((m) => m.ruleId === SHARED_RULE);
      expect(warning?.reason).toMatch(/Ambiguous name عمان: Oman or Amman/);
      expect(text.slice(warning!.start, warning!.end)).toBe('عمان');
    }
  });
});

describe('the ambiguous field of a gazetteer entry', () => {
  const entry = { id: 'person.jd-vance', type: 'person', name: 'JD Vance', names: { en: ['JD Vance', 'Vance'] } };
  it.each<[string, unknown, string | null]>([
    ['one of its names', { en: ['Vance'] }, null],
    ['a name it does not have', { en: ['Vancy'] }, '"Vancy" is not one of the entry\'s en names'],
    ['a name of the other language', { ar: ['Vance'] }, '"Vance" is not one of the entry\'s ar names'],
    ['an unknown key', { fr: ['Vance'] }, 'Unrecognized key'],
  ])('%s', (_what, ambiguous, error) => {
    const r = GazetteerEntrySchema.safeParse({ ...entry, ambiguous });
    if (error === null) expect(r.success).toBe(true);
    else {
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.message).join('; ')).toContain(error);
    }
  });
});
