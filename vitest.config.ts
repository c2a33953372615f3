import { defineConfig } from 'vitest/config';

// Two tiers: fast unit tests of the engine in Node (fake-indexeddb stands in for the browser's),
// then browser tests that drive the built extension in Chromium, one file at a time; the Firefox
// tier runs on its own.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          // Engine tests run real downloads against the demo site; each states its own bound.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
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
