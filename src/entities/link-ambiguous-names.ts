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
// A name of several entries (عمان: Oman and Amman) goes to the one the article
// gives evidence for — another of its names, a title of its role, a mention of
// the place it lies in (`within`: Jordan for Amman) — and, when the evidence
// names none or several, to none, with a warning that says which it could be.
// Language-neutral: it reads only mentions, the source and the gazetteer.
import type { Doc, DocEntity, EntityMention } from '../document.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { LanguageProfile } from '../lang/profile.ts';
import { gazetteerEntity, nameTokens } from './gazetteer.ts';
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

export const SHARED_RULE = 'gazetteer.shared-name';

// (Module functions, not closures made per article: see findArabicQuotes.)
/** The entries that share the name `key` when the mention's entry is one of them. */
function sharedBy(gz: Gazetteer, m: EntityMention, key: string): string[] | undefined {
  const ids = gz.shared.get(key);
  return ids?.includes(m.entityId) ? ids : undefined;
}

/** The mention's name as a key when it is ambiguous, or null. Only mentions of entries with an ambiguous name are read again as keys (most mentions are not). */
function suspectKey(doc: Doc, gz: Gazetteer, m: EntityMention): string | null {
  if (m.kind === 'title') return null;
  const keys = gz.ambiguous.get(m.entityId);
  if (!keys && !gz.sharedIds.has(m.entityId)) return null;
  const key = keyOf(doc.source.slice(m.start, m.end));
  return keys?.has(key) || sharedBy(gz, m, key) ? key : null;
}

/** Unlinks the mentions of ambiguous gazetteer names that have no evidence in the article. */
export function linkAmbiguousNames(doc: Doc, gz: Gazetteer, marks: QuoteChars, profile?: Pick<LanguageProfile, 'placesAt'>): void {
  if (!gz.ambiguous.size || !doc.mentions.length) return;
  const keyOfSuspect = new Map<EntityMention, string>();
  for (const m of doc.mentions) {
    const key = suspectKey(doc, gz, m);
    if (key !== null) keyOfSuspect.set(m, key);
  }
  const suspects = [...keyOfSuspect.keys()];
  if (!suspects.length) return;
  const suspectIds = new Set(suspects.map((m) => m.entityId));
  // Entities with a mention that is not an ambiguous name: the evidence of the article.
  const suspectSet = new Set(suspects);
  const attested = new Set(doc.mentions.filter((m) => !suspectSet.has(m)).map((m) => m.entityId));
  const drop = new Set<EntityMention>();
  /** No link: a person becomes a new entity of its own, anything else no entity. */
  const unlink = (m: EntityMention) => {
    if (doc.entities.get(m.entityId)?.type !== 'person') {
      drop.add(m);
      return;
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
  };
  // Places the article evokes (a name, an adjective), outside the shared names themselves: asked once, when needed.
  let evoked: Set<string> | undefined;
  const placesEvoked = () => {
    if (evoked) return evoked;
    evoked = new Set();
    const shared = suspects.filter((m) => sharedBy(gz, m, keyOfSuspect.get(m)!));
    const outside = (at: number) => !shared.some((m) => at >= m.start && at < m.end);
    for (const [t, id] of profile?.placesAt?.(doc) ?? []) if (outside(doc.tokens[t]?.start ?? -1)) evoked.add(id);
    // A word that is a place's adjective or one-word name as it stands, inside titles too (وزير
    // الخارجية الأردني, which the entity stage reads as one title).
    for (const t of doc.tokens) {
      const hits = gz.root.get(t.norm)?.hits;
      // A shared name is no evidence of itself (the عمان of سلطنة عمان: that mention says it).
      if (!hits || !outside(t.start) || gz.shared.has(t.norm)) continue;
      for (const h of hits) if ((h.kind === 'demonym' || h.kind === 'name') && h.entityId.startsWith('place.')) evoked.add(h.entityId);
    }
    return evoked;
  };
  for (const m of suspects) {
    const ids = sharedBy(gz, m, keyOfSuspect.get(m)!);
    if (ids) {
      // A name of several entries: the one the article gives evidence for.
      const within = (id: string) => gz.entries.get(id)?.within;
      const has = (id: string | undefined) => id !== undefined && (attested.has(id) || placesEvoked().has(id));
      const evident = ids.filter((id) => has(id) || has(within(id)) || roleBefore(doc, gz, id, m.start));
      const chosen = evident.length === 1 ? gazetteerEntity(doc, gz, evident[0]!) : undefined;
      if (chosen) {
        if (chosen.id !== m.entityId) {
          m.entityId = chosen.id;
          m.rule = SHARED_RULE;
        }
        continue;
      }
      const text = doc.source.slice(m.start, m.end);
      const names = ids.map((id) => gz.entries.get(id)?.name ?? id).join(' or ');
      doc.messages.push({
        severity: 'warning',
        reason: `Ambiguous name ${text}: ${names}${evident.length ? ' (the article gives evidence for more than one)' : ' (nothing in the article says which)'}; left unlinked`,
        stage: 'link-ambiguous-names',
        ruleId: SHARED_RULE,
        start: m.start,
        end: m.end,
      });
      unlink(m);
      continue;
    }
    if (attested.has(m.entityId) || roleBefore(doc, gz, m.entityId, m.start) || inMarks(doc, marks, m.start, m.end)) continue;
    if (capitalised(gz, m.entityId, doc.source.slice(m.start, m.end))) continue;
    unlink(m);
  }
  if (drop.size) doc.mentions = doc.mentions.filter((m) => !drop.has(m));
  // An entity left without mentions is gone from the article.
  const used = new Set(doc.mentions.map((m) => m.entityId));
  for (const id of suspectIds) if (!used.has(id)) doc.entities.delete(id);
}
