// `npm start` (after `wxt build`): the demo novel site plus Chromium with the extension loaded.
// With a display, the browser stays open on the demo book until Ctrl-C. Without one
// (no $DISPLAY), it downloads the demo book as TXT through the extension, prints the
// progress and the saved file's path, and exits 0 (1 when the download fails).
// `npm start -- --walls` does the same with the demo book behind an anti-bot check: the download
// waits, the popup asks, and (without a display) the script plays the reader: it presses the
// popup's button and the check's, and the download goes on by itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestOf, RequestType, Response, Task } from '../lib/contract';
import { launchExtension, poll, ROOT, sleep, type Ext } from '../test/browser/harness';
import { startDemoSite, type DemoSite } from '../test/fixtures/site';

const PREFERRED_PORT = 8808;
const TASK_TIMEOUT_MS = 120_000;
const headless = !process.env.DISPLAY;
const walls = process.argv.includes('--walls');

async function startSite(): Promise<DemoSite> {
  try {
    return await startDemoSite({ port: PREFERRED_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${PREFERRED_PORT} is busy; using a random port.`);
    return startDemoSite();
  }
}

/** Sends a message, retrying while the worker is not listening yet (it may still be starting). */
async function call<T extends RequestType>(ext: Ext, msg: RequestOf<T>): Promise<Response<T>> {
  return poll(
    () => ext.send(msg, 15_000),
    () => true,
    { timeoutMs: 20_000, intervalMs: 300, what: `an answer to ${JSON.stringify(msg)}` },
  );
}

function describe(task: Task): string {
  const counts = task.totalChapters
    ? `${task.completedChapters}/${task.totalChapters} chapters`
    : 'reading the table of contents';
  const failed = task.failedChapters ? `, ${task.failedChapters} failed` : '';
  return `[${task.status}] ${counts}${failed} (${Math.round(task.progress)}%)${task.title ? ` — ${task.title}` : ''}`;
}

async function downloadDemoBook(ext: Ext, bookUrl: string): Promise<boolean> {
  console.log(`Starting a TXT download of ${bookUrl}`);
  const started = await call(ext, { type: 'task.start', url: bookUrl, format: 'txt' });
  if (!started.ok) {
    console.error(`task.start failed: ${started.error.code}: ${started.error.message}`);
    return false;
  }
  let task = started.task;
  let last = '';
  let cleared = false;
  const deadline = Date.now() + TASK_TIMEOUT_MS;
  for (;;) {
    const line = describe(task);
    if (line !== last) console.log(line);
    last = line;
    if (task.status === 'completed' || task.status === 'failed' || task.status === 'cancelled') break;
    if (task.status === 'waiting' && !cleared) {
      console.log(
        `Waiting for the reader on ${task.waitingFor?.host}: pressing the popup's button, then "Verify you are human" in the tab it opens.`,
      );
      await clearWall(ext);
      cleared = true;
    }
    if (Date.now() > deadline) {
      console.error(`The task did not finish within ${TASK_TIMEOUT_MS / 1000} s.`);
      return false;
    }
    await sleep(500);
    const answer = await call(ext, { type: 'task.get', taskId: task.id });
    if (!answer.ok) {
      console.error(`task.get failed: ${answer.error.code}: ${answer.error.message}`);
      return false;
    }
    task = answer.task;
  }
  if (task.status !== 'completed') {
    console.error(
      `The download ended ${task.status}: ${task.error ? `${task.error.code}: ${task.error.message}` : 'no reason given'}`,
    );
    return false;
  }
  if (task.error) console.warn(`Warning: ${task.error.code}: ${task.error.message}`);
  let path: string;
  if (task.downloadId !== undefined) {
    path = await ext.downloadPath(task.downloadId, 30_000);
  } else if (task.fileName) {
    const name = task.fileName;
    path = await ext.waitForDownload((n) => n === name, 30_000);
  } else {
    console.error('The task completed but names no file (no downloadId, no fileName).');
    return false;
  }
  console.log(`Saved: ${path}`);
  const head = readFileSync(path, 'utf-8').split('\n').slice(0, 6);
  for (const line of head) console.log(`  | ${line}`);
  return true;
}

/** What a reader does when the popup asks: opens the page with the card's button and passes the check there. */
async function clearWall(ext: Ext): Promise<void> {
  await ext.page.reload();
  const opened = ext.context.waitForEvent('page', { timeout: 15_000 });
  await ext.page.getByTestId('wall-open').click({ timeout: 15_000 });
  const tab = await opened;
  await tab.click('#challenge-verify', { timeout: 15_000 });
}

async function main(): Promise<number> {
  const site = await startSite();
  console.log(`Demo site: ${site.origin}/  (books: /book/1/ /book/2/ /book/3/ /book/en/ /book/gen-<N>/)`);
  let ext: Ext | undefined;
  try {
    ext = await launchExtension({
      headless,
      downloadsDir: join(ROOT, '.tmp', 'downloads'),
      // a kept profile for interactive use; a throwaway one for the scripted run
      profileDir: headless ? undefined : join(ROOT, '.tmp', 'profile'),
    });
    console.log(
      `Chromium ${headless ? '(headless) ' : ''}runs the extension ${ext.extensionId}; downloads go to ${ext.downloadsDir}`,
    );
    const bookUrl = `${walls ? site.wallOrigins.challenge : site.origin}/book/1/`;
    // Behind the check, the book's own tab would show the check at once: the popup asks instead.
    if (!walls) await ext.openTab(bookUrl);
    if (headless) return (await downloadDemoBook(ext, bookUrl)) ? 0 : 1;
    if (walls) {
      await call(ext, { type: 'task.start', url: bookUrl, format: 'epub' });
      console.log(
        `Started ${bookUrl}, which is behind an anti-bot check. The popup (the first tab) asks you to open the page and confirm you are human; the download then goes on by itself. Ctrl-C quits.`,
      );
    }

    if (!walls) console.log(`Opened ${bookUrl}. Use the extension's toolbar button to download it. Ctrl-C quits.`);
    const context = ext.context;
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
      context.once('close', () => resolve());
    });
    return 0;
  } finally {
    await ext?.close();
    await site.close();
  }
}

// Whatever happens, the scripted run ends in bounded time.
if (headless)
  setTimeout(() => {
    console.error('npm start: giving up after 4 minutes.');
    process.exit(1);
  }, 240_000).unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
