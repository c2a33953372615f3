// Bench 5 — recovery in Chromium: the extension's service worker is stopped through CDP in the
// middle of a download (gen-1000, TXT, 50 ms latency, default concurrency), twice:
//
//   A. with the popup open: its `tasks` port drops, it reconnects, and that wakes the worker;
//   B. with no extension page that talks to the worker (the tab shows the extension's
//      manifest.json, an extension-origin page that sends no message and opens no port), so only
//      the chrome.alarms watchdog (watchdogPeriodSeconds = 30) can wake it.
//
// Progress is read straight from the extension's IndexedDB in that tab, never by a message (a
// message would wake the worker itself). Printed: seconds from the worker seen stopped until
// completedChapters grows again (goal ≤ watchdog period + 5 s), and the chapters fetched twice.
//
//   npx tsx bench/recovery.ts
import type { Page } from 'playwright-core';
import type { Task } from '../lib/contract';
import { prepareExtension } from './lib/build';
import { chapterRequests, ended, fetchedTwice, sleep, startRig, waitEnded, type Rig } from './lib/browser';
import { describeLoad, watchMachine } from './lib/machine';
import { hardDeadline, heading, note, record, secs } from './lib/report';

const CHAPTERS = 1000;
const BOOK = `gen-${CHAPTERS}`;
const LATENCY_MS = 50;
const PERIOD_S = 30;
const GOAL_MS = (PERIOD_S + 5) * 1000;
const DB_NAME = 'novel-downloader';

/** The task as stored, read in an extension page without waking the worker. */
function readStoredTask(page: Page, taskId: string): Promise<Task | undefined> {
  return page.evaluate(
    ({ name, id }) =>
      new Promise<Task | undefined>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('tasks').objectStore('tasks').get(id);
          request.onsuccess = () => {
            resolve(request.result as Task | undefined);
            db.close();
          };
          request.onerror = () => {
            reject(request.error);
            db.close();
          };
        };
      }),
    { name: DB_NAME, id: taskId },
  );
}

interface Outcome {
  /** Worker seen stopped → stored completedChapters grew; undefined when it did not within the wait. */
  resumeMs?: number;
  /** Worker seen stopped → the site's next chapter request. */
  firstRequestMs?: number;
  completedAtStop: number;
}

async function stopAndWatch(
  rig: Rig,
  page: Page,
  taskId: string,
  waitMs: number,
): Promise<Outcome & { stoppedAt: number }> {
  await rig.ext.stopWorker();
  const stoppedAt = Date.now();
  const atStop = (await readStoredTask(page, taskId))?.completedChapters ?? 0;
  let resumeMs: number | undefined;
  for (const deadline = stoppedAt + waitMs; Date.now() < deadline;) {
    const task = await readStoredTask(page, taskId).catch(() => undefined);
    if (task && (task.completedChapters > atStop || ended(task))) {
      resumeMs = Date.now() - stoppedAt;
      break;
    }
    await sleep(100);
  }
  const next = chapterRequests(rig.site, BOOK).find((r) => r.at > stoppedAt);
  return { stoppedAt, resumeMs, firstRequestMs: next ? next.at - stoppedAt : undefined, completedAtStop: atStop };
}

