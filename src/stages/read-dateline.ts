// Reads the article's own date and its dateline (موسكو-سانا، CAIRO (Reuters) -)
// into the document, with spans. Only the first few lines and the last few
// are looked at, so the stage costs the same whatever the article's length.
//
// A date counts as the article's date only when it stands on a line of its own
// (with at most labels such as نشر في / Updated, times and numbers beside it:
// "1266 2017-02-08" is a view counter and a date) or inside a dateline. A date
// in a sentence ("قبل 20 يناير المقبل") or in quotation marks is not the
// article's date; when there is none, nothing is written — never a guess.
// Month names, weekday names, labels, outlets and dateline patterns are data
// (rules/<lang>/dates.yaml); dates are matched in the normalised view, so
// Arabic-Indic digits, diacritics and alef spellings need no extra rules.
import { join } from 'node:path';
import type { Doc } from '../document.ts';
import { inBoilerplate } from '../document.ts';
import type { ArticleDate, Dateline, Lang } from '../schema/output.ts';
import { DateFileSchema, type DateFile, type DatelineRule } from '../schema/date-rules.ts';
import { loadYamlFile } from '../util/load-yaml.ts';
import { normaliseString, type Normalised } from '../text/normalise.ts';
import { sourceToView } from './segment-text.ts';

export interface DateHit {
  /** Span in the string that was searched. */
  start: number;
  end: number;
  year?: number;
  month: number;
  day: number;
}

interface CompiledDateline {
  rule: DatelineRule;
  re: RegExp;
}

