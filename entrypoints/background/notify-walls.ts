// One system notification per site whose downloads wait for the reader (a challenge to clear,
// a sign-in), unless the `notifications` setting is off; taken back when none waits any more.
// Clicking it opens the page in a tab, in front. A worker that starts again finds the
// notifications it had shown and does not show them twice.

import { browser } from 'wxt/browser';
import type { Task } from '../../lib/contract';
import type { DownloadService } from '../../lib/service/service';
import { wallCards, wallNoticePlan, type WallCard } from '../../lib/ui/wall-cards';
import { NOTIFICATION_ICON, uiStrings } from './ui-strings';

const PREFIX = 'wall:';

export function notifyWhenWaiting(service: Promise<DownloadService>): void {
  if (!browser.notifications) return;
  const announced = new Set<string>();
  const waiting = new Set<string>();
  // What an earlier worker showed, and which tasks wait now: their later changes are news.
  let planned: Promise<void> = Promise.all([
    browser.notifications.getAll(),
    service.then((s) => s.handle({ type: 'task.list' })),
  ])
    .then(([shown, answer]) => {
      for (const id of Object.keys(shown)) if (id.startsWith(PREFIX)) announced.add(id.slice(PREFIX.length));
      if (answer.ok) for (const task of answer.tasks as Task[]) if (task.status === 'waiting') waiting.add(task.id);
    })
    .catch((error: unknown) => console.warn('Could not read the wall notifications', error));

  void service.then((s) =>
    s.subscribe((event) => {
      const id = 'task' in event ? event.task.id : event.removedId;
      const isWaiting = 'task' in event && event.task.status === 'waiting';
      // Only a task that starts or stops waiting changes what is asked.
      if (!isWaiting && !waiting.has(id)) return;
      if (isWaiting) waiting.add(id);
      else waiting.delete(id);
      planned = planned
        .then(() => replan(s, announced))
        .catch((error: unknown) => console.warn('Could not update the wall notifications', error));
    }),
  );

  browser.notifications.onClicked.addListener((id) => void clicked(id, service));
}

async function replan(s: DownloadService, announced: Set<string>): Promise<void> {
  const answer = await s.handle({ type: 'task.list' });
  if (!answer.ok) return;
  const cards = wallCards(answer.tasks as Task[], uiStrings());
  const { show, clear } = wallNoticePlan(announced, cards);
  for (const host of clear) {
    announced.delete(host);
    await browser.notifications.clear(PREFIX + host);
  }
  if (!s.currentSettings.notifications) return;
  for (const card of show) {
    announced.add(card.host);
    await showCard(card);
  }
}

async function showCard(card: WallCard): Promise<void> {
  try {
    await browser.notifications.create(PREFIX + card.host, {
      type: 'basic',
      iconUrl: NOTIFICATION_ICON,
      title: uiStrings().notify.waitingTitle,
      message: card.message,
      priority: 1,
    });
  } catch (error) {
    console.warn('Could not show a notification', error);
  }
}

async function clicked(id: string, service: Promise<DownloadService>): Promise<void> {
  if (!id.startsWith(PREFIX)) return;
  const host = id.slice(PREFIX.length);
  const answer = await (await service).handle({ type: 'task.list' });
  const card = answer.ok ? wallCards(answer.tasks as Task[], uiStrings()).find((c) => c.host === host) : undefined;
  if (!card) {
    void browser.notifications.clear(id);
    return;
  }
  const tab = await browser.tabs.create({ url: card.url, active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}
