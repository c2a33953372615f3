// The toolbar button's one writer. Whatever may change it (a task's progress, a page detected or
// forgotten, a tab navigating) asks for a pass; a pass plans the whole button with
// lib/ui/toolbar.ts and writes what differs from what it wrote last. Nothing is read back from
// the button: what this file wrote is what it shows, except after a navigation, when the browser
// may drop a tab's own look, so the tab is written afresh.

import { browser, type Browser } from 'wxt/browser';
import { FINAL_STATUSES, type Task } from '../../lib/contract';
import type { DownloadService } from '../../lib/service/service';
import { throttle } from '../../lib/ui/options/throttle';
import { planToolbar, type ButtonLook, type TabLook, type TabView } from '../../lib/ui/toolbar';
import type { TabPages } from './tab-pages';
import { uiStrings } from './ui-strings';

/** Progress arrives four times a second per task; the button needs no more than one pass a second. */
const PASS_MS = 1_000;

export interface ToolbarButton {
  /** browser.tabs.onUpdated / onRemoved: the tab's look is written again (or forgotten). */
  tabChanged(tabId: number): void;
}

export function showOnToolbar(service: Promise<DownloadService>, tabPages: TabPages): ToolbarButton {
  const tasks = new Map<string, Task>(); // the tasks not yet ended
  const heard = new Set<string>(); // ids with news since start-up: the start-up list is older
  const shown = new Map<number, TabLook>();
  let shownGlobal: ButtonLook | undefined;

  const pass = async () => {
    const views = await openTabs(tabPages);
    const plan = planToolbar(views, [...tasks.values()], uiStrings());
    if (!shownGlobal || differs(shownGlobal, plan.global)) {
      await paint(changes(shownGlobal, plan.global));
      shownGlobal = plan.global;
    }
    for (const id of shown.keys()) if (!plan.tabs.has(id)) shown.delete(id);
    await Promise.all(
      [...plan.tabs].map(async ([tabId, look]) => {
        const before = shown.get(tabId);
        if (before && !differs(before, look)) return;
        try {
          await paint(changes(before, look), tabId);
          shown.set(tabId, look);
        } catch (error) {
          // The tab closed meanwhile; if it did not, the next pass writes it again.
          shown.delete(tabId);
          console.debug('Could not show the tab on the toolbar button', tabId, error);
        }
      }),
    );
  };
  const schedule = throttle(serialized(pass), PASS_MS);

  tabPages.subscribe(schedule);
  void service.then(async (s) => {
    s.subscribe((event) => {
      if ('task' in event) {
        heard.add(event.task.id);
        if (FINAL_STATUSES.includes(event.task.status)) tasks.delete(event.task.id);
        else tasks.set(event.task.id, event.task);
      } else {
        heard.add(event.removedId);
        tasks.delete(event.removedId);
      }
      schedule();
    });
    const answer = await s.handle({ type: 'task.list' });
    if (answer.ok)
      for (const task of answer.tasks)
        if (!heard.has(task.id) && !FINAL_STATUSES.includes(task.status)) tasks.set(task.id, task);
    schedule();
  });

  return {
    tabChanged(tabId) {
      shown.delete(tabId);
      schedule();
    },
  };
}

/** The only calls that write the button; without `tabId`, the look of every tab without its own. */
async function paint(look: Partial<TabLook>, tabId?: number): Promise<void> {
  const button = browser.action;
  const where = tabId === undefined ? {} : { tabId };
  await Promise.all([
    // Chrome and Firefox take a tab's `null` text as "show the global text" (the types know only strings).
    look.text !== undefined && button.setBadgeText({ ...where, text: look.text as string }),
    look.color !== undefined && button.setBadgeBackgroundColor({ ...where, color: look.color }),
    look.title !== undefined && button.setTitle({ ...where, title: look.title }),
  ]);
}

async function openTabs(tabPages: TabPages): Promise<TabView[]> {
  const tabs = (await browser.tabs.query({})).filter(
    (tab): tab is Browser.tabs.Tab & { id: number } => tab.id !== undefined && tab.id >= 0,
  );
  return Promise.all(tabs.map(async (tab) => ({ id: tab.id, url: tab.url, page: (await tabPages.get(tab.id)).page })));
}

function differs(a: TabLook, b: TabLook): boolean {
  return a.text !== b.text || a.color !== b.color || a.title !== b.title;
}

/** Only the fields that changed (all of them when nothing was written yet). */
function changes(before: TabLook | undefined, look: TabLook): Partial<TabLook> {
  return {
    ...(!before || before.text !== look.text ? { text: look.text } : {}),
    ...(!before || before.color !== look.color ? { color: look.color } : {}),
    ...(!before || before.title !== look.title ? { title: look.title } : {}),
  };
}

/** One pass at a time; asked again meanwhile, it runs once more after. */
function serialized(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    run()
      .catch((error: unknown) => console.warn('Could not show the downloads on the toolbar button', error))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          go();
        }
      });
  };
  return go;
}
