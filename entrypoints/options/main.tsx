import { render } from 'preact';
import { createClient } from '../../lib/client';
import { TASKS_PORT } from '../../lib/contract';
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
