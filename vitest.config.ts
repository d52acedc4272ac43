// Test runner settings: real parts are slow to start, so allow generous timeouts. One test file per
// core at once (vitest's default leaves one core out: on 2 cores, one file at a time): the tests
// mostly wait on subprocesses, OCR workers and a browser, so two files share two cores well.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A poll waits for a state the code reaches eventually; vitest's 1 s default is a timing
    // margin that a loaded 2-core machine misses (the page's model list after a download did).
    expect: { poll: { timeout: 15_000 } },
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ["tests/global-setup.ts"],
  },
});
