// Speakers on real-news constructions, Arabic: one table per phenomenon of the
// speaker-resolution work, on sentences written for these tests (other names,
// outlets and topics than the seeds and the development set). Each row names
// the quote and who must say it; `null` means no speaker (never a wrong one).
// Negative rows sit beside the positives: a description that must not bind, a
// word that must not become a name.
import { describe, expect, it } from 'vitest';
import { run } from '../entities/helpers.ts';
import { speakerRight } from '../../src/eval/evaluate.ts';
import type { ArticleOutput } from '../../src/schema/output.ts';

export interface SpeakerRow {
  text: string;
  quote: string;
  speaker: string[] | null;
  /** Expected speaker.resolution, when the row is about it. */
  resolution?: string;
}

function check(row: SpeakerRow): ArticleOutput {
  const out = run(row.text, 'ar');
  const q = out.quotes.find((x) => x.text === row.quote);
  expect(q, `quotes found: ${out.quotes.map((x) => x.text).join(' | ')}`).toBeDefined();
  const got = q!.speaker ? `${q!.speaker.name} (${q!.speaker.resolution}, ${q!.rule})` : `none (${q!.rule})`;
  expect(speakerRight(out, q!, row.speaker), `speaker: ${got}`).toBe(true);
  if (row.resolution) expect(q!.speaker?.resolution).toBe(row.resolution);
  return out;
}

export const tables: Record<string, SpeakerRow[]> = {
  // An honorific or rank between the title and the name belongs to neither.
  'honorifics between title and name': [
    { text: 'وأوضح وزير التعليم العالي الدكتور حسان الشامي أن العام الدراسي سيبدأ في موعده.', quote: 'العام الدراسي سيبدأ في موعده', speaker: ['حسان الشامي'] },
    { text: 'قال قائد الشرطة، العقيد منير الحداد، إن الطرق أعيد فتحها.', quote: 'الطرق أعيد فتحها', speaker: ['منير الحداد'] },
    { text: 'وأكد محافظ البنك المركزي المهندس طارق العلي أن الاحتياطي مستقر. وأضاف المحافظ أن الفائدة لن تتغير.', quote: 'الفائدة لن تتغير', speaker: ['طارق العلي'] },
  ],
  // Units of an organisation continue a title; they never start a person's name.
  'organisational units inside titles': [
    { text: 'وقالت سلمى الخوري مديرة قسم الأمراض المعدية في المستشفى للصحفيين إن الإصابات تراجعت.', quote: 'الإصابات تراجعت', speaker: ['سلمى الخوري'] },
    { text: 'وقال مدير دائرة الجوازات إن المعاملات ستنجز إلكترونيا.', quote: 'المعاملات ستنجز إلكترونيا', speaker: ['مدير دائرة الجوازات'] },
  ],
  // A compound surname (عبد الرحمن، عبد الله) refers back whole.
  'compound surnames as later references': [
    { text: 'قال ماهر عبد الله، رئيس اتحاد المزارعين، إن المحصول جيد. وأوضح عبد الله أن الأسعار ستنخفض.', quote: 'الأسعار ستنخفض', speaker: ['ماهر عبد الله'] },
    { text: 'قال نبيل عبد الكريم، مدير الميناء، إن الحركة عادت. وأشار عبد الكريم إلى أن السفن تنتظر.', quote: 'السفن تنتظر', speaker: ['نبيل عبد الكريم'] },
  ],
  // An organisation in marks inside a title keeps the title whole, so the later
  // title refers to the person, not to the organisation.
  'organisation in marks inside a title': [
    { text: 'قال العقيد فادي سليم، المتحدث باسم "الجيش اللبناني"، إن الحدود هادئة. وتابع المتحدث باسم الجيش اللبناني أن الدوريات مستمرة.', quote: 'الدوريات مستمرة', speaker: ['فادي سليم'] },
  ],
};

for (const [name, rows] of Object.entries(tables)) {
  describe(name, () => {
    it.each(rows)('$quote', (row) => {
      check(row);
    });
  });
}

describe('words that must not become names', () => {
  it.each([
    { text: 'وقال مدير قسم الطوارئ إن الحالات مستقرة.', not: 'قسم الطوارئ' },
    { text: 'وقال وزير الصحة الدكتور في كلمته إن الحالات مستقرة.', not: 'في كلمته' },
  ])('$not', ({ text, not }) => {
    const out = run(text, 'ar');
    const persons = out.entities.filter((e) => e.type === 'person').flatMap((e) => e.mentions.map((m) => m.text));
    expect(persons).not.toContain(not);
    expect(out.quotes.length).toBeGreaterThan(0);
  });
});
