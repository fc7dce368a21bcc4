// Marks the regions of a page that are not the article body: share/follow
// footers, comment forms and reader comments, currency tables, navigation and
// site labels. Regions are marked, never deleted; later stages skip them.
import type { Doc, Span } from '../document.ts';
import type { BoilerplateRule } from '../schema/rules.ts';
import { normaliseString } from '../text/normalise.ts';
import { sourceToView } from './segment-text.ts';

export interface CompiledBoilerplateRule {
  id: string;
  scope: BoilerplateRule['scope'];
  regex: RegExp;
  maxChars: number;
}

export interface BoilerplateRules {
  headLines: number;
  rules: CompiledBoilerplateRule[];
  /** The longest line any rule can match: longer lines (article paragraphs) are not tested at all. */
  maxChars: number;
}

export function compileBoilerplateRules(files: Array<{ headLines: number; rules: BoilerplateRule[] }>): BoilerplateRules {
  const rules: CompiledBoilerplateRule[] = [];
  let headLines = 0;
  for (const file of files) {
    headLines = Math.max(headLines, file.headLines);
    for (const r of file.rules) {
      rules.push({ id: r.id, scope: r.scope, regex: new RegExp(r.pattern, 'u'), maxChars: r.maxChars ?? Infinity });
    }
  }
  return { headLines, rules, maxChars: rules.reduce((m, r) => Math.max(m, r.maxChars), 0) };
}

/**
 * The first rule that matches a (raw, trimmed) line, given whether it is among the head lines.
 * `normalised`, when the caller has it, is normaliseString(line) (see markBoilerplate).
 */
export function matchBoilerplateLine(rules: BoilerplateRules, line: string, inHead: boolean, normalised?: string): CompiledBoilerplateRule | null {
  if (line.length === 0 || line.length > rules.maxChars) return null;
  let norm: string | null = null;
  for (const rule of rules.rules) {
    if (line.length > rule.maxChars) continue;
    if (rule.scope === 'head' && !inHead) continue;
    norm ??= (normalised ?? normaliseString(line)).trim();
    if (rule.regex.test(norm)) return rule;
  }
  return null;
}

/** Splits the source into lines (paragraphs) and marks boilerplate ones; fills doc.paragraphs and doc.boilerplate. */
export function markBoilerplate(doc: Doc, rules: BoilerplateRules): void {
  const src = doc.source;
  // The normalised view, when normalise-text has made it: a line's normalised text is then a
  // slice of it rather than a string normalised anew (normalising is character by character, so
  // the two are the same). Note: not for a view in which presentation forms were expanded
  // (ﷺ, ﻻ): normalise() can lose characters when expansions outgrow its buffer, and the
  // lines of such an article are normalised one by one, as before.
  const view = doc.view !== undefined && doc.view.source === src && !doc.view.expanded ? doc.view : null;
  let lineNo = 0;
  let tailFrom = -1;
  let tailRule = '';
  // A `block` rule marks the lines after it until a blank line.
  let blockRule: string | null = null;
  let pos = 0;
  while (pos <= src.length) {
    let nl = src.indexOf('\n', pos);
    if (nl === -1) nl = src.length;
    // Trim the line to its visible text.
    let s = pos;
    let e = nl;
    while (s < e && isBlank(src.charCodeAt(s))) s++;
    while (e > s && isBlank(src.charCodeAt(e - 1))) e--;
    if (e === s) blockRule = null;
    if (e > s) {
      let rule: string | null = null;
      if (tailFrom !== -1) rule = tailRule;
      else if (blockRule !== null) rule = blockRule;
      else {
        const normalised = view && e - s <= rules.maxChars ? view.text.slice(sourceToView(view.toSource, s), sourceToView(view.toSource, e)) : undefined;
        const hit = matchBoilerplateLine(rules, src.slice(s, e), lineNo < rules.headLines, normalised);
        if (hit) {
          rule = hit.id;
          if (hit.scope === 'tail') {
            tailFrom = s;
            tailRule = hit.id;
          }
          if (hit.scope === 'block') blockRule = hit.id;
        }
      }
      doc.paragraphs.push({ start: s, end: e, boilerplate: rule !== null });
      if (rule !== null && tailFrom === -1) doc.boilerplate.push({ start: s, end: e, rule });
      lineNo++;
    }
    pos = nl + 1;
  }
  joinWrappedLines(doc);
  if (tailFrom !== -1) {
    let end = src.length;
    while (end > tailFrom && isBlank(src.charCodeAt(end - 1))) end--;
    doc.boilerplate.push({ start: tailFrom, end, rule: tailRule });
  }
  // Adjacent boilerplate lines of one rule read better as one region.
  doc.boilerplate = mergeRegions(doc.boilerplate, src);
}

