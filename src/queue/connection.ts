// Where a distributed batch lives: a Redis URL (redis://HOST:PORT/N) and a
// queue name. BullMQ keeps the jobs; isnad keeps one key beside them, the
// rules+gazetteers fingerprint of the producer, so that a worker with other
// rules refuses to start.
import { Redis } from 'ioredis';
import { UsageError } from '../batch/discover.ts';

export const DEFAULT_QUEUE_NAME = 'isnad';
export const JOB_NAME = 'article';

export interface QueueTarget {
  url: string;
  name: string;
}

/** The queue options every command shares; throws a UsageError for a URL that is not redis:// or rediss://. */
export function queueTarget(url: string | undefined, name: string | undefined): QueueTarget {
  if (!url) throw new UsageError('--queue redis://HOST:PORT/N is required');
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--queue must be a redis:// URL (redis://HOST:PORT/N), not '${url}'`);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--queue is not a valid URL: '${url}'`);
  }
  const n = name ?? DEFAULT_QUEUE_NAME;
  if (!/^[A-Za-z0-9._-]+$/.test(n)) throw new UsageError(`--queue-name may hold letters, digits, '.', '_' and '-' only, not '${n}'`);
  return { url, name: n };
}

/** BullMQ connection options: its blocking commands need maxRetriesPerRequest null. */
export function connectionOf(t: QueueTarget) {
  return { url: t.url, maxRetriesPerRequest: null };
}

/** The URL without a password, for messages. */
export function shownUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/** Fails fast with a clear message when Redis cannot be reached (BullMQ would retry for ever). */
export async function checkReachable(t: QueueTarget): Promise<void> {
  const r = new Redis(t.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000, enableOfflineQueue: false });
  // The 'error' event carries the cause (ECONNREFUSED, ENOTFOUND); the rejection only says the connection closed.
  let cause: Error | null = null;
  r.on('error', (err: Error) => (cause ??= err));
  try {
    await r.connect();
    await r.ping();
  } catch (err) {
    throw new UsageError(`cannot reach Redis at ${shownUrl(t.url)}: ${(cause ?? (err as Error)).message || String(err)}`);
  } finally {
    r.disconnect();
  }
}

/** The key holding the producer's fingerprint, beside BullMQ's keys of the queue. */
export function fingerprintKey(t: QueueTarget): string {
  return `bull:${t.name}:isnad-fingerprint`;
}

export async function withRedis<T>(t: QueueTarget, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(t.url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    return await fn(r);
  } finally {
    r.disconnect();
  }
}
