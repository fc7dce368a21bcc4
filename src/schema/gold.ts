// Gold annotation files (*.gold.json): what a person says the article contains.
// The format is described in tests/gold/GOLD-FORMAT.md.
import { z } from 'zod';
import { EntityTypeSchema, LangSchema, QuoteKindSchema } from './output.ts';

export const GoldQuoteSchema = z.object({
  text: z.string().min(1).meta({ description: 'Exact substring of the article: the reported content, marks excluded.' }),
  occurrence: z.int().positive().default(1),
  kind: QuoteKindSchema,
  speaker: z.array(z.string().min(1)).min(1).nullable().meta({ description: 'Acceptable names of the speaker, or null.' }),
  cue: z.string().nullable().default(null),
});

export const GoldEntitySchema = z.object({
  type: EntityTypeSchema,
  names: z.array(z.string().min(1)).min(1),
});

export const GoldFileSchema = z.object({
  article: z.string().min(1).meta({ description: 'File name of the article the annotations belong to.' }),
  lang: LangSchema,
  quotes: z.array(GoldQuoteSchema),
  entities: z.array(GoldEntitySchema),
});

export type GoldQuote = z.infer<typeof GoldQuoteSchema>;
export type GoldEntity = z.infer<typeof GoldEntitySchema>;
export type GoldFile = z.infer<typeof GoldFileSchema>;
