// Arabic or English by the share of each script's letters in the text.
import type { Lang } from '../schema/output.ts';

/** How many characters are read between two checks of whether the rest could still change the answer. */
const CHECK_EVERY = 1024;

export function detectLanguage(text: string, sample = 50_000): Lang {
  let arabic = 0;
  let latin = 0;
  const n = Math.min(text.length, sample);
  for (let i = 0; i < n; ) {
    const stop = Math.min(n, i + CHECK_EVERY);
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0xfb50 && c <= 0xfefc)) arabic++;
      else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    }
    // Settled: even if every character left were of the other script, the answer would not change
    // (an Arabic article is usually settled a little past its middle).
    const left = n - i;
    if (arabic > 0 && arabic >= latin + left) return 'ar';
    if (latin > arabic + left) return 'en';
  }
  return arabic >= latin && arabic > 0 ? 'ar' : 'en';
}
