// Builds dist/ from src/ with esbuild, so the command line starts without
// transpiling TypeScript (tsx) on every run: one bundle for the command line
// and one for the worker threads of --jobs, with the commands that are rarely
// used (kb, queue, review, eval) and compromise's English parser split into
// chunks that load only when used. Run by `npm ci` (the prepare script) and by
// `npm run build`; bin/isnad.js falls back to the sources when dist/ is older
// than src/.
import { build } from 'esbuild';
import { rm, writeFile, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

/** The newest modification time under a folder, in ms. */
export async function newestMtime(dir) {
  let newest = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const m = (await stat(join(e.parentPath ?? e.path, e.name))).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

/**
 * zod re-exports every language of its error messages as `z.locales` (48 files, 370 kB of the
 * 765 kB zod bundles), which no code here uses: messages are in English, which zod configures
 * itself from its own en.js. Bundled, they were compiled at every start and in every worker of
 * --jobs N; here `locales` holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

await rm(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts', worker: 'src/batch/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Native addons and the packages that load them stay in node_modules. @duckdb/node-api is
  // plain JavaScript and is bundled: loaded from node_modules, its 120 CommonJS files cost
  // about 0.25 s of CPU at each start (Node's export scan of each, file look-ups); only
  // @duckdb/node-bindings, which loads the native library, stays outside.
  external: ['@duckdb/node-bindings', 'bullmq', 'ioredis', 'playwright-core', 'tsx', 'esbuild'],
  // Some bundled packages are CommonJS and call require() for Node's own modules.
  banner: { js: "import { createRequire as __isnadRequire } from 'node:module'; const require = __isnadRequire(import.meta.url);" },
  sourcemap: 'linked',
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});
// What bin/isnad.js compares with src/ to see that dist/ is current.
await writeFile(join(dist, 'BUILT'), `${new Date().toISOString()}\n`);
