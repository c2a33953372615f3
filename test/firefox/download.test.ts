import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { poll } from '../browser/harness';
import { expectedTxtLines } from '../fixtures/expected-txt';
import { startDemoSite, type DemoSite } from '../fixtures/site';
import { launchFirefoxAddon, type FirefoxAddon } from './firefox-addon';

let site: DemoSite;
let addon: FirefoxAddon;

beforeAll(async () => {
  site = await startDemoSite();
  addon = await launchFirefoxAddon();
});

afterAll(async () => {
  await addon?.close();
  await site?.close();
});

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

describe('the add-on in Firefox', () => {
  it('downloads the demo book as TXT into the downloads folder, line by line', async () => {
    const started = await addon.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const done = await addon.waitForTask(started.task.id, ended, 60_000);
    expect(done).toMatchObject({
      status: 'completed',
      completedChapters: 12,
      failedChapters: 0,
      fileName: '演示之书 - 示例作者.txt',
    });
    const path = await addon.downloadPath(done.downloadId!);
    expect(path.startsWith(addon.downloadsDir)).toBe(true);
    expect(basename(path)).toBe('演示之书 - 示例作者.txt');
    const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
    expect(lines).toEqual(expectedTxtLines(site.origin, '1'));
    // The popup the test speaks from is the real one: it lists the finished book with its file.
    const shown = `[...document.querySelectorAll('[data-testid="file-name"]')].map((node) => node.textContent)`;
    await poll(
      () => addon.evaluate<string[]>(shown),
      (names) => names.some((name) => name.includes('演示之书 - 示例作者.txt')),
      {
        timeoutMs: 10_000,
        what: 'the finished file in the popup',
      },
    );
  });

  it('resumes a download whose background page Firefox stopped twice, and completes it with every chapter', async () => {
    site.setLatency(60);
    try {
      const { task } = await addon.call({ type: 'task.start', url: `${site.origin}/book/gen-100/`, format: 'txt' });
      for (const atLeast of [10, 50]) {
        const before = await addon.waitForTask(task.id, (t) => t.completedChapters >= atLeast || ended(t), 60_000);
        expect(before.status).toBe('running');
        await addon.stopBackground();
      }
      const done = await addon.waitForTask(task.id, ended, 90_000);
      expect(done).toMatchObject({ status: 'completed', completedChapters: 100, failedChapters: 0, resumes: 2 });
      const lines = readFileSync(await addon.downloadPath(done.downloadId!), 'utf8').split('\n');
      expect(lines.filter((line) => /^第\d+章 /.test(line))).toHaveLength(100);
    } finally {
      site.setLatency(0);
    }
  });

  it('sees the demo book in a tab through its content script and puts its chapter count on the button', async () => {
    const url = `${site.origin}/book/1/`;
    const tabId = await addon.evaluate<number>(
      `browser.tabs.create({ url: ${JSON.stringify(url)} }).then((tab) => tab.id)`,
    );
    const badge = await poll(
      () => addon.evaluate<string>(`browser.action.getBadgeText({ tabId: ${tabId} })`),
      (text) => text === '12',
      {
        timeoutMs: 15_000,
        what: `badge "12" on tab ${tabId}`,
      },
    );
    expect(badge).toBe('12');
    const { page } = await addon.call({ type: 'page.get', tabId });
    expect(page).toEqual({ kind: 'book', url, sourceId: 'demo', title: '演示之书', author: '示例作者', chapters: 12 });
  });
});
