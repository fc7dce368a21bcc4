// Heavy resources — rule tables, the compiled gazetteer, language profiles —
// are built once per run and handed to every stage in the context; nothing
// here is rebuilt per article.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './util/project-root.ts';
import { rulesFingerprint } from './batch/fingerprint.ts';
import { cachedData, digestOf, fromPlain, NotPlainData, toPlain } from './util/data-cache.ts';
import type { Lang } from './schema/output.ts';
import { BoilerplateFileSchema, LanguageFileSchema, type LanguageFile } from './schema/rules.ts';
import { GazetteerFileSchema, type GazetteerEntry, type GazetteerFile } from './schema/gazetteer.ts';
import { DataFileError, displayPath, loadYamlFile, type DataProblem } from './util/load-yaml.ts';
import { compileBoilerplateRules, type BoilerplateRules } from './stages/mark-boilerplate.ts';
import { compileGazetteer, packTrie, unpackTrie, type Gazetteer, type PackedTrie } from './entities/gazetteer.ts';
import type { LanguageProfile, ProfileInputs, StageResources } from './lang/profile.ts';
import { ProblemCollector } from './util/problems.ts';

export { ProblemCollector };
export type { ProfileInputs };
import { createArabicProfile } from './lang/ar/profile.ts';
import { createEnglishProfile } from './lang/en/profile.ts';
import { loadDateRules, type DateRules } from './stages/read-dateline.ts';

export { PROJECT_ROOT };

export interface ResourceOptions {
  rulesDir?: string;
  gazetteersDir?: string;
}

export interface Resources extends StageResources {
  rulesDir: string;
  gazetteersDir: string;
  boilerplate: BoilerplateRules;
  gazetteer: Gazetteer;
  profiles: Record<Lang, LanguageProfile>;
  /** Month names and dateline patterns (rules/<lang>/dates.yaml). */
  dates: Record<Lang, DateRules>;
  /** Problems that do not stop the run (e.g. one name on two entities). */
  warnings: string[];
}



/**
 * The gazetteer compiled from its files, taken from the data cache when the files, the language
 * settings and the code are those it was compiled from (with the warnings the compile gave): at
 * start-up, reading the compiled trie costs a fraction of compiling ten thousand names again.
 * Entries are the files' own objects, so only the trie and the tables built from it are stored.
 */
function compiledGazetteer(
  dir: string,
  files: Array<{ file: string; data: GazetteerFile; locate: (path: PropertyKey[]) => { line: number; col: number }; digest: string }>,
  settings: Record<Lang, LanguageFile>,
  warnings: string[],
): Gazetteer {
  const made = digestOf(files.map((f) => `${f.file}\u0000${f.digest}`).join('\u0000') + JSON.stringify(settings));
  const cache = cachedData<{ compiled: unknown; trie?: PackedTrie; warnings: string[] }>(`gazetteer ${dir}`, made);
  if (cache.value) {
    const { entries: _e, ...rest } = fromPlain(cache.value.compiled) as Omit<Gazetteer, 'entries'> & { entries?: never };
    if (cache.value.trie) rest.root = unpackTrie(cache.value.trie);
    const entries = new Map<string, GazetteerEntry>();
    // The first entry of an id wins, as in the compile (a duplicate id is an error there).
    for (const f of files) for (const e of f.data.entities) if (!entries.has(e.id)) entries.set(e.id, e);
    for (const w of cache.value.warnings) warnings.push(w);
    return { ...rest, entries };
  }
  const own: string[] = [];
  const gazetteer = compileGazetteer(files, settings, own);
  for (const w of own) warnings.push(w);
  try {
    const { entries: _e, ...rest } = gazetteer;
    // The trie packed (see packTrie), the small tables as plain JSON.
    const trie = packTrie(rest.root);
    cache.store(trie ? { compiled: toPlain({ ...rest, root: undefined }), trie, warnings: own } : { compiled: toPlain(rest), warnings: own });
  } catch (err) {
    // A compiled form that JSON cannot carry is compiled on every run instead.
    if (!(err instanceof NotPlainData)) throw err;
  }
  return gazetteer;
}

