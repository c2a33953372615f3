// Drives the built extension (.output/chrome-mv3) in Chromium (or Chrome) through playwright-core.
// Used by the browser tests and by `npm start` (scripts/start.ts). Every wait here is bounded.

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import type { Payload, RequestOf, RequestType, Response, Task } from '../../lib/contract';
import { CHROMIUM, findBrowser } from './find-browser';
import { DEMO_SOURCES } from '../fixtures/sources';
import { nothingInFlight, poll, sleep, withTimeout, type WaitOptions } from '../fixtures/poll';

export { poll, sleep, withTimeout, type WaitOptions };

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

export interface LaunchOptions {
  /** Chromium user data dir; a fresh temp dir (deleted by close()) when omitted. */
  profileDir?: string;
  /** Where downloads land; a fresh temp dir (deleted by close()) when omitted. */
  downloadsDir?: string;
  /** Default true (`--headless=new`). */
  headless?: boolean;
  /** Default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Extra Chromium switches. */
  args?: string[];
}

export interface Ext {
  context: BrowserContext;
  extensionId: string;
  extensionDir: string;
  /** An extension page (popup.html) opened in a tab; `send` runs in it. */
  page: Page;
  profileDir: string;
  downloadsDir: string;
  /** `chrome-extension://ID/<path>` */
  url(path?: string): string;
  /** `chrome.runtime.sendMessage(msg)` from the extension page: the worker's whole answer. */
  send<T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number): Promise<Response<T>>;
  /** The answer's payload; a refusal throws with its code and sentence. */
  call<T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number): Promise<Payload<T>>;
  /** Polls `probe` until `predicate` holds on its result; returns that result. */
  waitFor<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, options?: WaitOptions): Promise<T>;
  /** Polls `task.get` until `predicate(task)`; returns the task. */
  waitForTask(taskId: string, predicate: (task: Task) => boolean, timeoutMs?: number): Promise<Task>;
  /** Stops the extension's service worker (as Chrome does when it idles); the next message wakes it. */
  stopWorker(): Promise<void>;
  /** The extension's service worker, to evaluate code in; woken by a message if it was stopped. */
  serviceWorker(): Promise<Worker>;
  /** Resolves once the worker has nothing of any task at work (see nothingInFlight). */
  untilIdle(): Promise<void>;
  /** Waits for a finished file in downloadsDir whose name satisfies `predicate`; its full path. */
  waitForDownload(predicate: (fileName: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Waits until chrome.downloads reports download `downloadId` complete; its full path. */
  downloadPath(downloadId: number, timeoutMs?: number): Promise<string>;
  /** Opens `url` in a new tab. */
  openTab(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium with the built extension loaded and the demo site's sources imported. */
export async function launchExtension(opts: LaunchOptions = {}): Promise<Ext> {
  const extensionDir = resolve(opts.extensionDir ?? EXTENSION_DIR);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` (wxt build) first.`);
  }
  const executablePath = findBrowser(CHROMIUM);
  const headless = opts.headless ?? true;
  const temps: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  const profileDir = resolve(opts.profileDir ?? tempDir('nd-profile-'));
  const downloadsDir = resolve(opts.downloadsDir ?? tempDir('nd-downloads-'));
  mkdirSync(downloadsDir, { recursive: true });
  writeDownloadPreferences(profileDir, downloadsDir);

  const args = [
    ...(headless ? ['--headless=new'] : []),
    '--no-sandbox',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    ...(opts.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: false,
    args,
    timeout: 30_000,
  });
  let closed = false;
  const cleanup = () => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const extensionId = await findExtensionId(context, extensionDir);
    const base = `chrome-extension://${extensionId}/`;
    const page = await context.newPage();
    const entry = existsSync(join(extensionDir, 'popup.html')) ? 'popup.html' : 'manifest.json';
    await page.goto(base + entry, { timeout: 15_000 });
    const cdp = await context.newCDPSession(page);
    await allowDownloads(context, cdp, downloadsDir);

    const send = async <T extends RequestType>(msg: RequestOf<T>, timeoutMs = 30_000): Promise<Response<T>> => {
      const answer = page.evaluate((m): Promise<Response<T>> => chrome.runtime.sendMessage(m), msg);
      return withTimeout(answer, timeoutMs, `no answer to ${JSON.stringify(msg)} within ${timeoutMs} ms`);
    };
    const call = <T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number) => callVia(send, msg, timeoutMs);

    const waitFor = <T>(probe: () => Promise<T>, predicate: (value: T) => boolean, options: WaitOptions = {}) =>
      poll(probe, predicate, options);

    // The demo site's sources are not built in: every run installs them as a user would.
    await importDemoSources(send);

    const ext: Ext = {
      context,
      extensionId,
      extensionDir,
      page,
      profileDir,
      downloadsDir,
      url: (path = '') => base + path.replace(/^\//, ''),
      send,
      call,
      waitFor,
      waitForTask: (taskId, predicate, timeoutMs) => waitForTaskVia(send, taskId, predicate, timeoutMs),
      async stopWorker() {
        await stopServiceWorkers(cdp, base);
      },
      async serviceWorker() {
        const ours = (worker: Worker) => worker.url().startsWith(base);
        const running = context.serviceWorkers().find(ours);
        if (running) return running;
        const started = context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 });
        await send({ type: 'task.list' });
        return context.serviceWorkers().find(ours) ?? (await started);
      },
      untilIdle: () => untilIdleVia(send),
      waitForDownload: (predicate, timeoutMs = 30_000) => waitForFile(downloadsDir, predicate, timeoutMs),
      downloadPath: (downloadId, timeoutMs) =>
        finishedDownload(
          () => page.evaluate((id) => chrome.downloads.search({ id }).then((items) => items[0]), downloadId),
          downloadId,
          timeoutMs,
        ),
      async openTab(url) {
        const tab = await context.newPage();
        await tab.goto(url, { timeout: 15_000 });
        return tab;
      },
      async close() {
        if (closed) return;
        closed = true;
        await withTimeout(context.close(), 15_000, 'Chromium did not close within 15 s').catch((error: unknown) => {
          console.warn(String(error));
        });
        cleanup();
      },
    };
    return ext;
  } catch (error) {
    closed = true;
    await withTimeout(context.close(), 15_000, 'close').catch(() => undefined);
    cleanup();
    throw error;
  }
}

