// `isnad extract --suggest FILE`: the entities found by rules (source 'rule'),
// which no gazetteer lists, written as gazetteer YAML to review and paste. The
// output files are read one at a time, so memory stays flat on large batches.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

interface Suggestion {
  id: string;
  type: string;
  names: Set<string>;
  roles: Set<string>;
  articles: Set<string>;
}

async function* outputFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* outputFiles(p);
    else if (e.isFile() && e.name.endsWith('.json') && e.name !== 'manifest.json') yield p;
  }
}

const q = (s: string) => JSON.stringify(s);

export function suggestionsYaml(list: Suggestion[]): string {
  const lines = [
    '# Entities found by rules that no gazetteer lists. Review each one: give it its',
    '# English name (name: and names.en), check the id, the type and the roles (add',
    '# from:/to: years), then paste it into a file of gazetteers/.',
    'entities:',
  ];
  for (const s of list) {
    lines.push(`  # seen in: ${[...s.articles].sort().join(', ')}`);
    if (s.roles.size) lines.push(`  # roles seen: ${[...s.roles].join(' · ')}`);
    const names = [...s.names];
    lines.push(`  - id: ${s.id}`);
    lines.push(`    type: ${s.type}`);
    lines.push(`    name: ${q(names[0] ?? s.id)}  # TODO: English name`);
    lines.push('    names:');
    lines.push(`      ar: [${names.map(q).join(', ')}]`);
    lines.push('      en: []');
    if (s.roles.size) {
      lines.push('    roles:');
      for (const r of s.roles) lines.push(`      - ar: [${q(r)}]`);
    }
  }
  if (!list.length) lines.push('  []');
  return lines.join('\n').replace('entities:\n  []', 'entities: []') + '\n';
}

export async function writeSuggestions(outDir: string, file: string): Promise<number> {
  const byId = new Map<string, Suggestion>();
  for await (const path of outputFiles(outDir)) {
    let out: { article?: { path?: string }; entities?: Array<{ id: string; type: string; name: string; names?: { ar?: string[] }; source?: string; roles?: string[] }> };
    try {
      out = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      continue;
    }
    const article = out.article?.path ?? relative(outDir, path);
    for (const e of out.entities ?? []) {
      if (e.source !== 'rule') continue;
      let s = byId.get(e.id);
      if (!s) byId.set(e.id, (s = { id: e.id, type: e.type, names: new Set(), roles: new Set(), articles: new Set() }));
      s.names.add(e.name);
      for (const n of e.names?.ar ?? []) s.names.add(n);
      for (const r of e.roles ?? []) s.roles.add(r);
      s.articles.add(article);
    }
  }
  const list = [...byId.values()].sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  await writeFile(file, suggestionsYaml(list), 'utf8');
  return list.length;
}
