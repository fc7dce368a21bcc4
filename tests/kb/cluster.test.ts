// Quote clusters across articles, measured on a folder whose truth is known:
// the same statements copied, trimmed, re-punctuated, with diacritics, tatweel,
// other alef and clitic spellings and other quotation marks, beside different
// statements on the same topics with many words in common.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openKb, rows, type Kb } from '../../src/kb/store.ts';
import { ingest } from '../../src/kb/ingest.ts';
import { loadCliticPrefix, quoteKey as keyWith } from '../../src/kb/cluster.ts';

const prefix = loadCliticPrefix();
const quoteKey = (text: string) => keyWith(text, prefix);
import { GUTERRES, LAVROV, PUTIN, makeOutput, tempDir, writeOutput, type Person, type QuoteSpec } from './helpers.ts';

interface Case {
  group: string;
  text: string;
  by?: Person;
}

const L = LAVROV;
const P = PUTIN;
const G = GUTERRES;

// Each group is one statement as several outlets printed it.
const CASES: Case[] = [
  // A: Arabic, copied, trimmed at both ends, with diacritics and tatweel, with و, re-punctuated.
  { group: 'A', by: L, text: 'إن الاتصالات على المستوى العملي بما فيها في جنيف مستمرة ولم تنقطع منذ بداية العام الحالي' },
  { group: 'A', by: L, text: 'إن الاتصالات على المستوى العملي بما فيها في جنيف مستمرة ولم تنقطع منذ بداية العام الحالي' },
  { group: 'A', by: L, text: 'الاتصالات على المستوى العملي بما فيها في جنيف مستمرة ولم تنقطع منذ بداية العام' },
  { group: 'A', by: L, text: 'إنّ الاتصالاتِ على المستـوى العمليّ، بما فيها في جنيف، مستمرةٌ ولم تنقطع منذ بداية العام الحالي' },
  { group: 'A', by: L, text: 'وإن الاتصالات على المستوى العملي - بما فيها في جنيف - مستمره ولم تنقطع منذ بدايه العام الحالي' },
  // B: Arabic, alef and ya spellings, clitics on several words, a different speaker in one outlet (conflict).
  { group: 'B', by: P, text: 'روسيا مستعدة لاستئناف العلاقات مع الولايات المتحدة وتنمية التعاون بشكل واسع وعميق بقدر استعداد الإدارة الجديدة' },
  { group: 'B', by: P, text: 'روسيا مستعدة لإستئناف العلاقات مع الولايات المتحدة وتنمية التعاون بشكل واسع وعميق بقدر استعداد الادارة الجديدة' },
  { group: 'B', by: L, text: 'فروسيا مستعدة لإستئناف العلاقات مع الولايات المتحدة وتنمية التعاون بشكل واسع وعميق' },
  { group: 'B', text: 'روسيا مستعدة لاستئناف العلاقات مع الولايات المتحدة، وتنمية التعاون بشكل واسع وعميق، بقدر استعداد الإدارة الجديدة لذلك' },
  // C: a different Arabic statement on the same topic, with many of A's words.
  { group: 'C', by: L, text: 'الاتصالات مع واشنطن على المستوى السياسي متوقفة منذ بداية العام ولن تستأنف قبل الصيف' },
  { group: 'C', by: L, text: 'الاتصالات مع واشنطن على المستوى السياسي متوقفة منذ بداية العام، ولن تستأنف قبل الصيف' },
  // D: Arabic, short neighbour of B that says something else.
  { group: 'D', by: P, text: 'روسيا غير مستعدة لأي تعاون مع الإدارة الأمريكية في الظروف الحالية على الإطلاق' },
  // E: English, copied, trimmed, re-punctuated, other quote marks and case inside.
  { group: 'E', by: G, text: 'I am deeply alarmed by the escalating violence against civilians in Sudan, and I call on all parties to stop the fighting now' },
  { group: 'E', by: G, text: 'I am deeply alarmed by the escalating violence against civilians in Sudan and I call on all parties to stop the fighting now' },
  { group: 'E', by: G, text: 'deeply alarmed by the escalating violence against civilians in Sudan' },
  { group: 'E', by: G, text: 'I am deeply alarmed by the escalating violence against civilians in Sudan, and I call on all parties to stop the fighting' },
  { group: 'E', by: G, text: 'I am DEEPLY alarmed by the escalating "violence" against civilians in Sudan — and I call on all parties to stop the fighting now' },
  // F: English, same topic and words, another statement.
  { group: 'F', by: G, text: 'The violence against civilians in Darfur must be investigated and those responsible held to account by the courts' },
  { group: 'F', by: G, text: 'the violence against civilians in Darfur must be investigated, and those responsible held to account by the courts' },
  // H: English, one speaker in one outlet, another in the other (conflict).
  { group: 'H', by: L, text: 'Contacts with Washington on Syria continue at the working level in Geneva every single week' },
  { group: 'H', by: P, text: 'Contacts with Washington on Syria continue at the working level in Geneva every single week.' },
  // I: alone.
  { group: 'I', by: P, text: 'We will never accept the deployment of these missiles near our borders under any circumstances' },
  // J, K: two statements that share a long formula but differ in what they are about.
  { group: 'J', by: G, text: 'We call on all parties to respect international humanitarian law and to protect civilians in Gaza where hospitals have run out of fuel' },
  { group: 'J', by: G, text: 'We call on all parties to respect international humanitarian law and to protect civilians in Gaza, where hospitals have run out of fuel.' },
  { group: 'K', by: G, text: 'We call on all parties to respect international humanitarian law and to protect civilians in Sudan where cholera is spreading fast' },
  // Short quotes say too little to be told apart: each stays alone even when equal.
  { group: 'S1', by: L, text: 'لا تعليق' },
  { group: 'S2', by: P, text: 'لا تعليق' },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function clustered(): Promise<{ kb: Kb; byArticle: Map<string, string> }> {
  const dir = tempDir();
  const dbDir = tempDir();
  dirs.push(dir, dbDir);
  CASES.forEach((c, i) => {
    const quote: QuoteSpec = { by: c.by ? { who: c.by, as: /[a-z]/i.test(c.text) ? c.by.en[1]! : c.by.ar[1]! } : null, text: c.text };
    writeOutput(dir, makeOutput({ id: `n${String(i).padStart(2, '0')}`, lang: /[a-z]/i.test(c.text) ? 'en' : 'ar', date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`, quotes: [quote] }));
  });
  const kb = await openKb(join(dbDir, 'kb.duckdb'));
  await ingest(kb, [dir]);
  const members = await rows(kb.conn, `SELECT q.article_id, m.cluster_id::VARCHAR AS c FROM quote_cluster_members m JOIN quotes q USING (qid)`);
  return { kb, byArticle: new Map(members.map((m) => [String(m.article_id), String(m.c)])) };
}

describe('quote clusters', () => {
  it('the matching key drops marks, punctuation, case and clitics', () => {
    expect(quoteKey('إنّ الاتصالاتِ، مستـمرةٌ')).toBe(quoteKey('ان الاتصالات مستمره'));
    expect(quoteKey('وإن الاتصالات')).toBe(quoteKey('إن الاتصالات'));
    expect(quoteKey('I am DEEPLY alarmed — "now"')).toBe(quoteKey('i am deeply alarmed now'));
    expect(quoteKey('روسيا مستعدة')).not.toBe(quoteKey('روسيا غير مستعدة'));
  });

  it('has high precision and recall on the known folder', async () => {
    const { kb, byArticle } = await clustered();
    try {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      // The measurement compares all pairs of this small folder; the clustering itself never does.
      for (let i = 0; i < CASES.length; i++) {
        for (let j = i + 1; j < CASES.length; j++) {
          const truth = CASES[i]!.group === CASES[j]!.group;
          const said = byArticle.get(`n${String(i).padStart(2, '0')}`) === byArticle.get(`n${String(j).padStart(2, '0')}`);
          if (truth && said) tp++;
          else if (said) fp++;
          else if (truth) fn++;
        }
      }
      const precision = tp / (tp + fp);
      const recall = tp / (tp + fn);
      console.log(`quote clustering on ${CASES.length} quotes: pairwise precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} tp, ${fp} fp, ${fn} fn)`);
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.85);
      const clusters = await rows(kb.conn, `SELECT count(*)::INTEGER AS n FROM quote_clusters`);
      expect(clusters[0]!.n).toBe(new Set(byArticle.values()).size);
    } finally {
      kb.close();
    }
  });

  it('keeps the speaker when the occurrences agree and flags a conflict when they do not', async () => {
    const { kb, byArticle } = await clustered();
    try {
      const clusterOf = (group: string) => byArticle.get(`n${String(CASES.findIndex((c) => c.group === group)).padStart(2, '0')}`)!;
      const get = async (group: string) =>
        (await rows(kb.conn, `SELECT speaker_entity_id, speaker_conflict, speakers, occurrences FROM quote_clusters WHERE id = $1::BIGINT`, [clusterOf(group)]))[0]!;
      expect(await get('A')).toMatchObject({ speaker_entity_id: LAVROV.id, speaker_conflict: false, occurrences: 5 });
      expect(await get('E')).toMatchObject({ speaker_entity_id: GUTERRES.id, speaker_conflict: false });
      const b = await get('B');
      expect(b.speaker_conflict).toBe(true);
      expect(b.speaker_entity_id).toBeNull();
      expect([...(b.speakers as string[])].sort()).toEqual([LAVROV.id, PUTIN.id].sort());
      expect(await get('H')).toMatchObject({ speaker_conflict: true });
      expect(await get('I')).toMatchObject({ speaker_entity_id: PUTIN.id, speaker_conflict: false, occurrences: 1 });
    } finally {
      kb.close();
    }
  });
});
