// Takes the article text out of an HTML page: the <article> element when the
// page has one, else <main>, else <body>; block elements become line breaks,
// and scripts, styles, navigation, headers, footers, asides and forms are left
// out. The result is the article's source text: every span points into it.
import { Parser } from 'htmlparser2';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'svg', 'iframe', 'button', 'select', 'figure']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'br', 'tr', 'table',
  'blockquote', 'pre', 'hr', 'dd', 'dt', 'figcaption', 'title', 'body',
]);

export interface HtmlText {
  text: string;
  title: string;
  /** Set when the markup nests deeper than MAX_HTML_DEPTH: where, in the markup, the cap was first reached. */
  depthCapAt?: number;
}

/**
 * Deepest element nesting followed as structure. Note: htmlparser2 keeps its open elements in
 * an array it shifts and unshifts, so every tag costs the current depth: 200,000 nested <div>
 * took minutes. Past this depth the parser is restarted on the rest of the markup, so deeper
 * elements are flattened into the text around them (their text is kept), and a warning says so.
 */
export const MAX_HTML_DEPTH = 1000;

export function takeHtmlText(html: string): HtmlText {
  // Collect text per container so the best container can be chosen afterwards.
  const containers: Record<'article' | 'main' | 'body', string[]> = { article: [], main: [], body: [] };
  const open = { article: 0, main: 0, body: 0 };
  let skipDepth = 0;
  let inTitle = false;
  let title = '';
  let h1 = '';
  let inH1 = false;
  let h1Done = false;
  // The skip decision of each open skippable element, so that its close tag undoes exactly it.
  const skipped: string[] = [];
  const push = (s: string) => {
    if (open.article) containers.article.push(s);
    if (open.main) containers.main.push(s);
    containers.body.push(s);
  };
  // Elements open in the current parser (its stack depth).
  let depth = 0;
  let restartAt = -1;
  let depthCapAt: number | undefined;
  let parser: Parser;
  const handlers = {
      onopentag(name: string) {
        if (++depth > MAX_HTML_DEPTH && restartAt === -1) {
          restartAt = parser.endIndex + 1;
          parser.pause();
        }
        // A <header>/<footer> inside the article holds its headline or byline: only the page's own are skipped.
        const insideArticle = open.article > 0 || open.main > 0;
        if (SKIP.has(name) && !(insideArticle && (name === 'header' || name === 'footer'))) {
          skipDepth++;
          skipped.push(name);
        } else if (SKIP.has(name)) skipped.push('');
        if (name === 'title') inTitle = true;
        if (name === 'h1') inH1 = true;
        if (name === 'article' || name === 'main') open[name]++;
        if (BLOCK.has(name)) push('\n');
      },
      ontext(data: string) {
        if (inTitle) title += data;
        if (inH1 && !h1Done) h1 += data;
        if (skipDepth) return;
        if (!inTitle) push(data);
      },
      onclosetag(name: string) {
        depth = Math.max(0, depth - 1);
        if (SKIP.has(name) && skipped.pop()) skipDepth = Math.max(0, skipDepth - 1);
        if (name === 'title') inTitle = false;
        if (name === 'h1') {
          inH1 = false;
          h1Done = h1.trim() !== '';
        }
        if (BLOCK.has(name)) push('\n');
        if (name === 'article' || name === 'main') open[name] = Math.max(0, open[name] - 1);
      },
  };
  let from = 0;
  for (;;) {
    parser = new Parser(handlers, { decodeEntities: true, lowerCaseTags: true });
    depth = 0;
    restartAt = -1;
    parser.write(from === 0 ? html : html.slice(from));
    if (restartAt === -1) {
      parser.end();
      break;
    }
    // The abandoned parser's open elements are never closed: deeper markup is flattened, its text kept.
    depthCapAt ??= from + restartAt;
    from += restartAt;
  }
  const pick = containers.article.join('').trim() ? containers.article : containers.main.join('').trim() ? containers.main : containers.body;
  const text = tidy(pick.join(''));
  return { text, title: tidy(h1 || title).replace(/\n+/g, ' '), ...(depthCapAt !== undefined ? { depthCapAt } : {}) };
}

/** Collapses runs of spaces inside lines and keeps one blank line between blocks. */
function tidy(s: string): string {
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
}
