import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The manifest is the extension's promise to the browser: it may fetch any site the user
// points it at (host permissions), keep its watchdog alarm, build files offscreen, hand them
// to the downloads bar and say when they are done.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    // Words come from public/_locales/<lang>/messages.json, picked by the browser's language.
    name: '__MSG_appName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Firefox has no offscreen documents: its background page builds files itself.
    // `downloads.open` lets the popup open a finished book; `notifications` says when one is done.
    // `unlimitedStorage` stays: every chapter waits in IndexedDB until the file is made (hundreds
    // of MB for a long book), and without it that data is best-effort storage, capped at the
    // origin's share of the disk and evicted when the disk runs low, i.e. a download could lose
    // its stored chapters halfway. With it only a full disk refuses a write (code `storage`),
    // and the watchdog resumes whatever could not record its end (lib/service/task-manager.ts).
    permissions: [
      'storage',
      'alarms',
      'downloads',
      'downloads.open',
      'notifications',
      'tabs',
      'unlimitedStorage',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: ['<all_urls>'],
  }),
  // The sources zip (for add-on stores' review) needs the code, not benchmarks or pictures.
  zip: {
    excludeSources: ['bench/**', 'docs/**', '.tmp/**'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