export function loadResources(opts: ResourceOptions = {}): Resources {
  const rulesDir = resolve(opts.rulesDir ?? join(PROJECT_ROOT, 'rules'));
  const gazetteersDir = resolve(opts.gazetteersDir ?? join(PROJECT_ROOT, 'gazetteers'));
  const collector = new ProblemCollector();
  const langs: Lang[] = ['ar', 'en'];
  // A rules folder that is not there is one problem, not one per file it should hold.
  if (!existsSync(rulesDir)) throw new DataFileError([{ file: displayPath(rulesDir), line: 0, col: 0, path: '', message: 'no such rules folder' }]);

  const settings = {} as Record<Lang, LanguageFile>;
  const boilerplateFiles = [];
  for (const lang of langs) {
    const s = collector.run(() => loadYamlFile(join(rulesDir, lang, 'language.yaml'), LanguageFileSchema).data);
    if (s) settings[lang] = s;
    const b = collector.run(() => loadYamlFile(join(rulesDir, lang, 'boilerplate.yaml'), BoilerplateFileSchema).data);
    if (b) boilerplateFiles.push(b);
  }

  const gazetteerFiles: Array<{ file: string; data: GazetteerFile; locate: (path: PropertyKey[]) => { line: number; col: number }; digest: string }> = [];
  const warnings: string[] = [];
  if (existsSync(gazetteersDir)) {
    for (const name of readdirSync(gazetteersDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const file = join(gazetteersDir, name);
      const loaded = collector.run(() => loadYamlFile(file, GazetteerFileSchema));
      if (loaded) gazetteerFiles.push({ file, ...loaded });
      // An empty file is valid YAML but most likely a mistake (a truncated or unsaved file).
      if (loaded && !loaded.data.entities.length && !loaded.data.demonyms.length) warnings.push(`${displayPath(file)}: empty gazetteer file (no entities, no demonyms)`);
    }
  } else if (opts.gazetteersDir !== undefined) {
    // Asked for by name: running without gazetteers would be silent and wrong.
    collector.problems.push({ file: displayPath(gazetteersDir), line: 0, col: 0, path: '', message: 'no such gazetteers folder' });
  }
  collector.throwIfAny();

  const gazetteer = collector.run(() => compiledGazetteer(gazetteersDir, gazetteerFiles, settings, warnings));
  collector.throwIfAny();

  const profiles = {
    ar: collector.run(() => createArabicProfile({ rulesDir, settings: settings.ar, collector, gazetteer: gazetteer! })),
    en: collector.run(() => createEnglishProfile({ rulesDir, settings: settings.en, collector, gazetteer: gazetteer! })),
  };
  const dates = {
    ar: collector.run(() => loadDateRules(rulesDir, 'ar')),
    en: collector.run(() => loadDateRules(rulesDir, 'en')),
  };
  collector.throwIfAny();

  return {
    rulesDir,
    gazetteersDir,
    boilerplate: compileBoilerplateRules(boilerplateFiles),
    gazetteer: gazetteer!,
    profiles: profiles as Record<Lang, LanguageProfile>,
    dates: dates as Record<Lang, DateRules>,
    warnings,
  };
}

/**
 * What the main thread of a run needs when worker threads do the extracting (--jobs N): where the
 * resources are, and the warnings their load gives. The workers load the resources themselves.
 */
export interface ResourceCheck {
  rulesDir: string;
  gazetteersDir: string;
  warnings: string[];
}

/**
 * Checks that the resources load, without loading them when they loaded before: the data cache
 * keeps a note of every set of rules and gazetteers that loaded without problems (keyed by their
 * fingerprint, every file's bytes, and by the code and the working folder, which warnings name
 * files relative to), with its warnings. Otherwise they are loaded, which throws DataFileError
 * when they are invalid, and the note is written. With --jobs 2 the main thread loaded everything
 * only to validate it and print its warnings: 0.25 s of CPU before any worker started, and the
 * compiled resources kept in memory for the whole run.
 */
export function checkResources(opts: ResourceOptions = {}): ResourceCheck {
  const rulesDir = resolve(opts.rulesDir ?? join(PROJECT_ROOT, 'rules'));
  const gazetteersDir = resolve(opts.gazetteersDir ?? join(PROJECT_ROOT, 'gazetteers'));
  // A rules folder that is not there has no fingerprint to go by: the load says what is wrong.
  if (!existsSync(rulesDir)) return loadResources(opts);
  const key = `${rulesFingerprint({ rulesDir, gazetteersDir })}\u0000${opts.gazetteersDir !== undefined}\u0000${process.cwd()}`;
  const note = cachedData<{ warnings: string[] }>(`resources checked ${rulesDir}\u0000${gazetteersDir}`, key);
  if (note.value && Array.isArray(note.value.warnings)) return { rulesDir, gazetteersDir, warnings: note.value.warnings };
  const { warnings } = loadResources(opts);
  note.store({ warnings });
  return { rulesDir, gazetteersDir, warnings };
}
