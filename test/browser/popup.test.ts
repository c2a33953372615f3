// The popup as a reader uses it: the book of the page on top, Download, the task's progress,
// cancel and retry, the finished file, and the toolbar button following along per tab.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Task } from '../../lib/contract';
import { HOSTILE_RULE } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();
beforeEach(async () => {
  site.setLatency(0);
  site.setFault(null);
  // Each test starts with an empty list and no notifications.
  const { tasks } = await ext.call({ type: 'task.list' });
  for (const task of tasks) await ext.send({ type: 'task.remove', taskId: task.id });
  await ext.page.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
});

const badge = (tabId: number) => ext.page.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
const tooltip = (tabId: number) => ext.page.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
const notifications = () => ext.page.evaluate(() => chrome.notifications.getAll());

function waitForBadge(tabId: number, predicate: (text: string) => boolean, what: string): Promise<string> {
  return ext.waitFor(() => badge(tabId), predicate, {
    timeoutMs: 10_000,
    intervalMs: 100,
    what: `badge ${what} on tab ${tabId}`,
  });
}

/** A tab showing `path` on the demo site, and its id. */
async function openSiteTab(path: string): Promise<{ tab: Page; tabId: number }> {
  const url = `${site.origin}${path}`;
  const tab = await ext.openTab(url);
  const tabId = await ext.page.evaluate((u) => chrome.tabs.query({ url: u }).then((tabs) => tabs[0]?.id), url);
  if (tabId === undefined) throw new Error(`No tab shows ${url}`);
  return { tab, tabId };
}

/** The popup opened as a tab for `bookUrl`, with "Show in folder" recording its calls. */
async function openPopup(bookUrl: string): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.addInitScript(() => {
    const shown: number[] = [];
    (window as unknown as { shown: number[] }).shown = shown;
    // Headless Chromium has no file manager to show the folder in.
    chrome.downloads.show = ((id: number) => {
      shown.push(id);
    }) as typeof chrome.downloads.show;
  });
  await popup.goto(ext.url(`popup.html?url=${encodeURIComponent(bookUrl)}`));
  return popup;
}

function textOf(locator: Locator, predicate: (text: string) => boolean, what: string): Promise<string> {
  return ext.waitFor(
    async () => ((await locator.count()) ? ((await locator.first().textContent()) ?? '') : ''),
    predicate,
    {
      timeoutMs: 15_000,
      intervalMs: 50,
      what,
    },
  );
}

const statusOf = (row: Locator, status: Task['status']) =>
  ext.waitFor(
    () => row.getAttribute('data-status'),
    (s) => s === status,
    { timeoutMs: 20_000, intervalMs: 50, what: `task ${status}` },
  );

