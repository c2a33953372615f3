// The UI follows the browser's language through Chrome's _locales. Chromium on Linux takes the
// language from `--lang` for chrome.i18n (checked: the LANGUAGE environment variable alone
// leaves headless Chromium in English).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startDemoSite, type DemoSite } from '../fixtures/site';
import { launchExtension, type Ext } from './harness';

let site: DemoSite;
let ext: Ext;

beforeAll(async () => {
  site = await startDemoSite();
  ext = await launchExtension({ args: ['--lang=zh-CN'] });
});
afterAll(async () => {
  await ext?.close();
  await site?.close();
});

const text = (scope: Page | Locator, testId: string) => scope.getByTestId(testId).first().textContent();

function waitForText(page: Page, testId: string, predicate: (text: string) => boolean): Promise<string> {
  const locator = page.getByTestId(testId).first();
  return ext.waitFor(async () => ((await locator.count()) ? ((await locator.textContent()) ?? '') : ''), predicate, {
    timeoutMs: 15_000,
    intervalMs: 50,
    what: `text of ${testId}`,
  });
}

describe('Chinese UI (--lang=zh-CN)', () => {
  it('names the extension and its button in Chinese', async () => {
    expect(await ext.page.evaluate(() => chrome.runtime.getManifest().name)).toBe('小说下载器');
    expect(await ext.page.evaluate(() => chrome.action.getTitle({}))).toBe('小说下载器');
  });

  it('offers a detected book on the toolbar button in Chinese', async () => {
    const bookUrl = `${site.origin}/book/1/`;
    const book = await ext.openTab(bookUrl);
    const tabId = await ext.page.evaluate((u) => chrome.tabs.query({ url: u }).then((tabs) => tabs[0]!.id!), bookUrl);
    const title = await ext.waitFor(
      () => ext.page.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId),
      (t) => t !== '小说下载器',
      { timeoutMs: 15_000, intervalMs: 100, what: "the book's tooltip" },
    );
    expect(title).toBe('小说下载器：《演示之书》，12 章 — 点击下载');
    await book.close();
  });

  it("shows the popup in Chinese, with the worker's own sentences left in English", async () => {
    const bookUrl = `${site.origin}/book/1/`;
    const book = await ext.openTab(bookUrl);
    const popup = await ext.context.newPage();
    await popup.goto(ext.url(`popup.html?url=${encodeURIComponent(bookUrl)}`));
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await popup.locator('h1').textContent()).toBe('小说下载器');
    expect(await text(popup, 'start-button')).toBe('下载');
    expect(await waitForText(popup, 'detected-book', (t) => t.length > 0)).toBe('下载《演示之书》（12 章）示例作者 著');
    expect(await popup.locator('#tasks-heading').textContent()).toBe('下载任务');

    await popup.getByTestId('start-format').selectOption('txt');
    await popup.getByTestId('start-button').click();
    const row = popup.locator('li[data-status]');
    await ext.waitFor(
      () => row.getAttribute('data-status'),
      (s) => s === 'completed',
      { timeoutMs: 20_000, what: 'completed' },
    );
    expect(await text(row, 'status')).toBe('已完成');
    expect(await text(row, 'progress-text')).toBe('12/12 章 · 100%');
    expect(await text(row, 'file-name')).toBe('已保存为 演示之书 - 示例作者.txt');
    expect(await text(row, 'show')).toBe('在文件夹中显示');
    expect(await text(popup, 'clear-finished')).toBe('清除已完成和已取消');

    site.setFault(/^\/book\/3\/$/, { kind: 'status', status: 404 });
    await popup.getByTestId('start-url').fill(`${site.origin}/book/3/`);
    await popup.getByTestId('start-button').click();
    const failed = popup.locator('li[data-status="failed"]');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.getByTestId('error-kind').textContent()).toBe('网站拒绝了请求。 ');
    expect(await failed.getByTestId('task-error').textContent()).toMatch(/answered HTTP 404/);
    expect(await failed.getByTestId('open-site').textContent()).toBe('打开网站');
    expect(await failed.getByTestId('open-diagnostics').textContent()).toBe('打开诊断');
    site.setFault(null);
    await popup.close();
    await book.close();
  });

  it('says on the toolbar button what it is downloading, in Chinese', async () => {
    site.setLatency(100);
    try {
      const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/gen-60/`, format: 'txt' });
      const title = await ext.waitFor(
        () => ext.page.evaluate(() => chrome.action.getTitle({})),
        (t) => /^正在下载《测试之书60》：\d+\/60 章$/.test(t),
        { timeoutMs: 10_000, intervalMs: 100, what: 'the Chinese tooltip' },
      );
      expect(title).toMatch(/章$/);
      await ext.send({ type: 'task.cancel', taskId: task.id });
    } finally {
      site.setLatency(0);
    }
  });

  it('shows the options page in Chinese, with the notifications setting', async () => {
    const page = await ext.openTab(ext.url('options.html#settings'));
    await page.getByTestId('setting-notifications').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('小说下载器设置');
    expect(await text(page, 'nav-sources')).toBe('书源');
    expect(await page.locator('label.checkbox').textContent()).toBe('下载完成或失败时通知我');
    expect(await page.title()).toBe('设置 · 小说下载器设置');

    await page.getByTestId('setting-notifications').uncheck();
    await page.getByTestId('settings-save').click();
    expect(await waitForText(page, 'settings-status', (t) => t.length > 0)).toBe('已保存');
    expect((await ext.call({ type: 'settings.get' })).settings.notifications).toBe(false);
    await page.close();
  });
});
