// Schemas of the review tool: the body a reviewer's page (or a script) sends, and the
// review files kept at <DIR>/reviews/<article id>.review.json.
import { z } from 'zod';
import { EntityTypeSchema, QuoteKindSchema, TextSpanSchema } from '../schema/output.ts';

export const REVIEW_FILE_VERSION = 2;

export const ReviewStatusSchema = z.enum(['approved', 'rejected', 'corrected']);

export const ReviewSpeakerSchema = z.strictObject({
  entityId: z.string().min(1).nullable().meta({ description: "Id of one of the article's entities, or null for a typed name." }),
  name: z.string().trim().min(1, 'speaker.name must not be empty').max(300),
});

const offset = z.int().nonnegative();

/**
 * Body of PUT /api/articles/:id/quotes/:quoteId/review. A PUT replaces the quote's
 * decision as a whole: to keep an earlier correction, send it again.
 */
export const ReviewBodySchema = z
  .strictObject({
    status: ReviewStatusSchema,
    speaker: ReviewSpeakerSchema.nullable().optional().meta({
      description: 'Corrected speaker (status corrected only); null says the quote has no speaker.',
    }),
    start: offset.optional().meta({ description: 'Corrected span start (status corrected only), with end.' }),
    end: offset.optional().meta({ description: 'Corrected span end, half-open, UTF-16 code units.' }),
    kind: QuoteKindSchema.optional().meta({ description: 'Corrected quote kind (status corrected only).' }),
    note: z.string().max(4000).optional(),
    baseVersion: z.int().nonnegative().optional().meta({
      description: "Version of this reviewer's record the change is based on (0: none yet); a save on another version gets 409.",
    }),
  })
  .superRefine((body, ctx) => {
    const hasSpan = body.start !== undefined || body.end !== undefined;
    if ((body.start === undefined) !== (body.end === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [body.start === undefined ? 'start' : 'end'],
        message: 'start and end must be given together',
      });
    } else if (body.start !== undefined && body.end !== undefined && body.end <= body.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be greater than start' });
    }
    const corrects = body.speaker !== undefined || hasSpan || body.kind !== undefined;
    if (body.status === 'corrected' && !corrects) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'status "corrected" needs a correction: speaker, start/end or kind',
      });
    }
    if (body.status !== 'corrected') {
      for (const field of ['speaker', 'start', 'end', 'kind'] as const) {
        if (body[field] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `${field} is a correction: send it with status "corrected", not "${body.status}"`,
          });
        }
      }
    }
  });
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

/** Body of POST /api/articles/:id/added (and PUT of one added quote): a quote the extractor missed. */
export const AddedQuoteBodySchema = z
  .strictObject({
    start: offset,
    end: offset.meta({ description: 'Half-open, UTF-16 code units of the source.' }),
    kind: QuoteKindSchema,
    speaker: ReviewSpeakerSchema.nullable().meta({ description: "One of the article's entities, a typed name, or null." }),
    cue: z.strictObject({ start: offset, end: offset }).nullable().optional(),
    note: z.string().max(4000).optional(),
    baseVersion: z.int().nonnegative().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.end <= body.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be greater than start' });
    if (body.cue && body.cue.end <= body.cue.start) ctx.addIssue({ code: 'custom', path: ['cue', 'end'], message: 'end must be greater than start' });
  });
export type AddedQuoteBody = z.infer<typeof AddedQuoteBodySchema>;

/** Body of PUT /api/articles/:id/entities/:entityId/review: correct one extracted entity. */
export const EntityBodySchema = z
  .strictObject({
    action: z.enum(['retype', 'merge', 'false']).meta({ description: 'retype: give it another type; merge: it is the same as `into`; false: not an entity.' }),
    type: EntityTypeSchema.optional(),
    into: z.string().min(1).optional(),
    note: z.string().max(4000).optional(),
    baseVersion: z.int().nonnegative().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.action === 'retype' && !body.type) ctx.addIssue({ code: 'custom', path: ['type'], message: 'retype needs the new type' });
    if (body.action === 'merge' && !body.into) ctx.addIssue({ code: 'custom', path: ['into'], message: 'merge needs the id of the entity to merge into' });
    if (body.action !== 'retype' && body.type) ctx.addIssue({ code: 'custom', path: ['type'], message: `type goes with action "retype", not "${body.action}"` });
    if (body.action !== 'merge' && body.into) ctx.addIssue({ code: 'custom', path: ['into'], message: `into goes with action "merge", not "${body.action}"` });
  });

