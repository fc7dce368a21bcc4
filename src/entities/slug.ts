// Deterministic ASCII slugs for entity ids of names found by rules:
// سيرغي لافروف → sirghi-lafruf. Works on the normalised form, so spelling
// variants that normalise alike share an id across articles.
import { normaliseString } from '../text/normalise.ts';
import { splitTokens } from './gazetteer.ts';

const LETTERS: Record<string, string> = {
  ا: 'a', ء: '', ئ: 'e', ؤ: 'o', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z',
  س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n',
  ه: 'h', و: 'w', ي: 'y', پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ڤ: 'v',
};

function word(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    if (/[a-z0-9]/.test(ch)) {
      out += ch;
      continue;
    }
    // و and ي inside a word are mostly long vowels; a final ه is mostly ta marbuta.
    if (ch === 'و' && i > 0) out += 'u';
    else if (ch === 'ي' && i > 0) out += 'i';
    else if (ch === 'ه' && i === token.length - 1 && i > 1) out += 'a';
    else out += LETTERS[ch] ?? '';
  }
  return out.replace(/(.)\1{2,}/g, '$1$1');
}

// Slugs by name, kept for the run (bounded: emptied when full): the walk asks again for the
// names it found in earlier articles, and the letter-by-letter walk with a regular expression
// per character was 1% of the Arabic profile.
const SLUG_LIMIT = 20_000;
const slugs = new Map<string, string>();

/** ASCII slug of a name: lower case, words joined by hyphens, never empty. */
export function slugify(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    if (slugs.size >= SLUG_LIMIT) slugs.clear();
    slugs.set(name, (slug = makeSlug(name)));
  }
  return slug;
}

function makeSlug(name: string): string {
  const parts = splitTokens(normaliseString(name)).map(word).filter(Boolean);
  const slug = parts.join('-').replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return slug || 'unnamed';
}
