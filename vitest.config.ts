import { defineConfig } from 'vitest/config';

// Two tiers: unit tests of the engine in Node (fake-indexeddb stands in for the browser's), and
// browser tests that drive the built extension in Chromium; the Firefox tier runs on its own.
// `npm test` (scripts/test.ts) runs both tiers side by side. Most of a test's time is waiting on
// the demo site, a browser or epubcheck rather than computing, so each tier runs more test files
// at once than the machine has cores: 3 unit files, 2 browser files (each with its own Chromium
// and demo site). Books are checked by one warm epubcheck pool per tier (epubcheck-service.ts).
// Test files share their worker's loaded modules (isolate: false), which halves the CPU a run
// spends importing: a test file must leave no global state behind (fake timers restored, a
// module stand-in loaded afresh and dropped again as bounded-work.test.ts does, no global stubs),
// and each starts its own demo site, services and browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          globalSetup: ['test/fixtures/epubcheck-service.ts'],
          maxWorkers: 3,
          isolate: false,
          // A backstop for a test that hangs; no test's own bound depends on it.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/fixtures/epubcheck-service.ts'],
          maxWorkers: 2,
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The Firefox build in Firefox ESR (`npm run test:firefox`), driven over its debugging protocol.
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
