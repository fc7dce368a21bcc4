// One table per attribution rule of the Arabic sieve, on sentences written for
// these tests (other speakers, titles, outlets and topics than the seeds):
// each row says which rule must choose the speaker and who it is.
import { describe, expect, it } from 'vitest';
import { run } from './table-harness.ts';
import { speakerRight } from '../../src/eval/evaluate.ts';

interface Row {
  text: string;
  quote: string;
  rule: string;
  speaker: string[] | null;
}

const rows: Row[] = [
  // explicit subject after the verb
  { text: 'وقال أنطونيو غوتيريش في مؤتمر صحفي إن الهدنة يجب أن تصمد.', quote: 'الهدنة يجب أن تصمد', rule: 'ar.speaker.explicit-after-verb', speaker: ['Antonio Guterres', 'أنطونيو غوتيريش'] },
  { text: 'وأكدت وزارة الخارجية الروسية أن المحادثات ستستأنف الأسبوع المقبل.', quote: 'المحادثات ستستأنف الأسبوع المقبل', rule: 'ar.speaker.explicit-after-verb', speaker: ['Russian Foreign Ministry', 'وزارة الخارجية الروسية'] },
  // subject before the verb, and after a clause-initial كان
  { text: 'وكان أردوغان قال أمس إن بلاده لن تتراجع عن موقفها.', quote: 'بلاده لن تتراجع عن موقفها', rule: 'ar.speaker.explicit-before-verb', speaker: ['أردوغان', 'Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan'] },
  { text: 'وكان رجب طيب أردوغان رئيس تركيا قد أعلن أن الانتخابات ستجري في موعدها.', quote: 'الانتخابات ستجري في موعدها', rule: 'ar.speaker.explicit-before-verb', speaker: ['أردوغان', 'Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan'] },
  // a statement speaks for the organisation that issued it
  { text: 'وقالت وزارة الخارجية الروسية في بيان إن الاتصالات مستمرة. وأضاف البيان أن الجانبين اتفقا على لقاء جديد.', quote: 'الجانبين اتفقا على لقاء جديد', rule: 'ar.speaker.statement-issuer', speaker: ['Russian Foreign Ministry', 'وزارة الخارجية الروسية'] },
  // unnamed sources
  { text: 'وقال مصدر في وزارة المالية إن الموازنة الجديدة ستقدم الشهر المقبل.', quote: 'الموازنة الجديدة ستقدم الشهر المقبل', rule: 'ar.speaker.unnamed-source', speaker: ['مصدر في وزارة المالية'] },
  // implicit subjects: وأضاف، participles
  { text: 'وقال أنطونيو غوتيريش إن الوضع خطير. وأضاف: إن المساعدات لا تكفي.', quote: 'المساعدات لا تكفي', rule: 'ar.speaker.implicit-previous', speaker: ['Antonio Guterres', 'أنطونيو غوتيريش'] },
  { text: 'وأوضح أردوغان أن الاقتصاد ينمو مضيفا أن التضخم سيتراجع.', quote: 'التضخم سيتراجع', rule: 'ar.speaker.implicit-previous', speaker: ['Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan', 'أردوغان'] },
  // a title the article gave someone earlier: the entity stage binds it (role, nationality)
  { text: 'وقال وزير الخارجية الروسي سيرغي لافروف إن الحوار ممكن. وأضاف الوزير الروسي أن موسكو تنتظر ردا.', quote: 'موسكو تنتظر ردا', rule: 'ar.speaker.explicit-after-verb', speaker: ['Sergey Lavrov', 'لافروف'] },
  // the speaker named after the quotation
  { text: '«لن نقبل بأي حل على حساب الشعب الفلسطيني»، قال أنطونيو غوتيريش أمام الصحفيين.', quote: 'لن نقبل بأي حل على حساب الشعب الفلسطيني', rule: 'ar.speaker.named-after-quote', speaker: ['Antonio Guterres', 'أنطونيو غوتيريش'] },
  // a Speaker: statement headline
  { text: 'غوتيريش: لا حل عسكريا للأزمة في السودان', quote: 'لا حل عسكريا للأزمة في السودان', rule: 'ar.speaker.headline', speaker: ['Antonio Guterres', 'غوتيريش'] },
  // nothing applies: no speaker rather than a guess
  { text: 'وأضاف: “الطريق ما زال طويلا أمام المفاوضين في جنيف”.', quote: 'الطريق ما زال طويلا أمام المفاوضين في جنيف', rule: 'ar.speaker.none', speaker: null },
];

describe('Arabic attribution sieve', () => {
  it.each(rows)('$rule: $quote', (row) => {
    const out = run(row.text, 'ar');
    const q = out.quotes.find((x) => x.text === row.quote);
    expect(q, `quotes found: ${out.quotes.map((x) => x.text).join(' | ')}`).toBeDefined();
    expect(q!.rule.split(' > ')[1]).toBe(row.rule);
    expect(speakerRight(out, q!, row.speaker)).toBe(true);
    if (row.speaker === null) expect(q!.confidence).toBeLessThanOrEqual(0.2);
  });
});
