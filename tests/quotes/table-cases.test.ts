// The parked field of the quotation tables: one line, 'phenomenon: reason', the
// phenomenon one of a fixed list, so that parked cases group and count.
import { describe, expect, it } from 'vitest';
import { ParkedSchema, PHENOMENA, phenomenonOf, QUOTE_TABLES, loadQuoteTable } from './table-cases.ts';

describe('parked: phenomenon: reason', () => {
  it.each<[string, boolean]>([
    ['name boundary: the object after the name is read as part of it', true],
    ['organisation part: الوزارة stays a raw phrase', true],
    ['name boundary:', false],
    ['name boundary: ', false],
    ['a phenomenon nobody listed: reason', false],
    ['the reason alone, with no phenomenon', false],
  ])('%s → %s', (value, ok) => {
    expect(ParkedSchema.safeParse(value).success).toBe(ok);
  });

  it('phenomenonOf reads the phenomenon back', () => {
    expect(phenomenonOf('title bound to earlier person: الوزيرة is not bound')).toBe('title bound to earlier person');
  });

  it('every parked case of the tables names a listed phenomenon', () => {
    const parked = QUOTE_TABLES.flatMap((t) => loadQuoteTable(t.file)).filter((c) => c.parked);
    expect(parked.length).toBeGreaterThan(0);
    for (const c of parked) expect(PHENOMENA).toContain(phenomenonOf(c.parked!));
  });
});
