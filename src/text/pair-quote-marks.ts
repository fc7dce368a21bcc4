// Pairs quotation marks inside one paragraph as real news writes them:
// reversed pairs (”…“), one mark at both ends (”…”), marks glued to the
// neighbouring words, nested quotations and marks that never close.
//
// Each mark is first classified by its surroundings: a mark after a space,
// the paragraph start or punctuation and before a word opens; a mark after a
// word or punctuation and before a space, punctuation or the paragraph end
// closes; a mark glued on both sides (or loose on both) is ambiguous and
// closes the innermost open quotation if there is one, else opens. A mark's
// own shape counts only where it is unambiguous in practice (« opens, » closes),
// as the rules' mark table says.

export interface QuoteMarkTable {
  /** Characters that are quotation marks, with the role their shape forces, if any. */
  roles: Map<string, 'open' | 'close' | 'either'>;
  /** Marks that may only pair with certain others (e.g. « with »), by opening char. */
  partners: Map<string, Set<string>>;
}

export interface MarkPair {
  /** Offset of the opening mark (relative to the text given). */
  open: number;
  /** Offset of the closing mark, or -1 when the quotation never closes in this paragraph. */
  close: number;
  depth: number;
}

export interface PairingResult {
  pairs: MarkPair[];
  /** Closing marks with no opener. */
  strayClosers: number[];
}

function isWordChar(c: number): boolean {
  // Letters and digits of the scripts news uses; marks count as part of words.
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x0600 && c <= 0x06ff && c !== 0x060c && c !== 0x061b && c !== 0x061f && c !== 0x066a && c !== 0x06d4) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x0a || c === 0x0d || (c >= 0x2000 && c <= 0x200a) || c === 0x202f;
}

/** Punctuation after which a glued mark opens (`:“`, `..”word`, `(“`). */
function isLeadPunct(c: number): boolean {
  return c === 0x3a /* : */ || c === 0x2e /* . */ || c === 0x28 /* ( */ || c === 0x5b || c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x060c /* ، */ || c === 0x2c || c === 0x2026;
}

/** True when c is a one-letter proclitic: و ف ب ل ك. */
function isProclitic(c: number): boolean {
  return c === 0x0648 || c === 0x0641 || c === 0x0628 || c === 0x0644 || c === 0x0643;
}

/** True when text[j] (optionally followed by tatweel) is a one-letter proclitic standing alone before a mark. */
function isLoneProclitic(text: string, j: number): boolean {
  if (j >= 0 && text.charCodeAt(j) === 0x0640) j--;
  if (j < 0 || !isProclitic(text.charCodeAt(j))) return false;
  const before = j > 0 ? text.charCodeAt(j - 1) : -1;
  return before === -1 || isSpace(before) || !isWordChar(before);
}

const enum Shape {
  None = 0,
  Open = 1,
  Close = 2,
  Either = 3,
}

const enum Role {
  Open = 1,
  Close = 2,
  Ambiguous = 3,
}

function classify(text: string, i: number, shape: Shape): Role {
  if (shape === Shape.Open) return Role.Open;
  if (shape === Shape.Close) return closingShapeOpens(text, i) ? Role.Open : Role.Close;
  const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  // A one-letter proclitic glued to the mark (و”داعش”، لـ«الشروق») leaves the mark as loose as a space would.
  const prevLoose = prev === -1 || isSpace(prev) || isLoneProclitic(text, i - 1);
  const nextLoose = next === -1 || isSpace(next);
  const prevWord = prev !== -1 && isWordChar(prev);
  const nextWord = next !== -1 && isWordChar(next);
  if (prevLoose && !nextLoose) return Role.Open;
  // قائلاً :" ثلاثة لاعبين: a mark right after a colon opens, whatever follows it.
  if (prev === 0x3a) return Role.Open;
  if (!prevLoose && nextLoose) return Role.Close;
  if (prevWord && nextWord) return Role.Ambiguous;
  if (prevLoose && nextLoose) return Role.Ambiguous;
  // Glued to punctuation on one side.
  if (prevWord && !nextWord) return Role.Close;
  if (!prevWord && nextWord) return isLeadPunct(prev) ? Role.Open : Role.Ambiguous;
  return Role.Ambiguous;
}

/**
 * Mr Ross said: ”John Swinney deserves …: a closing shape right after a colon (and spaces), glued to
 * the word after it, is a slip for the opening mark.
 */
function closingShapeOpens(text: string, i: number): boolean {
  if (i + 1 >= text.length || !isWordChar(text.charCodeAt(i + 1))) return false;
  let p = i - 1;
  while (p >= 0 && isSpace(text.charCodeAt(p))) p--;
  return p >= 0 && text.charCodeAt(p) === 0x3a;
}

/** An opening shape after a word or punctuation (not a space), before a space or the end. */
function openingShapeCloses(text: string, i: number): boolean {
  if (i === 0 || isSpace(text.charCodeAt(i - 1))) return false;
  return i + 1 >= text.length || isSpace(text.charCodeAt(i + 1));
}

/**
 * A mark table by character code, built once per table: the shape of each
 * mark, and which marks may close which (the marks are numbered 0..n-1).
 */
interface CompiledMarks {
  /** Mark number + 1 by UTF-16 code unit; 0 for characters that are not marks. */
  index: Uint16Array;
  shapes: Shape[];
  /** mayClose[opener * n + closer]: 1 when `closer` may close a quotation `opener` opened. */
  mayClose: Uint8Array;
  /**
   * Finds the next mark (global, one code unit per match, read through lastIndex): the regular
   * expression engine skips the text between marks about five times faster than a loop asking
   * of each unit (pairing ran at 5 ns per character, most of it that loop).
   */
  scan: RegExp;
}