/** Any browser's way to reach the worker: the whole answer, typed by the message. */
export type Send = <T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number) => Promise<Response<T>>;

/** The answer's payload through `send`; a refusal throws with its code and sentence. */
export async function callVia<T extends RequestType>(
  send: Send,
  msg: RequestOf<T>,
  timeoutMs?: number,
): Promise<Payload<T>> {
  const answer = await send(msg, timeoutMs);
  if (!answer.ok) throw new Error(`${JSON.stringify(msg)} was refused: ${answer.error.code}: ${answer.error.message}`);
  return answer;
}

/** Polls `task.get` through `send` until `predicate(task)`. */
export async function waitForTaskVia(
  send: Send,
  taskId: string,
  predicate: (task: Task) => boolean,
  timeoutMs = 60_000,
): Promise<Task> {
  const { task } = await poll(
    () => callVia(send, { type: 'task.get', taskId }),
    (answer) => predicate(answer.task),
    { timeoutMs, intervalMs: 200, what: `task ${taskId}` },
  );
  return task;
}

/** Polls `diagnostics` through `send` until nothing is in flight (see nothingInFlight). */
export async function untilIdleVia(send: Send): Promise<void> {
  await poll(() => callVia(send, { type: 'diagnostics' }), nothingInFlight, {
    intervalMs: 50,
    what: 'the worker to have nothing in flight',
  });
}

/** The parts of a downloads.search() item that say where a finished file is. */
export interface DownloadState {
  state?: string;
  filename: string;
  error?: string;
}

/** Polls `search` (the browser's downloads.search for one id) until the file is complete on disk; its path. */
export async function finishedDownload(
  search: () => Promise<DownloadState | undefined>,
  downloadId: number,
  timeoutMs = 30_000,
): Promise<string> {
  const item = await poll(
    search,
    (d) => {
      if (d?.state === 'interrupted')
        throw new Error(`Download ${downloadId} was interrupted: ${d.error ?? 'unknown reason'}`);
      return d?.state === 'complete' && Boolean(d.filename) && existsSync(d.filename);
    },
    { timeoutMs, intervalMs: 200, what: `download ${downloadId}` },
  );
  return item!.filename;
}

/** Installs the demo site's sources as a user would (any browser's way to reach the worker), retrying while the worker is still starting. */
export async function importDemoSources(send: Send): Promise<void> {
  const answer = await poll(
    () => send({ type: 'source.import', sources: DEMO_SOURCES }, 10_000),
    () => true,
    {
      timeoutMs: 30_000,
      intervalMs: 300,
      what: 'the demo sources to be imported',
    },
  );
  if (!answer.ok) throw new Error(`The extension refused the demo sources: ${answer.error.message}`);
}

