// A cache on disk of what the YAML data files hold once parsed and validated,
// so that a run does not parse and validate rules/ and gazetteers/ again when
// neither they nor the code changed. One entry per data file, named by a hash
// of its path and keyed by a hash of the code version, the path and the file's
// bytes: any change to the file or to the code misses, and the entry is
// replaced. Entries are written atomically (temporary file, then rename); an
// entry that cannot be read is ignored and rebuilt. The cache is only a
// shortcut: with it off (ISNAD_CACHE=off) every run parses everything. Entries are JSON (the
// data is plain JSON once validated, and JSON.parse reads it several times faster than
// v8.deserialize).
//
// Where: $ISNAD_CACHE_DIR, else node_modules/.cache/isnad in the project, else
// isnad-cache in the system's temporary folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PROJECT_ROOT, RUNNING_BUILT } from './project-root.ts';

/** Bumped when the form of a cache entry changes. */
const FORMAT = 3;

function cacheDir(): string | null {
  const setting = process.env.ISNAD_CACHE;
  if (setting === 'off' || setting === '0' || setting === 'false') return null;
  if (process.env.ISNAD_CACHE_DIR) return process.env.ISNAD_CACHE_DIR;
  const modules = join(PROJECT_ROOT, 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'isnad') : join(tmpdir(), 'isnad-cache');
}

let version: string | undefined;
/**
 * The code's version, as far as the cache is concerned: the build stamp of dist/ when running
 * the build, otherwise the newest modification time under src/ (the sources run through tsx).
 */
export function codeVersion(): string {
  if (version !== undefined) return version;
  if (RUNNING_BUILT) {
    try {
      return (version = `built ${readFileSync(join(PROJECT_ROOT, 'dist', 'BUILT'), 'utf8').trim()}`);
    } catch {
      // Fall through: a bundle without its stamp (a test build) keys by the sources.
    }
  }
  let newest = 0;
  const src = join(PROJECT_ROOT, 'src');
  for (const e of readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const m = statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs;
    if (m > newest) newest = m;
  }
  return (version = `sources ${newest}`);
}

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

export interface CachedData<T> {
  /** The data when the cache held it for exactly these bytes and this code; undefined otherwise. */
  value: T | undefined;
  /** Stores the data for these bytes (never throws: a cache that cannot be written is skipped). */
  store(value: T): void;
}

export const digestOf = (s: string | Uint8Array): string => sha256(s);

/**
 * The cache entry named `name` (a data file's absolute path, or the name of something compiled
 * from several), valid for `contentKey` (a digest of everything it was made from) and this code.
 */
export function cachedData<T>(name: string, contentKey: string): CachedData<T> {
  const dir = cacheDir();
  if (!dir) return { value: undefined, store: () => {} };
  const entry = join(dir, `${sha256(name).slice(0, 32)}.json`);
  const key = sha256(`${FORMAT}\u0000${codeVersion()}\u0000${name}\u0000${contentKey}`);
  let value: T | undefined;
  try {
    const held = JSON.parse(readFileSync(entry, 'utf8')) as { key: string; value: T };
    if (held.key === key) value = held.value;
  } catch {
    // No entry yet, or one that cannot be read: parsed again and replaced.
  }
  return {
    value,
    store(v: T) {
      const tmp = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, JSON.stringify({ key, value: v }));
        renameSync(tmp, entry);
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}

/** Thrown by toPlain for a value JSON cannot carry (a function, a class instance). */
export class NotPlainData extends Error {}

/**
 * A form of `value` that JSON carries: Maps and Sets become tagged arrays ({"$map": [[k, v]...]},
 * {"$set": [...]}), everything else must be JSON already (plain objects, arrays, strings, finite
 * numbers, booleans, null; undefined properties are dropped). fromPlain reverses it.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotPlainData(`number ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [toPlain(k), toPlain(v)]) };
  if (value instanceof Set) return { $set: [...value].map(toPlain) };
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v);
    return out;
  }
  throw new NotPlainData(typeof value === 'object' ? `an instance of ${value?.constructor?.name ?? 'a class'}` : typeof value);
}

export function fromPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fromPlain(value[i]);
    return value;
  }
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.$map)) {
    const m = new Map();
    for (const [k, v] of o.$map as Array<[unknown, unknown]>) m.set(fromPlain(k), fromPlain(v));
    return m;
  }
  if (Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map(fromPlain));
  for (const k in o) o[k] = fromPlain(o[k]);
  return o;
}
