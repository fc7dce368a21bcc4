// Builds small output folders whose content is known, for the knowledge-base tests:
// articles with quotes, speakers and mentions at real offsets, valid against the
// output schema, and review files beside them.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ArticleOutputSchema, SCHEMA_VERSION, type ArticleOutput, type Entity, type Quote } from '../../src/schema/output.ts';
import { REVIEW_FILE_VERSION, type ReviewFile, type ReviewRecord } from '../../src/review/schema.ts';
import { reviewFileName } from '../../src/review/store.ts';
import { openKb, type Kb } from '../../src/kb/store.ts';

export interface Person {
  id: string;
  name: string;
  ar: string[];
  en: string[];
  type?: 'person' | 'place' | 'organisation';
}

export const LAVROV: Person = { id: 'person.sergey-lavrov', name: 'Sergey Lavrov', ar: ['سيرغي لافروف', 'لافروف'], en: ['Sergey Lavrov', 'Lavrov'] };
export const PUTIN: Person = { id: 'person.vladimir-putin', name: 'Vladimir Putin', ar: ['فلاديمير بوتين', 'بوتين'], en: ['Vladimir Putin', 'Putin'] };
export const GUTERRES: Person = { id: 'person.antonio-guterres', name: 'António Guterres', ar: ['أنطونيو غوتيريش', 'غوتيريش'], en: ['António Guterres', 'Guterres'] };
export const GENEVA: Person = { id: 'place.geneva', name: 'Geneva', ar: ['جنيف'], en: ['Geneva'], type: 'place' };

export interface QuoteSpec {
  /** The speaker and the spelling the article uses; null for an unattributed quote. */
  by: { who: Person; as: string } | { name: string } | null;
  text: string;
  /** Entities named inside the quote, by the spelling used in `text`. */
  about?: Array<{ who: Person; as: string }>;
}

export interface ArticleSpec {
  id: string;
  lang: 'ar' | 'en';
  date?: string;
  quotes: QuoteSpec[];
}

/** One valid output file for the spec: "X said: «…»." sentences with exact spans. */
export function makeOutput(spec: ArticleSpec): ArticleOutput {
  let source = spec.lang === 'ar' ? `خبر ${spec.id}\n` : `Story ${spec.id}\n`;
  let dateSpan: ArticleOutput['article']['date'];
  if (spec.date) {
    const start = source.length;
    source += `${spec.date}\n`;
    const [y, m, d] = spec.date.split('-').map(Number) as [number, number, number];
    dateSpan = { start, end: start + spec.date.length, text: spec.date, year: y, month: m, day: d, iso: spec.date, rule: 'test.date' };
  }
  const entities = new Map<string, Entity>();
  const mention = (who: Person, start: number, text: string) => {
    let e = entities.get(who.id);
    if (!e) {
      e = { id: who.id, type: who.type ?? 'person', name: who.name, names: { ar: who.ar, en: who.en }, source: 'gazetteer', mentions: [] };
      entities.set(who.id, e);
    }
    e.mentions.push({ start, end: start + text.length, text, kind: 'name', rule: who.id });
  };
  const quotes: Quote[] = [];
  spec.quotes.forEach((q, i) => {
    let speaker: Quote['speaker'] = null;
    let cue: Quote['cue'] = null;
    if (q.by) {
      const verb = spec.lang === 'ar' ? 'قال' : 'said';
      const written = 'who' in q.by ? q.by.as : q.by.name;
      const lead = spec.lang === 'ar' ? `${verb} ` : '';
      const nameStart = source.length + lead.length;
      source += `${lead}${written}${spec.lang === 'ar' ? '' : ` ${verb}`}: `;
      const cueStart = spec.lang === 'ar' ? nameStart - lead.length : nameStart + written.length + 1;
      cue = { start: cueStart, end: cueStart + verb.length, text: verb };
      if ('who' in q.by) {
        mention(q.by.who, nameStart, written);
        speaker = { entityId: q.by.who.id, name: q.by.who.name, mention: { start: nameStart, end: nameStart + written.length, text: written }, resolution: 'explicit' };
      } else {
        speaker = { entityId: null, name: written, resolution: 'source' };
      }
    }
    source += spec.lang === 'ar' ? '«' : '“';
    const start = source.length;
    source += q.text;
    const end = source.length;
    source += spec.lang === 'ar' ? '».\n' : '”.\n';
    for (const a of q.about ?? []) {
      const at = q.text.indexOf(a.as);
      if (at < 0) throw new Error(`${a.as} is not in ${q.text}`);
      mention(a.who, start + at, a.as);
    }
    quotes.push({ id: `q${i + 1}`, kind: 'direct', text: q.text, start, end, speaker, cue, confidence: 0.9, rule: 'test.quote > test.speaker' });
  });
  const output: ArticleOutput = {
    schemaVersion: SCHEMA_VERSION,
    article: {
      id: spec.id,
      path: `${spec.id}.txt`,
      lang: spec.lang,
      title: source.slice(0, source.indexOf('\n')),
      chars: source.length,
      encoding: 'utf-8',
      sha256: createHash('sha256').update(source).digest('hex'),
      ...(dateSpan ? { date: dateSpan } : {}),
    },
    source,
    boilerplate: [],
    sentences: [],
    entities: [...entities.values()],
    quotes,
    messages: [],
  };
  return ArticleOutputSchema.parse(output);
}

export function tempDir(prefix = 'isnad-kb-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeOutput(dir: string, out: ArticleOutput): string {
  const file = join(dir, `${out.article.id}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2));
  return file;
}

export function writeReview(dir: string, out: ArticleOutput, decisions: Array<Partial<ReviewRecord> & { quoteId: string; status: ReviewRecord['status'] }>): string {
  const reviews: ReviewRecord[] = decisions.map((d) => {
    const q = out.quotes.find((x) => x.id === d.quoteId)!;
    return { quote: { start: q.start, end: q.end, text: q.text }, decidedAt: '2025-01-01T00:00:00.000Z', reviewer: 'tester', version: 1, ...d };
  });
  const file: ReviewFile = {
    version: REVIEW_FILE_VERSION,
    articleId: out.article.id,
    articlePath: out.article.path,
    sourceSha256: out.article.sha256,
    updatedAt: '2025-01-01T00:00:00.000Z',
    reviews,
    added: [],
    entities: [],
  };
  const path = join(dir, 'reviews', reviewFileName(out.article.id));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

/** Runs fn on the knowledge base at db, opened for writing, and closes it. */
export async function withKb<T>(db: string, fn: (kb: Kb) => Promise<T>): Promise<T> {
  const kb = await openKb(db);
  try {
    return await fn(kb);
  } finally {
    kb.close();
  }
}
