// Shared set-up of the review tests: a fresh copy of the fixture output folder per
// test, and a review server on an ephemeral port of 127.0.0.1.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { ArticleOutputSchema, type ArticleOutput } from '../../src/schema/output.ts';
import { startReviewServer, type ReviewServer } from '../../src/review/command.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'output');
export const AR_ID = '000_3d9604a9e474a807';
export const EN_ID = 'en-001-border-talks';
export const AR_FILE = '000_3d9604a9e474a807.json';
export const EN_FILE = 'en/en-001-border-talks.json';

export function fixtureOutput(file: string): ArticleOutput {
  return ArticleOutputSchema.parse(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
}

export interface Workspace {
  dir: string;
  cleanup(): void;
}

export function copyFixtures(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'isnad-review-'));
  const dir = join(root, 'output');
  cpSync(FIXTURES, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export async function start(dir: string): Promise<ReviewServer> {
  return startReviewServer({ dir, port: 0, host: '127.0.0.1', reviewer: 'tester' });
}

export interface JsonResponse {
  status: number;
  body: any;
  headers: Headers;
}

export async function api(server: ReviewServer, method: string, path: string, body?: unknown): Promise<JsonResponse> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(new URL(path, server.url), init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A raw request, for what fetch will not send (a path with "..", a Host header, a chunked body). */
export function rawRequest(
  server: ReviewServer,
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

export const reviewPath = (articleId: string, quoteId: string) =>
  `/api/articles/${encodeURIComponent(articleId)}/quotes/${encodeURIComponent(quoteId)}/review`;
