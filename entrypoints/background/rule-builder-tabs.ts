// A tab where the reader is making a rule keeps its rule builder from page to page: the panel
// opens the first chapter (or goes back to the book) in the tab, and once that page has loaded
// the picker is injected again and finds the session the panel kept (lib/rule-builder/builder.ts).
// The worker only reads the session; the panel writes it and clears it when it closes.

import { browser } from 'wxt/browser';
import { isSession, sessionKey } from '../../lib/rule-builder/builder';

export const RULE_PICKER_SCRIPT = '/content-scripts/rule-picker.js';

export function keepRuleBuilderOpen(): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete' || !tab.url) return;
    void reopen(tabId, tab.url);
  });
}

async function reopen(tabId: number, url: string): Promise<void> {
  const key = sessionKey(tabId);
  const session = (await browser.storage.session.get(key))[key];
  // Another site: the rule being made is not for it.
  if (!isSession(session) || !/^https?:/.test(url) || new URL(url).host !== new URL(session.bookUrl).host) return;
  await browser.scripting.executeScript({ target: { tabId }, files: [RULE_PICKER_SCRIPT] }).catch((error: unknown) => {
    console.warn(`The rule builder could not come back on ${url}:`, error);
  });
}
