import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The first test of a file loads every rule and gazetteer file, which takes
    // seconds on a loaded two-core machine; no test asserts a time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
