// The options page in Chromium: settings, book sources and diagnostics, each through the worker.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoSite, type DemoSite } from '../fixtures/site';
import { launchExtension, type Ext } from './harness';

let site: DemoSite;
let ext: Ext;
let page: Page;

beforeAll(async () => {
  site = await startDemoSite();
  ext = await launchExtension();
  page = await ext.openTab(ext.url('options.html#settings'));
});
afterAll(async () => {
  await ext?.close();
  await site?.close();
});

/** Waits until the element's text satisfies `predicate`; returns the text. */
function textOf(
  testId: string,
  predicate: (text: string) => boolean,
  scope: Page | ReturnType<Page['getByTestId']> = page,
) {
  const locator = scope.getByTestId(testId).first();
  return ext.waitFor(async () => ((await locator.count()) ? ((await locator.textContent()) ?? '') : ''), predicate, {
    timeoutMs: 10_000,
    intervalMs: 100,
    what: `text of ${testId}`,
  });
}

const mine = {
  id: 'options-test',
  name: 'Options Test Source',
  matches: ['https://novels.example/book/*'],
  book: { title: 'h1' },
  toc: { chapters: '#list a' },
  chapter: { content: '#content' },
};

describe('options page', () => {
  it('saves a changed setting and shows the worker sentence for a bad one', async () => {
    const concurrency = page.getByTestId('setting-concurrency');
    await concurrency.waitFor({ timeout: 10_000 });
    expect(await concurrency.inputValue()).toBe('3');
    await concurrency.fill('5');
    await page.getByTestId('settings-save').click();
    await textOf('settings-status', (t) => t === 'Saved');
    expect((await ext.call({ type: 'settings.get' })).settings.concurrency).toBe(5);

    await concurrency.fill('99');
    await page.getByTestId('settings-save').click();
    const shown = await textOf('settings-error', (t) => t.length > 0);
    const refused = await ext.send({ type: 'settings.set', patch: { concurrency: 99 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_settings', message: shown } });
    expect(await page.getByTestId('settings-error').getAttribute('role')).toBe('alert');
    expect((await ext.call({ type: 'settings.get' })).settings.concurrency).toBe(5);
  });

  it('imports a pasted source, refuses a bad one, and turns a source off', async () => {
    await page.getByTestId('nav-sources').click();
    expect(new URL(page.url()).hash).toBe('#sources');
    await page.getByTestId('source-demo').waitFor({ timeout: 10_000 });
    const before = (await ext.call({ type: 'source.list' })).sources.length;

    await page.getByTestId('import-text').fill(JSON.stringify(mine));
    await page.getByTestId('import-button').click();
    await textOf('import-result', (t) => t.includes('options-test'));
    const row = page.getByTestId('source-options-test');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('source-kind').textContent()).toBe('Imported');
    expect((await ext.call({ type: 'source.list' })).sources).toHaveLength(before + 1);

    const bad = { ...mine, id: 'options-bad', matches: ['not a pattern'] };
    await page.getByTestId('import-text').fill(JSON.stringify(bad));
    await page.getByTestId('import-button').click();
    const shown = await textOf('import-error', (t) => t.length > 0);
    expect(shown).toMatch(/^The source "options-bad" is not valid: .*matches\[0\]/);
    const sources = (await ext.call({ type: 'source.list' })).sources;
    expect(sources).toHaveLength(before + 1);
    expect(await page.getByTestId('source-options-bad').count()).toBe(0);

    await page.getByTestId('import-text').fill('{ "id": ');
    await page.getByTestId('import-button').click();
    await textOf('import-error', (t) => t.startsWith('This is not valid JSON'));

    await row.getByTestId('source-enabled').uncheck();
    await ext.waitFor(
      () => ext.call({ type: 'source.list' }),
      (a) => a.sources.find((s) => s.id === 'options-test')?.enabled === false,
      { timeoutMs: 5_000, what: 'options-test disabled' },
    );
    expect(await row.getAttribute('data-enabled')).toBe('false');
  });

  it('tests a source on a book URL, showing what each selector found', async () => {
    await page.getByTestId('source-demo').getByTestId('source-test').click();
    expect(await page.getByTestId('test-source').inputValue()).toBe('demo');
    await page.getByTestId('test-url').fill(`${site.origin}/book/1/`);
    await page.getByTestId('test-button').click();
    const report = page.getByTestId('test-report');
    await report.waitFor({ timeout: 10_000 });
    expect(await report.getByTestId('found-title').textContent()).toContain('演示之书');
    expect(await report.getByTestId('found-author').textContent()).toContain('示例作者');
    expect(await report.getByTestId('found-chapters').textContent()).toContain('#list dd a12 chapters');
    expect(await report.getByTestId('test-chapters').locator('li').count()).toBe(5);
    expect(((await report.getByTestId('test-text').textContent()) ?? '').length).toBeGreaterThan(20);
  });

  it('deletes an imported source', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('source-options-test').getByTestId('source-delete').click();
    await textOf('sources-notice', (t) => t === 'Deleted Options Test Source.');
    expect(await page.getByTestId('source-options-test').count()).toBe(0);
    const ids = (await ext.call({ type: 'source.list' })).sources.map((s: { id: string }) => s.id);
    expect(ids).not.toContain('options-test');
    // Built-in sources can only be switched off; the demo site's source is an import and can go.
    expect(await page.getByTestId('source-royalroad').getByTestId('source-delete').count()).toBe(0);
    expect(await page.getByTestId('source-demo').getByTestId('source-delete').count()).toBe(1);
  });

  it('lists a task with its log in diagnostics, recovers and exports', async () => {
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    await page.getByTestId('nav-diagnostics').click();
    const row = page.getByTestId(`diag-task-${task.id}`);
    await row.waitFor({ timeout: 10_000 });
    await textOf('diag-status', (t) => t === 'Completed', row);
    expect(await row.getByTestId('diag-progress').textContent()).toBe('12/12 chapters · 100%');

    await row.getByTestId('diag-log-toggle').click();
    expect(await row.getByTestId('diag-log-toggle').getAttribute('aria-expanded')).toBe('true');
    await textOf('diag-log', (t) => t.includes('Started.') && t.includes('Completed: 12 chapters'), row);
    // The log stays open across refreshes: a second task's row can only come with one.
    const { task: second } = await ext.call({ type: 'task.start', url: `${site.origin}/book/2/`, format: 'txt' });
    await page.getByTestId(`diag-task-${second.id}`).waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('diag-log-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await row.getByTestId('diag-log-line').count()).toBeGreaterThanOrEqual(3);
    await ext.waitForTask(second.id, (t) => t.status === 'completed');

    await textOf('health-tasks', (t) => /Tasks stored\s*2$/.test(t));
    await page.getByTestId('recover').click();
    expect(await textOf('recover-result', (t) => t.length > 0)).toBe('Recovered 0 tasks.');

    await page.getByTestId('export-diagnostics').click();
    const file = await ext.waitForDownload(
      (name) => /^novel-downloader-diagnostics-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/.test(name),
      10_000,
    );
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.tasks.map((t: { id: string }) => t.id)).toContain(task.id);
    expect(saved.health).toMatchObject({ running: 0 });
  });
});
