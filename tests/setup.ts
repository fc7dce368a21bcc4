// Runs before every test file (vitest.config.ts setupFiles).
import { beforeEach, expect } from 'vitest';

// A test with no assertion passes whatever the code does; make it fail instead.
beforeEach(() => {
  expect.hasAssertions();
});