export interface DateRules {
  lang: Lang;
  file: DateFile;
  patterns: Array<{ re: RegExp; order: 'ymd' | 'dmy' | 'mdy' | 'named' }>;
  monthOf: Map<string, number>;
  labels: RegExp;
  outlets: Set<string>;
  datelines: CompiledDateline[];
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const QUOTE_MARKS = /["“”«»„‹›]/u;
const FIELD_BREAK = /[|·•]/u;
const ANY_DIGIT = /[0-9]/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: string[]): string {
  const forms = [...new Set(words.map((w) => normaliseString(w).trim()))].filter(Boolean);
  forms.sort((a, b) => b.length - a.length);
  return forms.map((f) => escape(f).replace(/\s+/g, '\\s+')).join('|');
}

export function loadDateRules(rulesDir: string, lang: Lang): DateRules {
  return compileDateRules(loadYamlFile(join(rulesDir, lang, 'dates.yaml'), DateFileSchema).data);
}

export function compileDateRules(file: DateFile): DateRules {
  const monthOf = new Map<string, number>();
  for (const m of file.months) for (const n of m.names) monthOf.set(normaliseString(n).replace(/\s+/g, ' '), m.month);
  const mon = alternation(file.months.flatMap((m) => m.names));
  const months = `(?<m1>${mon})\\.?(?:\\s*[/(]\\s*(?<m2>${mon})\\.?\\s*\\)?)?`;
  const weekday = file.weekdays.length ? `(?:(?:${alternation(file.weekdays)})\\.?[،,]?\\s*)?` : '';
  const year = `(?<y>(?:19|20)\\d\\d)`;
  const patterns: DateRules['patterns'] = [
    { re: new RegExp(`${B}${weekday}${year}[-/.](?<m>\\d{1,2})[-/.](?<d>\\d{1,2})${E}`, 'gu'), order: 'ymd' },
    // 8 شباط 2017، 14 سبتمبر 2025م، 18th of January 2011, 12 ديسمبر (no year: a partial date)
    { re: new RegExp(`${B}${weekday}(?<d>\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?${months}(?:[,،]?\\s+${year}(?:\\s*م(?!\\p{L}))?)?${E}`, 'gu'), order: 'named' },
    // Jan 18, 2011; Oct 20
    { re: new RegExp(`${B}${weekday}${months}\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+${year})?${E}`, 'gu'), order: 'named' },
  ];
  if (file.numericOrder !== 'none') {
    const [a, b] = file.numericOrder === 'dmy' ? ['d', 'm'] : ['m', 'd'];
    patterns.push({
      re: new RegExp(`${B}${weekday}(?<${a}>\\d{1,2})[-/.](?<${b}>\\d{1,2})[-/.]${year}${E}`, 'gu'),
      order: file.numericOrder,
    });
  }
  const labels = file.labels.length ? new RegExp(`${B}(?:${alternation(file.labels)})${E}`, 'gu') : /$^/gu;
  return {
    lang: file.lang,
    file,
    patterns,
    monthOf,
    labels,
    outlets: new Set(file.outlets.map((o) => normaliseString(o).replace(/\s+/g, ' ').trim())),
    datelines: file.datelines.map((rule) => ({ rule, re: new RegExp(rule.pattern, 'du') })),
  };
}

function daysIn(month: number, year: number | undefined): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Every valid date in a normalised string, earliest first, longest at one position. */
export function findDates(view: string, rules: DateRules): DateHit[] {
  // Every pattern compileDateRules builds holds an ASCII digit (a day, a month number or a year;
  // the view writes Arabic-Indic digits as ASCII): a line without one is no date, and the
  // patterns, which open with a look-behind, are slow to say so.
  if (!ANY_DIGIT.test(view)) return [];
  const hits: DateHit[] = [];
  for (const { re } of rules.patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(view); m; m = re.exec(view)) {
      const g = m.groups!;
      let month: number | undefined;
      if (g.m1 !== undefined) {
        month = rules.monthOf.get(g.m1.replace(/\s+/g, ' '));
        // شباط (فبراير): both names must be the same month.
        if (g.m2 !== undefined && rules.monthOf.get(g.m2.replace(/\s+/g, ' ')) !== month) continue;
      } else month = Number(g.m);
      const day = Number(g.d);
      const year = g.y !== undefined ? Number(g.y) : undefined;
      if (!month || month < 1 || month > 12 || !(day >= 1) || day > daysIn(month, year)) continue;
      hits.push({ start: m.index, end: m.index + m[0].length, month, day, ...(year !== undefined ? { year } : {}) });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return hits.filter((h, i) => i === 0 || h.start >= hits[i - 1]!.end);
}

/**
 * True when nothing but labels, times, numbers and punctuation share the line
 * with the date — or its field of a metadata line whose fields are set apart
 * by | or · (By Daniel Okoro | 19 December 2024, 12:31 pm).
 */
function standsAlone(line: string, hit: DateHit, rules: DateRules): boolean {
  let from = 0;
  let to = line.length;
  for (let i = hit.start - 1; i >= 0; i--) if (FIELD_BREAK.test(line[i]!)) { from = i + 1; break; }
  for (let i = hit.end; i < line.length; i++) if (FIELD_BREAK.test(line[i]!)) { to = i; break; }
  const rest = (line.slice(from, hit.start) + ' ' + line.slice(hit.end, to)).replace(rules.labels, ' ');
  return !/\p{L}/u.test(rest) && !QUOTE_MARKS.test(line);
}

interface Line {
  start: number;
  end: number;
}

function headLines(source: string, n: number): Line[] {
  const out: Line[] = [];
  let pos = 0;
  while (pos <= source.length && out.length < n) {
    let end = source.indexOf('\n', pos);
    if (end < 0) end = source.length;
    if (source.slice(pos, end).trim()) out.push(trimLine(source, pos, end));
    pos = end + 1;
  }
  return out;
}

function tailLines(source: string, n: number): Line[] {
  const out: Line[] = [];
  let end = source.length;
  while (end >= 0 && out.length < n) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    if (source.slice(start, end).trim()) out.push(trimLine(source, start, end));
    if (start === 0) break;
    end = start - 1;
  }
  return out;
}

function trimLine(source: string, start: number, end: number): Line {
  while (start < end && /\s/u.test(source[start]!)) start++;
  while (end > start && /\s/u.test(source[end - 1]!)) end--;
  return { start, end };
}

function toArticleDate(hit: DateHit, view: Normalised, offset: number, rule: string): ArticleDate {
  const span = view.span(offset + hit.start, offset + hit.end);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    ...span,
    text: view.source.slice(span.start, span.end),
    ...(hit.year !== undefined ? { year: hit.year } : {}),
    month: hit.month,
    day: hit.day,
    ...(hit.year !== undefined ? { iso: `${hit.year}-${pad(hit.month)}-${pad(hit.day)}` } : {}),
    rule,
  };
}

/** The date standing alone on one source line, if any. */
function dateOfLine(doc: DatelineDoc, line: Line, rules: DateRules, rule: string): ArticleDate | undefined {
  if (line.end - line.start > 160) return undefined;
  const va = sourceToView(doc.view.toSource, line.start);
  const vb = sourceToView(doc.view.toSource, line.end);
  const text = doc.view.text.slice(va, vb);
  const hits = findDates(text, rules).filter((h) => h.year !== undefined);
  if (hits.length !== 1 || !standsAlone(text, hits[0]!, rules)) return undefined;
  return toArticleDate(hits[0]!, doc.view, va, rule);
}

