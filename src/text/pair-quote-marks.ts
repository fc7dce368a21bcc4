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

const PROCLITIC = new Set([0x0648 /* و */, 0x0641 /* ف */, 0x0628 /* ب */, 0x0644 /* ل */, 0x0643 /* ك */]);

/** True when text[j] (optionally followed by tatweel) is a one-letter proclitic standing alone before a mark. */
function isLoneProclitic(text: string, j: number): boolean {
  if (j >= 0 && text.charCodeAt(j) === 0x0640) j--;
  if (j < 0 || !PROCLITIC.has(text.charCodeAt(j))) return false;
  const before = j > 0 ? text.charCodeAt(j - 1) : -1;
  return before === -1 || isSpace(before) || !isWordChar(before);
}

type Role = 'open' | 'close' | 'ambiguous';

function classify(text: string, i: number, shape: 'open' | 'close' | 'either'): Role {
  if (shape !== 'either') return shape;
  const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  // A one-letter proclitic glued to the mark (و”داعش”، لـ«الشروق») leaves the mark as loose as a space would.
  const prevLoose = prev === -1 || isSpace(prev) || isLoneProclitic(text, i - 1);
  const nextLoose = next === -1 || isSpace(next);
  const prevWord = prev !== -1 && isWordChar(prev);
  const nextWord = next !== -1 && isWordChar(next);
  if (prevLoose && !nextLoose) return 'open';
  if (!prevLoose && nextLoose) return 'close';
  if (prevWord && nextWord) return 'ambiguous';
  if (prevLoose && nextLoose) return 'ambiguous';
  // Glued to punctuation on one side.
  if (prevWord && !nextWord) return 'close';
  if (!prevWord && nextWord) return isLeadPunct(prev) ? 'open' : 'ambiguous';
  return 'ambiguous';
}

interface OpenMark {
  pos: number;
  ch: string;
  /** Index in the stack while open. */
  at: number;
  open: boolean;
}

export function pairQuoteMarks(text: string, table: QuoteMarkTable, offset = 0, end = text.length): PairingResult {
  const stack: OpenMark[] = [];
  const pairs: MarkPair[] = [];
  const strayClosers: number[] = [];
  // Note: a closer takes the innermost open mark it may close. Searching the stack for it costs the
  // stack's depth per closer (quadratic on a run of « then a run of ”), so each mark that can close
  // keeps its own stack of the open marks it may close; marks closed meanwhile are dropped lazily.
  const closable = new Map<string, OpenMark[]>();
  for (const ch of table.roles.keys()) closable.set(ch, []);
  for (let i = offset; i < end; i++) {
    const ch = text[i]!;
    const shape = table.roles.get(ch);
    if (shape === undefined) continue;
    let role = classify(text, i, shape);
    if (role === 'ambiguous') role = stack.length > 0 ? 'close' : 'open';
    if (role === 'open') {
      const mark: OpenMark = { pos: i, ch, at: stack.length, open: true };
      stack.push(mark);
      const partners = table.partners.get(ch);
      for (const [closer, list] of closable) if (!partners || partners.has(closer)) list.push(mark);
      continue;
    }
    // Close the innermost quotation this mark may close.
    const candidates = closable.get(ch)!;
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
  pairs.sort((a, b) => a.open - b.open);
  return { pairs, strayClosers };
}
