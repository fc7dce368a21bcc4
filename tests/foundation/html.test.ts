// take-html-text: the article text of a page, without navigation, scripts and page furniture.
import { describe, expect, it } from 'vitest';
import { takeHtmlText } from '../../src/stages/take-html-text.ts';

const page = (body: string, head = '<title>Site | Page title</title>') => `<!doctype html><html><head>${head}<script>var A = "HEADSCRIPT";</script></head><body>${body}</body></html>`;

describe('takeHtmlText', () => {
  it.each<[string, string, string, string]>([
    [
      'the <article> element is preferred over the rest of the body',
      page('<nav>NAV Home</nav><div>BODYONLY sidebar</div><article><p>Lavrov said talks continue.</p></article><footer>FOOT</footer>'),
      'Lavrov said talks continue.',
      'Site | Page title',
    ],
    [
      'without <article>, <main> is taken',
      page('<nav>NAV</nav><main><p>قال الوزير إن الحوار مستمر.</p></main><aside>ASIDE</aside>'),
      'قال الوزير إن الحوار مستمر.',
      'Site | Page title',
    ],
    [
      'without either, the body minus navigation, header, footer, aside, forms and scripts',
      page('<header>HEAD banner</header><nav>NAV</nav><div><p>One.</p><p>Two.</p></div><form>FORM<button>BTN</button></form><aside>ASIDE</aside><script>SCRIPT</script><style>p{}</style><footer>FOOT</footer>'),
      'One.\n\nTwo.',
      'Site | Page title',
    ],
    [
      'the h1 is the title; entities are decoded; runs of spaces collapse',
      page('<article><h1>Lavrov:  talks &amp; hopes</h1><p>He said&nbsp;&ldquo;yes&rdquo;   today.</p></article>'),
      'Lavrov: talks & hopes\n\nHe said “yes” today.',
      'Lavrov: talks & hopes',
    ],
    [
      'block elements become paragraph breaks, inline elements do not',
      page('<article><p>A <b>bold</b> and <a href="#">linked</a> word.</p><ul><li>first</li><li>second</li></ul></article>'),
      'A bold and linked word.\n\nfirst\n\nsecond',
      'Site | Page title',
    ],
  ])('%s', (_name, html, text, title) => {
    const out = takeHtmlText(html);
    expect(out.text).toBe(text);
    expect(out.title).toBe(title);
    expect(out.text).not.toMatch(/HEADSCRIPT|NAV|FOOT|ASIDE|FORM|BTN|SCRIPT|BODYONLY/);
  });

  // HTML5 articles put their headline (often a "Speaker: statement" quote) in a <header> inside <article>.
  it('keeps the headline inside <article><header>', () => {
    const out = takeHtmlText(page('<header><nav>NAV</nav></header><article><header><h1>Lavrov: talks still possible</h1></header><p>Lavrov said talks were possible.</p></article>', ''));
    expect(out.text).toBe('Lavrov: talks still possible\n\nLavrov said talks were possible.');
    expect(out.title).toBe('Lavrov: talks still possible');
  });
});
