import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { PageInfo, Task } from '../../lib/contract';
import { SpeedMeter, speedText } from '../../lib/ui/speed';
import type { StartUrl } from '../../lib/ui/start-url';
import { strings } from '../../lib/ui/strings';
import type { FeedState, TaskFeed } from '../../lib/ui/task-feed';
import { FollowPrompt } from './follow-prompt';
import { MakeRule } from './make-rule';
import { StartForm } from './start-form';
import { TaskList, type TaskAction } from './task-list';
import { WallCards } from './wall-cards';

/** The finished file in the browser's downloads. */
export interface Files {
  show(downloadId: number): Promise<void>;
  open(downloadId: number): Promise<void>;
  /** False when the file was moved or deleted; undefined when the browser no longer knows it. */
  exists(downloadId: number): Promise<boolean | undefined>;
}

export interface AppProps {
  call: Client;
  feed: TaskFeed;
  detectStartUrl: () => Promise<StartUrl>;
  /** The book detected on the page at this address, if a tab shows it. */
  detectBook?: (url: string) => Promise<PageInfo | null>;
  files: Files;
  /** Opens a page in a tab and brings it to the front (a site's wall, for the reader to clear). */
  openPage: (url: string) => Promise<void>;
  /** Opens the rule builder over the page the popup is about; absent where there is no such page. */
  makeRule?: () => Promise<void>;
}

function useFeed(feed: TaskFeed): FeedState {
  const [state, setState] = useState<FeedState>(() => feed.getState());
  useEffect(() => {
    const unsubscribe = feed.subscribe(setState);
    setState(feed.getState());
    feed.start();
    return () => {
      unsubscribe();
    };
  }, [feed]);
  return state;
}

/** Re-renders every `ms` while `active`, so speed and time left follow a stalled download too. */
function useTick(active: boolean, ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}

export function App({ call, feed, detectStartUrl, detectBook, files, openPage, makeRule }: AppProps) {
  const state = useFeed(feed);
  const meter = useRef(new SpeedMeter()).current;
  useTick(
    state.tasks.some((task) => task.status === 'running'),
    1000,
  );
  const now = Date.now();
  meter.observe(state.tasks, now);
  const speeds = new Map(state.tasks.map((task) => [task.id, speedText(meter.estimate(task, now))]));

  async function runAction(task: Task, action: TaskAction): Promise<void> {
    if (action === 'show' || action === 'open') {
      if (typeof task.downloadId === 'number') await files[action](task.downloadId);
      return;
    }
    if (action === 'remove') {
      await call({ type: 'task.remove', taskId: task.id });
      feed.removed(task.id);
      return;
    }
    const token = feed.beginAction(task.id);
    const answer =
      action === 'cancel'
        ? await call({ type: 'task.cancel', taskId: task.id })
        : await call({ type: 'task.retry', taskId: task.id });
    feed.applyAction(token, answer.task);
  }

  async function resume(taskId: string): Promise<void> {
    const token = feed.beginAction(taskId);
    feed.applyAction(token, (await call({ type: 'task.resume', taskId })).task);
  }

  async function clear(tasks: Task[]): Promise<void> {
    for (const task of tasks) {
      await call({ type: 'task.remove', taskId: task.id });
      feed.removed(task.id);
    }
  }

  return (
    <main class="app">
      <h1 class="app-title">{strings.appTitle}</h1>
      <WallCards tasks={state.tasks} openPage={openPage} resume={resume} />
      <StartForm
        call={call}
        detectStartUrl={detectStartUrl}
        detectBook={detectBook}
        onStarted={(task) => feed.addStarted(task)}
      />
      <FollowPrompt call={call} tasks={state.tasks} />
      {makeRule && <MakeRule open={makeRule} />}
      <TaskList state={state} speeds={speeds} onAction={runAction} onClear={clear} fileExists={files.exists} />
    </main>
  );
}
