// The review server's API: every route and its errors, storage and persistence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { ArticleOutputSchema } from '../../src/schema/output.ts';
import { ReviewFileSchema } from '../../src/review/schema.ts';
import { reviewFileName } from '../../src/review/store.ts';
import type { ReviewServer } from '../../src/review/command.ts';
import {
  AR_FILE,
  AR_ID,
  EN_FILE,
  EN_ID,
  api,
  copyFixtures,
  fixtureOutput,
  rawRequest,
  reviewPath,
  start,
  type Workspace,
} from './helpers.ts';

let ws: Workspace;
let server: ReviewServer;

beforeEach(async () => {
  ws = copyFixtures();
  server = await start(ws.dir);
});

afterEach(async () => {
  await server.close();
  ws.cleanup();
});

const ar = fixtureOutput(AR_FILE);
const en = fixtureOutput(EN_FILE);

function reviewFile(id: string) {
  return ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${id}.review.json`), 'utf8')));
}

describe('static page', () => {
  it('serves the page and its assets', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    for (const [path, type] of [
      ['/app.js', /javascript/],
      ['/article.js', /javascript/],
      ['/style.css', /text\/css/],
      ['/fonts/noto-naskh-arabic-arabic-wght-normal.woff2', /font\/woff2/],
    ] as const) {
      const res = await fetch(new URL(path, server.url));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('serves nothing outside public/', async () => {
    for (const path of ['/../server.ts', '/%2e%2e/server.ts', '/..%2Fserver.ts', '/fonts/..%2F..%2Fserver.ts', '/etc/passwd']) {
      const res = await rawRequest(server, { method: 'GET', path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('startReviewServer');
    }
  });
});

describe('GET /api/articles', () => {
  it('lists the articles found in DIR, nested folders included, manifest.json skipped', async () => {
    const res = await api(server, 'GET', '/api/articles');
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.articles).toEqual([
      {
        id: AR_ID,
        file: AR_FILE,
        path: '000_3d9604a9e474a807.txt',
        lang: 'ar',
        title: ar.article.title,
        chars: ar.source.length,
        quotes: 17,
        reviewed: 0,
        counts: { pending: 17, approved: 0, rejected: 0, corrected: 0 },
        orphaned: 0,
        added: 0,
        warnings: 0,
      },
      expect.objectContaining({ id: EN_ID, file: EN_FILE, lang: 'en', quotes: 5, reviewed: 0 }),
    ]);
  });

  it('reports files that are not valid outputs instead of failing, and sees new files', async () => {
    writeFileSync(join(ws.dir, 'broken.json'), '{ not json');
    writeFileSync(join(ws.dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    mkdirSync(join(ws.dir, 'more'));
    writeFileSync(join(ws.dir, 'more', 'copy.json'), JSON.stringify({ ...en, article: { ...en.article, id: 'en-copy' } }));
    const res = await api(server, 'GET', '/api/articles');
    expect(res.status).toBe(200);
    expect(res.body.articles.map((a: { id: string }) => a.id)).toEqual([AR_ID, EN_ID, 'en-copy']);
    expect(res.body.problems.map((p: { file: string }) => p.file)).toEqual(['broken.json', 'other.json']);
    expect(res.body.problems[1].message).toMatch(/schemaVersion/);
  });

  it('titles an article by its headline, not by a section label or dateline on its first line', async () => {
    const cases: Array<[string, string, string]> = [
      // [title given by extract, source, title shown]
      ['اقتصاد | طاقة', 'اقتصاد | طاقة\n\nموسكو-سانا\n\nروسيا ترفع إنتاج النفط في الربع الثالث من العام\n\nقال وزير الطاقة إن الإنتاج زاد.', 'روسيا ترفع إنتاج النفط في الربع الثالث من العام'],
      ['موسكو-سانا', 'موسكو-سانا\n\nلافروف يلتقي نظيره السوري في موسكو اليوم', 'لافروف يلتقي نظيره السوري في موسكو اليوم'],
      ['World | Politics', 'World | Politics\n\nNorland and Vestmark agree to reopen border talks\n\nMore text.', 'Norland and Vestmark agree to reopen border talks'],
      // A real headline is kept, even one with a colon or a dash in it.
      ['لافروف: التعاون مازال ممكناً مع واشنطن', 'لافروف: التعاون مازال ممكناً مع واشنطن\n\nنص', 'لافروف: التعاون مازال ممكناً مع واشنطن'],
      ['Talks resume - officials say progress is possible', 'Talks resume - officials say progress is possible\n\nText.', 'Talks resume - officials say progress is possible'],
    ];
    cases.forEach(([title, source], i) => {
      const base = /[\u0600-\u06FF]/.test(source) ? ar : en;
      const output = {
        ...base,
        article: { ...base.article, id: `headline-${i}`, title, chars: source.length },
        source,
        boilerplate: [],
        sentences: [],
        entities: [],
        quotes: [],
      };
      writeFileSync(join(ws.dir, `headline-${i}.json`), JSON.stringify(output));
    });
    const res = await api(server, 'GET', '/api/articles');
    const titles = cases.map((_, i) => res.body.articles.find((a: { id: string }) => a.id === `headline-${i}`)?.title);
    expect(titles).toEqual(cases.map(([, , shown]) => shown));
    expect((await api(server, 'GET', '/api/articles/headline-0')).body.article.title).toBe(cases[0]![2]);
  });

  it('skips an article whose id another file already has', async () => {
    mkdirSync(join(ws.dir, 'zz'));
    writeFileSync(join(ws.dir, 'zz', 'dup.json'), JSON.stringify(en));
    const res = await api(server, 'GET', '/api/articles');
    expect(res.body.articles).toHaveLength(2);
    expect(res.body.problems).toEqual([{ file: 'zz/dup.json', message: expect.stringMatching(/duplicate article id/) }]);
  });

  it('counts review progress per article', async () => {
    await api(server, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'approved' });
    await api(server, 'PUT', reviewPath(EN_ID, 'q2'), { status: 'rejected' });
    await api(server, 'PUT', reviewPath(EN_ID, 'q3'), { status: 'corrected', kind: 'indirect' });
    const res = await api(server, 'GET', '/api/articles');
    const entry = res.body.articles.find((a: { id: string }) => a.id === EN_ID);
    expect(entry.reviewed).toBe(3);
    expect(entry.counts).toEqual({ pending: 2, approved: 1, rejected: 1, corrected: 1 });
  });
});

describe('GET /api/articles/:id', () => {
  it('returns the output, its source text and the reviews', async () => {
    const res = await api(server, 'GET', `/api/articles/${AR_ID}`);
    expect(res.status).toBe(200);
    expect(ArticleOutputSchema.parse(res.body.output)).toEqual(ar);
    expect(res.body.source).toBe(ar.source);
    expect(res.body.reviews).toEqual([]);
    expect(res.body.orphaned).toEqual([]);
    expect(res.body.article).toEqual({ id: AR_ID, file: AR_FILE, title: ar.article.title, reviewFile: `reviews/${AR_ID}.review.json` });
  });

  it('answers 404 for an unknown article', async () => {
    const res = await api(server, 'GET', '/api/articles/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('unknown article: nope');
  });

  it('refuses path traversal and ids with slashes', async () => {
    const paths = [
      '/api/articles/..%2F..%2Fetc%2Fpasswd',
      '/api/articles/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd/quotes/q1/review',
      '/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/api/articles/../../etc/passwd',
      '/api/articles/en/en-001-border-talks',
      '/api/articles/en%2Fen-001-border-talks',
      '/api/articles/en%2Fen-001-border-talks.json',
      `/api/articles/${AR_ID}.json`,
      '/api/articles/manifest',
      '/api/articles/%2Fetc%2Fpasswd',
      `/api/articles/reviews%2F${AR_ID}.review`,
    ];
    for (const path of paths) {
      const res = await rawRequest(server, { method: 'GET', path });
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('root:');
    }
    const put = await rawRequest(server, {
      method: 'PUT',
      path: '/api/articles/..%2F..%2Fetc%2Fpasswd/quotes/q1/review',
      headers: { 'Content-Type': 'application/json' },
      chunks: [Buffer.from('{"status":"approved"}')],
    });
    expect(put.status).toBe(404);
    expect(existsSync(join(ws.dir, 'reviews'))).toBe(false);
  });

  it('answers 400 for a malformed percent-encoding', async () => {
    const res = await rawRequest(server, { method: 'GET', path: '/api/articles/%E0%A4%A' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/percent-encoding/);
  });

  it('answers 405 for a method a route does not take', async () => {
    const res = await api(server, 'POST', `/api/articles/${AR_ID}`, {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    const del = await api(server, 'DELETE', '/api/articles');
    expect(del.status).toBe(405);
  });
});

describe('PUT /api/articles/:id/quotes/:quoteId/review', () => {
  it('stores an approval at once, atomically, with the quote span and text', async () => {
    const res = await api(server, 'PUT', reviewPath(AR_ID, 'q3'), { status: 'approved', note: 'checked against the wire' });
    expect(res.status).toBe(200);
    const q3 = ar.quotes[2]!;
    expect(res.body).toEqual({
      quoteId: 'q3',
      quote: { start: q3.start, end: q3.end, text: q3.text },
      status: 'approved',
      note: 'checked against the wire',
      reviewer: 'tester',
      version: 1,
      decidedAt: expect.any(String),
    });
    const file = reviewFile(AR_ID);
    expect(file.articleId).toBe(AR_ID);
    expect(file.articlePath).toBe('000_3d9604a9e474a807.txt');
    expect(file.sourceSha256).toBe(ar.article.sha256);
    expect(file.reviews).toEqual([res.body]);
    const again = await api(server, 'GET', `/api/articles/${AR_ID}`);
    expect(again.body.reviews).toEqual([res.body]);
  });

  it('replaces the earlier decision on the same quote', async () => {
    await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'approved' });
    await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'rejected' });
    expect(reviewFile(AR_ID).reviews.map((r) => [r.quoteId, r.status])).toEqual([['q1', 'rejected']]);
  });

  it('stores corrections: an entity as speaker, a typed name, a span, a kind', async () => {
    const byEntity = await api(server, 'PUT', reviewPath(AR_ID, 'q12'), {
      status: 'corrected',
      speaker: { entityId: 'person.vladimir-putin', name: 'Vladimir Putin' },
    });
    expect(byEntity.status).toBe(200);
    expect(byEntity.body.speaker).toEqual({ entityId: 'person.vladimir-putin', name: 'Vladimir Putin' });

    const typed = await api(server, 'PUT', reviewPath(EN_ID, 'q4'), {
      status: 'corrected',
      speaker: { entityId: null, name: 'a Vestmark diplomat' },
    });
    expect(typed.status).toBe(200);
    expect(typed.body.speaker).toEqual({ entityId: null, name: 'a Vestmark diplomat' });

    const q5 = en.quotes[4]!;
    const span = await api(server, 'PUT', reviewPath(EN_ID, 'q5'), {
      status: 'corrected',
      start: q5.start,
      end: q5.end - 1,
      kind: 'direct',
    });
    expect(span.status).toBe(200);
    expect(span.body.span).toEqual({ start: q5.start, end: q5.end - 1, text: q5.text.slice(0, -1) });
    expect(span.body.span.text).toBe('Dialogue is the only road to a lasting settlement');
    expect(span.body.kind).toBe('direct');

    const none = await api(server, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'corrected', speaker: null });
    expect(none.status).toBe(200);
    expect(none.body.speaker).toBeNull();
    expect(reviewFile(EN_ID).reviews).toHaveLength(3);
  });

  it('answers 400 with a message that names the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /^status: /],
      [{ status: 'maybe' }, /^status: .*approved/],
      [{ status: 'approved', colour: 'red' }, /unknown field: colour/],
      [{ status: 'approved', speaker: { entityId: null, name: 'X' } }, /^speaker: .*corrected/],
      [{ status: 'rejected', start: 1, end: 3 }, /start: .*corrected/],
      [{ status: 'corrected' }, /^status: .*needs a correction/],
      [{ status: 'corrected', start: 5 }, /^end: start and end must be given together/],
      [{ status: 'corrected', end: 5 }, /^start: start and end must be given together/],
      [{ status: 'corrected', start: 9, end: 9 }, /^end: end must be greater than start/],
      [{ status: 'corrected', start: -1, end: 9 }, /^start: /],
      [{ status: 'corrected', start: 1.5, end: 9 }, /^start: /],
      [{ status: 'corrected', start: 0, end: ar.source.length + 1 }, /^end: .*outside the source/],
      [{ status: 'corrected', speaker: { entityId: 'person.nobody', name: 'Nobody' } }, /^speaker\.entityId: unknown entity/],
      [{ status: 'corrected', speaker: { entityId: null, name: '   ' } }, /^speaker\.name: /],
      [{ status: 'corrected', speaker: { name: 'X' } }, /^speaker\.entityId: /],
      [{ status: 'corrected', kind: 'quoted' }, /^kind: /],
      [{ status: 'approved', note: 5 }, /^note: /],
      [[1, 2], /expected object/],
    ];
    for (const [body, message] of cases) {
      const res = await api(server, 'PUT', reviewPath(AR_ID, 'q2'), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatch(message);
    }
  });

  it('refuses a span that holds only white space', async () => {
    const at = ar.source.indexOf('\n\n');
    const res = await api(server, 'PUT', reviewPath(AR_ID, 'q2'), { status: 'corrected', start: at, end: at + 2 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/white space/);
  });

  it('answers 400 for a body that is not JSON, 415 for another content type', async () => {
    const bad = await api(server, 'PUT', reviewPath(AR_ID, 'q1'), '{"status": approved}');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not valid JSON/);
    const empty = await api(server, 'PUT', reviewPath(AR_ID, 'q1'), '');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/empty/);
    const form = await fetch(new URL(reviewPath(AR_ID, 'q1'), server.url), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'status=approved',
    });
    expect(form.status).toBe(415);
  });

  it('answers 404 for an unknown article or quote', async () => {
    const article = await api(server, 'PUT', reviewPath('nope', 'q1'), { status: 'approved' });
    expect(article.status).toBe(404);
    expect(article.body.error).toMatch(/unknown article: nope/);
    const quote = await api(server, 'PUT', reviewPath(AR_ID, 'q99'), { status: 'approved' });
    expect(quote.status).toBe(404);
    expect(quote.body.error).toMatch(/unknown quote "q99"/);
    const slash = await rawRequest(server, {
      method: 'PUT',
      path: `/api/articles/${AR_ID}/quotes/q1%2F..%2Fq2/review`,
      headers: { 'Content-Type': 'application/json' },
      chunks: [Buffer.from('{"status":"approved"}')],
    });
    expect(slash.status).toBe(404);
    expect(existsSync(join(ws.dir, 'reviews'))).toBe(false);
  });

  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ status: 'approved', note: 'x'.repeat(70_000) });
    const declared = await api(server, 'PUT', reviewPath(AR_ID, 'q1'), big);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatch(/larger than 65536 bytes/);
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const streamed = await rawRequest(server, {
      method: 'PUT',
      path: reviewPath(AR_ID, 'q1'),
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      chunks: [Buffer.from('{"status":"approved","note":"'), chunk, chunk, chunk, chunk, chunk, Buffer.from('"}')],
    });
    expect(streamed.status).toBe(413);
    expect(existsSync(join(ws.dir, 'reviews'))).toBe(false);
    // The server is still fine afterwards.
    expect((await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'approved' })).status).toBe(200);
  });

  it('answers 413 to a large body without a connection reset: the body is read to its end first', async () => {
    const url = new URL(server.url);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const head = Buffer.from('{"status":"approved","note":"');
    const tail = Buffer.from('"}');
    const chunks = 64; // 4 MB
    const send = (declared: boolean) =>
      new Promise<{ status: number; error: string | null; body: string }>((resolve) => {
        let status = 0;
        let body = '';
        let error: string | null = null;
        let answered = false;
        let written = false;
        // A reset may come just after the answer: wait a moment for it.
        const settle = () => {
          if ((answered && written) || error) setTimeout(() => resolve({ status, error, body }), 100);
        };
        const length = head.length + chunks * chunk.length + tail.length;
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method: 'PUT',
            path: reviewPath(AR_ID, 'q1'),
            headers: { 'Content-Type': 'application/json', ...(declared ? { 'Content-Length': String(length) } : {}) },
          },
          (res) => {
            status = res.statusCode ?? 0;
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => {
              answered = true;
              settle();
            });
          },
        );
        req.on('error', (err) => {
          error = err.message;
          settle();
        });
        req.on('finish', () => {
          written = true;
          settle();
        });
        req.write(head);
        for (let i = 0; i < chunks; i++) req.write(chunk);
        req.end(tail);
      });
    for (const declared of [true, false, true, false]) {
      const res = await send(declared);
      expect(res.error, declared ? 'declared' : 'chunked').toBeNull();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error).toMatch(/larger than 65536 bytes/);
    }
    expect(existsSync(join(ws.dir, 'reviews'))).toBe(false);
  });

  it('keeps every decision when many arrive at once', async () => {
    const results = await Promise.all(
      ar.quotes.map((q, i) => api(server, 'PUT', reviewPath(AR_ID, q.id), { status: i % 2 ? 'rejected' : 'approved' })),
    );
    expect(results.map((r) => r.status)).toEqual(ar.quotes.map(() => 200));
    const file = reviewFile(AR_ID);
    expect(file.reviews).toHaveLength(ar.quotes.length);
    expect(new Set(file.reviews.map((r) => r.quoteId)).size).toBe(ar.quotes.length);
  });

  it('refuses requests from another site (Host and Origin checks)', async () => {
    const rebound = await rawRequest(server, { method: 'GET', path: '/api/articles', headers: { Host: 'evil.example:80' } });
    expect(rebound.status).toBe(421);
    const crossSite = await rawRequest(server, {
      method: 'PUT',
      path: reviewPath(AR_ID, 'q1'),
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      chunks: [Buffer.from('{"status":"approved"}')],
    });
    expect(crossSite.status).toBe(403);
    expect(existsSync(join(ws.dir, 'reviews'))).toBe(false);
  });

  it('answers 409 and overwrites nothing when the review file on disk is invalid', async () => {
    mkdirSync(join(ws.dir, 'reviews'));
    const path = join(ws.dir, 'reviews', `${AR_ID}.review.json`);
    writeFileSync(path, '{"version": 1, "reviews": "oops"}');
    const get = await api(server, 'GET', `/api/articles/${AR_ID}`);
    expect(get.status).toBe(200);
    expect(get.body.reviewError).toMatch(/is invalid/);
    const put = await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'approved' });
    expect(put.status).toBe(409);
    expect(put.body.error).toMatch(/fix or move it away/);
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "reviews": "oops"}');
    const list = await api(server, 'GET', '/api/articles');
    expect(list.body.articles[0].reviewError).toMatch(/is invalid/);
  });
});

describe('DELETE /api/articles/:id/quotes/:quoteId/review (undo)', () => {
  it('removes a decision, so the quote is pending again', async () => {
    const put = await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'approved' });
    await api(server, 'PUT', reviewPath(AR_ID, 'q2'), { status: 'rejected' });
    const del = await api(server, 'DELETE', reviewPath(AR_ID, 'q1'));
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ removed: put.body });
    expect(reviewFile(AR_ID).reviews.map((r) => r.quoteId)).toEqual(['q2']);
    const again = await api(server, 'DELETE', reviewPath(AR_ID, 'q1'));
    expect(again.body).toEqual({ removed: null });
  });

  it('creates no review file when there is nothing to remove', async () => {
    const del = await api(server, 'DELETE', reviewPath(EN_ID, 'q1'));
    expect(del).toMatchObject({ status: 200, body: { removed: null } });
    expect(existsSync(join(ws.dir, 'reviews'))).toBe(false);
  });

  it('answers 404 for an unknown article or quote', async () => {
    expect((await api(server, 'DELETE', reviewPath('nope', 'q1'))).status).toBe(404);
    expect((await api(server, 'DELETE', reviewPath(AR_ID, 'nope'))).status).toBe(404);
  });

  it('undoes a change of decision by a PUT of the previous state', async () => {
    const first = await api(server, 'PUT', reviewPath(EN_ID, 'q2'), {
      status: 'corrected',
      speaker: { entityId: 'person.jonas-berg', name: 'Jonas Berg' },
      note: 'Berg, not Haddad',
    });
    await api(server, 'PUT', reviewPath(EN_ID, 'q2'), { status: 'rejected' });
    const { quoteId: _q, quote: _s, decidedAt: _d, reviewer: _r, version: _v, ...previous } = first.body;
    const undo = await api(server, 'PUT', reviewPath(EN_ID, 'q2'), previous);
    expect(undo.status).toBe(200);
    expect(reviewFile(EN_ID).reviews).toEqual([
      expect.objectContaining({ status: 'corrected', speaker: { entityId: 'person.jonas-berg', name: 'Jonas Berg' }, note: 'Berg, not Haddad' }),
    ]);
  });
});

describe('persistence and re-extraction', () => {
  it('keeps decisions across a restart', async () => {
    await api(server, 'PUT', reviewPath(AR_ID, 'q1'), { status: 'approved' });
    await api(server, 'PUT', reviewPath(AR_ID, 'q12'), {
      status: 'corrected',
      speaker: { entityId: 'person.vladimir-putin', name: 'Vladimir Putin' },
    });
    await server.close();
    server = await start(ws.dir);
    const res = await api(server, 'GET', `/api/articles/${AR_ID}`);
    expect(res.body.reviews.map((r: { quoteId: string; status: string }) => [r.quoteId, r.status])).toEqual([
      ['q12', 'corrected'],
      ['q1', 'approved'],
    ]);
    const list = await api(server, 'GET', '/api/articles');
    expect(list.body.articles[0].reviewed).toBe(2);
  });

  it('keeps decisions whose quote is still there and lists the others as orphaned', async () => {
    await api(server, 'PUT', reviewPath(EN_ID, 'q1'), { status: 'approved' });
    await api(server, 'PUT', reviewPath(EN_ID, 'q2'), { status: 'rejected', note: 'not a quote' });
    await api(server, 'PUT', reviewPath(EN_ID, 'q5'), { status: 'approved' });
    // extract runs again: q1 is renumbered, q2's span changes, q5 disappears, a new quote arrives.
    const next = structuredClone(en);
    const [q1, q2, q3, q4] = next.quotes as [typeof en.quotes[number], typeof en.quotes[number], typeof en.quotes[number], typeof en.quotes[number]];
    q2.start += 1;
    q2.text = next.source.slice(q2.start, q2.end);
    const extra = { ...q4, id: 'q9', start: 0, end: 5, text: next.source.slice(0, 5) };
    next.quotes = [{ ...q1, id: 'q7' }, q2, q3, q4, extra];
    writeFileSync(join(ws.dir, EN_FILE), JSON.stringify(next, null, 2));

    const res = await api(server, 'GET', `/api/articles/${EN_ID}`);
    expect(res.status).toBe(200);
    expect(res.body.reviews).toEqual([expect.objectContaining({ quoteId: 'q7', status: 'approved' })]);
    expect(res.body.orphaned).toEqual([
      expect.objectContaining({ quoteId: 'q2', status: 'rejected', note: 'not a quote' }),
      expect.objectContaining({ quoteId: 'q5', status: 'approved' }),
    ]);
    const list = await api(server, 'GET', '/api/articles');
    expect(list.body.articles.find((a: { id: string }) => a.id === EN_ID)).toMatchObject({ reviewed: 1, orphaned: 2, quotes: 5 });

    // A new decision on the quote that now has id q2 leaves the orphan alone.
    await api(server, 'PUT', reviewPath(EN_ID, 'q2'), { status: 'approved' });
    const after = await api(server, 'GET', `/api/articles/${EN_ID}`);
    expect(after.body.orphaned).toHaveLength(2);
    expect(after.body.reviews).toHaveLength(2);
    expect(reviewFile(EN_ID).reviews).toHaveLength(4);

    // Restarting changes nothing.
    await server.close();
    server = await start(ws.dir);
    const restarted = await api(server, 'GET', `/api/articles/${EN_ID}`);
    expect(restarted.body.orphaned).toHaveLength(2);

    // Orphans go only when dismissed.
    const orphan = restarted.body.orphaned[0];
    const dismissed = await api(server, 'POST', `/api/articles/${EN_ID}/orphans/dismiss`, {
      quoteId: orphan.quoteId,
      start: orphan.quote.start,
      end: orphan.quote.end,
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.removed).toEqual(orphan);
    const final = await api(server, 'GET', `/api/articles/${EN_ID}`);
    expect(final.body.orphaned).toHaveLength(1);
    const missing = await api(server, 'POST', `/api/articles/${EN_ID}/orphans/dismiss`, {
      quoteId: orphan.quoteId,
      start: orphan.quote.start,
      end: orphan.quote.end,
    });
    expect(missing.status).toBe(404);
    const bad = await api(server, 'POST', `/api/articles/${EN_ID}/orphans/dismiss`, { quoteId: 'q2' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^start: /);
  });

  it('forgets an article whose output file is removed', async () => {
    const { rmSync } = await import('node:fs');
    rmSync(join(ws.dir, EN_FILE));
    expect((await api(server, 'GET', `/api/articles/${EN_ID}`)).status).toBe(404);
    expect((await api(server, 'GET', '/api/articles')).body.articles).toHaveLength(1);
  });
});

describe('review file names', () => {
  it('uses a plain id as it is and makes any other id safe', () => {
    expect(reviewFileName(AR_ID)).toBe(`${AR_ID}.review.json`);
    expect(reviewFileName('مقال-١')).toBe('مقال-١.review.json');
    for (const id of ['../../etc/passwd', 'a/b', '..', '.hidden', 'a\\b', 'x'.repeat(300), '']) {
      const name = reviewFileName(id);
      expect(name, id).toMatch(/^[\p{L}\p{N}_-][\p{L}\p{N}._~-]*\.review\.json$/u);
      expect(name).not.toContain('/');
      expect(name).not.toContain('..');
    }
    expect(reviewFileName('a/b')).not.toBe(reviewFileName('a_b'));
  });
});
