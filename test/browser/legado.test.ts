// legado book sources in Chromium: a list pasted into the options page is reported source by
// source; the source written for the demo site (default-chain syntax, `##` replacements,
// nextContentUrl) downloads the split book s1 to the very file the built-in rule makes; and a
// source row exports itself as legado JSON that imports back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const DEMO = JSON.parse(
  readFileSync(new URL('../fixtures/legado/demo-split.json', import.meta.url), 'utf8'),
) as object[];
/** A source of the kind the shared lists are full of: its chapter text needs JavaScript. */
const SCRIPTED = {
  bookSourceUrl: 'https://scripted.example',
  bookSourceName: 'Scripted',
  ruleBookInfo: { name: 'tag.h1@text' },
  ruleToc: { chapterList: 'id.list@tag.a', chapterName: 'text', chapterUrl: 'href' },
  ruleContent: { content: '<js>java.ajax(baseUrl)</js>' },
};
const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

async function download(sourceId: string): Promise<Buffer> {
  const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/split/s1/`, format: 'txt', sourceId });
  const done = await ext.waitForTask(task.id, ended, 30_000);
  expect(done, JSON.stringify(done.error)).toMatchObject({
    status: 'completed',
    totalChapters: 25,
    completedChapters: 25,
  });
  return readFileSync(await ext.downloadPath(done.downloadId!, 10_000));
}

describe('legado book sources, in Chromium', () => {
  it('imports a pasted legado list with a report, and downloads with it byte for byte as the built-in rule', async () => {
    const page = await ext.openTab(ext.url('options.html#sources'));
    await page.getByTestId('source-demo').waitFor({ timeout: 10_000 });
    await page.getByTestId('import-text').fill(JSON.stringify([...DEMO, SCRIPTED]));
    await page.getByTestId('import-button').click();
    await ext.waitFor(
      () => page.getByTestId('legado-summary').textContent(),
      (t) => t === 'legado sources: 1 of 2 imported',
      { timeoutMs: 10_000, what: 'the report' },
    );
    const entries = page.getByTestId('legado-entry');
    expect(await entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual([
      'imported',
      'skipped',
    ]);
    expect(await entries.nth(0).textContent()).toContain('Imported as legado-127-0-0-1');
    const reason = entries.nth(1).getByTestId('legado-reason');
    expect(await reason.getAttribute('data-code')).toBe('javascript');
    expect(await reason.textContent()).toBe('ruleContent.content needs JavaScript');
    expect(await reason.getAttribute('title')).toBe('ruleContent.content uses JavaScript (<js>)');
    await page.getByTestId('source-legado-127-0-0-1').waitFor({ timeout: 10_000 });
    await page.close();

    const [builtIn, viaLegado] = [await download('demo-split'), await download('legado-127-0-0-1')];
    expect(viaLegado.length).toBeGreaterThan(10_000);
    expect(viaLegado.equals(builtIn)).toBe(true);
  });

  it('exports a source as legado JSON from its row, which imports back', async () => {
    const page = await ext.openTab(ext.url('options.html#sources'));
    await page.getByTestId('source-demo-split').getByTestId('source-export-legado').click();
    const path = await ext.waitForDownload((name) => name === 'demo-split.legado.json', 10_000);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as Array<{
      bookSourceUrl: string;
      ruleToc: { nextTocUrl: string };
    }>;
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      bookSourceUrl: 'http://127.0.0.1',
      ruleToc: { nextTocUrl: '@css:select.pages option@value' },
    });
    expect(await page.getByTestId('source-generic').getByTestId('source-export-legado').count()).toBe(0);
    await page.close();
    const again = await ext.send({ type: 'source.import', sources: exported });
    expect(again).toMatchObject({ ok: true, imported: ['legado-127-0-0-1'], report: [{ status: 'imported' }] });
  });
});
