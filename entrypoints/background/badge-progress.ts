// The toolbar button while books download.
//
// The rule: while a task runs, the badge shows its percentage ("42%", or the overall one for
// several) on every tab, and the tooltip says what it is doing ("Downloading «title»: 120/500
// chapters"). A tab showing a detected book keeps that book's chapter count (set per tab by
// tab-pages.ts, which Chrome shows over the global badge) — except the tab showing the very book
// being downloaded, which shows that download's percentage. When nothing runs, the global badge
// is empty again and book tabs get their chapter count back.
//
// Each pass sets the global badge, then brings every tab in line with the rule, touching only
// what differs; so a pass after a worker restart, or after tab-pages wrote a tab meanwhile,
// repairs whatever is stale.

import { browser } from 'wxt/browser';
import type { Task } from '../../lib/contract';
import { FINAL_STATUSES } from '../../lib/contract';
import { badgeFor } from '../../lib/detect';
import type { DownloadService } from '../../lib/service/service';
import { throttle } from '../../lib/ui/options/throttle';
import { progressBadge, taskBadge, taskShownIn } from '../../lib/ui/toolbar';
import type { TabPages } from './tab-pages';
import { uiStrings } from './ui-strings';

const PROGRESS_COLOR = '#1a63d6';
/** Progress arrives per chapter; the button needs no more than one pass a second. */
const PASS_MS = 1_000;

interface Look {
  /** null: no text of its own, the global one shows. */
  text: string | null;
  title: string;
  color?: string;
}

export function showProgressOnToolbar(service: Promise<DownloadService>, tabPages: TabPages): void {
  const tasks = new Map<string, Task>(); // the tasks not yet ended
  const heard = new Set<string>(); // ids with news since start-up: the start-up list is older

  let pass: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (pass) {
      again = true;
      return;
    }
    pass = apply([...tasks.values()], tabPages)
      .catch((error: unknown) => console.debug('Could not show progress on the toolbar button', error))
      .finally(() => {
        pass = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const schedule = throttle(run, PASS_MS);

  const note = (task: Task) => {
    if (FINAL_STATUSES.includes(task.status)) tasks.delete(task.id);
    else tasks.set(task.id, task);
  };

  void service.then(async (s) => {
    s.subscribe((event) => {
      if ('task' in event) {
        heard.add(event.task.id);
        note(event.task);
      } else {
        heard.add(event.removedId);
        tasks.delete(event.removedId);
      }
      schedule();
    });
    const answer = await s.handle({ type: 'task.list' });
    if (answer.ok) for (const task of answer.tasks as Task[]) if (!heard.has(task.id)) note(task);
    schedule();
  });
}

async function apply(tasks: Task[], tabPages: TabPages): Promise<void> {
  const s = uiStrings();
  const button = browser.action;
  const progress = progressBadge(tasks, s);
  const global: Look = { text: progress?.text ?? '', title: progress?.title ?? s.appTitle };
  await Promise.all([
    button.setBadgeText({ text: global.text ?? '' }),
    button.setBadgeBackgroundColor({ color: PROGRESS_COLOR }),
    button.setTitle({ title: global.title }),
  ]);
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id !== undefined && tab.id >= 0 ? fixTab(tab.id, tab.url, tasks, global, tabPages) : undefined)));
}

async function fixTab(tabId: number, url: string | undefined, tasks: Task[], global: Look, tabPages: TabPages): Promise<void> {
  const button = browser.action;
  try {
    // What the tab shows now, read before what it should show: a book detected meanwhile then
    // wins (its badge is what we would write) instead of being cleared by a stale read.
    const [text, title] = await Promise.all([button.getBadgeText({ tabId }), button.getTitle({ tabId })]);
    const want = await wanted(tabId, url, tasks, global, tabPages);
    const writes: Promise<void>[] = [];
    if (text !== (want.text ?? global.text)) {
      // Chrome and Firefox take `null` as "no text of its own" (the types only know strings).
      writes.push(button.setBadgeText({ tabId, text: want.text as string }));
      if (want.color) writes.push(button.setBadgeBackgroundColor({ tabId, color: want.color }));
    }
    if (title !== want.title) writes.push(button.setTitle({ tabId, title: want.title }));
    await Promise.all(writes);
  } catch {
    // The tab closed meanwhile: nothing left to show.
  }
}

async function wanted(tabId: number, url: string | undefined, tasks: Task[], global: Look, tabPages: TabPages): Promise<Look> {
  const own = taskShownIn(url, tasks);
  if (own) return { ...taskBadge(own, uiStrings()), color: PROGRESS_COLOR };
  const { page } = await tabPages.get(tabId);
  if (page) return badgeFor(page);
  return { text: null, title: global.title };
}
