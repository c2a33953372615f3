// What the toolbar button says while books download: the percentage on the badge, and in the
// tooltip which book and how far ("Downloading «title»: 120/500 chapters").
import type { Task } from '../contract';
import { progressPercent, taskName } from './format-task';
import type { Strings } from './strings';
import { withoutHash } from '../url';

export interface ProgressBadge {
  /** "42%" */
  text: string;
  title: string;
}


/** The badge for everything running; null when nothing runs (the button goes back to normal). */
export function progressBadge(tasks: readonly Task[], s: Strings): ProgressBadge | null {
  const running = tasks.filter((task) => task.status === 'running');
  if (running.length === 0) return null;
  const queued = tasks.filter((task) => task.status === 'queued').length;
  const waiting = queued > 0 ? `\n${s.badge.queued(queued)}` : '';
  if (running.length === 1) {
    const one = taskBadge(running[0]!, s);
    return { text: one.text, title: one.title + waiting };
  }
  let done = 0;
  let total = 0;
  for (const task of running) {
    if (task.totalChapters <= 0) continue;
    done += task.completedChapters + task.failedChapters;
    total += task.totalChapters;
  }
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const lines = running.map((task) =>
    task.totalChapters > 0 ? s.badge.line(taskName(task), task.completedChapters, task.totalChapters) : s.badge.lineToc(taskName(task)),
  );
  return { text: `${percent}%`, title: [s.badge.downloadingMany(running.length, percent), ...lines].join('\n') + waiting };
}

/** One running task's badge, for the tab that shows its book. */
export function taskBadge(task: Task, s: Strings): ProgressBadge {
  const name = taskName(task);
  return {
    text: `${progressPercent(task)}%`,
    title: task.totalChapters > 0 ? s.badge.downloading(name, task.completedChapters, task.totalChapters) : s.badge.readingToc(name),
  };
}

/** The running task whose book page this tab shows, if any. */
export function taskShownIn(tabUrl: string | undefined, tasks: readonly Task[]): Task | undefined {
  if (!tabUrl) return undefined;
  const page = withoutHash(tabUrl);
  return tasks.find((task) => task.status === 'running' && withoutHash(task.url) === page);
}
