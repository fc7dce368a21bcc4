// Names that are common words or shared by many (المصلحة الوطنية "the national
// interest", روسيا اليوم "Russia today", a bare surname such as Vance) are
// marked `ambiguous` in the gazetteers. After the entities are found, a
// mention that is only such a name keeps its link to the entry only with
// evidence in the article:
//   - another mention of the same entity that is not an ambiguous name (the
//     full name elsewhere, a title the rules bound to it);
//   - a title of one of the entry's roles right before it (Vice President Vance);
//   - quote marks right around it (a publication's name: «المصلحة الوطنية»);
//   - in a script with letter case, a name of several words written with the
//     capitals of its gazetteer form past the first word (Russia Today, not
//     "Russia today"), which a sentence start cannot explain.
// Without evidence, a person becomes a new entity of its own, unlinked (a
// footballer Vance is a person, not JD Vance), and anything else is no entity
// (المصلحة الوطنية in "the national interest requires ..." names nothing).
// Language-neutral: it reads only mentions, the source and the gazetteer.
import type { Doc, DocEntity, EntityMention } from '../document.ts';
import type { Gazetteer } from './gazetteer.ts';
import { nameTokens } from './gazetteer.ts';
import { normaliseString } from '../text/normalise.ts';
import { slugify } from './slug.ts';

export const UNLINKED_RULE = 'gazetteer.ambiguous-unlinked';

/** The quote mark characters of the article's language. */
export interface QuoteChars {
  has(ch: string): boolean;
}

const keyOf = (text: string) => nameTokens(text).join(' ');

/** Lower-cased normalised words, for comparing a role title with the words before a mention. */
const wordsOf = (text: string) => normaliseString(text).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Whether the words right before [start) end with a role title of the entry, or with two consecutive words of one. */
function roleBefore(doc: Doc, gz: Gazetteer, entityId: string, start: number): boolean {
  const roles = gz.entries.get(entityId)?.roles ?? [];
  if (!roles.length) return false;
  const before = wordsOf(doc.source.slice(Math.max(0, start - 80), start));
  const endsWith = (seq: string[]) => seq.length > 0 && seq.length <= before.length && seq.every((w, k) => before[before.length - seq.length + k] === w);
  for (const role of roles) {
    for (const form of [...role.ar, ...role.en]) {
      const words = wordsOf(form);
      if (endsWith(words)) return true;
      for (let k = 0; k + 2 <= words.length; k++) if (endsWith(words.slice(k, k + 2))) return true;
    }
  }
  return false;
}

/** Whether a quote mark sits right before and right after the span (spaces allowed, nothing else). */
function inMarks(doc: Doc, marks: QuoteChars, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && doc.source[i] === ' ') i--;
  let j = end;
  while (j < doc.source.length && doc.source[j] === ' ') j++;
  return i >= 0 && j < doc.source.length && marks.has(doc.source[i]!) && marks.has(doc.source[j]!);
}

/** Whether the text is a name of several words written exactly as an ambiguous form of the entry, capitals past the first word included. */
function capitalised(gz: Gazetteer, entityId: string, text: string): boolean {
  const forms = gz.entries.get(entityId)?.ambiguous?.en ?? [];
  return forms.some((f) => f === text && / \p{Lu}/u.test(f));
}

/** Unlinks the mentions of ambiguous gazetteer names that have no evidence in the article. */
export function linkAmbiguousNames(doc: Doc, gz: Gazetteer, marks: QuoteChars): void {
  if (!gz.ambiguous.size || !doc.mentions.length) return;
  const isAmbiguous = (m: EntityMention) => m.kind !== 'title' && (gz.ambiguous.get(m.entityId)?.has(keyOf(doc.source.slice(m.start, m.end))) ?? false);
  const suspects = doc.mentions.filter(isAmbiguous);
  if (!suspects.length) return;
  const suspectIds = new Set(suspects.map((m) => m.entityId));
  // Entities with a mention that is not an ambiguous name: the evidence of the article.
  const attested = new Set(doc.mentions.filter((m) => gz.ambiguous.has(m.entityId) && !isAmbiguous(m)).map((m) => m.entityId));
  const drop = new Set<EntityMention>();
  for (const m of suspects) {
    if (attested.has(m.entityId) || roleBefore(doc, gz, m.entityId, m.start) || inMarks(doc, marks, m.start, m.end)) continue;
    if (capitalised(gz, m.entityId, doc.source.slice(m.start, m.end))) continue;
    const linked = doc.entities.get(m.entityId);
    if (linked?.type !== 'person') {
      drop.add(m);
      continue;
    }
    // A person of the same name, but not the one the gazetteer knows: an entity of its own.
    const text = doc.source.slice(m.start, m.end);
    const id = `person.${slugify(text)}`;
    let own: DocEntity | undefined = doc.entities.get(id);
    if (!own || own.source === 'gazetteer') {
      own = { id: own ? `${id}-unlinked` : id, type: 'person', name: text, names: { [doc.lang]: [text] }, source: 'rule', roles: [] };
      doc.entities.set(own.id, own);
    }
    m.entityId = own.id;
    m.rule = UNLINKED_RULE;
    m.kind = 'name';
  }
  if (drop.size) doc.mentions = doc.mentions.filter((m) => !drop.has(m));
  // An entity left without mentions is gone from the article.
  const used = new Set(doc.mentions.map((m) => m.entityId));
  for (const id of suspectIds) if (!used.has(id)) doc.entities.delete(id);
}
