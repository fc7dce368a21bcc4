// The articles of an output folder: every *.json file below DIR that validates against
// ArticleOutputSchema, found by walking the folder. Ids given by a client are looked up
// in this index and never joined into a path, so no id can reach outside DIR.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ArticleOutputSchema, type ArticleOutput, type Lang } from '../schema/output.ts';
import { describeZodError } from './schema.ts';

/** Folder (directly under DIR) where the review files live; never scanned for articles. */
export const REVIEWS_FOLDER = 'reviews';

export interface QuoteKey {
  id: string;
  start: number;
  end: number;
  text: string;
}

export interface ArticleEntry {
  id: string;
  /** Absolute path of the output file. */
  file: string;
  /** Path of the output file relative to DIR, with forward slashes. */
  rel: string;
  path: string;
  lang: Lang;
  title: string;
  chars: number;
  sha256: string;
  quotes: QuoteKey[];
  /** Messages of severity warning or above. */
  warnings: number;
  /** Per quote (same order as quotes): its kind and speaker as extracted. */
  quoteInfo: Array<{ kind: string; speaker: { entityId: string | null; name: string } | null }>;
  /** The article's entities with every name they go by (both scripts, mentions). */
  entities: Array<{ id: string; type: string; name: string; names: string[] }>;
  mtimeMs: number;
  size: number;
}

/** Words of a line, by the platform's word segmenter. */
function wordCount(text: string, lang: Lang): number {
  let n = 0;
  for (const part of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) if (part.isWordLike) n += 1;
  return n;
}

/**
 * A line that labels rather than heads the article: a dateline (موسكو-سانا), a section
 * path (اقتصاد | طاقة) or any line of three words or fewer.
 * Note: this judges the shape of the line only, no word list: a three-word headline
 * is passed over for the next long line.
 */
export function isLabelLine(line: string, lang: Lang): boolean {
  const text = line.trim();
  if (!text) return true;
  if (wordCount(text, lang) <= 3) return true;
  const parts = text.split(/\s*[|›»/•·]\s*/u).filter(Boolean);
  return parts.length > 1 && parts.every((p) => wordCount(p, lang) <= 3);
}

/** The headline to show for an article: its title, unless that is a dateline or section label. */
export function headlineOf(output: ArticleOutput): string {
  const { title, lang } = output.article;
  if (title && !isLabelLine(title, lang)) return title;
  const inBoilerplate = (start: number, end: number) => output.boilerplate.some((b) => b.start <= start && end <= b.end);
  const source = output.source;
  let start = 0;
  for (let n = 0; start <= source.length && n < 20; n++) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const line = source.slice(start, end);
    if (line.trim() && !inBoilerplate(start, end) && !isLabelLine(line, lang)) {
      const text = line.trim();
      return text.length > 300 ? `${text.slice(0, 299)}…` : text;
    }
    start = end + 1;
  }
  return title;
}

export interface ScanProblem {
  file: string;
  message: string;
}

function isArticleFileName(name: string): boolean {
  return (
    name.endsWith('.json') &&
    !name.startsWith('.') &&
    name !== 'manifest.json' &&
    !name.endsWith('.review.json') &&
    !name.endsWith('.gold.json')
  );
}

export async function listOutputFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(folder: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      if (depth === 0) throw err;
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth === 0 && entry.name === REVIEWS_FOLDER) continue;
        await walk(full, depth + 1);
      } else if (entry.isFile() && isArticleFileName(entry.name)) {
        found.push(full);
      }
    }
  }
  await walk(dir, 0);
  return found.sort();
}

export class ArticleNotFoundError extends Error {}

export class ArticleIndex {
  readonly dir: string;
  private byId = new Map<string, ArticleEntry>();
  private byFile = new Map<string, ArticleEntry>();
  private failed = new Map<string, { mtimeMs: number; size: number; message: string }>();
  private scanning: Promise<void> | null = null;
  problems: ScanProblem[] = [];

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Re-walks DIR, re-reading only files whose size or mtime changed. */
  refresh(): Promise<void> {
    this.scanning ??= this.scan().finally(() => {
      this.scanning = null;
    });
    return this.scanning;
  }

