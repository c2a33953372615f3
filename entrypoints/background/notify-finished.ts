// A system notification when a download completes or fails, unless the `notifications` setting
// is off. Click a finished book's notification to see the file in its folder; a failed one
// opens the popup's list with the error and Retry. Each end is announced once; a worker that
// starts again does not announce tasks that had ended before it started.

import { browser, type Browser } from 'wxt/browser';
import type { Task } from '../../lib/contract';
import type { DownloadService } from '../../lib/service/service';
import { createFinishWatcher, finishNotice } from '../../lib/ui/finish-notices';
import { NOTIFICATION_ICON, uiStrings } from './ui-strings';

const PREFIX = 'task:';

export function notifyWhenFinished(service: Promise<DownloadService>): void {
  if (!browser.notifications) return;
  const isNews = createFinishWatcher(Date.now());

  void service.then((s) =>
    s.subscribe((event) => {
      if (!('task' in event) || !isNews(event.task) || !s.currentSettings.notifications) return;
      void show(event.task);
    }),
  );

  // Registered at once, so a click that wakes the worker is not missed.
  browser.notifications.onClicked.addListener((id) => void clicked(id, service, 'body'));
  browser.notifications.onButtonClicked?.addListener((id) => void clicked(id, service, 'button'));
}

async function show(task: Task): Promise<void> {
  const s = uiStrings();
  const { title, message } = finishNotice(task, s);
  const options: Browser.notifications.NotificationCreateOptions = {
    type: 'basic',
    iconUrl: NOTIFICATION_ICON,
    title,
    message,
    priority: 0,
  };
  const button =
    task.status === 'completed'
      ? typeof task.downloadId === 'number'
        ? s.showInFolderButton
        : undefined
      : s.retryButton;
  try {
    // Firefox shows no buttons and refuses options that name them.
    await browser.notifications.create(
      PREFIX + task.id,
      button && !import.meta.env.FIREFOX ? { ...options, buttons: [{ title: button }] } : options,
    );
  } catch (error) {
    console.warn('Could not show a notification', error);
  }
}

async function clicked(id: string, service: Promise<DownloadService>, where: 'body' | 'button'): Promise<void> {
  if (!id.startsWith(PREFIX)) return;
  void browser.notifications.clear(id);
  const s = await service;
  const answer = await s.handle({ type: 'task.get', taskId: id.slice(PREFIX.length) });
  if (!answer.ok) return;
  const { task } = answer;
  if (task.status === 'completed' && typeof task.downloadId === 'number') {
    browser.downloads.show(task.downloadId);
  } else if (task.status === 'failed' && where === 'button') {
    await s.handle({ type: 'task.retry', taskId: task.id });
  } else {
    await browser.windows
      .create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 380, height: 600 })
      .catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
  }
}
