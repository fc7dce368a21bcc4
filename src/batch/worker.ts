// A worker thread of `isnad extract --jobs N`: loads the resources once, then
// extracts the articles the main thread sends it, one message each.
import { parentPort, workerData } from 'node:worker_threads';
import { loadResources, type ResourceOptions } from '../resources.ts';
import { runOne, type ArticleFile } from './run-one.ts';
import type { ArticleOptions } from '../process-article.ts';

interface WorkerInit {
  resources: ResourceOptions;
  outDir: string;
  article: ArticleOptions;
}

const init = workerData as WorkerInit;
const ctx = { resources: loadResources(init.resources) };
parentPort!.on('message', async (msg: { seq: number; file: ArticleFile }) => {
  const entry = await runOne(msg.file, init.outDir, ctx, init.article);
  parentPort!.postMessage({ seq: msg.seq, entry });
});
parentPort!.postMessage({ ready: true });
