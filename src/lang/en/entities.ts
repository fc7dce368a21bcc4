// English entity recognition. Candidates come from three sources and are
// merged under one entity per referent:
//   1. the gazetteer trie (English names; acronyms such as WHO and US only as
//      written in capitals; a name must start with a capital);
//   2. compromise's people, places and organisations, cleaned of titles,
//      "the", possessive 's and punctuation (mention spans are names only);
//   3. rules: a name after a title (Foreign Minister X, manager X), in
//      apposition (X, a security analyst; the foreign minister, X,), as the
//      subject of a speech verb ("...," Lavrov said), organisation and place
//      heads (Brenner Institute, Millbrook Park), organisation type nouns
//      (the broadcaster TRT), acronyms in brackets, datelines and team sheets.
// Longer candidates win over shorter ones, gazetteer over rule over
// compromise at equal length. Persons found without the gazetteer get source
// 'rule' and an id derived from the name; their surnames refer back to them,
// and titles bound to them ("the minister", "the spokeswoman") are title
// mentions of them, as in the Arabic coreference.
import type { Doc, DocEntity, EntityMention } from '../../document.ts';
import type { EntityType } from '../../schema/output.ts';
import { gazetteerEntity, longestMatch, titleKey, type Gazetteer, type NameHit, type TrieNode } from '../../entities/gazetteer.ts';
import { slugify } from '../../entities/slug.ts';
import type { CompiledEnEntityRules } from './entity-rules.ts';
import { Pos, isCommonWord } from './nlp.ts';
import type { EnglishLayers } from './segment.ts';

export type Gender = 'm' | 'f';

/** Facts the attribution sieve reads besides doc.mentions. */
export interface EnglishEntityFacts {
  gender: Map<string, Gender>;
  /** Persons whose gender is read from a given name alone (Nurul, Kim): a guess a pronoun may overrule. */
  nameGender: Set<string>;
  /** Token indexes of demonyms (Russian, Norwegian). */
  demonyms: Set<number>;
  /** What kind of organisation the article calls an entity (the broadcaster TF1 → broadcaster; X Bank → bank). */
  orgKind: Map<string, string>;
}

interface Cand {
  s: number;
  e: number;
  type: EntityType;
  id?: string;
  rule: string;
  prio: number;
  kind: 'name' | 'alias';
  /** Extra source offset at the end (OPEC+). */
  plus?: boolean;
  /** For a state body named by its place (Yemen’s health ministry): the place as written. */
  owner?: string;
}


function fold(s: string): string {
  // Plain ASCII (most English words) has no marks to take off.
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80;
  return ascii ? s : s.normalize('NFD').replace(/\p{M}/gu, '');
}

