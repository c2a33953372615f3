import { render } from 'preact';
import { createClient } from '../../lib/client';
import { TASKS_PORT } from '../../lib/contract';
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

window.addEventListener('pagehide', () => feed.stop());

render(<App call={call} feed={feed} detectStartUrl={detectStartUrl} />, document.getElementById('app')!);
