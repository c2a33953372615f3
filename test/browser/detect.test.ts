// The content script tells the worker what page a tab shows; the toolbar button says so.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const url = (path: string) => `${site.origin}${path}`;

async function tabIdOf(pageUrl: string): Promise<number> {
  const id = await ext.page.evaluate((u) => chrome.tabs.query({ url: u }).then((tabs) => tabs[0]?.id), pageUrl);
  if (id === undefined) throw new Error(`No tab shows ${pageUrl}`);
  return id;
}

const badge = (tabId: number) => ext.page.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
const tooltip = (tabId: number) => ext.page.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
const detected = async (tabId: number) => (await ext.call({ type: 'page.get', tabId })).page;

function waitForBadge(tabId: number, text: string): Promise<string> {
  return ext.waitFor(
    () => badge(tabId),
    (b) => b === text,
    { timeoutMs: 15_000, intervalMs: 100, what: `badge "${text}" on tab ${tabId}` },
  );
}

/**
 * Starts listening, in the extension's service worker, for the pages content scripts report;
 * returns what it has heard so far. A listener of our own: it sees each message as it arrives
 * and answers none of them.
 */
async function recordReports(): Promise<() => Promise<Array<{ url: string; html: boolean }>>> {
  const worker = await ext.serviceWorker();
  type Recorder = { reports?: Array<{ url: string; html: boolean }> };
  await worker.evaluate(() => {
    const reports: Array<{ url: string; html: boolean }> = [];
    (globalThis as unknown as Recorder).reports = reports;
    chrome.runtime.onMessage.addListener((message: { type?: string; url?: string; html?: unknown }) => {
      if (message?.type === 'page.detected')
        reports.push({ url: String(message.url), html: typeof message.html === 'string' });
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as Recorder).reports ?? []);
}

async function open(path: string): Promise<{ tab: Page; tabId: number }> {
  const tab = await ext.openTab(url(path));
  return { tab, tabId: await tabIdOf(url(path)) };
}

describe('page detection', () => {
  it('puts the chapter count and the title on the button for a book page', async () => {
    const { tab, tabId } = await open('/book/1/');
    await waitForBadge(tabId, '12');
    expect(await tooltip(tabId)).toBe('Novel Downloader: «演示之书», 12 chapters — click to download');
    expect(await detected(tabId)).toEqual({
      kind: 'book',
      url: url('/book/1/'),
      sourceId: 'demo',
      title: '演示之书',
      author: '示例作者',
      chapters: 12,
    });
    await tab.close();
  });

  it('shows nothing for the site index or a chapter page', async () => {
    const reports = await recordReports();
    const index = await open('/');
    const chapter = await open('/book/1/3.html');
    // Both content scripts have reported all they will: the index once, the chapter page (which
    // the demo source's patterns match) again with its markup, as the worker asks.
    await ext.waitFor(
      reports,
      (seen) => seen.some((r) => r.url === url('/')) && seen.some((r) => r.url === url('/book/1/3.html') && r.html),
      {
        what: 'the index and the chapter page reported',
      },
    );
    // A book page reported after them is shown: the worker has dealt with theirs by then.
    const later = await open('/book/2/');
    await waitForBadge(later.tabId, '8');
    await later.tab.close();
    for (const { tabId } of [index, chapter]) {
      expect(await badge(tabId)).toBe('');
      expect(await tooltip(tabId)).toBe('Novel Downloader');
      expect(await detected(tabId)).toBeNull();
    }
    await index.tab.close();
    await chapter.tab.close();
  });

  it('clears the badge when the tab navigates away, and shows it again on the way back', async () => {
    const { tab, tabId } = await open('/book/2/');
    await waitForBadge(tabId, '8');
    await tab.goto(url('/book/2/1.html'));
    await waitForBadge(tabId, '');
    expect(await detected(tabId)).toBeNull();
    expect(await tooltip(tabId)).toBe('Novel Downloader');
    await tab.goBack();
    await waitForBadge(tabId, '8');
    await tab.close();
  });

  it('keeps each tab its own badge, survives the worker, and forgets a closed tab', async () => {
    const first = await open('/book/1/');
    const second = await open('/book/en/');
    await waitForBadge(first.tabId, '12');
    await waitForBadge(second.tabId, '6');
    expect(await badge(first.tabId)).toBe('12');

    await ext.stopWorker();
    expect(await detected(second.tabId)).toMatchObject({ kind: 'book', title: 'The Demo Voyage', chapters: 6 });

    await first.tab.close();
    await ext.waitFor(
      () => ext.page.evaluate((key) => chrome.storage.session.get(key), `page:${first.tabId}`),
      (stored) => Object.keys(stored).length === 0,
      { timeoutMs: 5_000, what: 'the closed tab forgotten' },
    );
    expect(await detected(first.tabId)).toBeNull();
    expect(await badge(second.tabId)).toBe('6');
    await second.tab.close();
  });

  it("shows an unknown site's table of contents once the demo source is off", async () => {
    expect((await ext.send({ type: 'source.setEnabled', sourceId: 'demo', enabled: false })).ok).toBe(true);
    try {
      const { tab, tabId } = await open('/book/gen-40/');
      await waitForBadge(tabId, '40');
      expect(await detected(tabId)).toMatchObject({
        kind: 'toc',
        sourceId: 'generic',
        title: '测试之书40',
        chapters: 40,
      });
      await tab.close();
    } finally {
      await ext.send({ type: 'source.setEnabled', sourceId: 'demo', enabled: true });
    }
  });

  it('offers the detected book by name in the popup', async () => {
    const { tab, tabId } = await open('/book/1/');
    await waitForBadge(tabId, '12');
    const popup = await ext.context.newPage();
    // Opened as a tab, the popup's "active tab" is itself: point it at the book's tab instead.
    await popup.addInitScript(
      ({ id, tabUrl }) => {
        chrome.tabs.query = (async () => [{ id, url: tabUrl }]) as unknown as typeof chrome.tabs.query;
      },
      { id: tabId, tabUrl: url('/book/1/') },
    );
    await popup.goto(ext.url('popup.html'));
    const offer = popup.getByTestId('detected-book');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.textContent()).toContain('Download «演示之书» (12 chapters)');
    expect(await popup.getByTestId('start-url').inputValue()).toBe(url('/book/1/'));
    await popup.close();
    await tab.close();
  });
});
