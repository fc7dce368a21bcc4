// Schemas of the review tool: the body a reviewer's page (or a script) sends, and the
// review files kept at <DIR>/reviews/<article id>.review.json.
import { z } from 'zod';
import { QuoteKindSchema, TextSpanSchema } from '../schema/output.ts';

export const REVIEW_FILE_VERSION = 1;

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

/** One stored decision about one extracted quote. */
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
  reviewer: z.string().optional(),
  decidedAt: z.iso.datetime(),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

export const ReviewFileSchema = z.object({
  version: z.literal(REVIEW_FILE_VERSION),
  articleId: z.string(),
  articlePath: z.string(),
  sourceSha256: z.string().meta({ description: 'Hash of the source text of the output last reviewed.' }),
  updatedAt: z.iso.datetime(),
  reviews: z.array(ReviewRecordSchema),
});
export type ReviewFile = z.infer<typeof ReviewFileSchema>;

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
