// Runs the built Firefox add-on (.output/firefox-mv3) in Firefox and talks to it the way
// about:debugging and web-ext do: over Firefox's Remote Debugging Protocol, which installs it
// as a temporary add-on, lists the add-on's pages and evaluates code in one of them. (WebDriver
// BiDi refuses to open moz-extension:// pages.) The add-on itself has no hook for this: the
// test calls the same browser.runtime.sendMessage its popup calls.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Payload, RequestOf, RequestType, Response, Task } from '../../lib/contract';
import { FIREFOX, findBrowser } from '../browser/find-browser';
import {
  callVia,
  finishedDownload,
  importDemoSources,
  poll,
  ROOT,
  waitForTaskVia,
  withTimeout,
  type DownloadState,
} from '../browser/harness';
import { RdpClient, type Packet } from './rdp-client';

export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv3');

export interface FirefoxAddon {
  /** The add-on id from the manifest (browser_specific_settings.gecko.id). */
  id: string;
  downloadsDir: string;
  /** Evaluates `expression` (a promise is awaited) in the add-on's popup page, open in a tab; its value through JSON. */
  evaluate<T = unknown>(expression: string, timeoutMs?: number): Promise<T>;
  /** Evaluates `expression` in the first open web page tab whose URL passes `test`, as a reader's click would run there. */
  evaluateInTab<T = unknown>(test: (url: string) => boolean, expression: string, timeoutMs?: number): Promise<T>;
  /** `browser.runtime.sendMessage(msg)` from the popup page: the worker's whole answer. */
  send<T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number): Promise<Response<T>>;
  /** The answer's payload; a refusal throws with its code and sentence. */
  call<T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number): Promise<Payload<T>>;
  waitForTask(taskId: string, predicate: (task: Task) => boolean, timeoutMs?: number): Promise<Task>;
  /** Waits until downloads.search reports download `downloadId` complete; its full path. */
  downloadPath(downloadId: number, timeoutMs?: number): Promise<string>;
  /** Stops the add-on's background page, as Firefox does when it idles; the next event wakes it. */
  stopBackground(): Promise<void>;
  close(): Promise<void>;
}

interface TargetForm {
  url: string;
  consoleActor: string;
}