export async function recovery(options: { extensionDir?: string } = {}): Promise<void> {
  heading(
    `5. Recovery: the worker stopped mid-download (Chromium, ${BOOK}, TXT, ${LATENCY_MS} ms latency, watchdog every ${PERIOD_S} s)`,
  );
  let rig: Rig | undefined;
  hardDeadline('recovery', 240_000, () => rig?.close() ?? Promise.resolve());
  rig = await startRig(LATENCY_MS, options.extensionDir);
  const { ext, site } = rig;
  try {
    await ext.call({ type: 'settings.set', patch: { watchdogPeriodSeconds: PERIOD_S } });
    site.resetLog();
    const machine = watchMachine();
    const { task } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/book/${BOOK}/`,
      sourceId: 'demo',
      format: 'txt',
    });

    // A: the popup stays open; its port reconnects and wakes the worker.
    await ext.waitForTask(task.id, (t) => t.completedChapters >= 150 || ended(t), 60_000);
    const a = await stopAndWatch(rig, ext.page, task.id, GOAL_MS + 20_000);
    record({
      figure: 'recovery A (popup open)',
      value:
        a.resumeMs === undefined
          ? `no progress within ${secs(GOAL_MS + 20_000)}`
          : `${secs(a.resumeMs)} until completedChapters grew (next chapter request after ${a.firstRequestMs === undefined ? '—' : secs(a.firstRequestMs)})`,
      goal: `≤ ${PERIOD_S + 5} s (watchdog period + 5 s)`,
      pass: a.resumeMs !== undefined && a.resumeMs <= GOAL_MS,
      short: a.resumeMs === undefined ? 'no progress' : secs(a.resumeMs),
    });

    // B: nothing but the alarm can wake it. The tab moves to an extension page that is silent
    // (manifest.json) before the stop: a navigation afterwards would itself wake the worker.
    await ext.waitForTask(task.id, (t) => t.completedChapters >= a.completedAtStop + 250 || ended(t), 60_000);
    const alarm = await ext.page.evaluate(() => chrome.alarms.get('watchdog'));
    await ext.page.goto(ext.url('manifest.json'), { timeout: 15_000 });
    const b = await stopAndWatch(rig, ext.page, task.id, GOAL_MS + 25_000);
    const dueIn = alarm
      ? nextAlarm(alarm.scheduledTime, (alarm.periodInMinutes ?? PERIOD_S / 60) * 60_000, b.stoppedAt) - b.stoppedAt
      : undefined;
    record({
      figure: 'recovery B (watchdog alarm only)',
      value:
        b.resumeMs === undefined
          ? `no progress within ${secs(GOAL_MS + 25_000)}`
          : `${secs(b.resumeMs)} until completedChapters grew (next chapter request after ${b.firstRequestMs === undefined ? '—' : secs(b.firstRequestMs)}; the alarm was due ${dueIn === undefined ? '?' : secs(dueIn)} after the stop)`,
      goal: `≤ ${PERIOD_S + 5} s (watchdog period + 5 s)`,
      pass: b.resumeMs !== undefined && b.resumeMs <= GOAL_MS,
      short:
        b.resumeMs === undefined
          ? 'no progress'
          : `${secs(b.resumeMs)} (alarm due ${dueIn === undefined ? '?' : secs(dueIn)})`,
    });

    // Back to the popup (this wakes the worker if the alarm has not), then let the book finish.
    await ext.page.goto(ext.url('popup.html'), { timeout: 15_000 });
    const done = await waitEnded(ext, task.id, 90_000);
    const load = machine.stop();
    const health = await ext.call({ type: 'health' });
    const requests = chapterRequests(site, BOOK);
    const twice = fetchedTwice(requests);
    const seen = new Map<string, number[]>();
    for (const r of requests) if (!r.limited) seen.set(r.path, [...(seen.get(r.path) ?? []), r.at]);
    const repeats = [...seen.values()].filter((times) => times.length > 1);
    const afterA = repeats.filter((times) => times[1]! > a.stoppedAt && times[1]! <= b.stoppedAt).length;
    const afterB = repeats.filter((times) => times[1]! > b.stoppedAt).length;
    const most = Math.max(0, ...[...seen.values()].map((times) => times.length));
    record({
      figure: 'recovery: chapters fetched twice',
      value: `${twice} of ${CHAPTERS} (${afterA} after stop A, ${afterB} after stop B; at most ${most} fetches of one chapter; ${requests.length} chapter requests in all)`,
      goal: 'information (a chapter in flight when the worker stops is fetched again, no chapter more than twice)',
      pass: null,
      short: `${twice} (max ${most} per chapter)`,
    });
    const lastWatchdog = health.watchdogAt ? `${secs(health.watchdogAt - b.stoppedAt)} after stop B` : 'never';
    note(
      `task ${done.status}: ${done.completedChapters}/${done.totalChapters} chapters, ${done.failedChapters} failed, resumes ${done.resumes}; health.recoveredTotal ${health.recoveredTotal}, last watchdog run ${lastWatchdog}`,
    );
    note(describeLoad(load));
  } finally {
    await rig.close();
  }
}

/** The first firing of a periodic alarm after `after`. */
function nextAlarm(scheduled: number, periodMs: number, after: number): number {
  let at = scheduled;
  while (at <= after) at += periodMs;
  return at;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await recovery({ extensionDir: prepareExtension() });
  process.exit(0);
}
