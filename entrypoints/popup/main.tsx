import { browser, type Browser } from 'wxt/browser';
import { render } from 'preact';
import { createClient } from '../../lib/client';
import { TASKS_PORT, type PageInfo } from '../../lib/contract';
import { browserTranslate } from '../../lib/ui/i18n';
import { pickStartUrl, type StartUrl } from '../../lib/ui/start-url';
import { setTranslate, strings } from '../../lib/ui/strings';
import { createTaskFeed } from '../../lib/ui/task-feed';
import { RULE_PICKER_SCRIPT } from '../background/rule-builder-tabs';
import { App, type Files } from './app';
import '../../assets/base.css';
import './style.css';
import { withoutHash } from '../../lib/url';

// The browser's language picks the words (public/_locales); set before anything renders.
setTranslate(browserTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions)));
document.documentElement.lang = strings.htmlLang;
document.title = strings.appTitle;

const call = createClient((request) => browser.runtime.sendMessage(request));

function connect(): Browser.runtime.Port {
  const port = browser.runtime.connect({ name: TASKS_PORT });
  // Reading lastError marks a failed connection (no worker listening yet) as handled.
  port.onDisconnect.addListener(() => void browser.runtime.lastError);
  return port;
}

const feed = createTaskFeed({
  connect,
  list: async () => (await call({ type: 'task.list' })).tasks,
});

async function detectStartUrl(): Promise<StartUrl> {
  let tabUrl: string | undefined;
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    tabUrl = tab?.url || tab?.pendingUrl;
  } catch {
    tabUrl = undefined;
  }
  return pickStartUrl(location.href, tabUrl);
}

/** The tab showing `url`: the active tab's, or (when the popup was opened as a tab with `?url=`) any tab's. */
async function tabShowing(url: string): Promise<number | undefined> {
  const tabs = await browser.tabs.query({});
  const showing = tabs.filter((tab) => tab.id !== undefined && tab.url && withoutHash(tab.url) === withoutHash(url));
  return (showing.find((t) => t.active) ?? showing[0])?.id;
}

/** What the content script found on the page at `url`. */
async function detectBook(url: string): Promise<PageInfo | null> {
  const tabId = await tabShowing(url);
  if (tabId === undefined) return null;
  return (await call({ type: 'page.get', tabId })).page;
}

/**
 * The rule builder over the page the popup is about: its picker is injected into that tab (the
 * manifest's `scripting` permission), and the tab comes to the front; the popup, if it is one, closes.
 */
async function makeRule(): Promise<void> {
  const start = await detectStartUrl();
  const tabId = start.url && start.source !== 'manual' ? await tabShowing(start.url) : undefined;
  if (tabId === undefined) throw new Error(strings.makeRuleNoPage);
  await browser.scripting.executeScript({ target: { tabId }, files: [RULE_PICKER_SCRIPT] });
  await browser.tabs.update(tabId, { active: true });
  if (start.source === 'tab') window.close();
}

/** The finished file, through the downloads bar's own buttons. */
const files: Files = {
  show: async (downloadId) => {
    browser.downloads.show(downloadId);
  },
  open: async (downloadId) => {
    await browser.downloads.open(downloadId);
  },
  exists: async (downloadId) => {
    const [item] = await browser.downloads.search({ id: downloadId });
    return item ? item.exists !== false : undefined;
  },
};

/** A site's wall in a tab of its own, in front, for the reader to clear. */
async function openPage(url: string): Promise<void> {
  const tab = await browser.tabs.create({ url, active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

window.addEventListener('pagehide', () => feed.stop());

render(
  <App
    call={call}
    feed={feed}
    detectStartUrl={detectStartUrl}
    detectBook={detectBook}
    files={files}
    openPage={openPage}
    makeRule={makeRule}
  />,
  document.getElementById('app')!,
);
