import { browser, type Browser } from 'wxt/browser';
import { render } from 'preact';
import { createClient } from '../../lib/client';
import { TASKS_PORT, type LibraryPortMessage } from '../../lib/contract';
import { isLibraryPortMessage } from '../../lib/ui/library';
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

/** Calls `onMessage` with the library's news; reconnects after a second when the worker goes away. */
function watchLibrary(onMessage: (message: LibraryPortMessage) => void): () => void {
  let port: Browser.runtime.Port | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = () => {
    port = connect();
    port.onMessage.addListener((message: unknown) => {
      if (isLibraryPortMessage(message)) onMessage(message);
    });
    port.onDisconnect.addListener(() => {
      if (!stopped) timer = setTimeout(open, 1_000);
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}

render(<App call={call} watchTasks={watchTasks} watchLibrary={watchLibrary} />, document.getElementById('app')!);
