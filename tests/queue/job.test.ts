// What a job carries and how a failed job reads back as a manifest entry; no Redis needed.
import { describe, expect, it } from 'vitest';
import { failedEntryOf, jobIdOf, type ArticleJobData } from '../../src/queue/job.ts';
import { queueTarget, shownUrl } from '../../src/queue/connection.ts';

const data: ArticleJobData = { abs: '/in/a.txt', rel: 'a.txt', size: 10, sha256: 'ab'.repeat(32), outDir: '/out', article: {}, fingerprint: 'sha256:00' };

describe('jobIdOf', () => {
  it('is the same for the same article, output folder and rules, and holds no colon (BullMQ refuses one)', () => {
    expect(jobIdOf({ ...data })).toBe(jobIdOf(data));
    expect(jobIdOf(data)).toMatch(/^[0-9a-f]{40}$/);
  });
  it.each([
    ['other bytes', { sha256: 'cd'.repeat(32) }],
    ['another output folder', { outDir: '/out2' }],
    ['other rules', { fingerprint: 'sha256:01' }],
    ['another path', { rel: 'b.txt' }],
    ['--force', { article: { force: true } }],
  ])('differs with %s', (_name, change) => {
    expect(jobIdOf({ ...data, ...change })).not.toBe(jobIdOf(data));
  });
});

describe('failedEntryOf', () => {
  it.each([
    ['decode: binary file: NUL byte at offset 0', 'decode', 'binary file: NUL byte at offset 0'],
    ['find-quotes: a: b', 'find-quotes', 'a: b'],
  ])('"%s" names the stage and the reason', (reason, stage, message) => {
    expect(failedEntryOf('x.txt', reason, 1, 5)).toEqual({ path: 'x.txt', output: null, status: 'failed', error: { stage, message }, lang: null, counts: null, milliseconds: 5 });
  });
  it("BullMQ's own reason (a job that stalled too often) is a failure of the worker stage, with the attempts", () => {
    expect(failedEntryOf('x.txt', 'job stalled more than allowable limit', 3, 0).error).toEqual({
      stage: 'worker',
      message: 'job stalled more than allowable limit (the worker died or lost its lock 3 times)',
    });
  });
});

describe('queueTarget', () => {
  it.each([undefined, 'http://host:6379', 'localhost:6379', 'redis//x'])('refuses %s', (url) => {
    expect(() => queueTarget(url, undefined)).toThrow(/--queue/);
  });
  it('takes redis:// and rediss:// URLs, a queue name of safe characters, and hides a password in messages', () => {
    expect(queueTarget('redis://127.0.0.1:6379/2', undefined)).toEqual({ url: 'redis://127.0.0.1:6379/2', name: 'isnad' });
    expect(queueTarget('rediss://h:1/0', 'batch-2026.12')).toEqual({ url: 'rediss://h:1/0', name: 'batch-2026.12' });
    expect(() => queueTarget('redis://h:1/0', 'a:b')).toThrow(/--queue-name/);
    expect(shownUrl('redis://:secret@h:6379/0')).toBe('redis://***@h:6379/0');
  });
});
