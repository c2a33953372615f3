// A page the generic reader doubts: the popup shows what it found and why before anything
// downloads, and the user's fix is what the download does. The demo books, read surely, show none.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chapterTitle } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

async function openTab(path: string): Promise<{ tab: Page; tabId: number }> {
  const url = `${site.origin}${path}`;
  const tab = await ext.openTab(url);
  const tabId = await ext.page.evaluate((u) => chrome.tabs.query({ url: u }).then((tabs) => tabs[0]?.id), url);
  if (tabId === undefined) throw new Error(`No tab shows ${url}`);
  return { tab, tabId };
}

function waitForBadge(tabId: number, text: string): Promise<string> {
  const badge = () => ext.page.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  return ext.waitFor(badge, (b) => b === text, {
    timeoutMs: 15_000,
    intervalMs: 100,
    what: `badge "${text}" on tab ${tabId}`,
  });
}

async function openPopup(url: string): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(ext.url(`popup.html?url=${encodeURIComponent(url)}`));
  await popup.getByTestId('detected-book').waitFor({ timeout: 10_000 });
  return popup;
}

describe('confirming a doubtful page', () => {
  it('shows what the reader found and why before downloading, and downloads as the user fixed it', async () => {
    const { tab, tabId } = await openTab('/odd/mist/');
    await waitForBadge(tabId, '12');
    const popup = await openPopup(`${site.origin}/odd/mist/`);
    const confirm = popup.getByTestId('confirm-book');
    await confirm.waitFor({ timeout: 5_000 });
    expect(await popup.getByTestId('confirm-summary').textContent()).toBe('«雾中之城», 12 chaptersby 无名氏');
    expect(await popup.getByTestId('confirm-first').textContent()).toBe(`First: ${chapterTitle('mist', 1)}`);
    expect(await popup.getByTestId('confirm-last').textContent()).toBe(`Last: ${chapterTitle('mist', 12)}`);
    expect(await popup.getByTestId('confirm-doubts').textContent()).toBe(
      "The chapters' names and addresses disagree about which way the list runs.",
    );
    // Nothing starts on the reader's guess: the button waits for a choice.
    expect(await popup.getByTestId('start-button').isDisabled()).toBe(true);
    expect(await popup.getByTestId('confirm-needed').isVisible()).toBe(true);

    await popup.getByTestId('confirm-reverse').click();
    expect(await popup.getByTestId('confirm-first').textContent()).toBe(`First: ${chapterTitle('mist', 12)}`);
    expect(await popup.getByTestId('confirm-last').textContent()).toBe(`Last: ${chapterTitle('mist', 1)}`);
    expect(await popup.getByTestId('confirm-done').isVisible()).toBe(true);
    await popup.getByTestId('start-format').selectOption('txt');
    await popup.getByTestId('start-button').click();

    const row = popup.locator('li[data-status]');
    await ext.waitFor(
      () => row.getAttribute('data-status'),
      (s) => s === 'completed',
      { timeoutMs: 20_000, intervalMs: 50, what: 'the download completed' },
    );
    const { tasks } = await ext.call({ type: 'task.list' });
    expect(tasks[0]).toMatchObject({
      status: 'completed',
      title: '雾中之城',
      totalChapters: 12,
      toc: { order: 'desc' },
    });
    await popup.close();
    await tab.close();
  });

  it('shows no confirmation for the demo books, whichever reader reads them', async () => {
    const { tab, tabId } = await openTab('/book/1/');
    await waitForBadge(tabId, '12');
    const byRule = await openPopup(`${site.origin}/book/1/`);
    expect(await byRule.getByTestId('confirm-book').count()).toBe(0);
    expect(await byRule.getByTestId('start-button').isEnabled()).toBe(true);
    await byRule.close();
    await tab.close();

    expect((await ext.send({ type: 'source.setEnabled', sourceId: 'demo', enabled: false })).ok).toBe(true);
    try {
      const generic = await openTab('/book/1/');
      await waitForBadge(generic.tabId, '12');
      const popup = await openPopup(`${site.origin}/book/1/`);
      expect(await popup.getByTestId('detected-book').textContent()).toContain('No book source knows this site');
      expect(await popup.getByTestId('confirm-book').count()).toBe(0);
      expect(await popup.getByTestId('start-button').isEnabled()).toBe(true);
      await popup.close();
      await generic.tab.close();
    } finally {
      await ext.send({ type: 'source.setEnabled', sourceId: 'demo', enabled: true });
    }
  });
});