const reviewerName = z.string().trim().min(1).max(100);
const recordVersion = z.int().positive().meta({
  description: 'Counts the saves of this record: a save based on another version is refused (409).',
});

/** One reviewer's stored decision about one extracted quote. */
export const ReviewRecordSchema = z.object({
  quoteId: z.string().min(1),
  quote: TextSpanSchema.meta({
    description: 'The extracted quote the decision was made on; a later output keeps the decision only if a quote has this same span and text.',
  }),
  status: ReviewStatusSchema,
  speaker: ReviewSpeakerSchema.nullable().optional(),
  span: TextSpanSchema.optional().meta({ description: 'Corrected span and its text.' }),
  kind: QuoteKindSchema.optional(),
  note: z.string().optional(),
  reviewer: reviewerName.meta({ description: 'Who decided: a file keeps one record per reviewer per quote.' }),
  version: recordVersion,
  decidedAt: z.iso.datetime(),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

/** A quote the extractor missed, added by a reviewer; it lives in the review file, so re-extraction keeps it. */
export const AddedQuoteSchema = TextSpanSchema.extend({
  id: z.string().regex(/^r\d+$/).meta({ description: 'r1, r2, …: never the id of an extracted quote.' }),
  kind: QuoteKindSchema,
  speaker: ReviewSpeakerSchema.nullable(),
  cue: TextSpanSchema.nullable(),
  note: z.string().optional(),
  reviewer: reviewerName,
  version: recordVersion,
  decidedAt: z.iso.datetime(),
});
export type AddedQuote = z.infer<typeof AddedQuoteSchema>;

export const EntityActionSchema = z.enum(['retype', 'merge', 'false']);

/** A reviewer's correction of one extracted entity: a new type, a merge into another entity, or "not an entity". */
export const EntityDecisionSchema = z.object({
  entityId: z.string().min(1),
  action: EntityActionSchema,
  type: EntityTypeSchema.optional().meta({ description: 'The right type (retype).' }),
  into: z.string().min(1).optional().meta({ description: 'Id of the entity this one is the same as (merge).' }),
  note: z.string().optional(),
  reviewer: reviewerName,
  version: recordVersion,
  decidedAt: z.iso.datetime(),
});
export type EntityDecision = z.infer<typeof EntityDecisionSchema>;

export const ReviewFileSchema = z.object({
  version: z.literal(REVIEW_FILE_VERSION),
  articleId: z.string(),
  articlePath: z.string(),
  sourceSha256: z.string().meta({ description: 'Hash of the source text of the output last reviewed.' }),
  updatedAt: z.iso.datetime(),
  reviews: z.array(ReviewRecordSchema),
  added: z.array(AddedQuoteSchema).default([]),
  entities: z.array(EntityDecisionSchema).default([]),
});
export type ReviewFile = z.infer<typeof ReviewFileSchema>;

/** Review files as version 1 wrote them: one decision per quote, whoever made it. */
const ReviewFileV1Schema = z.object({
  version: z.literal(1),
  articleId: z.string(),
  articlePath: z.string(),
  sourceSha256: z.string(),
  updatedAt: z.iso.datetime(),
  reviews: z.array(
    ReviewRecordSchema.omit({ reviewer: true, version: true }).extend({ reviewer: z.string().optional() }),
  ),
});

/** Name given to version-1 decisions that recorded no reviewer. */
export const UNKNOWN_REVIEWER = 'unknown';

/**
 * Reads a review file of any known version into the current shape. Version 1 kept at
 * most one decision per quote; each becomes its reviewer's record, version 1.
 */
export function parseReviewFile(json: unknown): z.ZodSafeParseResult<ReviewFile> {
  const version = (json as { version?: unknown } | null)?.version;
  if (version === 1) {
    const old = ReviewFileV1Schema.safeParse(json);
    if (!old.success) return old as unknown as z.ZodSafeParseResult<ReviewFile>;
    return ReviewFileSchema.safeParse({
      ...old.data,
      version: REVIEW_FILE_VERSION,
      reviews: old.data.reviews.map((r) => ({ ...r, reviewer: r.reviewer?.trim() || UNKNOWN_REVIEWER, version: 1 })),
    });
  }
  return ReviewFileSchema.safeParse(json);
}

/** Field-naming, one-line description of a zod error, e.g. `speaker.name: must not be empty`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const where = path ? ` in ${path}` : '';
        return `unknown field${issue.keys.length > 1 ? 's' : ''}${where}: ${issue.keys.join(', ')}`;
      }
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