describe('popup', () => {
  it("downloads the page's book: progress, cancel, retry, done, show in folder, with the badge per tab", async () => {
    site.setLatency(150);
    const bookPath = '/book/gen-60/';
    const bookUrl = `${site.origin}${bookPath}`;
    const book = await openSiteTab(bookPath);
    const elsewhere = await openSiteTab('/');
    await waitForBadge(book.tabId, (t) => t === '60', '"60"');

    const popup = await openPopup(bookUrl);
    const card = popup.getByTestId('detected-book');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toMatch(/^Download «.+» \(60 chapters\)by .+$/);
    expect(await popup.getByTestId('start-url').inputValue()).toBe(bookUrl);
    expect(await popup.getByTestId('start-to').getAttribute('placeholder')).toBe('60');

    await popup.getByTestId('start-format').selectOption('txt');
    await popup.getByTestId('start-button').click();
    const row = popup.locator('li[data-status]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.task-format').textContent()).toBe('TXT');

    // The progress text moves as chapters arrive.
    const progress = row.getByTestId('progress-text');
    const first = await textOf(progress, (t) => /^[1-9]\d*\/60 chapters · \d+%$/.test(t), 'first progress');
    await textOf(progress, (t) => t !== first && /^\d+\/60 chapters/.test(t), 'progress moving on');

    // The toolbar: the book's own tab and every other tab show the percentage; the tooltip says what it does.
    await waitForBadge(book.tabId, (t) => /^\d+%$/.test(t), 'percentage');
    await waitForBadge(elsewhere.tabId, (t) => /^\d+%$/.test(t), 'percentage');
    // The button is written at most once a second: the pass that showed a percentage may have
    // come before the table of contents was read.
    for (const { tabId } of [book, elsewhere]) {
      await ext.waitFor(
        () => tooltip(tabId),
        (t) => /^Downloading «.+»: \d+\/60 chapters$/.test(t),
        { timeoutMs: 10_000, intervalMs: 100, what: `the tooltip on tab ${tabId}` },
      );
    }

    await row.getByTestId('cancel').click();
    await statusOf(row, 'cancelled');
    expect(await row.getByTestId('status').textContent()).toBe('Cancelled');
    // Nothing runs: the book tab shows its chapter count again, the others nothing.
    await waitForBadge(book.tabId, (t) => t === '60', '"60" again');
    await waitForBadge(elsewhere.tabId, (t) => t === '', 'cleared');

    site.setLatency(0); // the rest may come quickly
    await row.getByTestId('retry').click();
    await statusOf(row, 'completed');
    expect(await row.getByTestId('progress-text').textContent()).toBe('60/60 chapters · 100%');
    expect(await row.getByTestId('file-name').textContent()).toMatch(/^Saved as .+\.txt$/);

    const [task] = (await ext.call({ type: 'task.list' })).tasks;
    expect(task).toMatchObject({ status: 'completed', format: 'txt', completedChapters: 60 });
    await row.getByTestId('show').click();
    await ext.waitFor(
      () => popup.evaluate(() => (window as unknown as { shown: number[] }).shown),
      (shown) => shown.length > 0,
      {
        timeoutMs: 5_000,
        what: 'Show in folder',
      },
    );
    expect(await popup.evaluate(() => (window as unknown as { shown: number[] }).shown)).toEqual([task!.downloadId]);
    expect(await row.getByTestId('open').isVisible()).toBe(true);

    await waitForBadge(book.tabId, (t) => t === '60', '"60" after the download');
    expect(await tooltip(book.tabId)).toMatch(/^Novel Downloader: «.+», 60 chapters — click to download$/);
    await waitForBadge(elsewhere.tabId, (t) => t === '', 'cleared after the download');
    expect(await tooltip(elsewhere.tabId)).toBe('Novel Downloader');
    // The end was announced once, and the restarted worker does not announce it again: a task
    // that ends after the restart is announced, and nothing came before it.
    expect(Object.keys(await notifications())).toEqual([`task:${task!.id}`]);
    await ext.page.evaluate((id) => chrome.notifications.clear(id), `task:${task!.id}`);
    await ext.stopWorker();
    const { task: later } = await ext.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    await ext.waitFor(notifications, (all) => `task:${later.id}` in all, {
      timeoutMs: 15_000,
      what: 'the later task announced',
    });
    expect(Object.keys(await notifications())).toEqual([`task:${later.id}`]);

    await popup.getByTestId('clear-finished').click();
    await textOf(popup.locator('.empty'), (t) => t === 'No downloads yet.', 'empty list');
    expect((await ext.call({ type: 'task.list' })).tasks).toEqual([]);
    await popup.close();
    await book.tab.close();
    await elsewhere.tab.close();
  });

  it('downloads a chosen range of chapters, and refuses a range the book does not have', async () => {
    const bookUrl = `${site.origin}/book/1/`;
    const book = await openSiteTab('/book/1/');
    await waitForBadge(book.tabId, (t) => t === '12', '"12"');
    const popup = await openPopup(bookUrl);
    await popup.getByTestId('detected-book').waitFor({ timeout: 10_000 });

    await popup.getByTestId('start-from').fill('13');
    await popup.getByTestId('start-button').click();
    expect(await textOf(popup.getByTestId('start-error'), (t) => t.length > 0, 'range error')).toBe(
      'This book has 12 chapters, so it has no chapter 13.',
    );
    expect(await popup.getByTestId('start-from').getAttribute('aria-invalid')).toBe('true');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('start-from');

    await popup.getByTestId('start-from').fill('3');
    await popup.getByTestId('start-to').fill('5');
    await popup.keyboard.press('Enter');
    const row = popup.locator('li[data-status]');
    await statusOf(row, 'completed');
    expect(await row.getByTestId('range').textContent()).toBe('chapters 3–5');
    expect(await row.getByTestId('author').textContent()).toBe('by 示例作者');
    expect(await row.getByTestId('progress-text').textContent()).toBe('3/3 chapters · 100%');
    await popup.close();
    await book.tab.close();
  });

  it('explains a failure with the action that helps, and stays quiet when notifications are off', async () => {
    site.setFault(/^\/book\/3\/$/, { kind: 'status', status: 404 });
    const popup = await openPopup(`${site.origin}/book/3/`);
    await popup.getByTestId('start-button').click();
    const row = popup.locator('li[data-status]');
    await statusOf(row, 'failed');
    expect(await row.getByTestId('error-kind').textContent()).toBe('The site refused the pages. ');
    expect(await row.getByTestId('task-error').textContent()).toContain('404');
    expect(await row.getByTestId('open-site').getAttribute('href')).toBe(`${site.origin}/book/3/`);
    expect(await row.getByTestId('open-diagnostics').getAttribute('href')).toBe('options.html#diagnostics');
    expect(await row.getByTestId('retry').isVisible()).toBe(true);
    const [failed] = (await ext.call({ type: 'task.list' })).tasks;
    await ext.waitFor(notifications, (all) => `task:${failed!.id}` in all, {
      timeoutMs: 5_000,
      what: 'the failure notification',
    });

    // "Clear completed & cancelled" leaves a failed download alone.
    expect(await popup.getByTestId('clear-finished').count()).toBe(0);

    await ext.send({ type: 'settings.set', patch: { notifications: false } });
    try {
      await ext.page.evaluate(() =>
        chrome.notifications
          .getAll()
          .then((all) => Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)))),
      );
      await row.getByTestId('retry').click();
      await ext.waitForTask(failed!.id, (t) => t.status === 'failed' && t.finishedAt! > failed!.finishedAt!, 10_000);
      await statusOf(row, 'failed');
    } finally {
      await ext.send({ type: 'settings.set', patch: { notifications: true } });
    }
    // Another end, with notifications on again, is announced; the one before it was not.
    const { task: other } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/book/no-such-book/`,
      format: 'txt',
    });
    await ext.waitFor(notifications, (all) => `task:${other.id}` in all, {
      timeoutMs: 15_000,
      what: 'the other failure announced',
    });
    expect(Object.keys(await notifications())).toEqual([`task:${other.id}`]);
    await ext.send({ type: 'task.remove', taskId: other.id });
    await ext.waitFor(
      () => popup.locator('li[data-status]').count(),
      (n) => n === 1,
      { timeoutMs: 10_000, what: 'the other task gone from the list' },
    );

    // Keyboard: Tab reaches the row's buttons, Enter removes it, focus stays in the list.
    await row.getByTestId('remove').focus();
    await popup.keyboard.press('Enter');
    await textOf(popup.locator('.empty'), (t) => t === 'No downloads yet.', 'empty list');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('tasks-heading');
    await popup.close();
  });

  it('says on the task what a limit cut from the book', async () => {
    await ext.send({ type: 'source.import', sources: HOSTILE_RULE });
    const popup = await openPopup(`${site.origin}/hostile/endless-chapter/`);
    await popup.getByTestId('start-button').click();
    const row = popup.locator('li[data-status]');
    await statusOf(row, 'completed');
    const cut = row.getByTestId('task-cut');
    expect(await cut.textContent()).toBe('1 chapter goes on past 50 pages; its later pages are not in the book.');
    expect(await cut.getAttribute('title')).toContain('/hostile/endless-chapter/2.html goes on past 50 pages');
    await popup.close();
  });
});
