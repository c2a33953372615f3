import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The manifest is the extension's promise to the browser: it may fetch any site the user
// points it at (host permissions), keep its watchdog alarm, build files offscreen and hand
// them to the downloads bar.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Novel Downloader',
    description: 'Download web novels chapter by chapter into EPUB and TXT files.',
    // Firefox has no offscreen documents: its background page builds files itself.
    permissions: ['storage', 'alarms', 'downloads', 'tabs', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['<all_urls>'],
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
