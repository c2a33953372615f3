// What the toolbar button shows, planned in one place from what each tab shows and what is
// downloading; the background writes the plan and nothing else writes the button
// (entrypoints/background/toolbar-button.ts).
//
// The rule: while a task runs, the button shows its percentage ("42%", or the overall one for
// several) and its tooltip says what it is doing ("Downloading «title»: 120/500 chapters"). A
// tab showing a detected book keeps that book's chapter count and says it can download it —
// except the tab showing the very book being downloaded, which shows that download. When
// nothing runs, the button is empty and a book's tab shows its chapter count again. While a
// site keeps tasks waiting for the reader (a challenge, a sign-in), the button shows "!" on every
// tab without a look of its own, and its tooltip names the sites before anything else.
import type { PageInfo, Task } from '../contract';
import { progressPercent, taskName } from './format-task';
import type { Strings } from './strings';
import { withoutHash } from '../url';

export interface ButtonLook {
  text: string;
  color: string;
  title: string;
}

/** One tab's look; `text: null` shows the button's global text (the overall percentage). */
export interface TabLook {
  text: string | null;
  color: string;
  title: string;
}

/** What the plan needs to know of a tab: where it is and what was detected there. */
export interface TabView {
  id: number;
  url?: string;
  page: PageInfo | null;
}

export interface ToolbarPlan {
  /** What a tab without a look of its own shows (and every tab opened later). */
  global: ButtonLook;
  /** Every tab given, with its look. */
  tabs: Map<number, TabLook>;
}

const BOOK_COLOR = '#1e7b34';
const TOC_COLOR = '#1a63d6';
const PROGRESS_COLOR = '#1a63d6';
const WAITING_COLOR = '#b45309';
/** The badge of a button whose tasks wait for the reader. */
export const WAITING_MARK = '!';

export function planToolbar(tabs: readonly TabView[], tasks: readonly Task[], s: Strings): ToolbarPlan {
  const progress = progressBadge(tasks, s);
  const waiting = waitingSites(tasks);
  const global: ButtonLook = waiting.length
    ? {
        text: WAITING_MARK,
        color: WAITING_COLOR,
        title: [...waiting.map((host) => s.badge.waiting(host)), ...(progress ? [progress.title] : [])].join('\n'),
      }
    : { text: progress?.text ?? '', color: PROGRESS_COLOR, title: progress?.title ?? s.appTitle };
  const looks = new Map<number, TabLook>();
  for (const tab of tabs) looks.set(tab.id, tabLook(tab, tasks, global, s));
  return { global, tabs: looks };
}

function tabLook(tab: TabView, tasks: readonly Task[], global: ButtonLook, s: Strings): TabLook {
  const own = taskShownIn(tab.url, tasks);
  if (own) return { ...taskBadge(own, s), color: PROGRESS_COLOR };
  if (tab.page && tab.page.kind !== 'none') return pageLook(tab.page, s);
  return { text: null, color: global.color, title: global.title };
}

/** A detected book or table of contents: its chapter count, and an offer to download it. */
function pageLook(page: Exclude<PageInfo, { kind: 'none' }>, s: Strings): ButtonLook {
  return {
    text: badgeText(page.chapters),
    color: page.kind === 'book' ? BOOK_COLOR : TOC_COLOR,
    title: page.chapters > 0 ? s.badge.page(page.title, page.chapters) : s.badge.pageNoCount(page.title),
  };
}

/** The sites whose walls tasks wait behind, the one met first first. */
function waitingSites(tasks: readonly Task[]): string[] {
  const walls = tasks.filter((task) => task.status === 'waiting' && task.waitingFor).map((task) => task.waitingFor!);
  return [...new Set(walls.sort((a, b) => a.since - b.since).map((wall) => wall.host))];
}

/** The chapter count in the four characters a badge shows; ✓ when the list is elsewhere. */
export function badgeText(chapters: number): string {
  if (chapters <= 0) return '✓';
  if (chapters <= 9999) return String(chapters);
  return `${Math.floor(chapters / 1000)}k`;
}

/** The badge for everything running; null when nothing runs. */
function progressBadge(tasks: readonly Task[], s: Strings): { text: string; title: string } | null {
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
  const percent = total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  const lines = running.map((task) =>
    task.totalChapters > 0
      ? s.badge.line(taskName(task), task.completedChapters, task.totalChapters)
      : s.badge.lineToc(taskName(task)),
  );
  return {
    text: `${percent}%`,
    title: [s.badge.downloadingMany(running.length, percent), ...lines].join('\n') + waiting,
  };
}

/** One running task's badge. */
function taskBadge(task: Task, s: Strings): { text: string; title: string } {
  const name = taskName(task);
  return {
    text: `${progressPercent(task)}%`,
    title:
      task.totalChapters > 0
        ? s.badge.downloading(name, task.completedChapters, task.totalChapters)
        : s.badge.readingToc(name),
  };
}

/** The running task whose book page this tab shows, if any. */
function taskShownIn(tabUrl: string | undefined, tasks: readonly Task[]): Task | undefined {
  if (!tabUrl) return undefined;
  const page = withoutHash(tabUrl);
  return tasks.find((task) => task.status === 'running' && withoutHash(task.url) === page);
}