const compiledTables = new WeakMap<QuoteMarkTable, CompiledMarks>();

function compileMarks(table: QuoteMarkTable): CompiledMarks {
  let c = compiledTables.get(table);
  if (c) return c;
  const chars = [...table.roles.keys()];
  const index = new Uint16Array(0x10000);
  const shapes: Shape[] = [];
  let units = '';
  chars.forEach((ch, k) => {
    const role = table.roles.get(ch)!;
    shapes.push(role === 'open' ? Shape.Open : role === 'close' ? Shape.Close : Shape.Either);
    // The text is read one UTF-16 unit at a time: a longer "mark" never matches.
    if (ch.length !== 1) return;
    const code = ch.charCodeAt(0);
    index[code] = k + 1;
    units += `\\u${code.toString(16).padStart(4, '0')}`;
  });
  const n = chars.length;
  const mayClose = new Uint8Array(n * n);
  for (let o = 0; o < n; o++) {
    const partners = table.partners.get(chars[o]!);
    for (let k = 0; k < n; k++) if (!partners || partners.has(chars[k]!)) mayClose[o * n + k] = 1;
  }
  // No u flag: the class is of UTF-16 units, as the table is (a mark is never half a surrogate pair).
  c = { index, shapes, mayClose, scan: new RegExp(units ? `[${units}]` : '[^\\s\\S]', 'g') };
  compiledTables.set(table, c);
  return c;
}

/** Whether the last character before i that is not a space, after `from`, is a colon. */
function colonBefore(text: string, i: number, from: number): boolean {
  let j = i - 1;
  while (j > from && isSpace(text.charCodeAt(j))) j--;
  return j > from && text.charCodeAt(j) === 0x3a;
}

interface OpenMark {
  pos: number;
  mark: number;
  /** Index in the stack while open. */
  at: number;
  open: boolean;
}

export function pairQuoteMarks(text: string, table: QuoteMarkTable, offset = 0, end = text.length): PairingResult {
  const marks = compileMarks(table);
  const { index, shapes, mayClose, scan } = marks;
  const n = shapes.length;
  const pairs: MarkPair[] = [];
  const strayClosers: number[] = [];
  const stack: OpenMark[] = [];
  // Note: a closer takes the innermost open mark it may close. Searching the stack for it costs the
  // stack's depth per closer (quadratic on a run of « then a run of ”), so each mark that can close
  // keeps its own stack of the open marks it may close; marks closed meanwhile are dropped lazily.
  // The stacks are made on the first mark: most paragraphs have none.
  let closable: OpenMark[][] | undefined;
  scan.lastIndex = offset;
  // test() moves lastIndex past each mark it finds (no match object is made).
  while (scan.test(text)) {
    const i = scan.lastIndex - 1;
    if (i >= end) break; // (the search may look past `end` to the next mark: only tests pass an end)
    const mark = index[text.charCodeAt(i)]! - 1;
    let role = classify(text, i, shapes[mark]!);
    if (role === Role.Ambiguous) role = stack.length > 0 ? Role.Close : Role.Open;
    if (closable === undefined) {
      closable = [];
      for (let c = 0; c < n; c++) closable.push([]);
    }
    if (role === Role.Open) {
      // “Police are working …,“ Basanta Adhikari told AFP: an opening shape glued to the words
      // before it, with a space or the end after it, closes the quotation the same mark opened.
      const last = stack[stack.length - 1];
      if (last && last.mark === mark && shapes[mark] === Shape.Open && openingShapeCloses(text, i)) {
        stack.pop();
        last.open = false;
        pairs.push({ open: last.pos, close: i, depth: stack.length });
        continue;
      }
      // وقال: "مباراة مهمة … فنيًا. وعن …، رد قائلاً: "أود …": the same mark opening again after a
      // colon starts a new quotation (a nested term, "إن عملية "الفجر" انتهت", follows no colon):
      // the open one was never closed.
      const top = stack[stack.length - 1];
      if (top && top.mark === mark && colonBefore(text, i, top.pos)) {
        stack.pop();
        top.open = false;
        pairs.push({ open: top.pos, close: -1, depth: stack.length });
      }
      const open: OpenMark = { pos: i, mark, at: stack.length, open: true };
      stack.push(open);
      for (let c = 0; c < n; c++) if (mayClose[mark * n + c] === 1) closable[c]!.push(open);
      continue;
    }
    // Close the innermost quotation this mark may close.
    const candidates = closable[mark]!;
    while (candidates.length && !candidates[candidates.length - 1]!.open) candidates.pop();
    const target = candidates[candidates.length - 1];
    if (!target) {
      strayClosers.push(i);
      continue;
    }
    // Quotations opened inside the one being closed never closed: they end here too.
    while (stack.length - 1 > target.at) {
      const inner = stack.pop()!;
      inner.open = false;
      pairs.push({ open: inner.pos, close: -1, depth: stack.length });
    }
    stack.pop();
    target.open = false;
    pairs.push({ open: target.pos, close: i, depth: stack.length });
  }
  while (stack.length) {
    const open = stack.pop()!;
    pairs.push({ open: open.pos, close: -1, depth: stack.length });
  }
  if (pairs.length > 1) pairs.sort((a, b) => a.open - b.open);
  return { pairs, strayClosers };
}
