// A worker thread of `isnad extract --jobs N`: loads the resources once, then
// extracts the articles the main thread sends it, one message each, and hands each output's text
// back to the main thread, which writes it (see worker-pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadResources, type ResourceOptions } from '../resources.ts';
import { extractOne, type ArticleFile } from './run-one.ts';
import type { ArticleOptions } from '../process-article.ts';

interface WorkerInit {
  resources: ResourceOptions;
  outDir: string;
  article: ArticleOptions;
}

const init = workerData as WorkerInit;
const ctx = { resources: loadResources(init.resources) };
const encoder = new TextEncoder();
parentPort!.on('message', (msg: { seq: number; file: ArticleFile }) => {
  const { result, pending } = extractOne(msg.file, init.outDir, ctx, init.article);
  if (!pending) return parentPort!.postMessage({ seq: msg.seq, entry: result });
  // The text goes as UTF-8 bytes whose buffer is transferred, not copied: posting the string
  // (some 40 kB, two bytes a character once it holds Arabic) cost each worker about 1 ms an article.
  const bytes = encoder.encode(pending.text as string);
  parentPort!.postMessage({ seq: msg.seq, entry: result, output: { rel: pending.rel, text: bytes } }, [bytes.buffer]);
});
parentPort!.postMessage({ ready: true });
