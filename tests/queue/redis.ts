// A throwaway redis-server for the queue tests: a free local port, persistence off, stopped after.
// Without redis-server installed the tests are skipped with a message, except under CI, where
// they fail (.ci/run installs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export const REDIS_BIN = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim() || null;
export const CI = process.env.CI === 'true' || process.env.CI === '1';
/** True when these tests should be skipped: no redis-server, and not under CI. */
export const SKIP_REDIS = !REDIS_BIN && !CI;
if (SKIP_REDIS) {
  process.stderr.write('queue tests skipped: redis-server is not installed (apt-get install redis-server; .ci/run installs it, and under CI=true these tests fail instead)\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_BIN) throw new Error('redis-server is not installed (CI=true: the queue tests must run; .ci/run installs it)');
  const port = await freePort();
  const proc: ChildProcess = spawn(REDIS_BIN, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}/0`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    r.on('error', () => undefined);
    try {
      await r.connect();
      await r.ping();
      r.disconnect();
      break;
    } catch {
      r.disconnect();
      if (Date.now() > deadline || proc.exitCode !== null) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}`);
      }
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  return {
    url,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