export function findEnglishEntities(doc: Doc, gz: Gazetteer, rules: CompiledEnEntityRules, layers: EnglishLayers): EnglishEntityFacts {
  const toks = doc.tokens;
  const n = toks.length;
  const facts: EnglishEntityFacts = { gender: new Map(), nameGender: new Set(), demonyms: new Set(), orgKind: new Map() };
  const genderAt = new Map<number, Gender>();
  const genderById = new Map<string, Gender>();
  if (n === 0) return facts;
  const src = doc.source;
  const norms = toks.map((t) => t.norm);
  const folded = norms.map(fold);
  const pos = layers.pos;
  const text = (j: number) => src.slice(toks[j]!.start, toks[j]!.end);
  const capCache = new Int8Array(n);
  const cap = (j: number): boolean => {
    if (!capCache[j]) capCache[j] = /^\p{Lu}/u.test(text(j)) ? 1 : 2;
    return capCache[j] === 1;
  };
  const upper = (j: number) => {
    const t = text(j);
    return t.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(t) && /\p{Lu}/u.test(t);
  };
  const has = (j: number, bits: number) => ((pos[j] ?? 0) & bits) !== 0;
  const sentEnd = (j: number) => doc.sentences[toks[j]!.sentence]!.tokenEnd;
  const sentStart = (j: number) => doc.sentences[toks[j]!.sentence]!.tokenStart;

  // gap[j] between token j-1 and j: 0 spaces; 1 hyphen; 2 apostrophe (O’Rourke, Thomas' Hospital); 3 comma; 4 other; 5 new sentence.
  const gap = new Uint8Array(n);
  const gapText: string[] = new Array(n).fill('');
  gap[0] = 5;
  for (let j = 1; j < n; j++) {
    if (toks[j]!.sentence !== toks[j - 1]!.sentence) {
      gap[j] = 5;
      continue;
    }
    const g = src.slice(toks[j - 1]!.end, toks[j]!.start);
    gapText[j] = g;
    if (/^[ \u00a0]+$/.test(g)) gap[j] = 0;
    else if (/^[-‐‑]$/.test(g)) gap[j] = 1;
    else if (/^['’]$/.test(g) || (/^['’] $/.test(g) && /s$/i.test(norms[j - 1]!))) gap[j] = 2;
    else if (g.trim() === ',') gap[j] = 3;
    else gap[j] = 4;
  }
  const joined = (j: number) => gap[j]! <= 2;
  const spaced = (j: number) => gap[j] === 0;
  // A sentence start, or right after an opening mark, a colon or a bracket.
  const atStart = (j: number) => gap[j] === 5 || (gap[j] === 4 && /[“"‘'(\[:—–-]\s*$/.test(gapText[j]!));

  const isParticle = (j: number) => rules.particles.has(norms[j]!) && !cap(j);
  /** Acronyms a title is given in brackets (Chief Election Commissioner (CEC) …): titles too, not bodies. */
  const titleAcronyms = new Set<string>();
  const isTitleWord = (j: number) => rules.titles.has(norms[j]!) || rules.honorifics.has(norms[j]!) || titleAcronyms.has(norms[j]!);

  // ---- gazetteer -------------------------------------------------------------
  const casedOk = (h: NameHit, s: number, e: number) => {
    if (!h.cased) return true;
    const written = src.slice(toks[s]!.start, toks[e - 1]!.end).replace(/[^\p{L}\p{N}]/gu, '');
    return written === h.form.replace(/[^\p{L}\p{N}]/gu, '');
  };
  const gzMatch = (j: number, limit: number, kinds: Set<string>): { end: number; hits: NameHit[] } | null => {
    for (const arr of norms[j] === folded[j] ? [norms] : [norms, folded]) {
      const m = longestMatch(gz.root, arr, j, limit, [{ key: arr[j]!, strip: 0 }], joined, (hits) =>
        hits.some((h) => h.lang === 'en' && kinds.has(h.kind)),
      );
      if (m) return { end: m.end, hits: m.hits.filter((h) => h.lang === 'en' && kinds.has(h.kind)) };
    }
    return null;
  };
  const NAME = new Set(['name']);
  const DEMONYM = new Set(['demonym']);
  const cands: Cand[] = [];
  const demonymAt = new Set<number>();
  for (const s of doc.sentences) {
    for (let j = s.tokenStart; j < s.tokenEnd; j++) {
      const d = gzMatch(j, s.tokenEnd, DEMONYM);
      if (d && cap(j)) for (let k = j; k < d.end; k++) demonymAt.add(k);
      // Every word of an English name is capitalised, but for particles and connectors (Rafah crossing is Rafah).
      let lim = j + 1;
      while (lim < s.tokenEnd && (cap(lim) || rules.connectors.has(norms[lim]!) || rules.particles.has(norms[lim]!) || (norms[lim] === 's' && gap[lim] === 2))) lim++;
      const m = gzMatch(j, lim, NAME);
      if (!m) continue;
      const hit = m.hits.find((h) => casedOk(h, j, m.end));
      if (!hit) continue;
      // English names are written with a capital (al-Sharaa may open with a particle).
      if (!cap(j) && !(isParticle(j) && j + 1 < m.end && cap(j + 1))) continue;
      if (m.end - j === 1 && rules.notNames.has(norms[j]!) && !upper(j)) continue;
      const entry = gz.entries.get(hit.entityId);
      if (!entry) continue;
      // A one-word place right before another capitalised word is part of a longer name (Jordan Mensah-Boateng, West Texas Intermediate).
      if (entry.type === 'place' && m.end - j === 1 && m.end < s.tokenEnd && spaced(m.end) && cap(m.end) && !rules.notNames.has(norms[m.end]!) && !gzMatch(m.end, s.tokenEnd, NAME) && !rules.orgHeads.has(norms[m.end]!) && !rules.placeHeads.has(norms[m.end]!) && !upper(j)) continue;
      if (entry.type === 'place' && m.end - j === 1 && j > s.tokenStart && joined(j) && cap(j - 1) && !rules.notNames.has(norms[j - 1]!) && !isTitleWord(j - 1) && !demonymAt.has(j - 1) && !gzMatch(j - 1, s.tokenEnd, NAME)) continue;
      // "the Kremlin", "Prince Abdulaziz bin Salman": the article or title in front is not the name.
      if ((norms[j] === 'the' || rules.honorifics.has(norms[j]!)) && m.end - j >= 2 && pathId(gz.root, norms.slice(j + 1, m.end)) === hit.entityId) {
        cands.push({ s: j + 1, e: m.end, type: entry.type, id: hit.entityId, rule: hit.entityId, prio: 3, kind: 'name' });
        continue;
      }
      let plus = false;
      let id = hit.entityId;
      // OPEC+ is written for "OPEC Plus".
      if (src[toks[m.end - 1]!.end] === '+') {
        const plusId = pathId(gz.root, [...norms.slice(j, m.end), 'plus']);
        if (plusId) {
          id = plusId;
          plus = true;
        }
      }
      cands.push({ s: j, e: m.end, type: gz.entries.get(id)!.type, id, rule: id, prio: 3, kind: 'name', plus });
    }
  }
  for (const k of demonymAt) facts.demonyms.add(k);

  // ---- compromise ---------------------------------------------------------------
  const tokenAt = new Map<number, number>();
  toks.forEach((t, i) => tokenAt.set(t.start, i));
  const tokensIn = (start: number, end: number): [number, number] | null => {
    let a = -1;
    let b = -1;
    // Tokens are sorted: find the first starting at or after `start`.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < n && toks[k]!.end <= end; k++) {
      if (a < 0) a = k;
      b = k + 1;
    }
    return a >= 0 ? [a, b] : null;
  };
  for (const parsed of layers.parses.values()) {
    for (const c of parsed.candidates) {
      const first = c.terms[0];
      const last = c.terms[c.terms.length - 1];
      if (!first || !last) continue;
      const r = tokensIn(first.start, last.end);
      if (!r) continue;
      let [s, e] = r;
      // Titles, honorifics, demonyms, "the" and lowercase words in front are not the name.
      while (s < e && (isTitleWord(s) || rules.titleModifiers.has(norms[s]!) || demonymAt.has(s) || rules.notNames.has(norms[s]!) || !cap(s))) s++;
      // A possessive 's and lowercase words at the end are not the name.
      while (e > s && (norms[e - 1] === 's' && gap[e - 1] === 2 || !cap(e - 1) || rules.notNames.has(norms[e - 1]!))) e--;
      // "Presidio County Sheriff", "Marfa City Attorney": a title word ends no place; it is the title of the name after it.
      if (c.type === 'place') while (e > s + 1 && isTitleWord(e - 1)) e--;
      // "Fed Chair Powell", "Kremlin Spokesman Dmitry Peskov": a title inside a person's run ends what goes before it.
      if (c.type === 'person') for (let k = e - 2; k > s; k--) if (isTitleWord(k) && cap(k + 1) && !isTitleWord(k + 1)) { s = k + 1; break; }
      if (e <= s) continue;
      // "Frank Bainimarama": compromise may take a given name that is also a word (Frank) alone; a
      // capitalised proper noun right after a given name, not a place, a body or a title, is its surname.
      if (c.type === 'person' && e - s === 1 && has(s, Pos.FirstName | Pos.Person) && e < n && joined(e) && cap(e) && toks[e]!.sentence === toks[s]!.sentence && has(e, Pos.ProperNoun) && !has(e, Pos.Place | Pos.Organization) && !isTitleWord(e) && !demonymAt.has(e) && !rules.notNames.has(norms[e]!)) e++;
      let ok = true;
      for (let k = s; k < e; k++) {
        if (k > s && !joined(k)) ok = false;
        if (!cap(k) && !isParticle(k)) ok = false;
      }
      if (!ok) continue;
      if (e - s === 1 && (has(s, Pos.Plural) || demonymAt.has(s) || rules.notAcronyms.has(norms[s]!) || norms[s]!.length <= 2)) continue;
      // A lone word is a person only with more evidence (a title, a speech verb): compromise takes Brent crude for a man.
      if (e - s === 1 && c.type === 'person' && (has(s, Pos.FirstName) || !has(s, Pos.LastName | Pos.ProperNoun))) continue;
      if (e - s === 1 && atStart(s) && isCommonWord(norms[s]!)) continue;
      // A title in marks ("Ward Rounds") is not a place or a person.
      if (/["“‘']$/.test(src.slice(Math.max(0, toks[s]!.start - 1), toks[s]!.start)) && /^["”’']/.test(src.slice(toks[e - 1]!.end, toks[e - 1]!.end + 1))) continue;
      cands.push({ s, e, type: c.type, rule: `en.nlp.${c.type}`, prio: 1, kind: 'name' });
    }
  }

  // ---- rules ----------------------------------------------------------------------
  /** A run of capitalised name tokens from j (particles inside): [j, end), at most `max` tokens. */
  const nameRun = (j: number, limit: number, max = 4): number => {
    let k = j;
    while (k < limit && k - j < max) {
      // David B. Burritt: a middle initial and its full stop stay inside the name.
      const initial = k > j + 1 && gapText[k] === '. ' && /^\p{Lu}$/u.test(src.slice(toks[k - 1]!.start, toks[k - 1]!.end)) && cap(k);
      if (k > j && !joined(k) && !initial) break;
      if (cap(k)) {
        if (rules.notNames.has(norms[k]!) || (k > j && isTitleWord(k) && !joined(k + 1))) break;
        if (k > j && isTitleWord(k)) break;
        k++;
        continue;
      }
      if (isParticle(k) && k + 1 < limit && joined(k + 1) && cap(k + 1)) {
        k++;
        continue;
      }
      break;
    }
    // A possessive 's is not part of the name.
    return k;
  };
  /** A capitalised run for organisation names: name tokens and connectors (of, for, and) between them. */
  const orgRun = (j: number, limit: number): number => {
    let k = nameRun(j, limit, 8);
    while (k < limit && spaced(k) && rules.connectors.has(norms[k]!) && !cap(k) && k + 1 < limit && spaced(k + 1)) {
      // "the Home Ministry and Royal Malaysian Police": after a name that ends on its head word, "and" joins two bodies.
      // So does "and the" (the Bank of England and the Treasury).
      if (norms[k] === 'and' && ((k - j >= 2 && rules.orgHeads.has(norms[k - 1]!)) || norms[k + 1] === 'the')) break;
      // "Institute for the Study of War": a connector, perhaps "the", then a capitalised name.
      let q = k + 1;
      if (norms[q] === 'the' && !cap(q) && q + 1 < limit && spaced(q + 1)) q++;
      if (!cap(q)) break;
      const k2 = nameRun(q, limit, 6);
      if (k2 === q) break;
      k = k2;
    }
    return k;
  };
  /**
   * Titles bound to persons, by key (the full title, and its head word alone), with where the
   * person was named: "the minister" refers back to the last one named before it, never ahead.
   */
  const bindings = new Map<string, Array<{ id: string; at: number; words: Set<string> }>>();
  const boundBefore = (key: string, before: number) => {
    let best: { id: string; at: number; words: Set<string> } | undefined;
    for (const b of bindings.get(key) ?? []) if (b.at < before && (!best || b.at > best.at)) best = b;
    return best;
  };
  const pendingBinds: Array<{ key: string[]; s: number; e: number }> = [];
  /** The title phrase ending at token e (exclusive), walking back over modifiers, titles and demonyms. */
  const titleBefore = (e: number): number => {
    let s = e;
    // (Labour TD and ex-environment minister Alan Kelly: a field after "ex-", "ex-" itself, and
    // "and" between two titles are part of the title.)
    const inTitle = (k: number) => {
      const w = norms[k]!;
      if (rules.titles.has(w) || rules.titleModifiers.has(w) || demonymAt.has(k)) return true;
      if (k > 0 && gap[k] === 1 && norms[k - 1] === 'ex') return true;
      if (w === 'ex' && k + 1 < n && gap[k + 1] === 1) return true;
      return w === 'and' && k > 0 && rules.titles.has(norms[k - 1]!);
    };
    while (s > 0 && toks[s - 1]!.sentence === toks[e - 1]!.sentence && (s === e || joined(s))) {
      if (inTitle(s - 1)) s--;
      else break;
    }
    while (s < e && rules.connectors.has(norms[s]!)) s++;
    return s;
  };

  for (const sent of doc.sentences) {
    const limit = sent.tokenEnd;
    for (let j = sent.tokenStart; j < limit; j++) {
      const w = norms[j]!;
      // (a) A title right before a capitalised name: Foreign Minister X, manager X, Dr X.
      // "Chief Election Commissioner (CEC) KM Nurul Huda": the title's acronym in brackets stands
      // between the title and the name.
      const n = j + 3 < limit && /^\s*\($/.test(gapText[j + 1]!) && /^\p{Lu}{2,6}$/u.test(src.slice(toks[j + 1]!.start, toks[j + 1]!.end)) && /^\)\s+$/.test(gapText[j + 2]!) ? j + 2 : j + 1;
      // (Dr. Adrian Hill, Gen. Mark Milley: the full stop of an abbreviated honorific.)
      const abbreviated = n === j + 1 && gapText[n] === '. ' && rules.honorifics.has(w) && w.length <= 4;
      if (isTitleWord(j) && n < limit && (spaced(n) || n > j + 1 || abbreviated) && cap(n) && !isTitleWord(n) && !demonymAt.has(n)) {
        const e = nameRun(n, limit);
        // "Chief Election Commissioner …": a capitalised word between two title words is part of the title.
        if (e > n && !(e < limit && spaced(e) && isTitleWord(e))) {
          cands.push({ s: n, e, type: 'person', rule: 'en.person.after-title', prio: 2, kind: 'name' });
          const ts = titleBefore(j + 1);
          pendingBinds.push({ key: norms.slice(ts, j + 1), s: n, e });
          if (n > j + 1) {
            titleAcronyms.add(norms[j + 1]!);
            pendingBinds.push({ key: [norms[j + 1]!], s: n, e });
          }
          if (rules.maleTitles.has(w)) genderAt.set(n, 'm');
          if (rules.femaleTitles.has(w)) genderAt.set(n, 'f');
        }
      }
      // (a2) "Chief Minister of Maharashtra Uddhav Thackeray said", "Governor of Lagos State Babajide
      // Sanwo-Olu": a title, "of", a capitalised run of three words or more: its last two are the
      // holder's name, the words before them the title's place or body.
      if (isTitleWord(j) && rules.titles.has(w) && j + 4 < limit && (norms[j + 1] === 'of' || norms[j + 1] === 'for') && spaced(j + 1) && spaced(j + 2) && cap(j + 2) && !cap(j + 1)) {
        const e = nameRun(j + 2, limit, 8);
        const n = e - 2;
        if (e - (j + 2) >= 3 && !isTitleWord(n) && !isTitleWord(n + 1) && !demonymAt.has(n)) {
          cands.push({ s: n, e, type: 'person', rule: 'en.person.after-title', prio: 2, kind: 'name' });
          pendingBinds.push({ key: norms.slice(titleBefore(j + 1), j + 1), s: n, e });
          if (rules.maleTitles.has(w)) genderAt.set(n, 'm');
          if (rules.femaleTitles.has(w)) genderAt.set(n, 'f');
        }
      }
      // (b) A title phrase, a comma, a name, a comma: the foreign minister, Hakan Fidan, ...
      // (Minister of State for Education, Emeka Nwajiuba, …: the title's complement may be several
      // capitalised words joined by of/for.)
      let titleJustBefore = j > 0 && (rules.titles.has(norms[j - 1]!) || (j > 2 && ['of', 'for'].includes(norms[j - 2]!) && rules.titles.has(norms[j - 3]!)));
      // (The deputy secretary general of the ruling-Cameroon People’s Democratic Movement, Gregoire
      // Owona, …: a possessive 's and a word hyphened to the next are part of the body's name.)
      for (let k = j - 2; !titleJustBefore && k >= Math.max(0, j - 10) && toks[k]!.sentence === toks[j]!.sentence; k--) {
        const inName = cap(k + 1) || rules.connectors.has(norms[k + 1]!) || (norms[k + 1] === 's' && gap[k + 1] === 2) || gap[k + 2] === 1;
        if (!inName || gap[k + 1]! >= 3) break;
        if (rules.titles.has(norms[k]!) && rules.connectors.has(norms[k + 1]!)) titleJustBefore = true;
      }
      if (gap[j] === 3 && cap(j) && titleJustBefore) {
        const e = nameRun(j, limit);
        if (e > j && e - j >= 2 && (e >= limit || gap[e] === 3 || gap[e] === 4 || gap[e] === 5)) {
          cands.push({ s: j, e, type: 'person', rule: 'en.person.apposition', prio: 2, kind: 'name' });
          const ts = titleBefore(j);
          pendingBinds.push({ key: norms.slice(ts, j), s: j, e });
          const tw = norms[j - 1]!;
          if (rules.maleTitles.has(tw)) genderAt.set(j, 'm');
          if (rules.femaleTitles.has(tw)) genderAt.set(j, 'f');
        }
      }
      // (c) A name, a comma and a title phrase or "who": X, a security analyst at ...; X, who ...
      if (cap(j) && (j === sent.tokenStart || !cap(j - 1) || gap[j] !== 0)) {
        const e = nameRun(j, limit);
        if (e > j && e < limit && gap[e] === 3) {
          let k = e;
          if (['a', 'an', 'the'].includes(norms[k]!)) k++;
          let title = -1;
          for (let q = k; q < Math.min(limit, k + 6); q++) {
            if (gap[q] === 3 || gap[q] === 4) break;
            if (rules.titles.has(norms[q]!)) {
              title = q;
              break;
            }
          }
          // "According to Todd, the sheriff also said …": a title phrase that runs on into a finite
          // verb is the next clause's subject, not an apposition of the name before the comma.
          if (title >= 0) {
            let v = title + 1;
            while (v < limit && gap[v] !== 3 && has(v, Pos.Adverb) && !has(v, Pos.Verb)) v++;
            if (v < limit && gap[v] !== 3 && has(v, Pos.Verb) && !has(v, Pos.Noun | Pos.Gerund | Pos.Participle)) title = -1;
          }
          const who = norms[e] === 'who';
          const age = /^\d{2}$/.test(norms[e]!) && gap[e + 1] === 3;
          // "An anti-terrorism court's (ATC) judge": an acronym alone is a body's, never a person's name.
          const acronym = e - j === 1 && /^\p{Lu}{2,}$/u.test(src.slice(toks[j]!.start, toks[j]!.end));
          if ((title >= 0 || who || age) && !acronym && !(e - j === 1 && !who && rules.notNames.has(norms[j]!))) {
            cands.push({ s: j, e, type: 'person', rule: 'en.person.apposition', prio: who || age ? 1 : 2, kind: 'name' });
            if (title >= 0) {
              const tw = norms[title]!;
              pendingBinds.push({ key: norms.slice(k, title + 1).filter((x) => !rules.connectors.has(x)), s: j, e });
              if (rules.maleTitles.has(tw)) genderAt.set(j, 'm');
              if (rules.femaleTitles.has(tw)) genderAt.set(j, 'f');
            }
          }
        }
      }
      // (d) Organisations and places by their heads: Brenner Institute, Centre for Regional Studies, Millbrook Park.
      const prevIsName = j > sent.tokenStart && joined(j) && cap(j - 1) && !rules.notNames.has(norms[j - 1]!);
      if (cap(j) && !prevIsName && !(atStart(j) && rules.notNames.has(w))) {
        let s0 = j;
        const e = orgRun(j, limit);
        if (e > j) {
          const lastW = norms[e - 1]!;
          const firstW = norms[s0]!;
          // "British Chambers of Commerce", "Department of Health and Social Care": a head before the first connector.
          let conn = -1;
          for (let q = s0 + 1; q < e; q++) if (rules.connectors.has(norms[q]!) && !cap(q)) {
            conn = q;
            break;
          }
          const headBeforeConn = conn > s0 && (rules.orgHeads.has(norms[conn - 1]!) || rules.orgInitialHeads.has(norms[conn - 1]!));
          // "the New York Stock Exchange": capitalised name words of the notNames list open the name.
          if (rules.orgHeads.has(lastW) || headBeforeConn) while (s0 > sent.tokenStart && joined(s0) && cap(s0 - 1) && rules.orgNameWords.has(norms[s0 - 1]!) && j - s0 < 2) s0--;
          // "Martin Achterberg of Rhine Valley Bank": without a head before "of", the organisation starts after it.
          if (!headBeforeConn && conn > s0) s0 = conn + 1;
          if (headBeforeConn && e - s0 >= 3) {
            cands.push({ s: s0, e, type: 'organisation', rule: 'en.organisation.head', prio: 2, kind: 'name' });
          } else if (rules.orgHeads.has(lastW) && e - s0 >= 2 && !rules.connectors.has(norms[s0]!)) {
            cands.push({ s: s0, e, type: 'organisation', rule: 'en.organisation.head', prio: 2, kind: 'name' });
          } else if (rules.orgInitialHeads.has(firstW) && e - s0 >= 3 && rules.connectors.has(norms[s0 + 1]!)) {
            cands.push({ s: s0, e, type: 'organisation', rule: 'en.organisation.initial-head', prio: 2, kind: 'name' });
          } else if (rules.placeHeads.has(lastW) && e - s0 >= 2) {
            cands.push({ s: s0, e, type: 'place', rule: 'en.place.head', prio: 2, kind: 'name' });
          }
        }
      }
      // (e) A name right before a role held in an organisation: Brackenridge manager, A Corvane spokeswoman.
      if (cap(j) && !demonymAt.has(j) && !rules.notNames.has(w) && !isTitleWord(j) && !prevIsName) {
        const e = nameRun(j, limit, 3);
        if (e > j && e < limit && spaced(e) && (rules.orgRoles.has(norms[e]!) || (norms[e] === 'head' && norms[e + 1] === 'coach') || (norms[e] === 'sporting' && norms[e + 1] === 'director'))) {
          // "Hospital boss: …" at the start of a line is a common noun capitalised, not a body's name.
          // "Delhi Chief Electoral Officer": a capitalised role word that opens a longer capitalised
          // title is the title's, and the name before it is a place or body qualifying the title.
          const titleGoesOn = cap(e) && e + 1 < limit && spaced(e + 1) && cap(e + 1);
          if (!titleGoesOn && !(atStart(j) && e - j === 1 && !upper(j) && (['a', 'an', 'the'].includes(norms[j]!) || isCommonWord(norms[j]!)))) cands.push({ s: j, e, type: 'organisation', rule: 'en.organisation.role-holder', prio: 1, kind: 'name' });
        }
      }
      // (f) A lowercase type noun before a name: the broadcaster TRT, the trade union FNV, the charity Patients Together.
      if (rules.orgTypeNouns.has(w) && !cap(j) && j + 1 < limit && spaced(j + 1) && cap(j + 1) && !demonymAt.has(j + 1)) {
        const e = orgRun(j + 1, limit);
        if (e > j + 1 && e - j - 1 <= 4) cands.push({ s: j + 1, e, type: 'organisation', rule: 'en.organisation.type-noun', prio: 2, kind: 'name' });
      }
      // (g) An unknown acronym (FIFPRO, PGMOL) in running text is an organisation.
      if (upper(j) && !titleAcronyms.has(w) && !rules.notAcronyms.has(w) && !rules.notNames.has(w) && /\p{Ll}/u.test(src.slice(sent.start, sent.end)) && !demonymAt.has(j) && !(j + 1 < limit && joined(j + 1) && cap(j + 1)) && !prevIsName) {
        cands.push({ s: j, e: j + 1, type: 'organisation', rule: 'en.organisation.acronym', prio: 0, kind: 'name' });
      }
      // (h) The lowercase head of a state body after a place's possessive: Yemen’s health ministry.
      if (norms[j] === 's' && gap[j] === 2 && j + 1 < limit) {
        for (const phrase of rules.lowercaseOrgs) {
          if (j + 1 + phrase.length > limit) continue;
          let ok = true;
          for (let q = 0; q < phrase.length; q++) if (norms[j + 1 + q] !== phrase[q] || cap(j + 1 + q) || (q > 0 && !spaced(j + 1 + q))) ok = false;
          if (ok && spaced(j + 1)) {
            let ps = j - 1;
            while (ps > sent.tokenStart && joined(ps) && cap(ps - 1)) ps--;
            const owner = cap(j - 1) ? src.slice(toks[ps]!.start, toks[j - 1]!.end) : '';
            cands.push({ s: j + 1, e: j + 1 + phrase.length, type: 'organisation', rule: 'en.organisation.state-body', prio: 2, kind: 'name', id: `state-body:${j}`, owner });
            break;
          }
        }
      }
    }
  }
  // (h2) A lone capitalised word after "in" (in Nyon, in Leeds): a place, when nothing else names it.
  for (let j = 1; j < n; j++) {
    if (norms[j - 1] !== 'in' || !spaced(j) || !cap(j) || upper(j) || rules.notNames.has(norms[j]!) || demonymAt.has(j)) continue;
    if (j + 1 < n && joined(j + 1) && toks[j + 1]!.sentence === toks[j]!.sentence && (cap(j + 1) || norms[j + 1] === 's')) continue;
    if (has(j, Pos.Person | Pos.FirstName | Pos.Organization | Pos.Plural | Pos.Demonym | Pos.Adjective)) continue;
    if (norms[j]!.length < 3) continue;
    cands.push({ s: j, e: j + 1, type: 'place', rule: 'en.place.after-in', prio: 0, kind: 'name' });
  }
  // (i) Datelines: MOSCOW, May 14 (Meridian Wire) - ...; NYON, Switzerland — ...
  for (const para of doc.paragraphs.slice(0, 12)) {
    if (para.boilerplate) continue;
    const line = src.slice(para.start, para.end);
    // PUTRAJAYA: … too: a city in capitals before a colon.
    const m = /^([\p{Lu}][\p{Lu} .'’-]+?)(?:\/[\p{Lu} ]+)?(?:,[^(—–\n]{1,30}?)?\s*(?:\(([^)]{2,40})\))?(?:\s+[-–—]|:(?:\s|$))/u.exec(line);
    if (!m) continue;
    const cityEnd = para.start + m[1]!.trimEnd().length;
    const r = tokensIn(para.start, cityEnd);
    if (r && r[1] - r[0] <= 3) cands.push({ s: r[0], e: r[1], type: 'place', rule: 'en.place.dateline', prio: 1, kind: 'name' });
    if (m[2]) {
      const aStart = para.start + m.index + m[0].indexOf(`(${m[2]})`) + 1;
      const ra = tokensIn(aStart, aStart + m[2].length);
      if (ra && cap(ra[0])) cands.push({ s: ra[0], e: ra[1], type: 'organisation', rule: 'en.organisation.dateline-agency', prio: 2, kind: 'name' });
    }
    break;
  }
  // (j) Team sheets: "Team: Keeper; Back, Back, ...; ..." — each name a person.
  for (const para of doc.paragraphs) {
    if (para.boilerplate) continue;
    const line = src.slice(para.start, para.end);
    const m = /^([\p{Lu}][\p{L} .'’-]{1,40}):\s+(.*)$/u.exec(line);
    if (!m || (m[2]!.match(/;/g)?.length ?? 0) < 2) continue;
    const items = m[2]!.split(/[;,]/);
    if (items.length < 6) continue;
    let at = para.start + line.indexOf(m[2]!);
    for (const item of items) {
      const t = item.trim().replace(/\.$/, '');
      const off = at + item.indexOf(t);
      at += item.length + 1;
      if (!t || !/^[\p{Lu}][\p{L}'’ -]*$/u.test(t) || t.split(/\s+/).length > 3) continue;
      const r = tokensIn(off, off + t.length);
      if (r) cands.push({ s: r[0], e: r[1], type: 'person', rule: 'en.person.team-sheet', prio: 2, kind: 'name' });
    }
  }
  // (k) The speaker of a speech verb: "...," Lavrov said / said Lavrov / Kovač said / according to X.
  const speechVerbs = rules.speechVerbs;
  for (const sent of doc.sentences) {
    const limit = sent.tokenEnd;
    for (let j = sent.tokenStart; j < limit; j++) {
      if (!speechVerbs.has(norms[j]!) || cap(j)) continue;
      // Before the verb.
      let e = j;
      while (e > sent.tokenStart && rules.subjectAdverbs.has(norms[e - 1]!)) e--;
      // "Joost Verhagen of ING said": the name before "of"/"at" and an organisation.
      {
        let q = e;
        while (q > sent.tokenStart && cap(q - 1) && joined(q - 1 + 1) && e - q < 4) q--;
        if (q < e && q > sent.tokenStart + 1 && ['of', 'at', 'from'].includes(norms[q - 1]!) && spaced(q - 1) && cap(q - 2)) e = q - 1;
      }
      if (e > sent.tokenStart && spaced(e) && cap(e - 1) && !rules.notNames.has(norms[e - 1]!)) {
        let s = e - 1;
        while (s > sent.tokenStart && joined(s) && (cap(s - 1) || isParticle(s - 1)) && e - s < 3) s--;
        while (s < e && (rules.notNames.has(norms[s]!) || isTitleWord(s) || demonymAt.has(s))) s++;
        for (let k = e - 2; k > s; k--) if (isTitleWord(k) && cap(k + 1) && !isTitleWord(k + 1)) { s = k + 1; break; }
        // "Parliament announced", "Congress said": one word that heads organisations' names is a body, not a person.
        const body = e - s === 1 && rules.orgHeads.has(norms[s]!);
        // (A name a title rule already read inside the run, "of India Sunil Arora", is the person.)
        // ("Chief Election Commissioner of India Sunil Arora said": nor is a title before "of" one.)
        const read = cands.some((c) => c.type === 'person' && c.prio >= 2 && c.e === e && c.s > s) || isTitleWord(e - 1);
        if (s < e && !body && !read && !(e - s === 1 && (has(s, Pos.Plural) || demonymAt.has(s) || upper(s)))) cands.push({ s, e, type: 'person', rule: 'en.person.speech-subject', prio: 0, kind: 'name' });
      }
      // After the verb, when the quote came first: "...," said X.
      if (j + 1 < limit && spaced(j + 1) && cap(j + 1) && !rules.notNames.has(norms[j + 1]!) && j > sent.tokenStart && /[,’”"'?!]\s*$/.test(gapText[j] ?? '')) {
        let s = j + 1;
        while (s < limit && (isTitleWord(s) || demonymAt.has(s))) s++;
        const e2 = nameRun(s, limit, 4);
        if (e2 > s) cands.push({ s, e: e2, type: 'person', rule: 'en.person.speech-subject', prio: 0, kind: 'name' });
      }
    }
  }

  // ---- resolve overlaps -----------------------------------------------------------
  const genderOf = (s: number, e: number): Gender | undefined => {
    const g = genderAt.get(s);
    if (g) return g;
    // The given name says the gender: the first word, past initials (KM Nurul Huda). A later word
    // that is also a given name elsewhere (Huda, Marie) says nothing of this person.
    let k = s;
    while (k < e - 1 && upper(k) && toks[k]!.end - toks[k]!.start <= 3) k++;
    if (has(k, Pos.FemaleName) && !has(k, Pos.MaleName)) return 'f';
    if (has(k, Pos.MaleName) && !has(k, Pos.FemaleName)) return 'm';
    return undefined;
  };
  // "Chief Justice of Pakistan Justice Umer Ata Bandial … The CJP said": an acronym that spells the
  // initials of a capitalised title phrase written right before a person's name (small words such
  // as "of" left out) is that title, bound to that person.
  // (Each distinct acronym is looked for once, against the person candidates only.)
  const acronymsSeen = new Set<string>();
  const personCands = cands.filter((c) => c.type === 'person');
  for (let j = 0; j < n; j++) {
    const w = norms[j]!;
    if (!upper(j) || titleAcronyms.has(w) || acronymsSeen.has(w) || w.length < 2 || w.length > 5) continue;
    acronymsSeen.add(w);
    const letters = text(j);
    for (const c of personCands) {
      // The phrase ends right before the name, or before one title word in front of it (… of Pakistan Justice Umer …).
      for (const end of [c.s, c.s - 1]) {
        if (end <= 0 || (end === c.s - 1 && !isTitleWord(end))) continue;
        let k = end;
        let i = letters.length;
        while (k > 0 && i > 0 && toks[k - 1]!.sentence === toks[c.s]!.sentence) {
          const t = text(k - 1);
          if (rules.connectors.has(norms[k - 1]!)) {
            k--;
            continue;
          }
          if (t[0] !== letters[i - 1]) break;
          k--;
          i--;
        }
        if (i === 0 && end - k >= 2 && k < j && (k === sentStart(k) || !cap(k - 1) || !spaced(k))) {
          titleAcronyms.add(w);
          pendingBinds.push({ key: [w], s: c.s, e: c.e });
        }
      }
    }
  }
  // A title's bracketed acronym (the CEC) is the title wherever it stands, also above its definition.
  if (titleAcronyms.size) for (let i = cands.length - 1; i >= 0; i--) if (cands[i]!.type === 'organisation' && cands[i]!.e - cands[i]!.s === 1 && titleAcronyms.has(norms[cands[i]!.s]!)) cands.splice(i, 1);
  cands.sort((a, b) => b.e - b.s - (a.e - a.s) || b.prio - a.prio || a.s - b.s);
  // A line in title case (Sacramento Sheriff Takes on City Council Over Police Force) capitalises
  // every word, so its capitals say nothing of names: only gazetteer names are taken from it.
  const titleCasePara = new Map<number, boolean>();
  const inTitleCase = (k: number): boolean => {
    const p = doc.sentences[toks[k]!.sentence]!.paragraph;
    let v = titleCasePara.get(p);
    if (v === undefined) {
      const para = doc.paragraphs[p]!;
      const text = src.slice(para.start, para.end);
      const content = (text.match(/\p{L}[\p{L}'’-]*/gu) ?? []).filter((w) => w.length >= 4);
      const capitalised = content.filter((w) => /^\p{Lu}/u.test(w)).length;
      v = text.length < 200 && !/[.!?]["”’']?\s*$/.test(text) && content.length >= 4 && capitalised >= content.length * 0.8;
      titleCasePara.set(p, v);
    }
    return v;
  };
  const taken = new Int32Array(n).fill(-1);
  const chosen: Cand[] = [];
  for (const c of cands) {
    if (!c.id && inTitleCase(c.s)) continue;
    let free = true;
    for (let k = c.s; k < c.e; k++) if (taken[k] !== -1) free = false;
    if (!free) continue;
    // A government or administration is not an entity (the Syrian government); the name in it may be.
    if (c.e < n && rules.governmentWords.has(norms[c.e]!) && spaced(c.e) && c.type !== 'person' && c.prio < 3) continue;
    for (let k = c.s; k < c.e; k++) taken[k] = chosen.length;
    chosen.push(c);
  }
  chosen.sort((a, b) => a.s - b.s);

  // ---- entities ------------------------------------------------------------------
  const mentions: EntityMention[] = [];
  const covered = new Uint8Array(n);
  const byKey = new Map<string, string>();
  const usedIds = new Set<string>();
  const keyOf = (s: number, e: number) => folded.slice(s, e).join(' ');
  const entity = (id: string): DocEntity => gazetteerEntity(doc, gz, id)!;
  const spanOf = (s: number, e: number, plus = false) => ({ start: toks[s]!.start, end: toks[e - 1]!.end + (plus ? 1 : 0) });
  const emit = (s: number, e: number, entityId: string, kind: EntityMention['kind'], rule: string, plus = false) => {
    for (let k = s; k < e; k++) if (covered[k]) return;
    const sp = spanOf(s, e, plus);
    mentions.push({ ...sp, entityId, kind, rule, tokenStart: s, tokenEnd: e });
    covered.fill(1, s, e);
  };
  const newEntity = (type: EntityType, s: number, e: number, plus = false): DocEntity => {
    const key = `${type}\u0000${keyOf(s, e)}`;
    const have = byKey.get(key);
    if (have) return doc.entities.get(have)!;
    // The name of a gazetteer entity written in another way (compromise found "Sergey Lavrov").
    const gzId = pathId(gz.root, folded.slice(s, e)) ?? pathId(gz.root, norms.slice(s, e));
    if (gzId && gz.entries.get(gzId)?.type === type) {
      byKey.set(key, gzId);
      return entity(gzId);
    }
    const sp = spanOf(s, e, plus);
    const name = src.slice(sp.start, sp.end);
    const base = `${type}.${slugify(fold(name))}`;
    let id = base;
    for (let k = 2; gz.entries.has(id) || usedIds.has(id); k++) id = `${base}-${k}`;
    usedIds.add(id);
    byKey.set(key, id);
    const ent: DocEntity = { id, type, name, names: { en: [name] }, source: 'rule', roles: [] };
    doc.entities.set(id, ent);
    return ent;
  };

  /** Yemen’s health ministry: an organisation whose id and name carry its place; the mention is "health ministry". */
  const stateBody = (owner: string, s: number, e: number): DocEntity => {
    const phrase = src.slice(toks[s]!.start, toks[e - 1]!.end);
    const name = `${owner}'s ${phrase}`;
    const key = `organisation\u0000${fold(name.toLowerCase())}`;
    const have = byKey.get(key);
    if (have) return doc.entities.get(have)!;
    const base = `organisation.${slugify(fold(`${owner} ${phrase}`))}`;
    let id = base;
    for (let k = 2; gz.entries.has(id) || usedIds.has(id); k++) id = `${base}-${k}`;
    usedIds.add(id);
    byKey.set(key, id);
    const ent: DocEntity = { id, type: 'organisation', name, names: { en: [name, phrase] }, source: 'rule', roles: [] };
    doc.entities.set(id, ent);
    return ent;
  };

  // Multi-token names first, so that a surname alone can refer back to them.
  const persons: Array<{ id: string; tokens: string[] }> = [];
  const orgs: Array<{ id: string; tokens: string[]; s: number; e: number }> = [];
  const singles: Cand[] = [];
  for (const c of chosen) {
    if (c.id && !c.id.startsWith('state-body:')) {
      const ent = entity(c.id);
      emit(c.s, c.e, ent.id, 'name', c.rule, c.plus);
      if (ent.type === 'person') noteGender(ent.id, c.s, c.e);
      continue;
    }
    if (c.type === 'person' && c.e - c.s === 1) {
      singles.push(c);
      continue;
    }
    const ent = c.owner ? stateBody(c.owner, c.s, c.e) : newEntity(c.type, c.s, c.e, c.plus);
    emit(c.s, c.e, ent.id, 'name', c.rule, c.plus);
    if (ent.type === 'person') noteGender(ent.id, c.s, c.e);
  }
  for (const m of mentions) {
    const ent = doc.entities.get(m.entityId)!;
    const tokens = norms.slice(m.tokenStart, m.tokenEnd);
    if (ent.type === 'person') persons.push({ id: ent.id, tokens });
    if (ent.type === 'organisation') orgs.push({ id: ent.id, tokens, s: m.tokenStart, e: m.tokenEnd });
  }
  // Gazetteer persons also answer to their listed English names.
  const surnameOwner = (w: string): string | null => {
    const owners = new Set<string>();
    for (const p of persons) {
      const last = p.tokens[p.tokens.length - 1];
      if (p.tokens.length >= 2 && (last === w || fold(last ?? '') === w)) owners.add(p.id);
    }
    return owners.size === 1 ? [...owners][0]! : null;
  };
  for (const c of singles) {
    const owner = surnameOwner(folded[c.s]!);
    if (owner) {
      emit(c.s, c.e, owner, 'alias', 'en.alias-surname');
      continue;
    }
    const ent = newEntity('person', c.s, c.e);
    emit(c.s, c.e, ent.id, 'name', c.rule);
    noteGender(ent.id, c.s, c.e);
  }

  // ---- aliases: surnames, short names of organisations, acronyms in brackets --------------
  const aliases = new Map<string, { id: string; rule: string }>();
  for (const p of persons) {
    if (p.tokens.length < 2) continue;
    const last = fold(p.tokens[p.tokens.length - 1]!);
    const prev = aliases.get(last);
    if (prev && prev.id !== p.id) aliases.set(last, { id: '', rule: '' });
    else aliases.set(last, { id: p.id, rule: 'en.alias-surname' });
  }
  for (const o of orgs) {
    const ent = doc.entities.get(o.id)!;
    if (ent.source !== 'rule' || o.tokens.length < 2) continue;
    if (rules.orgHeads.has(o.tokens[o.tokens.length - 1]!) && o.tokens.length === 2) {
      const short = fold(o.tokens[0]!);
      if (!aliases.has(short)) aliases.set(short, { id: o.id, rule: 'en.alias-organisation' });
    }
  }
  // Acronyms in brackets after a name: Syrian Democratic Forces (SDF).
  for (const m of [...mentions]) {
    const e = m.tokenEnd;
    if (e < n && upper(e) && /^\s*\($/.test(src.slice(toks[e - 1]!.end, toks[e]!.start)) && src[toks[e]!.end] === ')') {
      const ent = doc.entities.get(m.entityId)!;
      if (ent.type !== 'organisation') continue;
      const mi = mentions.findIndex((x) => x.tokenStart === e);
      if (mi >= 0) {
        // The acronym was taken for an entity of its own: it is this one.
        const other = mentions[mi]!;
        if (other.entityId !== ent.id && doc.entities.get(other.entityId)?.source === 'rule') {
          const oldId = other.entityId;
          for (const x of mentions) {
            if (x.entityId !== oldId) continue;
            x.entityId = ent.id;
            x.kind = 'alias';
          }
          doc.entities.delete(oldId);
        }
      } else emit(e, e + 1, ent.id, 'alias', 'en.alias-acronym');
      aliases.set(folded[e]!, { id: ent.id, rule: 'en.alias-acronym' });
    }
  }
  // "Prince Abdulaziz" for Abdulaziz bin Salman: a first name after an honorific.
  for (let j = 1; j < n; j++) {
    if (!cap(j) || !rules.firstNameTitles.has(norms[j - 1]!) || !spaced(j)) continue;
    if (j + 1 < n && joined(j + 1) && cap(j + 1)) continue;
    const owners = new Set(persons.filter((p) => p.tokens.length >= 2 && fold(p.tokens[0]!) === folded[j]).map((p) => p.id));
    if (owners.size !== 1) continue;
    const id = [...owners][0]!;
    const at = mentions.findIndex((x) => x.tokenStart === j && x.tokenEnd === j + 1);
    if (at >= 0) {
      const old = mentions[at]!;
      if (old.entityId !== id && doc.entities.get(old.entityId)?.source === 'rule') {
        const oldId = old.entityId;
        for (const x of mentions) {
          if (x.entityId !== oldId) continue;
          x.entityId = id;
          x.kind = 'alias';
        }
        doc.entities.delete(oldId);
      }
    } else emit(j, j + 1, id, 'alias', 'en.alias-first-name');
  }
  for (let j = 0; j < n; j++) {
    if (covered[j] || !cap(j)) continue;
    const a = aliases.get(folded[j]!);
    if (!a || !a.id) continue;
    if (joined(j + 1) && j + 1 < n && cap(j + 1) && toks[j + 1]!.sentence === toks[j]!.sentence) continue;
    emit(j, j + 1, a.id, 'alias', a.rule);
  }

  // ---- one entity per referent: a shorter rule name that is part of a longer one -------------------
  mergeShortNames();

  // ---- titles bound to persons, and "the minister" -----------------------------------------
  const mentionStarting = new Map<number, EntityMention>();
  for (const m of mentions) mentionStarting.set(m.tokenStart, m);
  for (const b of pendingBinds) {
    const m = mentionStarting.get(b.s);
    if (!m || doc.entities.get(m.entityId)?.type !== 'person') continue;
    const key = b.key.filter((w) => !['a', 'an', 'the'].includes(w));
    if (!key.length) continue;
    const ent = doc.entities.get(m.entityId)!;
    const role = key.join(' ');
    if (key.length > 1 || !rules.honorifics.has(key[0]!) || rules.titles.has(key[0]!)) {
      if (!ent.roles.includes(role) && key.some((w) => rules.titles.has(w)) && !['dr', 'mr', 'mrs', 'ms', 'sir'].includes(role)) ent.roles.push(role);
    }
    bindTitle(key, m.entityId, b.s);
  }
  function bindTitle(key: string[], id: string, at: number) {
    // The head is the last title word; "the <head>", "the <modifiers> <head>" refer back.
    const words = new Set(key);
    const add = (k: string) => {
      const list = bindings.get(k) ?? [];
      list.push({ id, at, words });
      bindings.set(k, list);
    };
    add(key.join(' '));
    const head = [...key].reverse().find((w) => rules.titles.has(w));
    if (head && head !== key.join(' ')) add(head);
  }
  // Gazetteer persons named with a title before them bind it too (Russian Foreign Minister Sergey Lavrov).
  for (const m of mentions) {
    const ent = doc.entities.get(m.entityId)!;
    if (ent.type !== 'person' || m.kind !== 'name' || ent.source !== 'gazetteer') continue;
    const s = m.tokenStart;
    if (s > 0 && spaced(s) && isTitleWord(s - 1)) {
      const ts = titleBefore(s);
      bindTitle(norms.slice(ts, s), ent.id, s);
    }
  }
  // The article's year, for gazetteer roles.
  let year: number | null = null;
  for (let k = 0; k < n; k++) {
    if (/^(19|20)\d\d$/.test(norms[k]!)) {
      year = Number(norms[k]);
      break;
    }
  }
  // "the minister", "the Health Secretary", "The Secretary-General", "the US secretary of state".
  for (const sent of doc.sentences) {
    for (let j = sent.tokenStart; j < sent.tokenEnd; j++) {
      if (norms[j] !== 'the' && !(norms[j] === 's' && gap[j] === 2)) continue;
      let k = j + 1;
      let last = -1;
      while (k < sent.tokenEnd && joined(k) && (rules.titles.has(norms[k]!) || titleAcronyms.has(norms[k]!) || rules.titleModifiers.has(norms[k]!) || demonymAt.has(k) || (upper(k) && k === j + 1))) {
        if (rules.titles.has(norms[k]!) || titleAcronyms.has(norms[k]!)) last = k;
        k++;
      }
      if (last < 0) continue;
      const e = last + 1;
      // A name right after the title is named, not referred to.
      if (e < sent.tokenEnd && spaced(e) && cap(e) && !isTitleWord(e)) continue;
      if (e < sent.tokenEnd && gap[e] === 3 && cap(e) && mentionStarting.has(e)) continue;
      let s = j + 1;
      let any = false;
      for (let q = s; q < e; q++) if (covered[q]) any = true;
      if (any) continue;
      const key = norms.slice(s, e);
      const head = norms[last]!;
      // Words dropped on the way to a shorter bound title must not name another post.
      const headBinding = boundBefore(head, s);
      const keeps = (w: string) => w === head || rules.titleQualifiers.has(w) || !!headBinding?.words.has(w);
      let id = boundBefore(key.join(' '), s)?.id;
      if (!id) {
        const shorter = key.filter((w) => rules.titles.has(w) || !rules.titleModifiers.has(w));
        if (shorter.length < key.length && key.every((w) => shorter.includes(w) || keeps(w))) id = boundBefore(shorter.join(' '), s)?.id;
      }
      if (!id) {
        const refs = gz.roles.get(titleKey(key, '')) ?? [];
        const fits = year !== null ? refs.filter((r) => (r.from === undefined || r.from <= year!) && (r.to === undefined || r.to >= year!)) : refs.filter((r) => r.to === undefined);
        const ids = new Set(fits.map((r) => r.entityId));
        if (ids.size === 1) id = [...ids][0]!;
      }
      // "the minister" refers to whoever holds a minister title; "the Home Minister" not to the
      // Prime Minister: a word before the head must be in the title the head was bound with.
      if (!id && key.length <= 2 && key.every(keeps)) id = headBinding?.id;
      if (!id) continue;
      if (!doc.entities.has(id)) entity(id);
      emit(s, e, id, 'title', 'en.title-coreference');
      j = e - 1;
    }
  }

  // The kind of each organisation, where the article says it: a type noun before it or a head word in its name.
  for (const m of mentions) {
    const ent = doc.entities.get(m.entityId);
    if (!ent || ent.type !== 'organisation' || facts.orgKind.has(ent.id)) continue;
    const before = m.tokenStart > 0 ? norms[m.tokenStart - 1]! : '';
    const last = norms[m.tokenEnd - 1]!;
    if (rules.orgTypeNouns.has(before) && spaced(m.tokenStart)) facts.orgKind.set(ent.id, before);
    else if (rules.orgHeads.has(last) && rules.kindHeads.has(last) && m.tokenEnd - m.tokenStart >= 2) facts.orgKind.set(ent.id, last);
  }
  mentions.sort((a, b) => a.start - b.start);
  doc.mentions = mentions;
  const mentioned = new Set(mentions.map((m) => m.entityId));
  for (const id of [...doc.entities.keys()]) if (!mentioned.has(id)) doc.entities.delete(id);
  for (const [id, g] of genderById) if (doc.entities.has(id)) facts.gender.set(id, g);
  return facts;

  /** O’Rourke for Liam O’Rourke, Corvane for Corvane Robotics, Brackenridge (any type) for Brackenridge Town. */
  function mergeShortNames() {
    /** The initials of a name's words, connectors left out; also without a last head word (Inc, Corp). */
    const initialsOf = (ws: string[]): string[] => {
      const words = ws.filter((w) => !rules.connectors.has(w) && w !== 'the');
      if (words.length < 2) return [];
      const all = words.map((w) => w[0]).join('');
      return rules.orgHeads.has(words[words.length - 1]!) && words.length >= 3 ? [all, all.slice(0, -1)] : [all];
    };
    /** Persons named by one word after an honorific somewhere (Mr Chan). */
    const afterHonorific = new Set<string>();
    for (const m of mentions) if (m.kind === 'name' && m.tokenEnd - m.tokenStart === 1 && m.tokenStart > 0 && rules.honorifics.has(norms[m.tokenStart - 1]!)) afterHonorific.add(m.entityId);
    /** Entities named by one word in capitals somewhere (UPS, NCDC). */
    const acronyms = new Set<string>();
    for (const m of mentions) if (m.kind === 'name' && m.tokenEnd - m.tokenStart === 1 && upper(m.tokenStart) && norms[m.tokenStart]!.length >= 2) acronyms.add(m.entityId);
    const names = new Map<string, string[]>();
    for (const m of mentions) {
      if (m.kind !== 'name') continue;
      const key = folded.slice(m.tokenStart, m.tokenEnd).join(' ');
      const list = names.get(m.entityId) ?? [];
      if (!list.includes(key)) list.push(key);
      names.set(m.entityId, list);
    }
    const into = (id: string, target: string) => {
      for (const x of mentions) {
        if (x.entityId !== id) continue;
        x.entityId = target;
        x.kind = 'alias';
      }
      doc.entities.delete(id);
      names.delete(id);
    };
    for (const [id, keys] of [...names]) {
      const ent = doc.entities.get(id);
      if (!ent || ent.source !== 'rule') continue;
      const targets = new Set<string>();
      for (const [other, okeys] of names) {
        if (other === id) continue;
        const o = doc.entities.get(other);
        if (!o) continue;
        for (const k of keys) {
          for (const ok of okeys) {
            if (ok === k || ok.length <= k.length) continue;
            if (o.type === 'person' && ent.type === 'person' && ok.endsWith(` ${k}`)) targets.add(other);
            // Ahmad Zahid for Ahmad Zahid Hamidi: a name of two words or more that opens a longer one.
            if (o.type === 'person' && ent.type === 'person' && k.includes(' ') && ok.startsWith(`${k} `)) targets.add(other);
            // Mr Chan for Chan Chun Sing: with an honorific, one word that opens a name of three words
            // (a family name written first).
            if (o.type === 'person' && ent.type === 'person' && !k.includes(' ') && afterHonorific.has(id) && ok.split(' ').length >= 3 && ok.startsWith(`${k} `)) targets.add(other);
            const oks = ok.split(' ');
            // Nisar for Chaudhry Nisar Ali Khan: one word of a person's name of three words or more
            // (names of several given names and titles, of which papers use the one the person goes by).
            if (o.type === 'person' && ent.type === 'person' && !k.includes(' ') && oks.length >= 3 && oks.includes(k)) targets.add(other);
            if (o.type === 'organisation' && o.source === 'rule' && rules.orgHeads.has(oks[oks.length - 1]!) && oks.slice(0, -1).join(' ') === k) targets.add(other);
            // UPS for United Parcel Service (Inc): an acronym written in capitals that spells the name's initials.
            if (o.type === 'organisation' && ent.type === 'organisation' && acronyms.has(id) && initialsOf(oks).includes(k)) targets.add(other);
          }
        }
      }
      if (targets.size === 1) into(id, [...targets][0]!);
    }
  }

  function noteGender(id: string, s: number, e: number) {
    if (genderById.has(id)) return;
    const byTitle = genderAt.get(s) ?? (s > 0 && spaced(s) ? (rules.maleTitles.has(norms[s - 1]!) ? 'm' : rules.femaleTitles.has(norms[s - 1]!) ? 'f' : undefined) : undefined);
    const g = byTitle ?? genderOf(s, e);
    if (g) genderById.set(id, g);
    if (g && !byTitle) facts.nameGender.add(id);
  }
}

/** The entity id at the end of an exact trie path, if it names exactly one entity. */
function pathId(root: Map<string, TrieNode>, path: readonly string[]): string | null {
  let map: Map<string, TrieNode> | undefined = root;
  let node: TrieNode | undefined;
  for (const t of path) {
    node = map?.get(t);
    if (!node) return null;
    map = node.next;
  }
  const ids = new Set((node?.hits ?? []).filter((h) => h.kind === 'name' && h.lang === 'en').map((h) => h.entityId));
  return ids.size === 1 ? [...ids][0]! : null;
}
