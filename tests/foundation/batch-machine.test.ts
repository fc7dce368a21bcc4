// The batch state machine: each state's failure ends in 'failed' with an error naming that state;
// without failures it ends in 'done' with a manifest.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActor, fromPromise, toPromise } from 'xstate';
import { batchMachine, runBatch, BatchError, type BatchOptions } from '../../src/batch/batch.ts';
import { loadResources, type ResourceCheck, type Resources } from '../../src/resources.ts';
import { fileURLToPath } from 'node:url';

// Entities are not needed here: an empty gazetteer folder keeps loading quick.
const NO_GAZETTEERS = fileURLToPath(new URL('./fixtures/no-gazetteers', import.meta.url));

const T = mkdtempSync(join(tmpdir(), 'isnad-batch-'));
afterAll(() => rmSync(T, { recursive: true, force: true }));
const resources = loadResources({ gazetteersDir: NO_GAZETTEERS });
const input = join(T, 'in');
mkdirSync(input);
writeFileSync(join(input, 'one.txt'), 'قال الوزير إن الحوار مستمر.\n');
let n = 0;
const options = (extra: Partial<BatchOptions> = {}): BatchOptions => ({
  inputs: [input],
  outDir: join(T, `out-${n++}`),
  jobs: 1,
  article: {},
  resources: {},
  preloaded: resources,
  ...extra,
});

const boom = fromPromise(async (): Promise<never> => {
  throw new Error('boom');
});

async function run(machine: typeof batchMachine, opts: BatchOptions) {
  const actor = createActor(machine, { input: opts });
  actor.start();
  const output = await toPromise(actor);
  return { state: actor.getSnapshot().value, output };
}

describe('batchMachine', () => {
  it("a failing loadResources ends in 'failed' with an error naming load-resources", async () => {
    const opts = options();
    const machine = batchMachine.provide({
      actors: {
        loadResources: fromPromise<Resources | ResourceCheck, BatchOptions>(async () => {
          throw new Error('boom');
        }),
      },
    });
    const { state, output } = await run(machine, opts);
    expect(state).toBe('failed');
    expect(output.summary).toBeNull();
    expect(output.error).toMatchObject({ stage: 'load-resources', message: 'boom' });
    // Nothing was processed or written.
    expect(existsSync(opts.outDir)).toBe(false);
  });

  it.each([
    ['processArticles', 'process-articles'],
    ['writeManifest', 'write-manifest'],
  ] as const)("a failing %s ends in 'failed' with an error naming %s", async (actorName, stage) => {
    const opts = options();
    const { state, output } = await run(batchMachine.provide({ actors: { [actorName]: boom } }), opts);
    expect(state).toBe('failed');
    expect(output.error).toMatchObject({ stage, message: 'boom' });
    expect(existsSync(join(opts.outDir, 'manifest.json'))).toBe(false);
  });

  it("without failures it ends in 'done' with a summary and manifest.json", async () => {
    const opts = options();
    const { state, output } = await run(batchMachine, opts);
    expect(state).toBe('done');
    expect(output.error).toBeNull();
    expect(output.summary).toMatchObject({ articles: 1, ok: 1, failed: 0, manifest: join(opts.outDir, 'manifest.json') });
    const manifest = JSON.parse(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8'));
    expect(manifest.articles.map((e: { path: string; status: string }) => [e.path, e.status])).toEqual([['one.txt', 'ok']]);
    expect(existsSync(join(opts.outDir, 'one.json'))).toBe(true);
    expect(existsSync(join(opts.outDir, '.manifest.jsonl.partial'))).toBe(false);
  });

  it('runBatch turns a failed machine into a BatchError naming the state', async () => {
    const opts = options({ preloaded: undefined, resources: { rulesDir: join(T, 'no-such-rules') } });
    const err = await runBatch(opts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BatchError);
    expect((err as BatchError).stage).toBe('load-resources');
  });
});

describe('runBatch: every article gets its own output file', () => {
  const collide = (name: string, files: Record<string, string>) => {
    const dir = join(T, name);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  };

  it('distinct relative paths give distinct outputs (control)', async () => {
    const dir = collide('distinct', { 'x.txt': 'قال الوزير إن الحوار مستمر.', 'sub/x.txt': 'The minister said talks continue.' });
    const opts = options({ inputs: [dir] });
    await runBatch(opts);
    const m = JSON.parse(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8')) as { articles: Array<{ output: string }> };
    expect(m.articles.map((e) => e.output).sort()).toEqual(['sub/x.json', 'x.json']);
  });

  // x.txt and x.html in one folder, or x.txt in two input folders, would write the same x.json:
  // the later article fails instead of overwriting the earlier one.
  it.each([
    ['x.txt and x.html in one folder', () => [collide('ext', { 'x.txt': 'قال الوزير إن الحوار مستمر.', 'x.html': '<p>The minister said talks continue.</p>' })]],
    ['x.txt in two input folders', () => [collide('two-a', { 'x.txt': 'قال الوزير إن الحوار مستمر.' }), collide('two-b', { 'x.txt': 'The minister said talks continue.' })]],
  ])('%s', async (_name, inputs) => {
    const opts = options({ inputs: inputs() });
    await runBatch(opts);
    const m = JSON.parse(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8')) as {
      articles: Array<{ output: string | null; status: string; error: { stage: string; message: string } | null }>;
    };
    expect(m.articles).toHaveLength(2);
    expect(m.articles[0]!.status).toBe('ok');
    expect(m.articles[1]!.status).toBe('failed');
    expect(m.articles[1]!.error!.stage).toBe('write-output');
    expect(m.articles[1]!.error!.message).toMatch(/x\.json/);
  });

  // With --jobs N the workers hand each output's text to the main thread, which writes it: a write
  // that fails there is the article's failure (write-output), as in one job, and the batch goes on.
  it.each([1, 2])('an output that cannot be written fails its article, with --jobs %i, and leaves no temporary file', async (jobs) => {
    const dir = collide(`unwritable-${jobs}`, { 'a.txt': 'قال الوزير إن الحوار مستمر.', 'b.txt': 'The minister said talks continue.' });
    const opts = options({ inputs: [dir], jobs, resources: { gazetteersDir: NO_GAZETTEERS }, ...(jobs > 1 ? { preloaded: undefined } : {}) });
    // a.json is taken by a folder that holds a file: renaming the output over it fails.
    mkdirSync(join(opts.outDir, 'a.json'), { recursive: true });
    writeFileSync(join(opts.outDir, 'a.json', 'keep.txt'), 'keep me');
    const summary = await runBatch(opts);
    expect(summary).toMatchObject({ articles: 2, ok: 1, failed: 1 });
    const m = JSON.parse(readFileSync(join(opts.outDir, 'manifest.json'), 'utf8')) as {
      articles: Array<{ path: string; output: string | null; status: string; error: { stage: string; message: string } | null }>;
    };
    expect(m.articles.map((e) => [e.path, e.status, e.error?.stage ?? null])).toEqual([
      ['a.txt', 'failed', 'write-output'],
      ['b.txt', 'ok', null],
    ]);
    expect(JSON.parse(readFileSync(join(opts.outDir, 'b.json'), 'utf8')).article.path).toBe('b.txt');
    expect(readdirSync(opts.outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(opts.outDir, 'a.json', 'keep.txt'), 'utf8')).toBe('keep me');
  });
});