  list(): ArticleEntry[] {
    return [...this.byId.values()].sort((a, b) => a.rel.localeCompare(b.rel));
  }

  get(id: string): ArticleEntry | undefined {
    return this.byId.get(id);
  }

  /** Reads and validates the article's output file as it is now. */
  async load(id: string): Promise<{ entry: ArticleEntry; output: ArticleOutput }> {
    let entry = this.byId.get(id);
    if (!entry) throw new ArticleNotFoundError(`unknown article: ${id}`);
    let text: string;
    try {
      const info = await stat(entry.file);
      if (info.mtimeMs !== entry.mtimeMs || info.size !== entry.size) {
        await this.refresh();
        entry = this.byId.get(id);
        if (!entry) throw new ArticleNotFoundError(`unknown article: ${id}`);
      }
      text = await readFile(entry.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await this.refresh();
        throw new ArticleNotFoundError(`unknown article: ${id}`);
      }
      throw err;
    }
    const parsed = ArticleOutputSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${entry.rel} is not a valid article output: ${describeZodError(parsed.error)}`);
    if (parsed.data.article.id !== id) {
      await this.refresh();
      throw new ArticleNotFoundError(`unknown article: ${id}`);
    }
    return { entry, output: parsed.data };
  }

  private async scan(): Promise<void> {
    const files = await listOutputFiles(this.dir);
    const byFile = new Map<string, ArticleEntry>();
    const failed = new Map<string, { mtimeMs: number; size: number; message: string }>();
    for (const file of files) {
      let info;
      try {
        info = await stat(file);
      } catch {
        continue;
      }
      const known = this.byFile.get(file);
      if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) {
        byFile.set(file, known);
        continue;
      }
      const knownFailure = this.failed.get(file);
      if (knownFailure && knownFailure.mtimeMs === info.mtimeMs && knownFailure.size === info.size) {
        failed.set(file, knownFailure);
        continue;
      }
      try {
        const output = ArticleOutputSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!output.success) throw new Error(`not an article output: ${describeZodError(output.error)}`);
        byFile.set(file, this.entryOf(file, output.data, info.mtimeMs, info.size));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        failed.set(file, { mtimeMs: info.mtimeMs, size: info.size, message });
      }
    }
    const byId = new Map<string, ArticleEntry>();
    const problems: ScanProblem[] = [];
    for (const [file, failure] of failed) problems.push({ file: this.relOf(file), message: failure.message });
    for (const entry of byFile.values()) {
      const other = byId.get(entry.id);
      if (other) {
        problems.push({ file: entry.rel, message: `duplicate article id "${entry.id}" (also in ${other.rel}); skipped` });
        continue;
      }
      byId.set(entry.id, entry);
    }
    this.byFile = byFile;
    this.failed = failed;
    this.byId = byId;
    this.problems = problems.sort((a, b) => a.file.localeCompare(b.file));
  }

  private entryOf(file: string, output: ArticleOutput, mtimeMs: number, size: number): ArticleEntry {
    return {
      id: output.article.id,
      file,
      rel: this.relOf(file),
      path: output.article.path,
      lang: output.article.lang,
      title: headlineOf(output),
      chars: output.article.chars,
      sha256: output.article.sha256,
      quotes: output.quotes.map((q) => ({ id: q.id, start: q.start, end: q.end, text: q.text })),
      warnings: output.messages.filter((m) => m.severity !== 'info').length,
      quoteInfo: output.quotes.map((q) => ({ kind: q.kind, speaker: q.speaker ? { entityId: q.speaker.entityId, name: q.speaker.name } : null })),
      entities: output.entities.map((e) => ({
        id: e.id,
        type: e.type,
        name: e.name,
        names: [...new Set([e.name, ...(e.names.en ?? []), ...(e.names.ar ?? []), ...e.mentions.filter((m) => m.kind !== 'title').map((m) => m.text)])],
      })),
      mtimeMs,
      size,
    };
  }

  private relOf(file: string): string {
    return relative(this.dir, file).split(sep).join('/');
  }
}
