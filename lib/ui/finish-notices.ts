// Which task ends deserve a notification, and what it says.
import type { Task } from '../contract';
import { taskName } from './format-task';
import type { Strings } from './strings';

export type Finish = 'completed' | 'failed';

/**
 * Says, for each task update, whether it is news: a task that just ended completed or failed.
 * Each end is announced once (an ended task is updated again, e.g. when removed). Tasks that
 * ended before `since` — the worker's start — were announced by an earlier worker, if at all.
 */
export function createFinishWatcher(since: number): (task: Task) => Finish | null {
  const announced = new Set<string>();
  return (task) => {
    if (task.status !== 'completed' && task.status !== 'failed') return null;
    if (typeof task.finishedAt === 'number' && task.finishedAt < since) return null;
    const key = `${task.id}@${task.finishedAt ?? ''}`;
    if (announced.has(key)) return null;
    announced.add(key);
    return task.status;
  };
}

export interface FinishNotice {
  title: string;
  message: string;
}

export function finishNotice(task: Task, s: Strings): FinishNotice {
  const name = taskName(task);
  if (task.status === 'failed') {
    return { title: s.notify.failedTitle, message: s.notify.failed(name, task.error?.message ?? s.errorOther) };
  }
  // An update's news is its new chapters; clicking shows the file, as for any finished book.
  if (task.update) {
    return {
      title: s.library.notify.title,
      message: s.library.notify.newChapters(name, task.update.to - task.update.from + 1),
    };
  }
  const chapters = task.completedChapters;
  const saved = task.fileName
    ? s.notify.completed(name, chapters, task.fileName)
    : s.notify.completedNoFile(name, chapters);
  const missing = task.failedChapters > 0 ? `\n${s.failedChapters(task.failedChapters)}` : '';
  return { title: s.notify.completedTitle, message: saved + missing };
}
