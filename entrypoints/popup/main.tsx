import { render } from 'preact';
import { createClient } from '../../lib/client';
import { TASKS_PORT, type PageInfo } from '../../lib/contract';
import { pickStartUrl, type StartUrl } from '../../lib/ui/startUrl';
import { createTaskFeed } from '../../lib/ui/taskFeed';
import { App } from './App';
import './style.css';

const call = createClient((request) => chrome.runtime.sendMessage(request));

function connect(): chrome.runtime.Port {
  const port = chrome.runtime.connect({ name: TASKS_PORT });
  // Reading lastError marks a failed connection (no worker listening yet) as handled.
  port.onDisconnect.addListener(() => void chrome.runtime.lastError);
  return port;
}

const feed = createTaskFeed({
  connect,
  list: async () => (await call({ type: 'task.list' })).tasks,
});

async function detectStartUrl(): Promise<StartUrl> {
  let tabUrl: string | undefined;
  try {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    tabUrl = tab?.url || tab?.pendingUrl;
  } catch {
    tabUrl = undefined;
  }
  return pickStartUrl(location.href, tabUrl);
}

/** What the content script found in the active tab: a book the popup can offer by name. */
async function detectBook(): Promise<PageInfo | null> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  return (await call({ type: 'page.get', tabId: tab.id })).page;
}

window.addEventListener('pagehide', () => feed.stop());

render(<App call={call} feed={feed} detectStartUrl={detectStartUrl} detectBook={detectBook} />, document.getElementById('app')!);
