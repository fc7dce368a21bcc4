// Extracts one article file and writes its output atomically; never throws:
// a failure becomes a manifest entry that names the stage and the reason.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { processArticle, StageError, type ArticleOptions } from '../process-article.ts';
import type { StageContext } from '../lang/profile.ts';
import { writeJsonAtomic } from '../util/write-atomic.ts';

export const ManifestEntrySchema = z.object({
  path: z.string().meta({ description: 'Input path relative to the folder it was found in.' }),
  output: z.string().nullable().meta({ description: 'Output path relative to the output folder.' }),
  status: z.enum(['ok', 'failed']),
  error: z.object({ stage: z.string(), message: z.string() }).nullable(),
  lang: z.enum(['ar', 'en']).nullable(),
  counts: z.object({ sentences: z.int(), entities: z.int(), quotes: z.int(), messages: z.int() }).nullable(),
  milliseconds: z.number(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export interface ArticleFile {
  abs: string;
  rel: string;
}

export function outputPathFor(rel: string): string {
  return rel.replace(/\.[^./]+$/, '') + '.json';
}

export async function runOne(file: ArticleFile, outDir: string, ctx: StageContext, opts: ArticleOptions): Promise<ManifestEntry> {
  const t0 = performance.now();
  const failed = (stage: string, message: string): ManifestEntry => ({
    path: file.rel,
    output: null,
    status: 'failed',
    error: { stage, message },
    lang: null,
    counts: null,
    milliseconds: Math.round((performance.now() - t0) * 10) / 10,
  });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.abs);
  } catch (err) {
    return failed('read', (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (err as Error).message);
  }
  let output;
  try {
    output = processArticle(bytes, file, ctx, opts);
  } catch (err) {
    if (err instanceof StageError) return failed(err.stage, err.message);
    return failed('unknown', (err as Error)?.message ?? String(err));
  }
  const outRel = outputPathFor(file.rel);
  try {
    await writeJsonAtomic(join(outDir, outRel), output);
  } catch (err) {
    return failed('write-output', (err as Error).message);
  }
  return {
    path: file.rel,
    output: outRel,
    status: 'ok',
    error: null,
    lang: output.article.lang,
    counts: {
      sentences: output.sentences.length,
      entities: output.entities.length,
      quotes: output.quotes.length,
      messages: output.messages.length,
    },
    milliseconds: Math.round((performance.now() - t0) * 10) / 10,
  };
}