/** The id Chromium gives an unpacked extension: from its manifest key, else from its path. */
export function unpackedExtensionId(extensionDir: string): string {
  let input: Buffer;
  try {
    const key = (JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf-8')) as { key?: string }).key;
    input = key ? Buffer.from(key, 'base64') : Buffer.from(resolve(extensionDir));
  } catch {
    input = Buffer.from(resolve(extensionDir));
  }
  const hex = createHash('sha256').update(input).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

// ---------------------------------------------------------------------------------------------

function writeDownloadPreferences(profileDir: string, downloadsDir: string): void {
  const file = join(profileDir, 'Default', 'Preferences');
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  let prefs: { download?: Record<string, unknown> } & Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      prefs = JSON.parse(readFileSync(file, 'utf-8')) as typeof prefs;
    } catch {
      return; // not ours to repair
    }
    if (prefs.download?.default_directory === downloadsDir && prefs.download?.prompt_for_download === false) return;
  }
  prefs.download = { ...(prefs.download ?? {}), default_directory: downloadsDir, prompt_for_download: false };
  writeFileSync(file, JSON.stringify(prefs));
}

async function findExtensionId(context: BrowserContext, extensionDir: string): Promise<string> {
  const fromWorker = (url: string) => /^chrome-extension:\/\/([a-p]{32})\//.exec(url)?.[1];
  for (const worker of context.serviceWorkers()) {
    const id = fromWorker(worker.url());
    if (id) return id;
  }
  try {
    const worker = await context.waitForEvent('serviceworker', {
      predicate: (w) => Boolean(fromWorker(w.url())),
      timeout: 10_000,
    });
    return fromWorker(worker.url())!;
  } catch {
    // No service worker yet (e.g. the background failed to start): fall back to the id
    // Chromium derives for an unpacked extension, which is what it will use.
    return unpackedExtensionId(extensionDir);
  }
}

/**
 * Playwright routes downloads into its own temp folder under GUID names; hand them back to
 * Chromium's default behaviour so files land in downloadsDir (from Preferences) by name.
 */
async function allowDownloads(context: BrowserContext, pageSession: CDPSession, downloadsDir: string): Promise<void> {
  const browser = context.browser();
  const attempts: (() => Promise<unknown>)[] = [];
  if (browser) {
    attempts.push(async () => {
      const session = await browser.newBrowserCDPSession();
      await session.send('Browser.setDownloadBehavior', { behavior: 'default' });
      await session.detach().catch(() => undefined);
    });
  }
  attempts.push(() => pageSession.send('Browser.setDownloadBehavior', { behavior: 'default' }));
  // Last resort: name-keeping downloads straight into downloadsDir.
  attempts.push(() =>
    pageSession.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadsDir }),
  );
  const errors: string[] = [];
  for (const attempt of attempts) {
    try {
      await attempt();
      return;
    } catch (error) {
      errors.push(String(error));
    }
  }
  throw new Error(`Could not set Chromium's download behaviour: ${errors.join('; ')}`);
}

async function stopServiceWorkers(cdp: CDPSession, base: string): Promise<void> {
  type Version = { versionId: string; scriptURL: string; runningStatus: string };
  let status: string | undefined; // latest runningStatus of the extension's worker
  let stopRequested = false;
  let sawStopped = false;
  const onVersions = (event: { versions: Version[] }) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith(base)) continue;
      status = v.runningStatus;
      if (stopRequested && status === 'stopped') sawStopped = true;
    }
  };
  cdp.on('ServiceWorker.workerVersionUpdated', onVersions);
  try {
    await cdp.send('ServiceWorker.enable');
    // The current versions are reported right after enable.
    for (const deadline = Date.now() + 2_000; status === undefined && Date.now() < deadline;) await sleep(25);
    if (status === 'stopped') return;
    stopRequested = true;
    await cdp.send('ServiceWorker.stopAllWorkers');
    // It may start again at once (an open page reconnecting a port); seeing it stopped is enough.
    for (const deadline = Date.now() + 5_000; !sawStopped && Date.now() < deadline;) await sleep(25);
    if (!sawStopped)
      throw new Error(`The extension's service worker did not stop within 5 s (status: ${status ?? 'unknown'}).`);
  } finally {
    cdp.off('ServiceWorker.workerVersionUpdated', onVersions);
    await cdp.send('ServiceWorker.disable').catch(() => undefined);
  }
}

async function waitForFile(dir: string, predicate: (name: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const sizes = new Map<string, number>();
  for (;;) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    const partial = new Set(
      names.filter((n) => n.endsWith('.crdownload')).map((n) => n.slice(0, -'.crdownload'.length)),
    );
    for (const name of names) {
      if (name.endsWith('.crdownload') || name.startsWith('.') || partial.has(name) || !predicate(name)) continue;
      const path = join(dir, name);
      let size: number;
      try {
        const stat = statSync(path);
        if (!stat.isFile()) continue;
        size = stat.size;
      } catch {
        continue;
      }
      if (sizes.get(name) === size) return path; // unchanged since the last look
      sizes.set(name, size);
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for a download in ${dir}; it holds: ${names.join(', ') || 'nothing'}`,
      );
    }
    await sleep(250);
  }
}
