// Smoke test of the browser harness and the demo site: Chromium starts with the built
// extension, pages of the site render (GBK included), and a download lands by name.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookInfo } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

describe('browser harness', () => {
  it('loads the extension and opens one of its pages', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.page.url()).toMatch(new RegExp(`^chrome-extension://${ext.extensionId}/`));
    expect(await ext.page.evaluate(() => chrome.runtime.id)).toBe(ext.extensionId);
  });

  it('shows demo-site pages in a tab, decoding GBK by header and by <meta>', async () => {
    const tab = await ext.openTab(`${site.origin}/book/1/`);
    expect(await tab.locator('h1').textContent()).toBe('演示之书');
    for (const id of ['2', '3']) {
      await tab.goto(`${site.origin}/book/${id}/`);
      expect(await tab.locator('#info h1').textContent()).toBe(bookInfo(id).title);
    }
    expect(site.hits('/book/')).toBeGreaterThanOrEqual(3);
    await tab.close();
  });

  it('saves a chrome.downloads download under its own name in downloadsDir', async () => {
    const name = 'harness check 下载.txt';
    const id = await ext.page.evaluate(
      (filename) =>
        chrome.downloads.download({ url: 'data:text/plain;charset=utf-8,hello%20harness', filename, saveAs: false }),
      name,
    );
    const path = await ext.waitForDownload((n) => n === name, 15_000);
    expect(basename(path)).toBe(name);
    expect(readFileSync(path, 'utf-8')).toBe('hello harness');
    expect(await ext.downloadPath(id, 5_000)).toBe(path);
  });

  it('stops the service worker on demand', async () => {
    await ext.stopWorker();
    // the extension page survives; sending it a message again would wake the worker
    expect(await ext.page.evaluate(() => chrome.runtime.id)).toBe(ext.extensionId);
  });
});
