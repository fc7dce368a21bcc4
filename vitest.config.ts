import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test must make an assertion: a test that asserts nothing cannot fail.
    setupFiles: ['tests/setup.ts'],
    // Note: the machine running the suite may be shared and slow; a timeout inside a
    // parked (it.fails) case would count as the expected failure, so allow ample time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
