import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Firefox needs a fixed add-on id (storage and temporary installs are keyed by it) and, for
// new add-ons, a declaration of the data it collects: none, it only fetches pages for the user.
const FIREFOX_SETTINGS = {
  gecko: {
    id: 'novel-downloader@extension',
    // 140: the first Firefox that knows data_collection_permissions (and an ESR).
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  },
  // Firefox for Android learnt data_collection_permissions in 142.
  gecko_android: { strict_min_version: '142.0' },
};

// The manifest is the extension's promise to the browser: it may fetch any site the user
// points it at (host permissions), keep its watchdog alarm, build files offscreen, hand them
// to the downloads bar and say when they are done.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // One promise-based `browser.*` (from 'wxt/browser') for Chrome and Firefox.
  modules: ['@wxt-dev/webextension-polyfill'],
  // MV3 for Firefox too: one manifest shape and one `browser.action` for both browsers. Firefox's
  // MV3 background is an event page with a DOM, so it builds files itself (no offscreen
  // document). Like Chrome's worker it may be stopped: Firefox also counts the heartbeat's
  // extension calls as activity, and a stopped page resumes its downloads when it wakes
  // (test/firefox). MV2's one gain, a page that is never stopped, is not worth a second shape.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // Words come from public/_locales/<lang>/messages.json, picked by the browser's language.
    name: '__MSG_appName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Firefox has no offscreen documents: its background page builds files itself.
    // `downloads.open` lets the popup open a finished book; `notifications` says when one is done;
    // `scripting` puts the rule builder's picker into the tab the reader makes a rule on (asked
    // for on demand, never run on pages by itself).
    permissions: [
      'storage',
      'alarms',
      'downloads',
      'downloads.open',
      'notifications',
      'tabs',
      'unlimitedStorage',
      'scripting',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: ['<all_urls>'],
    // The rule builder's panel is an extension page the picker shows in an iframe on the page the
    // rule is made for; only that page may be framed by a web page, nothing else of the extension.
    web_accessible_resources: [{ resources: ['rule-builder.html'], matches: ['<all_urls>'] }],
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
  // The sources zip (for add-on stores' review) needs the code, not benchmarks or pictures.
  zip: {
    excludeSources: ['bench/**', 'docs/**', '.tmp/**'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
