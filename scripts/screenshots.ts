// Takes the README's screenshots from the real extension in Chromium, against the demo site:
// the popup on a book page with four downloads (one waiting for the reader behind an anti-bot
// check, one running, one failed, one completed), and the options page's library, settings and
// diagnostics. Run `npm run screenshots` (builds first).
//
//   docs/screenshots/popup.png, options-library.png, options-settings.png, options-diagnostics.png

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Task } from '../lib/contract';
import { launchExtension, ROOT, type Ext } from '../test/browser/harness';
import { startDemoSite } from '../test/fixtures/site';

const OUT = join(ROOT, 'docs', 'screenshots');
const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

/** The whole page, `width` CSS pixels wide, `scale` image pixels per CSS pixel. */
async function shoot(page: Page, width: number, scale: number, file: string): Promise<void> {
  // As tall as the content, so no scrollbar narrows the page (a real popup grows by its width).
  await page.setViewportSize({ width, height: 600 });
  const height = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom));
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const cdp = await page.context().newCDPSession(page);
  const { data } = (await cdp.send('Page.captureScreenshot', {
    format: 'png',
    clip: { x: 0, y: 0, width, height, scale },
  })) as { data: string };
  await cdp.detach();
  writeFileSync(join(OUT, file), Buffer.from(data, 'base64'));
  console.log(file);
}

async function start(ext: Ext, url: string, format: 'epub' | 'txt'): Promise<Task> {
  const answer = await ext.send({ type: 'task.start', url, format });
  if (!answer.ok) throw new Error(`task.start ${url}: ${JSON.stringify(answer.error)}`);
  return answer.task;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = await startDemoSite();
  const ext = await launchExtension();
  try {
    // A finished book, followed for new chapters.
    const done = await start(ext, `${site.origin}/book/1/`, 'txt');
    await ext.waitForTask(done.id, ended, 60_000);
    await ext.call({ type: 'library.follow', bookId: done.id, followed: true });

    // A book whose chapters the site refuses: it fails, with the site's answer as the reason.
    site.setFault(/^\/book\/2\/\d+\.html$/, { kind: 'status', status: 403 });
    const failed = await start(ext, `${site.origin}/book/2/`, 'epub');
    const failedEnd = await ext.waitForTask(failed.id, ended, 60_000);
    if (failedEnd.status !== 'failed') throw new Error(`expected a failed task, got ${failedEnd.status}`);
    site.setFault(null);

    // A book whose site puts up an anti-bot check after its first pages (the book page, its cover): it
    // waits for the reader, and the popup asks them once.
    site.wall('challenge').letThrough(3);
    const walled = await start(ext, `${site.wallOrigins.challenge}/book/en/`, 'epub');
    await ext.waitForTask(walled.id, (t) => t.status === 'waiting', 60_000);

    // The page the reader is on: a book the popup offers at the top.
    const bookUrl = `${site.origin}/book/en/`;
    await ext.openTab(bookUrl);

    // A long book on a slow site, still downloading when the pictures are taken.
    site.setLatency(250);
    const running = await start(ext, `${site.origin}/book/gen-800/`, 'epub');
    await ext.waitForTask(running.id, (t) => t.completedChapters >= 20, 60_000);

    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(ext.url(`popup.html?url=${encodeURIComponent(bookUrl)}`));
    await popup.getByTestId('detected-book').waitFor({ timeout: 10_000 });
    await popup.getByTestId('wall-card').waitFor({ timeout: 10_000 });
    // Long enough for the popup to measure the speed.
    await popup.getByTestId('speed').waitFor({ timeout: 15_000 });
    await shoot(popup, 360, 2, 'popup.png');

    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html#library'));
    await options.getByTestId('library-row').first().waitFor({ timeout: 10_000 });
    await shoot(options, 1200, 1, 'options-library.png');

    await options.goto(ext.url('options.html#settings'));
    await options.getByTestId('settings-form').waitFor({ timeout: 10_000 });
    await shoot(options, 1200, 1, 'options-settings.png');

    await options.goto(ext.url('options.html#diagnostics'));
    await options.getByTestId(`diag-task-${running.id}`).waitFor({ timeout: 10_000 });
    await options.getByTestId(`diag-task-${failed.id}`).getByTestId('diag-log-toggle').click();
    await options.getByTestId('diag-log').waitFor({ timeout: 10_000 });
    await shoot(options, 1200, 1, 'options-diagnostics.png');

    await ext.send({ type: 'task.cancel', taskId: running.id });
    await ext.send({ type: 'task.cancel', taskId: walled.id });
    console.log(`Saved in ${OUT}`);
  } finally {
    await ext.close();
    await site.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