/**
 * Hard-wrapped text (a feed or an e-mail cut at a fixed width) breaks lines inside sentences:
 * a line that ends without a terminal, a colon or a closing mark, followed on the next line by
 * a lower-case word, continues the same paragraph ("Firefighters\nwere called just after 2:30").
 * When most of an article's line breaks are of that kind (at least three, and a third of its
 * single line breaks), its lines are no guide to paragraphs at all, and every single line break
 * after the first line joins (a blank line still separates). Scripts without letter case
 * (Arabic) never join: a line there is a paragraph.
 */
function joinWrappedLines(doc: Doc): void {
  const src = doc.source;
  const paras = doc.paragraphs;
  const lineBreak = (a: Doc['paragraphs'][number], b: Doc['paragraphs'][number]) => !a.boilerplate && !b.boilerplate && WRAP_GAP.test(src.slice(a.end, b.start));
  // The cheap test first: most articles (every Arabic one) have no line that wraps into the next.
  let wrapped = 0;
  for (let k = 1; k < paras.length; k++) if (wrapsInto(src, paras[k - 1]!, paras[k]!) && lineBreak(paras[k - 1]!, paras[k]!)) wrapped++;
  if (wrapped === 0) {
    joinCutLines(doc, lineBreak);
    return;
  }
  let single = 0;
  for (let k = 1; k < paras.length; k++) if (lineBreak(paras[k - 1]!, paras[k]!)) single++;
  const hardWrapped = wrapped >= 3 && wrapped * 3 >= single;
  const out: Doc['paragraphs'] = [];
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k]!;
    const last = out[out.length - 1];
    if (last && lineBreak(last, p) && ((hardWrapped && k > 1) || wrapsInto(src, last, p))) {
      last.end = p.end;
      continue;
    }
    out.push({ ...p });
  }
  doc.paragraphs = out;
}
/**
 * Hard-wrapped text in a script without letter case (Arabic): a line cut by the fixed width is
 * nearly as long as the widest line and ends on a letter, a digit or a comma, not on a terminal
 * ("وقال معاليه …: لا يحق لوزارة الصحة منفردة فرض رسوم وإنما\nقامت على المستوى الحكومي …").
 * When at least three lines are cut so, and they are a third of the single line breaks or more,
 * each of them joins the line after it. Articles written a paragraph per line have lines of every
 * length, and their widest line is far longer than the rest: they never join.
 */
function joinCutLines(doc: Doc, lineBreak: (a: Doc['paragraphs'][number], b: Doc['paragraphs'][number]) => boolean): void {
  const src = doc.source;
  const paras = doc.paragraphs;
  if (paras.length < 4) return;
  let widest = 0;
  for (const p of paras) if (!p.boilerplate) widest = Math.max(widest, p.end - p.start);
  const isCut = (k: number) => {
    const p = paras[k]!;
    return !p.boilerplate && p.end - p.start >= 0.8 * widest && CUT_END.test(src.slice(Math.max(p.start, p.end - 2), p.end)) && lineBreak(p, paras[k + 1]!);
  };
  let cut = 0;
  let single = 0;
  for (let k = 0; k + 1 < paras.length; k++) {
    if (lineBreak(paras[k]!, paras[k + 1]!)) single++;
    if (isCut(k)) cut++;
  }
  if (cut < 3 || cut * 3 < single) return;
  const out: Doc['paragraphs'] = [];
  let joinNext = false;
  for (let k = 0; k < paras.length; k++) {
    const last = out[out.length - 1];
    if (joinNext && last) last.end = paras[k]!.end;
    else out.push({ ...paras[k]! });
    joinNext = k + 1 < paras.length && isCut(k);
  }
  doc.paragraphs = out;
}
const CUT_END = /[\p{L}\p{N},،]$/u;
const WRAP_GAP = /^[ \t]*\r?\n[ \t]*$/;
const WRAP_END = /[\p{L}\p{N},]$/u;
const WRAP_START = /^\p{Ll}/u;
const wrapsInto = (src: string, a: Span, b: Span) => WRAP_START.test(src.slice(b.start, b.start + 2)) && WRAP_END.test(src.slice(Math.max(a.start, a.end - 2), a.end));

function mergeRegions(regions: Doc['boilerplate'], src: string): Doc['boilerplate'] {
  const out: Doc['boilerplate'] = [];
  for (const r of regions) {
    const last = out[out.length - 1];
    if (last && last.rule === r.rule && src.slice(last.end, r.start).trim() === '') last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0xfeff || c === 0x200f || c === 0x200e || (c >= 0x2000 && c <= 0x200b);
}
