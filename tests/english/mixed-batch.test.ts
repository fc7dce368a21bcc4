// A folder that mixes Arabic and English articles: both come out in the same
// contract, and the same person gets the same entity id in both languages.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.ts';
import { ArticleOutputSchema } from '../../src/schema/output.ts';

const dir = mkdtempSync(join(tmpdir(), 'isnad-mixed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a mixed-language batch', () => {
  it('gives Lavrov one id in Arabic and in English', async () => {
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    mkdirSync(input);
    writeFileSync(join(input, 'ar.txt'), 'وقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مفيدة.\n');
    writeFileSync(join(input, 'en.txt'), '"The talks were useful," Russian Foreign Minister Sergey Lavrov said in Moscow.\n');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const code = await main(['extract', input, '--out', out]);
    log.mockRestore();
    err.mockRestore();
    expect(code).toBe(0);
    const ar = ArticleOutputSchema.parse(JSON.parse(readFileSync(join(out, 'ar.json'), 'utf8')));
    const en = ArticleOutputSchema.parse(JSON.parse(readFileSync(join(out, 'en.json'), 'utf8')));
    expect(ar.article.lang).toBe('ar');
    expect(en.article.lang).toBe('en');
    const idAr = ar.entities.find((e) => e.mentions.some((m) => m.text === 'سيرغي لافروف'))?.id;
    const idEn = en.entities.find((e) => e.mentions.some((m) => m.text === 'Sergey Lavrov'))?.id;
    expect(idAr).toBe('person.sergey-lavrov');
    expect(idEn).toBe(idAr);
    // The English quote is attributed to that entity.
    expect(en.quotes.map((q) => [q.text, q.speaker?.entityId])).toEqual([['The talks were useful', 'person.sergey-lavrov']]);
    expect(ar.quotes.some((q) => q.speaker?.entityId === 'person.sergey-lavrov')).toBe(true);
  });
});
