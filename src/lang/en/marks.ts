// English quotation marks. ’ and ' are also apostrophes (don’t, O’Rourke,
// nobody's, the players’ welfare, St Thomas' Hospital), so before marks are
// paired every apostrophe is masked with a letter: the masked text has the
// same length as the source, so pairs found in it are offsets of the source.
//
//   - between two letters (don’t, O’Rourke): always an apostrophe;
//   - after a letter and before a space (players’, Thomas'): an apostrophe
//     unless a single quotation is open, and even then when the word ends in s,
//     a word follows and the quotation closes later in the paragraph;
//   - a straight ' elsewhere is a mark when it opens before a letter or closes
//     after a letter or punctuation.
import type { LanguageFile } from '../../schema/rules.ts';
import { buildMarkTable } from '../profile.ts';
import { pairQuoteMarks, type MarkPair, type QuoteMarkTable } from '../../text/pair-quote-marks.ts';

const APOS = new Set(['’', "'"]);
const SINGLE_OPEN = '‘';

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** The English mark table: the rules' table, with straight double marks closed only by double marks. */
export function englishMarkTable(settings: LanguageFile): QuoteMarkTable {
  const table = buildMarkTable(settings);
  const partners = new Map(table.partners);
  if (table.roles.has('"')) partners.set('"', new Set(['"', '”']));
  return { roles: table.roles, partners };
}

/** A copy of `text` with apostrophes replaced by a letter; same length, same offsets. */
export function maskApostrophes(text: string): string {
  // Open single quotations (‘ or an opening ').
  let openSingles = 0;
  const masked = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === SINGLE_OPEN) {
      openSingles++;
      continue;
    }
    if (!APOS.has(ch)) continue;
    const prev = text[i - 1];
    const next = text[i + 1];
    const prevLetter = isLetter(prev);
    const nextLetter = isLetter(next);
    if (prevLetter && nextLetter) {
      masked.add(i);
      continue;
    }
    if (prevLetter || (prev !== undefined && /[.,;:!?…]/.test(prev))) {
      // A closing mark or an apostrophe at a word's end.
      if (openSingles === 0) {
        if (prevLetter) masked.add(i);
        continue;
      }
      if (prevLetter && /[sS]/.test(prev!) && next === ' ' && isLetter(text[i + 2]) && closesLater(text, i + 1)) {
        masked.add(i);
        continue;
      }
      openSingles--;
      continue;
    }
    // Before a letter after a space or punctuation: a straight ' opens.
    if (ch === "'" && nextLetter && (isSpace(prev) || /["“(\[—–-]/.test(prev!))) openSingles++;
  }
  if (masked.size === 0) return text;
  let s = '';
  let last = 0;
  for (const i of [...masked].sort((a, b) => a - b)) {
    s += text.slice(last, i) + 'x';
    last = i + 1;
  }
  return s + text.slice(last);
}

/** True when a closing single mark (after a letter or punctuation, not inside a word) follows `from`. */
function closesLater(text: string, from: number): boolean {
  for (let j = from; j < text.length; j++) {
    const ch = text[j]!;
    if (ch === '\n') return false;
    if (!APOS.has(ch)) continue;
    const prev = text[j - 1];
    if ((isLetter(prev) || /[.,;:!?…]/.test(prev ?? '')) && !isLetter(text[j + 1])) return true;
  }
  return false;
}

/** Mark pairs of one paragraph of English, apostrophes set aside. */
export function pairEnglishMarks(text: string, table: QuoteMarkTable): { pairs: MarkPair[]; masked: string } {
  let masked = maskApostrophes(text);
  // "” Corruption has been a problem …": a closing mark that opens the paragraph, before a word,
  // closes nothing (no word ends before it): it opens, as “ would.
  const lead = /^\s*”(?=\s?\p{L})/u.exec(masked);
  if (lead) masked = `${masked.slice(0, lead[0].length - 1)}“${masked.slice(lead[0].length)}`;
  // Doubled single marks as one double mark, and a double mark doubled by a single one:
  // '"’My very first encounter … situation,’’ he said.', '‘‘We will …’’'. The first of the pair
  // becomes a letter for the pairing (offsets hold): the mark that stays is where the words start or end.
  masked = masked.replace(/(^|[\s(—–-])(?:["“]’|‘‘|["“]‘)(?=\p{L})/gu, (_m, pre: string) => `${pre}“x`).replace(/’’/g, 'x”');
  // '… on 16th November,"said Akram Khan.': a straight mark after punctuation, glued to a lowercase
  // word, closes (a quotation opens on a capital or after a space).
  masked = masked.replace(/(?<=[,.?!])"(?=\p{Ll})/gu, '”');
  // 'said he should stop joking.”I have already finished …” he shouted': a closing mark glued
  // between a sentence's full stop and a capital, with no quotation open before it, opens one.
  if (masked.includes('”')) {
    // (One pass: the open count is carried from one match to the next.)
    let open = 0;
    let scanned = 0;
    const before = masked;
    masked = masked.replace(/(?<=[.?!])”(?=\p{Lu})/gu, (mark, at: number) => {
      for (; scanned < at; scanned++) {
        const ch = before.charCodeAt(scanned);
        if (ch === 0x201c) open++;
        else if (ch === 0x201d && open > 0) open--;
      }
      if (open > 0) return mark;
      open++;
      scanned = at + 1;
      return '“';
    });
  }
  return { pairs: pairQuoteMarks(masked, table).pairs, masked };
}
