// Lookups over doc.mentions for later stages (quote attribution): which
// entity a token belongs to, and the mentions in a token range. Mentions are
// sorted by start and do not overlap, so both are binary searches.
import type { Doc, EntityMention } from '../document.ts';

function firstEndingAfter(mentions: readonly EntityMention[], token: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.tokenEnd <= token) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mention covering token `tokenIndex`, if any. */
export function mentionAt(doc: Pick<Doc, 'mentions'>, tokenIndex: number): EntityMention | undefined {
  const m = doc.mentions[firstEndingAfter(doc.mentions, tokenIndex)];
  return m && m.tokenStart <= tokenIndex ? m : undefined;
}

/** Mentions that lie inside tokens [tokenStart, tokenEnd), in text order. */
export function mentionsBetween(doc: Pick<Doc, 'mentions'>, tokenStart: number, tokenEnd: number): EntityMention[] {
  const out: EntityMention[] = [];
  for (let k = firstEndingAfter(doc.mentions, tokenStart); k < doc.mentions.length; k++) {
    const m = doc.mentions[k]!;
    if (m.tokenStart >= tokenEnd) break;
    if (m.tokenStart >= tokenStart && m.tokenEnd <= tokenEnd) out.push(m);
  }
  return out;
}

/**
 * Whether tokens [tokenStart, tokenEnd) are exactly one mention of a place: a headline's
 * "Syria: ..." or "غزة: ..." is a label saying where, not a speaker.
 */
export function isPlaceLabel(doc: Pick<Doc, 'mentions' | 'entities'>, tokenStart: number, tokenEnd: number): boolean {
  const m = mentionAt(doc, tokenStart);
  return !!m && m.tokenStart === tokenStart && m.tokenEnd === tokenEnd && doc.entities.get(m.entityId)?.type === 'place';
}

/** The last mention of a person ending at or before token `tokenIndex`. */
export function lastPersonBefore(doc: Pick<Doc, 'mentions' | 'entities'>, tokenIndex: number): EntityMention | undefined {
  for (let k = firstEndingAfter(doc.mentions, tokenIndex + 1) - 1; k >= 0; k--) {
    const m = doc.mentions[k]!;
    if (m.tokenEnd > tokenIndex + 1) continue;
    if (doc.entities.get(m.entityId)?.type === 'person') return m;
  }
  return undefined;
}
