// The real development set kept beside the repository (../shared/devset:
// articles of other outlets with gold written independently of isnad). Its
// articles are extracted by the same batch as `isnad extract`, into a
// temporary folder that is removed afterwards, and scored per language.
// Note: the articles are other outlets' text; they are read where they are
// and never copied into the repository.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runBatch } from '../batch/batch.ts';
import { loadResources, PROJECT_ROOT, type Resources } from '../resources.ts';
import type { ArticleReport, EvalFigures } from './evaluate.ts';
import { evaluateFolders } from './command.ts';

export const DEVSET_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'devset');

export type DevsetPart = 'ar' | 'en' | 'all';
export const DEVSET_PARTS: readonly DevsetPart[] = ['ar', 'en', 'all'];

export interface DevsetResult {
  dir: string;
  /** Articles the batch could not extract (they score as missing predictions). */
  failed: number;
  figures: Record<DevsetPart, EvalFigures>;
  reports: ArticleReport[];
}

/** Whether a development set (articles/ and gold/) is present at `dir`. */
export function hasDevset(dir: string = DEVSET_DIR): boolean {
  return existsSync(join(dir, 'articles')) && existsSync(join(dir, 'gold'));
}

/** Extracts and scores the development set; null when it is absent. */
export async function evaluateDevset(opts: { dir?: string; resources?: Resources } = {}): Promise<DevsetResult | null> {
  const dir = resolve(opts.dir ?? DEVSET_DIR);
  if (!hasDevset(dir)) return null;
  const articlesDir = join(dir, 'articles');
  const goldDir = join(dir, 'gold');
  const predDir = await mkdtemp(join(tmpdir(), 'isnad-devset-'));
  try {
    const summary = await runBatch({
      inputs: [articlesDir],
      outDir: predDir,
      jobs: 1,
      article: { lang: 'auto' },
      resources: {},
      preloaded: opts.resources ?? loadResources(),
    });
    const figures = {} as Record<DevsetPart, EvalFigures>;
    let reports: ArticleReport[] = [];
    for (const part of DEVSET_PARTS) {
      const r = await evaluateFolders({ goldDir, predDir, articlesDir, lang: part === 'all' ? undefined : part });
      figures[part] = r.figures;
      if (part === 'all') reports = r.reports;
    }
    return { dir, failed: summary.failed, figures, reports };
  } finally {
    await rm(predDir, { recursive: true, force: true });
  }
}
