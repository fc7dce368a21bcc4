// The compiled gazetteer (stub until the entity issue fills it in).
import type { GazetteerEntry, GazetteerFile } from '../schema/gazetteer.ts';
import type { LanguageFile } from '../schema/rules.ts';
import type { Lang } from '../schema/output.ts';

export interface Gazetteer {
  entries: Map<string, GazetteerEntry>;
}

export function compileGazetteer(
  files: Array<{ file: string; data: GazetteerFile; locate: (path: PropertyKey[]) => { line: number; col: number } }>,
  _settings: Record<Lang, LanguageFile>,
  _warnings: string[],
): Gazetteer {
  const entries = new Map<string, GazetteerEntry>();
  for (const f of files) for (const e of f.data.entities) entries.set(e.id, e);
  return { entries };
}
