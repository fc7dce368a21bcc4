// End to end in a real browser (Debian's Chromium through playwright-core): review an
// Arabic article with the keyboard and the mouse, reload, and check the file on disk.
// Skipped, with a message, only where /usr/bin/chromium is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ReviewFileSchema } from '../../src/review/schema.ts';
import { startReviewServer, type ReviewServer } from '../../src/review/command.ts';
import { AR_FILE, AR_ID, api, copyFixtures, fixtureOutput, reviewPath, start, type Workspace } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED the review page's browser test: ${CHROMIUM} is absent (apt-get install chromium)`);

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const ar = fixtureOutput(AR_FILE);

describe.skipIf(!hasChromium)(`review page in Chromium${hasChromium ? '' : ` — skipped: ${CHROMIUM} is absent`}`, () => {
  let ws: Workspace;
  let server: ReviewServer;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ws = copyFixtures();
    server = await start(ws.dir);
    profile = mkdtempSync(join(tmpdir(), 'isnad-review-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
      viewport: { width: 1440, height: 900 },
      reducedMotion: 'reduce',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(5_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
  }, 20_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const s of extraServers) await s.close();
    for (const w of extraWorkspaces) w.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
    ws?.cleanup();
  });

  const extraServers: ReviewServer[] = [];
  const extraWorkspaces: Workspace[] = [];
  /** A fresh copy of the fixtures with its own server, for a test that needs a clean slate. */
  async function fresh(reviewer = 'tester'): Promise<{ dir: string; server: ReviewServer }> {
    const w = copyFixtures();
    extraWorkspaces.push(w);
    const s = await startReviewServer({ dir: w.dir, port: 0, reviewer });
    extraServers.push(s);
    return { dir: w.dir, server: s };
  }
  /** Another server (another reviewer) on the same folder. */
  async function alsoServe(dir: string, reviewer: string): Promise<ReviewServer> {
    const s = await startReviewServer({ dir, port: 0, reviewer });
    extraServers.push(s);
    return s;
  }
  async function shot(name: string, target: Page = page): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await target.screenshot({ path: join(ARTIFACTS, name) });
  }
  const readReviews = (dir: string) => {
    const path = join(dir, 'reviews', `${AR_ID}.review.json`);
    return existsSync(path) ? ReviewFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).reviews : [];
  };

  const card = (id: string) => page.locator(`.quote-list .quote[data-id="${id}"]`);
  const selectedId = () => page.locator('.quote.selected').getAttribute('data-id');
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5_000, interval: 50 });
  const settle = () => page.waitForFunction(() => !(globalThis as any).document.querySelector('.quote.saving'));

  /** Selects source[start, end) in the article text, as a reviewer's drag would. */
  async function selectSource(start: number, end: number): Promise<void> {
    await page.evaluate(
      ([s, e]) => {
        const doc = (globalThis as any).document;
        const root = doc.getElementById('source');
        const point = (offset: number): [unknown, number] => {
          for (const seg of root.children) {
            const at = Number(seg.dataset.s);
            if (offset >= at && offset <= at + seg.textContent.length) return [seg.firstChild, offset - at];
          }
          throw new Error(`no segment at ${offset}`);
        };
        const range = doc.createRange();
        range.setStart(...point(s!));
        range.setEnd(...point(e!));
        const selection = (globalThis as any).getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      },
      [start, end],
    );
  }

  it('reviews an Arabic article with the keyboard and the mouse; decisions survive a reload and are on disk', async () => {
    // The list: both articles, with language, title, quotes and progress.
    await page.goto(server.url);
    const rows = page.locator('table.articles tbody tr[data-id]');
    await poll(() => rows.count()).toBe(2);
    await poll(() => rows.first().locator('.lang-badge').textContent()).toBe('AR');
    expect(await rows.first().locator('.title').getAttribute('dir')).toBe('rtl');
    expect(await rows.first().locator('.prog-text').textContent()).toBe('0 / 17');

    // Open it from the keyboard.
    await page.keyboard.press('Enter');
    await page.locator('.quote.selected').waitFor();
    const source = page.locator('#source');
    expect(await source.getAttribute('dir')).toBe('rtl');
    expect(await source.getAttribute('lang')).toBe('ar');
    expect(await source.textContent()).toBe(ar.source);
    expect(await page.locator('#source .s.bp').count()).toBeGreaterThan(0);
    expect(await page.locator('#source .s.m-person').count()).toBeGreaterThan(0);
    expect(await selectedId()).toBe('q1');

    // a approves q1 (and moves on), j/k move, r rejects q2.
    await page.keyboard.press('a');
    await poll(selectedId).toBe('q2');
    await page.keyboard.press('j');
    await poll(selectedId).toBe('q3');
    await page.keyboard.press('k');
    await poll(selectedId).toBe('q2');
    await page.keyboard.press('r');
    await poll(selectedId).toBe('q3');
    await settle();
    expect(await card('q1').getAttribute('data-status')).toBe('approved');
    expect(await card('q2').getAttribute('data-status')).toBe('rejected');
    expect(await page.locator('#source [data-q="q1"]').first().getAttribute('class')).toContain('st-approved');
    expect(await page.locator('#source [data-q="q2"]').first().getAttribute('class')).toContain('st-rejected');

    // Clicking a quote in the text selects it in the list; s corrects its speaker.
    await page.locator('#source [data-q="q12"]').first().click();
    await poll(selectedId).toBe('q12');
    await page.keyboard.press('s');
    const speaker = card('q12').locator('select.speaker-select');
    await speaker.selectOption('person.vladimir-putin');
    await speaker.press('Enter');
    await settle();
    expect(await card('q12').getAttribute('data-status')).toBe('corrected');
    expect(await card('q12').locator('.who').textContent()).toBe('Vladimir Putin');
    expect(await card('q12').locator('.was').textContent()).toBe('Donald Trump');

    // Clicking a quote in the list scrolls the text to it and highlights it.
    await card('q16').click();
    await poll(selectedId).toBe('q16');
    const highlighted = page.locator('#source .s.sel').first();
    await poll(() => highlighted.getAttribute('data-q')).toBe('q16');
    await poll(() => highlighted.isVisible()).toBe(true);
    const box = await highlighted.boundingBox();
    expect(box && box.y > 52 && box.y < 900).toBe(true);

    // Correct q5's span by selecting text: drop its first word.
    const q5 = ar.quotes[4]!;
    await card('q5').click();
    const firstSpace = q5.text.indexOf(' ');
    await selectSource(q5.start + firstSpace + 1, q5.end);
    await page.keyboard.press('e');
    await poll(() => card('q5').locator('.span-preview').textContent()).toBe(q5.text.slice(firstSpace + 1));
    await card('q5').getByRole('button', { name: /Save correction/ }).click();
    await settle();
    expect(await card('q5').getAttribute('data-status')).toBe('corrected');
    expect(await card('q5').locator('.q-text').textContent()).toBe(q5.text.slice(firstSpace + 1));

    // A note on q1.
    await card('q1').click();
    await page.keyboard.press('n');
    await card('q1').locator('textarea').fill('العنوان يطابق النص');
    await card('q1').locator('textarea').press('Control+Enter');
    await settle();
    await poll(() => card('q1').locator('.q-note').textContent()).toContain('العنوان يطابق النص');

    // A mistaken rejection of q4, undone with u.
    await card('q4').click();
    await page.keyboard.press('r');
    await settle();
    expect(await card('q4').getAttribute('data-status')).toBe('rejected');
    await page.keyboard.press('u');
    await poll(() => card('q4').getAttribute('data-status')).toBe('pending');
    await settle();

    // The review file on disk holds exactly these decisions.
    const expected = {
      q1: 'approved',
      q2: 'rejected',
      q5: 'corrected',
      q12: 'corrected',
    };
    await poll(() => {
      const path = join(ws.dir, 'reviews', `${AR_ID}.review.json`);
      if (!existsSync(path)) return null;
      const file = ReviewFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      return Object.fromEntries(file.reviews.map((r) => [r.quoteId, r.status]));
    }).toEqual(expected);
    const file = ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${AR_ID}.review.json`), 'utf8')));
    const byId = new Map(file.reviews.map((r) => [r.quoteId, r]));
    expect(byId.get('q12')?.speaker).toEqual({ entityId: 'person.vladimir-putin', name: 'Vladimir Putin' });
    expect(byId.get('q5')?.span).toEqual({ start: q5.start + firstSpace + 1, end: q5.end, text: q5.text.slice(firstSpace + 1) });
    expect(byId.get('q1')?.note).toBe('العنوان يطابق النص');

    // Reload: the page shows the stored decisions.
    await page.reload();
    await page.locator('.quote.selected').waitFor();
    for (const [id, status] of Object.entries({ ...expected, q4: 'pending', q3: 'pending' })) {
      expect(await card(id).getAttribute('data-status'), id).toBe(status);
    }
    expect(await page.locator('#source [data-q="q2"]').first().getAttribute('class')).toContain('st-rejected');
    expect(await page.locator('.chip-filter.f-pending .n').textContent()).toBe('13');

    // The article view for the record: the top of the article, quote 3 selected.
    await card('q3').click();
    await page.locator('.reader').evaluate((el: any) => el.scrollTo(0, 0));
    await page.locator('.side').evaluate((el: any) => el.scrollTo(0, 0));
    await page.waitForTimeout(150);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'review-article.png') });

    // Back to the list: progress shows there.
    await page.keyboard.press('g');
    await poll(() => rows.first().locator('.prog-text').textContent()).toBe('4 / 17');

    // extract runs again and q2 is gone: its decision is shown as orphaned, until dismissed.
    const next = structuredClone(ar);
    next.quotes = next.quotes.filter((q) => q.id !== 'q2');
    writeFileSync(join(ws.dir, AR_FILE), JSON.stringify(next));
    await page.goto(`${server.url}#/a/${AR_ID}`);
    const orphans = page.locator('.orphans .orphan');
    await poll(() => orphans.count()).toBe(1);
    expect(await orphans.first().locator('.q-text').textContent()).toBe(ar.quotes[1]!.text);
    await orphans.first().getByRole('button', { name: 'Dismiss' }).click();
    await poll(() => orphans.count()).toBe(0);
    const after = ReviewFileSchema.parse(JSON.parse(readFileSync(join(ws.dir, 'reviews', `${AR_ID}.review.json`), 'utf8')));
    expect(after.reviews.map((r) => r.quoteId).sort()).toEqual(['q1', 'q12', 'q5']);

    expect(problems).toEqual([]);
  }, 30_000);

  it('defect 1: a corrected speaker survives a (or the cursor has moved on); A approves as extracted', async () => {
    const { dir, server: own } = await fresh();
    await page.goto(`${own.url}#/a/${AR_ID}/q12`);
    await poll(selectedId).toBe('q12');
    await page.keyboard.press('s');
    const speaker = card('q12').locator('select.speaker-select');
    await speaker.selectOption('person.vladimir-putin');
    await speaker.press('Enter');
    // The reviewer presses a at once, as after any decision.
    await page.keyboard.press('a');
    await settle();
    const mine = () => new Map(readReviews(dir).map((r) => [r.quoteId, r]));
    await poll(() => mine().get('q12')?.status).toBe('corrected');
    expect(mine().get('q12')?.speaker).toEqual({ entityId: 'person.vladimir-putin', name: 'Vladimir Putin' });
    // On the corrected quote itself, a keeps the correction too.
    await card('q12').click();
    await poll(selectedId).toBe('q12');
    await page.keyboard.press('a');
    await settle();
    await poll(() => page.locator('#toast').textContent()).toContain('Correction kept');
    expect(mine().get('q12')?.status).toBe('corrected');
    // A approves as extracted.
    await card('q12').click();
    await page.keyboard.press('A');
    await settle();
    await poll(() => mine().get('q12')?.status).toBe('approved');
    expect(mine().get('q12')?.speaker).toBeUndefined();
    expect(problems).toEqual([]);
  }, 20_000);

  it('defect 2: a second tab gets 409 and reloads; another reviewer’s different decision shows on the card', async () => {
    const { dir, server: own } = await fresh('alice');
    const other = await context.newPage();
    try {
      await page.goto(`${own.url}#/a/${AR_ID}/q3`);
      await other.goto(`${own.url}#/a/${AR_ID}/q3`);
      await poll(selectedId).toBe('q3');
      await other.locator('.quote.selected').waitFor();
      await page.keyboard.press('a');
      await settle();
      await poll(() => readReviews(dir).find((r) => r.quoteId === 'q3')?.status).toBe('approved');
      // The second tab still shows q3 pending and rejects it: the server refuses.
      await other.keyboard.press('r');
      const banner = other.locator('.banner.conflict');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/quote 3 was changed in another tab or window.*now approved/);
      expect(readReviews(dir).find((r) => r.quoteId === 'q3')?.status).toBe('approved');
      await shot('review-conflict.png', other);
      await banner.getByRole('button', { name: 'Reload the article' }).click();
      await poll(() => other.locator('.quote[data-id="q3"]').getAttribute('data-status')).toBe('approved');
      expect(await other.locator('.banner.conflict').count()).toBe(0);

      // bob, on a second server over the same folder, rejects q3.
      const bob = await alsoServe(dir, 'bob');
      expect((await api(bob, 'PUT', reviewPath(AR_ID, 'q3'), { status: 'rejected', note: 'a headline, not speech' })).status).toBe(200);
      await page.goto(`${own.url}#/a/${AR_ID}/q3`);
      await page.reload();
      await poll(selectedId).toBe('q3');
      const line = card('q3').locator('.q-others .other[data-reviewer="bob"]');
      await line.waitFor();
      expect(await line.getAttribute('class')).toContain('differs');
      expect(await line.textContent()).toMatch(/Rejected bob decided differently.*a headline, not speech/);
      await shot('review-other-reviewer.png');
    } finally {
      await other.close();
    }
    expect(problems).toEqual([]);
  }, 20_000);

  it('defect 4: the span is corrected from the keyboard, a word at a time', async () => {
    const { dir, server: own } = await fresh();
    const q5 = ar.quotes[4]!;
    await page.goto(`${own.url}#/a/${AR_ID}/q5`);
    await poll(selectedId).toBe('q5');
    await page.keyboard.press('e');
    const preview = card('q5').locator('.span-preview');
    await poll(() => preview.textContent()).toBe(q5.text);
    // Arabic runs right to left: ← is later in the text. Alt+Shift+← drops the first word.
    const firstWordEnd = q5.text.search(/\s/);
    const secondWordStart = firstWordEnd + /\S/.exec(q5.text.slice(firstWordEnd))!.index;
    await page.keyboard.press('Alt+Shift+ArrowLeft');
    await poll(() => preview.textContent()).toBe(q5.text.slice(secondWordStart));
    // Shift+→ moves the end back a word, Shift+← forward again.
    const lastSpace = q5.text.trimEnd().search(/\s\S+\s*$/);
    await page.keyboard.press('Shift+ArrowRight');
    const shorter = await preview.textContent();
    expect(shorter!.length).toBeLessThan(q5.text.length - secondWordStart);
    expect(q5.text.slice(secondWordStart).startsWith(shorter!)).toBe(true);
    expect(lastSpace).toBeGreaterThan(0);
    await page.keyboard.press('Shift+ArrowLeft');
    await poll(() => preview.textContent()).toBe(q5.text.slice(secondWordStart));
    await page.keyboard.press('Enter');
    await settle();
    await poll(() => readReviews(dir).find((r) => r.quoteId === 'q5')?.span).toEqual({
      start: q5.start + secondWordStart,
      end: q5.end,
      text: q5.text.slice(secondWordStart),
    });
    expect(problems).toEqual([]);
  }, 20_000);

  it('defect 6: help lists every key; the toast leaves the text alone; at 800 px the form’s head and Save are in view', async () => {
    const { server: own } = await fresh();
    await page.goto(`${own.url}#/a/${AR_ID}/q4`);
    await poll(selectedId).toBe('q4');
    // Help: every key the page handles.
    await page.keyboard.press('?');
    const keys = await page.locator('#help kbd').allTextContents();
    for (const k of ['j', 'k', 'a', 'A', 'r', 's', 'e', 'Shift+→', 'Alt+Shift+→', 'n', 'u', '1', '5', '[', ']', 'g', '/', 'o', 'Enter', 'Ctrl+Enter', 'Esc', '?']) {
      expect(keys, k).toContain(k);
    }
    await page.keyboard.press('Escape');
    // The toast shows beside the text, never over it.
    await page.keyboard.press('r');
    const toastBox = await page.locator('#toast').boundingBox();
    const readerBox = await page.locator('.reader .source-card').boundingBox();
    expect(toastBox && readerBox).toBeTruthy();
    expect(toastBox!.x >= readerBox!.x + readerBox!.width || toastBox!.y >= readerBox!.y + readerBox!.height).toBe(true);
    await settle();

    // A speaker-by-title quote whose rule names the speaker is not labelled "by title".
    // (A string, so that vitest leaves the browser's dynamic import alone.)
    const labelled = await page.evaluate(`import('/article.js').then(({ resolutionLabel }) => [
      ['ar.quote.cue-complementiser > ar.speaker.explicit-after-verb', 'title'],
      ['ar.quote.cue-complementiser-mixed > ar.speaker.title-role', 'title'],
      ['ar.quote.cue-marks > ar.speaker.explicit-after-verb', 'explicit'],
    ].map(([rule, resolution]) => resolutionLabel({ rule, speaker: { resolution } })))`);
    expect(labelled).toEqual(['named, with title', 'by title', 'named']);

    // 800 px wide: the card head is below the filter bar and Save is on screen.
    await page.setViewportSize({ width: 800, height: 700 });
    try {
      await card('q9').click();
      await page.keyboard.press('s');
      const save = card('q9').getByRole('button', { name: /Save correction/ });
      await save.waitFor();
      await page.waitForTimeout(100);
      await shot('review-800px-editing.png');
      const saveBox = (await save.boundingBox())!;
      expect(saveBox.y + saveBox.height).toBeLessThanOrEqual(700);
      expect(await save.evaluate((el: any) => {
        const r = el.getBoundingClientRect();
        const hit = (globalThis as any).document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return el.contains(hit);
      })).toBe(true);
      const head = (await card('q9').locator('.q-head').boundingBox())!;
      const bar = (await page.locator('.side-head').boundingBox())!;
      expect(head.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
      await page.keyboard.press('Escape');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    expect(problems).toEqual([]);
  }, 20_000);

  it('adds a quote the extractor missed: select, q, speaker, cue with c, Enter; kept after a reload', async () => {
    const { dir, server: own } = await fresh();
    // The extractor "missed" the last quote: it is taken out of the output.
    const missed = ar.quotes[ar.quotes.length - 1]!;
    writeFileSync(join(dir, AR_FILE), JSON.stringify({ ...ar, quotes: ar.quotes.slice(0, -1) }));
    const { start, end, text } = missed;
    const firstWord = text.split(/\s/)[0]!;
    await page.goto(`${own.url}#/a/${AR_ID}`);
    await page.locator('.quote.selected').waitFor();
    // q with nothing selected explains itself.
    await page.keyboard.press('q');
    await poll(() => page.locator('#toast').textContent()).toContain('Select the missed quote');
    await selectSource(start, end);
    await page.keyboard.press('q');
    const form = page.locator('.add-form');
    await form.waitFor();
    expect(await form.locator('.span-preview').textContent()).toBe(text);
    await form.locator('select.speaker-select').selectOption('person.sergey-lavrov');
    await form.locator('select.kind-select').selectOption('indirect');
    // The cue: select its first word and press c.
    await page.locator('#source').click({ position: { x: 1, y: 1 } }).catch(() => undefined);
    await selectSource(start, start + firstWord.length);
    await page.keyboard.press('c');
    await poll(() => form.locator('.cue-text').textContent()).toBe(firstWord);
    await shot('review-add-quote-form.png');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.added-quotes .added-quote').count()).toBe(1);
    const stored = () => {
      const path = join(dir, 'reviews', `${AR_ID}.review.json`);
      return existsSync(path) ? ReviewFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).added : [];
    };
    await poll(() => stored().length).toBe(1);
    expect(stored()[0]).toMatchObject({
      id: 'r1',
      start,
      end,
      text,
      kind: 'indirect',
      speaker: { entityId: 'person.sergey-lavrov', name: 'Sergey Lavrov' },
      cue: { start, end: start + firstWord.length, text: firstWord },
      reviewer: 'tester',
    });
    // Reload: shown as reviewer-added, in the text and beside it.
    await page.reload();
    await page.locator('.added-quotes .added-quote').waitFor();
    expect(await page.locator('.added-quote .chip').textContent()).toBe('Reviewer-added');
    expect(await page.locator('#source .s.q-added').count()).toBeGreaterThan(0);
    await page.locator('.added-quote').scrollIntoViewIfNeeded();
    await shot('review-added-quote.png');
    expect(problems).toEqual([]);
  }, 20_000);

  it('shows warnings on the article and beside their quotes, queues the least certain first, explains rule ids', async () => {
    const { server: own, dir } = await fresh();
    const q5 = ar.quotes[4]!;
    const q9 = ar.quotes[8]!;
    const messages = [
      { severity: 'warning', reason: 'Unclosed quote mark', stage: 'pair-quote-marks', ruleId: 'ar.unclosed-quote', start: q5.start, end: q5.start + 1 },
      { severity: 'warning', reason: 'Ambiguous name عمان: Oman or Amman', stage: 'find-mentions', ruleId: 'ar.ambiguous-name', start: q9.start + 2, end: q9.start + 6 },
      { severity: 'warning', reason: 'Encoding guessed as windows-1256', stage: 'decode' },
      { severity: 'info', reason: 'not shown', stage: 'fixture' },
    ];
    const quotes = ar.quotes.map((q) => (q.id === 'q5' ? { ...q, rule: 'ar.quote.cue-complementiser > ar.speaker.explicit-after-verb' } : q));
    writeFileSync(join(dir, AR_FILE), JSON.stringify({ ...ar, quotes, messages }));
    await page.goto(`${own.url}#/`);
    await poll(() => page.locator('table.articles tbody tr').first().locator('.sub').textContent()).toContain('3 warnings');
    await page.goto(`${own.url}#/a/${AR_ID}/q1`);
    await poll(selectedId).toBe('q1');
    expect(await page.locator('.warnings summary').textContent()).toBe('3 extraction warnings');
    expect(await page.locator('.warnings li').allTextContents()).toEqual([
      expect.stringMatching(/Unclosed quote mark \(pair-quote-marks\/ar\.unclosed-quote\) line \d+:\d+ · quote 5/),
      expect.stringMatching(/Ambiguous name عمان: Oman or Amman .* · quote 9/),
      expect.stringMatching(/Encoding guessed as windows-1256 \(decode\)$/),
    ]);
    expect(await card('q5').locator('.q-warning').textContent()).toContain('Unclosed quote mark');
    expect(await card('q9').locator('.q-warning').textContent()).toContain('Oman or Amman');
    expect(await card('q1').locator('.q-warning').count()).toBe(0);
    expect(await page.locator('#source .s.warn-span').count()).toBeGreaterThan(0);
    // Clicking a warning selects its quote.
    await page.locator('.warnings li').nth(1).click();
    await poll(selectedId).toBe('q9');

    // Least certain first: the two quotes with warnings (by confidence), then the rest by confidence.
    await page.locator('select.order-select').selectOption('uncertain');
    const expected = [...ar.quotes]
      .sort((a, b) => Number(!['q5', 'q9'].includes(a.id)) - Number(!['q5', 'q9'].includes(b.id)) || a.confidence - b.confidence || a.start - b.start)
      .map((q) => q.id);
    await poll(() => page.locator('.quote-list .quote').evaluateAll((els: any[]) => els.map((e) => e.dataset.id))).toEqual(expected);
    await poll(selectedId).toBe(expected[0]);
    await page.keyboard.press('j');
    await poll(selectedId).toBe(expected[1]);

    // Rule ids come with a line of explanation.
    await card('q5').click();
    await poll(selectedId).toBe('q5');
    expect(await card('q5').locator('.rule-notes li').allTextContents()).toEqual([
      'ar.quote.cue-complementiser a speech verb followed by “that” (أن، إن) introduces reported speech',
      'ar.speaker.explicit-after-verb the speaker is named right after the speech verb',
    ]);
    await page.locator('.reader').evaluate((el: any) => el.scrollTo(0, 0));
    await shot('review-warnings.png');
    await page.locator('select.order-select').selectOption('text');
    expect(problems).toEqual([]);
  }, 20_000);

  it('corrects entities: retype, merge, not an entity; kept after a reload', async () => {
    const { dir, server: own } = await fresh();
    const ids = ar.entities.map((e) => e.id);
    const [first, second, third] = [ar.entities.find((e) => e.type === 'place')!, ar.entities.find((e) => e.type === 'person' && e.id !== 'person.sergey-lavrov')!, ar.entities.find((e) => e.type === 'organisation')!];
    expect(ids).toContain('person.sergey-lavrov');
    await page.goto(`${own.url}#/a/${AR_ID}/q1`);
    await poll(selectedId).toBe('q1');
    await page.locator('.entities-block summary').click();
    const row = (id: string) => page.locator(`.entity-row[data-entity-id="${id}"]`);
    await row(first.id).locator('select.entity-type').selectOption('organisation');
    await poll(() => row(first.id).getAttribute('class')).toContain('act-retype');
    await row(second.id).locator('select.entity-merge').selectOption('person.sergey-lavrov');
    await poll(() => row(second.id).getAttribute('class')).toContain('act-merge');
    await row(third.id).getByRole('button', { name: 'Not an entity' }).click();
    await poll(() => row(third.id).getAttribute('class')).toContain('act-false');
    const stored = () => {
      const path = join(dir, 'reviews', `${AR_ID}.review.json`);
      return existsSync(path) ? ReviewFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).entities : [];
    };
    await poll(() => stored().map((d) => [d.entityId, d.action, d.type ?? d.into ?? null]).sort()).toEqual(
      [
        [first.id, 'retype', 'organisation'],
        [second.id, 'merge', 'person.sergey-lavrov'],
        [third.id, 'false', null],
      ].sort(),
    );
    await page.locator('.entities-block').scrollIntoViewIfNeeded();
    await shot('review-entities.png');
    // Back as extracted: the type select set to its extracted type undoes the retype.
    await row(first.id).locator('select.entity-type').selectOption(first.type);
    await poll(() => stored().some((d) => d.entityId === first.id)).toBe(false);
    await page.reload();
    await page.locator('.entities-block summary').click();
    expect(await row(second.id).locator('select.entity-merge').inputValue()).toBe('person.sergey-lavrov');
    expect(await row(third.id).getAttribute('class')).toContain('act-false');
    expect(problems).toEqual([]);
  }, 20_000);

  it('people across the folder, filtered by status, and a search box over speakers, quotes and titles', async () => {
    const { server: own } = await fresh();
    expect((await api(own, 'PUT', reviewPath(AR_ID, 'q2'), { status: 'rejected' })).status).toBe(200);
    const lavrov = 'person.sergey-lavrov';
    const lavrovQuotes = ar.quotes.filter((q) => q.speaker?.entityId === lavrov).length;
    // The search box: a name in Arabic finds the speaker and the quotes.
    await page.goto(own.url);
    await page.locator('table.articles tbody tr[data-id]').first().waitFor();
    await page.locator('input.search').fill('لافروف');
    const speakers = page.locator('.search-speakers li');
    await poll(() => speakers.count()).toBe(1);
    expect(await speakers.first().textContent()).toContain('Sergey Lavrov');
    await page.locator('input.search').fill('الإرهاب');
    await poll(() => page.locator('.search-quotes li').count()).toBeGreaterThan(0);
    await shot('review-search.png');
    await page.locator('input.search').fill('');
    await page.locator('input.search').blur();

    // p: people, most quoted first.
    await page.keyboard.press('p');
    const rows = page.locator('table.people tbody tr[data-key]');
    await poll(() => rows.first().getAttribute('data-key')).toBe(lavrov);
    expect(await rows.first().locator('td.c-num').first().textContent()).toBe(String(lavrovQuotes));
    await shot('review-people.png');
    await page.locator('select.status-select').selectOption('rejected');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('td.c-num').first().textContent()).toBe('1');
    await rows.first().click();
    const items = page.locator('.speaker-quote');
    await poll(() => items.count()).toBe(1);
    expect(await items.first().getAttribute('data-quote-id')).toBe('q2');
    await page.locator('select.status-select').selectOption('all');
    await poll(() => items.count()).toBe(lavrovQuotes);
    await shot('review-speaker.png');
    await items.nth(2).click();
    await poll(selectedId).toBe(ar.quotes.filter((q) => q.speaker?.entityId === lavrov)[2]!.id);
    expect(problems).toEqual([]);
  }, 25_000);

  it('speaks Arabic when the folder is mostly Arabic, and the toggle switches the interface, labels from one messages file', async () => {
    const { dir, server: own } = await fresh();
    rmSync(join(dir, 'en'), { recursive: true, force: true });
    await page.goto(`${own.url}#/a/${AR_ID}/q1`);
    await poll(selectedId).toBe('q1');
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('ar');
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.chip-filter.f-all').textContent()).toMatch(/^الكل/);
    expect(await card('q1').locator('.actions .btn.approve').textContent()).toMatch(/^اعتماد/);
    expect(await page.locator('#ui-lang').textContent()).toBe('English');
    // In Arabic the quotes pane sits on the left and the toast with it, off the text.
    await page.keyboard.press('r');
    await settle();
    const side = (await page.locator('.side').boundingBox())!;
    const reader = (await page.locator('.reader').boundingBox())!;
    expect(side.x).toBeLessThan(reader.x);
    const toastBox = (await page.locator('#toast').boundingBox())!;
    expect(toastBox.x + toastBox.width).toBeLessThanOrEqual(side.x + side.width + 1);
    await page.keyboard.press('?');
    expect(await page.locator('#help-title').textContent()).toBe('لوحة المفاتيح');
    await page.keyboard.press('Escape');
    await page.locator('.reader').evaluate((el: any) => el.scrollTo(0, 0));
    await shot('review-arabic-interface.png');
    // The toggle: English, remembered across a reload.
    await page.locator('#ui-lang').click();
    await poll(() => html.getAttribute('dir')).toBe('ltr');
    await poll(() => page.locator('.chip-filter.f-all').textContent()).toMatch(/^All/);
    await page.reload();
    await poll(selectedId).toBe('q2');
    expect(await html.getAttribute('lang')).toBe('en');
    expect(await card('q2').locator('.actions .btn.approve').textContent()).toMatch(/^Approve/);
    // Every key the page looks up exists in both languages.
    const missing = await page.evaluate(`import('/messages.js').then(({ MESSAGES }) => [
      ...Object.keys(MESSAGES.en).filter((k) => !(k in MESSAGES.ar)),
      ...Object.keys(MESSAGES.ar).filter((k) => !(k in MESSAGES.en)),
    ])`);
    expect(missing).toEqual([]);
    expect(problems).toEqual([]);
  }, 25_000);
});
