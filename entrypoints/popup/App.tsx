import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { PageInfo, Task } from '../../lib/contract';
import type { StartUrl } from '../../lib/ui/startUrl';
import type { FeedState, TaskFeed } from '../../lib/ui/taskFeed';
import { strings } from '../../lib/ui/strings';
import { StartForm } from './StartForm';
import { TaskList, type TaskAction } from './TaskList';

export interface AppProps {
  call: Client;
  feed: TaskFeed;
  detectStartUrl: () => Promise<StartUrl>;
  /** The book detected in the active tab, if any. */
  detectBook?: () => Promise<PageInfo | null>;
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

export function App({ call, feed, detectStartUrl, detectBook }: AppProps) {
  const state = useFeed(feed);

  async function runAction(task: Task, action: TaskAction): Promise<void> {
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

  return (
    <main class="app">
      <h1 class="app-title">{strings.appTitle}</h1>
      <StartForm call={call} detectStartUrl={detectStartUrl} detectBook={detectBook} onStarted={(task) => feed.addStarted(task)} />
      <TaskList state={state} onAction={runAction} />
    </main>
  );
}
