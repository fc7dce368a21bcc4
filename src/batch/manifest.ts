// manifest.json: written once at the end of a run from the entries streamed to
// a partial JSON-lines file, to a temporary file renamed over the target, so a
// reader never sees half a manifest. A stale manifest from an earlier run is
// removed when a run starts (under the folder lock), so that a run killed
// before it ends leaves no manifest claiming what is not on disk.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { SCHEMA_VERSION } from '../schema/output.ts';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_PARTIAL = '.manifest.jsonl.partial';

export interface ManifestTotals {
  articles: number;
  ok: number;
  failed: number;
  quotes: number;
  entities: number;
}

export interface ManifestExtras {
  /** The rules+gazetteers fingerprint of the run. */
  fingerprint?: string;
  /** True when a signal stopped the run before every article was taken. */
  interrupted?: boolean;
}

export async function writeManifest(outDir: string, totals: ManifestTotals, ms: number, extras: ManifestExtras = {}): Promise<string> {
  const partialPath = join(outDir, MANIFEST_PARTIAL);
  const finalPath = join(outDir, MANIFEST_NAME);
  const tmp = `${finalPath}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const summary = {
    articles: totals.articles,
    ok: totals.ok,
    failed: totals.failed,
    quotes: totals.quotes,
    entities: totals.entities,
    milliseconds: Math.round(ms),
    ...(extras.interrupted ? { interrupted: true } : {}),
  };
  await write(`{\n  "schemaVersion": ${JSON.stringify(SCHEMA_VERSION)},\n`);
  if (extras.fingerprint) await write(`  "fingerprint": ${JSON.stringify(extras.fingerprint)},\n`);
  await write(`  "summary": ${JSON.stringify(summary)},\n  "articles": [`);
  let first = true;
  const lines = createInterface({ input: createReadStream(partialPath), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    await write(`${first ? '\n' : ',\n'}    ${line}`);
    first = false;
  }
  await write(`${first ? '' : '\n  '}]\n}\n`);
  out.end();
  await once(out, 'close');
  await rename(tmp, finalPath);
  await rm(partialPath, { force: true });
  return finalPath;
}

/** Removes the manifest of an earlier run: until this run writes its own, none is better than a stale one. */
export async function removeManifest(outDir: string): Promise<void> {
  await rm(join(outDir, MANIFEST_NAME), { force: true });
}