export type DatelineDoc = Pick<Doc, 'source' | 'view' | 'lang' | 'mentions' | 'entities' | 'boilerplate'>;

function mentionWithin(doc: DatelineDoc, start: number, end: number, type: 'place' | 'organisation'): string | undefined {
  for (const m of doc.mentions) {
    if (m.start >= start && m.end <= end && doc.entities.get(m.entityId)?.type === type) return m.entityId;
  }
  return undefined;
}

function readDatelineOfLine(doc: DatelineDoc, line: Line, rules: DateRules): { dateline: Dateline; date?: ArticleDate } | undefined {
  const text = doc.source.slice(line.start, line.end);
  for (const { rule, re } of rules.datelines) {
    const m = re.exec(text);
    if (!m) continue;
    const idx = m.indices!.groups ?? {};
    const part = (name: string) => {
      const r = idx[name];
      if (!r) return undefined;
      const t = trimLine(doc.source, line.start + r[0], line.start + r[1]);
      return t.end > t.start ? { start: t.start, end: t.end, text: doc.source.slice(t.start, t.end) } : undefined;
    };
    const place = part('place');
    const outlet = part('outlet');
    const placeId = place && mentionWithin(doc, place.start, place.end, 'place');
    const outletKnown = outlet !== undefined && rules.outlets.has(normaliseString(outlet.text).replace(/\s+/g, ' ').trim());
    const ok =
      rule.requires === 'nothing' ||
      (rule.requires === 'place' && placeId !== undefined) ||
      (rule.requires === 'outlet' && outletKnown) ||
      (rule.requires === 'place-or-outlet' && (placeId !== undefined || outletKnown));
    if (!ok) continue;
    let date: ArticleDate | undefined;
    const dateSpan = part('date');
    if (dateSpan) {
      const va = sourceToView(doc.view.toSource, dateSpan.start);
      const vb = sourceToView(doc.view.toSource, dateSpan.end);
      const hits = findDates(doc.view.text.slice(va, vb), rules);
      // The date group must be one date and nothing else.
      if (hits.length !== 1 || hits[0]!.start !== 0 || hits[0]!.end !== vb - va) continue;
      date = toArticleDate(hits[0]!, doc.view, va, `${rules.lang}.date.in-dateline`);
    }
    const whole = trimLine(doc.source, line.start + m.index, line.start + m.index + m[0].length);
    const outletId = outlet && mentionWithin(doc, outlet.start, outlet.end, 'organisation');
    const dateline: Dateline = {
      start: whole.start,
      end: whole.end,
      text: doc.source.slice(whole.start, whole.end),
      ...(place ? { place: { ...place, ...(placeId ? { entityId: placeId } : {}) } } : {}),
      ...(outlet ? { outlet: { ...outlet, ...(outletId ? { entityId: outletId } : {}) } } : {}),
      rule: rule.id,
    };
    return { dateline, ...(date ? { date } : {}) };
  }
  return undefined;
}

/** Finds the article's date and dateline; both stay undefined when the article has none. */
export function readDateline(doc: DatelineDoc, rules: DateRules): { date?: ArticleDate; dateline?: Dateline } {
  const head = headLines(doc.source, rules.file.headLines);
  let dateline: Dateline | undefined;
  let datelineDate: ArticleDate | undefined;
  let date: ArticleDate | undefined;
  for (const line of head) {
    if (!dateline) {
      const found = readDatelineOfLine(doc, line, rules);
      if (found) {
        dateline = found.dateline;
        datelineDate = found.date;
        continue;
      }
    }
    date ??= dateOfLine(doc, line, rules, `${rules.lang}.date.head-line`);
  }
  date ??= datelineDate;
  if (!date) {
    for (const line of tailLines(doc.source, rules.file.tailLines)) {
      // Note: comment sections at the foot carry their own dates; only the article's own lines count.
      if (inBoilerplate(doc, line.start, line.end)) continue;
      date = dateOfLine(doc, line, rules, `${rules.lang}.date.tail-line`);
      if (date) break;
    }
  }
  return { ...(date ? { date } : {}), ...(dateline ? { dateline } : {}) };
}