/** Starts headless Firefox on a fresh profile with the built add-on installed. */
export async function launchFirefoxAddon(extensionDir = FIREFOX_EXTENSION_DIR): Promise<FirefoxAddon> {
  const manifestFile = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestFile))
    throw new Error(`No built add-on at ${extensionDir}: run \`npm run build:firefox\` first.`);
  const id = (
    JSON.parse(readFileSync(manifestFile, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } }
  ).browser_specific_settings?.gecko?.id;
  if (!id)
    throw new Error(
      `${manifestFile} has no browser_specific_settings.gecko.id; Firefox needs one to keep the add-on's storage.`,
    );
  const executable = findBrowser(FIREFOX);

  const profileDir = mkdtempSync(join(tmpdir(), 'nd-firefox-profile-'));
  const downloadsDir = mkdtempSync(join(tmpdir(), 'nd-firefox-downloads-'));
  writePreferences(profileDir, downloadsDir);
  const port = await freePort();
  const firefox = spawn(
    executable,
    ['--headless', '--no-remote', '--profile', profileDir, '--start-debugger-server', String(port)],
    {
      detached: true, // its own process group, so close() stops its content processes too
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  firefox.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  let client: RdpClient | undefined;
  const close = async () => {
    client?.close();
    await stop(firefox);
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(downloadsDir, { recursive: true, force: true });
  };

  try {
    client = await connectWhenListening(port, firefox, () => stderr);
    const { descriptor, popup } = await openPopupPage(client, id, resolve(extensionDir));
    const evaluate = <T>(expression: string, timeoutMs = 30_000) =>
      withTimeout(
        evaluateIn(client!, popup.consoleActor, expression),
        timeoutMs,
        `Firefox gave no value for ${expression.slice(0, 80)} within ${timeoutMs} ms`,
      ) as Promise<T>;
    const send = <T extends RequestType>(msg: RequestOf<T>, timeoutMs?: number) =>
      evaluate<Response<T>>(`browser.runtime.sendMessage(${JSON.stringify(msg)})`, timeoutMs);
    // The demo site's rules are not shipped: tests install them as a user would.
    await importDemoSources(send);
    return {
      id,
      downloadsDir,
      evaluate,
      send,
      call: (msg, timeoutMs) => callVia(send, msg, timeoutMs),
      evaluateInTab: <T>(test: (url: string) => boolean, expression: string, timeoutMs = 30_000) =>
        withTimeout(
          tabConsole(client!, test).then((consoleActor) => evaluateIn<T>(client!, consoleActor, expression)),
          timeoutMs,
          `Firefox gave no value in a tab for ${expression.slice(0, 80)} within ${timeoutMs} ms`,
        ) as Promise<T>,
      waitForTask: (taskId, predicate, timeoutMs) => waitForTaskVia(send, taskId, predicate, timeoutMs),
      downloadPath: (downloadId, timeoutMs) =>
        finishedDownload(
          () =>
            evaluate<DownloadState | undefined>(
              `browser.downloads.search({ id: ${downloadId} }).then((items) => items[0])`,
            ),
          downloadId,
          timeoutMs,
        ),
      async stopBackground() {
        await client!.request(descriptor, 'terminateBackgroundScript');
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Installs the add-on and opens its popup page in a tab from its background page; the add-on's actor and that page. */
async function openPopupPage(
  client: RdpClient,
  id: string,
  extensionDir: string,
): Promise<{ descriptor: string; popup: TargetForm }> {
  const root = await client.request('root', 'getRoot');
  await client.request(String(root.addonsActor), 'installTemporaryAddon', { addonPath: extensionDir });
  const { addons } = (await client.request('root', 'listAddons')) as Packet & {
    addons: { id: string; actor: string }[];
  };
  const descriptor = addons.find((addon) => addon.id === id);
  if (!descriptor) throw new Error(`Firefox installed the add-on but does not list ${id}.`);

  // Every page of the add-on is a frame target of its watcher; they are announced as they load.
  const pages: TargetForm[] = [];
  const stopWatching = client.on((packet) => {
    if (packet.type === 'target-available-form') pages.push(packet.target as TargetForm);
  });
  try {
    const watcher = await client.request(descriptor.actor, 'getWatcher', { isServerTargetSwitchingEnabled: true });
    await client.request(String(watcher.actor), 'watchTargets', { targetType: 'frame' });
    const page = (what: string, test: (url: string) => boolean) =>
      poll(async () => pages.find((p) => test(p.url)), Boolean, { timeoutMs: 20_000, intervalMs: 50, what });
    const background = (await page("the add-on's background page", (url) =>
      url.endsWith('/_generated_background_page.html'),
    ))!;
    const popupUrl = await evaluateIn<string>(
      client,
      background.consoleActor,
      "browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }).then(() => browser.runtime.getURL('/popup.html'))",
    );
    return { descriptor: descriptor.actor, popup: (await page("the add-on's popup page", (url) => url === popupUrl))! };
  } finally {
    stopWatching();
  }
}

/** The console actor of the first tab whose URL passes `test`, waiting (bounded) for one to load. */
async function tabConsole(client: RdpClient, test: (url: string) => boolean): Promise<string> {
  const tab = await poll(
    async () => {
      const { tabs } = (await client.request('root', 'listTabs')) as Packet & {
        tabs: { actor: string; url: string }[];
      };
      return tabs.find((t) => test(t.url));
    },
    Boolean,
    { timeoutMs: 20_000, intervalMs: 100, what: 'a tab with the page' },
  );
  const { frame } = (await client.request(tab!.actor, 'getTarget')) as Packet & { frame: TargetForm };
  return frame.consoleActor;
}

/** Runs `expression` in a page through its console actor, as the browser console would. */
async function evaluateIn<T>(client: RdpClient, consoleActor: string, expression: string): Promise<T> {
  // The console awaits a promise result when told the input was mapped from top-level await;
  // errors come back as values, since a rejected promise arrives without its reason.
  const text = `(async () => { try { return JSON.stringify({ value: await (${expression}) }); } catch (error) { return JSON.stringify({ error: String(error) }); } })()`;
  const results: Packet[] = [];
  const stopListening = client.on((packet) => {
    if (packet.type === 'evaluationResult' && packet.from === consoleActor) results.push(packet);
  });
  let result: Packet;
  try {
    const { resultID } = await client.request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
    result =
      results.find((r) => r.resultID === resultID) ??
      (await client.waitFor(
        (p) => p.type === 'evaluationResult' && p.resultID === resultID,
        60_000,
        'an evaluation result',
      ));
  } finally {
    stopListening();
  }
  if (result.hasException || result.topLevelAwaitRejected)
    throw new Error(`Firefox could not evaluate ${expression}: ${String(result.exceptionMessage ?? 'rejected')}`);
  const json = await fullString(client, result.result);
  const outcome = JSON.parse(json) as { value?: T; error?: string };
  if (outcome.error !== undefined) throw new Error(outcome.error);
  return outcome.value as T;
}

/** A string grip: short strings come whole, long ones through their actor. */
async function fullString(client: RdpClient, grip: unknown): Promise<string> {
  if (typeof grip === 'string') return grip;
  const long = grip as { type?: string; actor?: string; length?: number };
  if (long?.type !== 'longString' || !long.actor)
    throw new Error(`Expected a string from Firefox, got ${JSON.stringify(grip)}`);
  const { substring } = await client.request(long.actor, 'substring', { start: 0, end: long.length });
  return String(substring);
}

async function connectWhenListening(port: number, firefox: ChildProcess, stderr: () => string): Promise<RdpClient> {
  let exited = false;
  firefox.once('exit', () => {
    exited = true;
  });
  const client = await poll(
    async () => (exited ? null : RdpClient.connect(port, 5_000)),
    (connected) => {
      if (connected === null) throw new Error(`Firefox exited before it listened for the debugger: ${stderr()}`);
      return true;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: `Firefox's debugging server on port ${port}` },
  );
  return client!;
}

/** A fresh profile: the debugging server without a prompt, downloads into one folder, nothing that phones home. */
function writePreferences(profileDir: string, downloadsDir: string): void {
  mkdirSync(profileDir, { recursive: true });
  const prefs: Record<string, string | number | boolean> = {
    'devtools.debugger.remote-enabled': true,
    'devtools.debugger.prompt-connection': false,
    'devtools.chrome.enabled': true,
    'browser.download.dir': downloadsDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
  const lines = Object.entries(prefs).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  writeFileSync(join(profileDir, 'user.js'), lines.join('\n') + '\n');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Ends Firefox (and its content processes): politely, then for sure. */
async function stop(firefox: ChildProcess): Promise<void> {
  if (firefox.exitCode !== null || firefox.signalCode !== null) return;
  const exited = new Promise<void>((done) => firefox.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-firefox.pid!, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: already gone
    }
  };
  signal('SIGTERM');
  await withTimeout(exited, 10_000, 'Firefox did not stop').catch(() => {
    signal('SIGKILL');
    return withTimeout(exited, 5_000, 'Firefox did not stop after SIGKILL').catch((error: unknown) =>
      console.warn(String(error)),
    );
  });
}
