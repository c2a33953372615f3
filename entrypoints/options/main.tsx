import { browser, type Browser } from 'wxt/browser';
import { render } from 'preact';
import { createClient } from '../../lib/client';
import { TASKS_PORT } from '../../lib/contract';
import { browserTranslate } from '../../lib/ui/i18n';
import { setTranslate, strings } from '../../lib/ui/strings';
import { createTaskFeed } from '../../lib/ui/task-feed';
import { App } from './app';
import '../../assets/base.css';
import './style.css';

// The browser's language picks the words (public/_locales); set before anything renders.
setTranslate(browserTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions)));
document.documentElement.lang = strings.htmlLang;

const call = createClient((request) => browser.runtime.sendMessage(request));

function connect(): Browser.runtime.Port {
  const port = browser.runtime.connect({ name: TASKS_PORT });
  // Reading lastError marks a failed connection (no worker listening yet) as handled.
  port.onDisconnect.addListener(() => void browser.runtime.lastError);
  return port;
}

/** Calls `onChange` whenever the worker pushes a task change; returns how to stop listening. */
function watchTasks(onChange: () => void): () => void {
  const feed = createTaskFeed({ connect, list: async () => (await call({ type: 'task.list' })).tasks });
  const unsubscribe = feed.subscribe(onChange);
  feed.start();
  return () => {
    unsubscribe();
    feed.stop();
  };
}

render(<App call={call} watchTasks={watchTasks} />, document.getElementById('app')!);
