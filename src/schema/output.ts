// The output contract: the single source of the TypeScript types of an article's
// JSON and of the published JSON Schema (schema/article.schema.json).
import { z } from 'zod';

export const SCHEMA_VERSION = '1.0.0';

const offset = z.int().nonnegative();

/** Every span in the output is half-open [start, end) in UTF-16 code units of the decoded source. */
export const SpanSchema = z
  .object({ start: offset, end: offset })
  .meta({
    description:
      'Half-open span [start, end) in UTF-16 code units of the decoded source text, as String#slice counts them.',
  });

export const TextSpanSchema = SpanSchema.extend({
  text: z.string().meta({ description: 'Exactly source.slice(start, end).' }),
});

export const LangSchema = z.enum(['ar', 'en']);
export const EntityTypeSchema = z.enum(['person', 'place', 'organisation']);
export const QuoteKindSchema = z.enum(['direct', 'indirect', 'mixed']);
export const SeveritySchema = z.enum(['info', 'warning', 'error', 'fatal']);

export const ResolutionSchema = z
  .enum(['explicit', 'title', 'description', 'implicit', 'organisation', 'source', 'headline', 'after', 'none'])
  .meta({
    description:
      'How the speaker was found: explicit name next to the cue; a title phrase resolved to an entity; ' +
      'a description (the prosecutor) that no entity named before it fits, kept as written; ' +
      'implicit subject carried over from the previous statement; an organisation or its statement; ' +
      'an unnamed source; a "Speaker: statement" headline; the speaker named after the quotation; none.',
  });

export const MentionSchema = TextSpanSchema.extend({
  kind: z
    .enum(['name', 'title', 'alias'])
    .meta({ description: 'name: the entity is named; title: a title phrase bound to it; alias: a shorter form.' }),
  rule: z.string().meta({ description: 'Id of the gazetteer entry or rule that produced the mention.' }),
});

export const EntitySchema = z.object({
  id: z.string().meta({ description: 'Stable id, shared across languages (e.g. person.sergey-lavrov).' }),
  type: EntityTypeSchema,
  name: z.string().meta({ description: 'Canonical display name (English where known).' }),
  names: z.object({ ar: z.array(z.string()).optional(), en: z.array(z.string()).optional() }),
  source: z.enum(['gazetteer', 'rule']),
  roles: z.array(z.string()).optional().meta({ description: 'Titles the article gives this entity.' }),
  mentions: z.array(MentionSchema),
});

export const SpeakerSchema = z.object({
  entityId: z.string().nullable(),
  name: z.string(),
  mention: TextSpanSchema.optional().meta({
    description: 'Where the speaker is named or referred to for this quote, if anywhere.',
  }),
  resolution: ResolutionSchema,
});

export const QuoteSchema = TextSpanSchema.extend({
  id: z.string(),
  kind: QuoteKindSchema,
  speaker: SpeakerSchema.nullable(),
  cue: TextSpanSchema.nullable().meta({ description: 'The speech verb or introducing phrase, as written.' }),
  confidence: z.number().min(0).max(1),
  rule: z.string().meta({ description: 'Ids of the quote rule and attribution rule, "quote-rule > attribution-rule".' }),
});

export const MessageSchema = z.object({
  severity: SeveritySchema,
  reason: z.string(),
  stage: z.string(),
  ruleId: z.string().optional(),
  start: offset.optional(),
  end: offset.optional(),
});

export const ArticleDateSchema = TextSpanSchema.extend({
  year: z.int().optional().meta({ description: 'Absent when the article writes the date without a year (a dateline "12 ديسمبر").' }),
  month: z.int().min(1).max(12),
  day: z.int().min(1).max(31),
  iso: z.string().optional().meta({ description: 'YYYY-MM-DD, only when the year is written.' }),
  rule: z.string().meta({ description: 'Id of the rule that read the date.' }),
}).meta({ description: "The article's own date as written (a date line at the top or foot, or the date of its dateline)." });

const NamedPartSchema = TextSpanSchema.extend({
  entityId: z.string().optional().meta({ description: 'The entity the entities stage found there, if any.' }),
});

export const DatelineSchema = TextSpanSchema.extend({
  place: NamedPartSchema.optional().meta({ description: 'The place the story was filed from.' }),
  outlet: NamedPartSchema.optional().meta({ description: 'The agency or outlet the dateline names.' }),
  rule: z.string().meta({ description: 'Id of the dateline rule that matched.' }),
}).meta({ description: 'The dateline opening a wire story (موسكو-سانا, CAIRO (Reuters) -).' });

export const ArticleOutputSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    fingerprint: z
      .string()
      .optional()
      .meta({ description: 'Hash of the rules, gazetteers and schema version that produced this output ("sha256:<hex>").' }),
    article: z.object({
      id: z.string(),
      path: z.string().meta({ description: 'Path of the input relative to the folder it was found in.' }),
      lang: LangSchema,
      title: z.string(),
      chars: z.int().nonnegative(),
      encoding: z.string(),
      sha256: z.string().meta({ description: 'Hash of the decoded source text.' }),
      inputSha256: z.string().optional().meta({ description: 'Hash of the input file\'s bytes, as read (hex).' }),
      date: ArticleDateSchema.optional(),
      dateline: DatelineSchema.optional(),
    }),
    source: z.string().meta({ description: 'The decoded article text all spans point into.' }),
    boilerplate: z.array(SpanSchema.extend({ rule: z.string() })),
    sentences: z.array(SpanSchema),
    entities: z.array(EntitySchema),
    quotes: z.array(QuoteSchema),
    messages: z.array(MessageSchema),
  })
  .meta({ title: 'isnad article', description: 'Who said what in one news article.' });

export type Span = z.infer<typeof SpanSchema>;
export type TextSpan = z.infer<typeof TextSpanSchema>;
export type Lang = z.infer<typeof LangSchema>;
export type EntityType = z.infer<typeof EntityTypeSchema>;
export type QuoteKind = z.infer<typeof QuoteKindSchema>;
export type Resolution = z.infer<typeof ResolutionSchema>;
export type Mention = z.infer<typeof MentionSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Speaker = z.infer<typeof SpeakerSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Message = z.infer<typeof MessageSchema>;
export type ArticleDate = z.infer<typeof ArticleDateSchema>;
export type Dateline = z.infer<typeof DatelineSchema>;
export type ArticleOutput = z.infer<typeof ArticleOutputSchema>;

export function articleJsonSchema(): unknown {
  return z.toJSONSchema(ArticleOutputSchema, { target: 'draft-2020-12' });
}
