// `npm run soak -- --minutes N`: many downloads against the demo site with random faults and
// worker kills, for N minutes (default 3), some of them on the demo's walled hosts (an anti-bot
// check, a sign-in) that a simulated reader now and then gets past in a tab and that otherwise
// run out their wait. Prints how many tasks ended in each state and how many were ever stuck
// beyond their bound; exits 1 if any was. Not part of `npm test`.
import { existsSync } from 'node:fs';
import type { Task } from '../lib/contract';
import { EXTENSION_DIR, launchExtension, sleep } from '../test/browser/harness';
import { startDemoSite, type Fault } from '../test/fixtures/site';

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1]) || 3;
const seed = Number(process.argv[process.argv.indexOf('--seed') + 1]) || Date.now() % 100_000;
const SETTINGS = {
  requestTimeoutMs: 5_000,
  maxAttempts: 3,
  watchdogPeriodSeconds: 5,
  concurrency: 4,
  maxRunningTasks: 3,
  challengeWaitMinutes: 0.5,
};
// A task may sit without visible progress for at most: one page's tries and backoffs, a
// Retry-After pause, a watchdog period and some slack. Beyond that it counts as stuck.
const STUCK_AFTER_MS =
  SETTINGS.requestTimeoutMs * SETTINGS.maxAttempts + 2_000 + 5_000 + SETTINGS.watchdogPeriodSeconds * 1_000 + 15_000;
const DRAIN_MS = 3 * 60_000;
const MAX_ACTIVE = 5;
// A waiting task ends by its deadline; the watchdog may see it that much later, plus slack.
const WAIT_SLACK_MS = SETTINGS.watchdogPeriodSeconds * 1_000 + 15_000;
const unfinished = (task: Task) => task.status === 'queued' || task.status === 'running' || task.status === 'waiting';

let state = seed;
const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const FAULTS: Array<() => Fault> = [
  () => ({ kind: 'status', status: pick([500, 502, 503]), times: 1 + Math.floor(random() * 3) }),
  () => ({ kind: 'status', status: 503 }),
  () => ({ kind: 'status', status: 429, times: 1, retryAfter: 1 }),
  () => ({ kind: 'status', status: 404 }),
  () => ({ kind: 'hang', times: 2 }),
  () => ({ kind: 'reset', times: 2 }),
  () => ({ kind: 'empty', times: 2 }),
  () => ({ kind: 'challenge', times: 1 }),
  () => ({ kind: 'truncate', times: 1 }),
  () => ({ kind: 'trickle', intervalMs: 200, times: 1 }),
];

async function main(): Promise<number> {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) throw new Error('Build the extension first: npm run build');
  console.log(
    `Soak for ${minutes} min (seed ${seed}); a task is stuck after ${STUCK_AFTER_MS / 1000} s without progress.`,
  );
  const site = await startDemoSite({ latencyMs: 10 });
  const ext = await launchExtension();
  const seen = new Map<string, { key: string; at: number; stuck: boolean }>();
  let kills = 0;
  try {
    await ext.send({ type: 'settings.set', patch: SETTINGS });
    const until = Date.now() + minutes * 60_000;
    let nextKill = Date.now() + 10_000;
    let nextFault = Date.now();
    let nextReader = Date.now() + 15_000;
    let cleared = 0;
    while (Date.now() < until) {
      const { tasks } = await ext.call({ type: 'task.list' });
      track(tasks, seen);
      const active = tasks.filter(unfinished);
      if (active.length < MAX_ACTIVE) {
        const book = pick(['1', '2', '3', 'en', 'vip', `gen-${20 + Math.floor(random() * 180)}`, 'missing-book']);
        const origin = pick([
          site.origin,
          site.origin,
          site.origin,
          site.wallOrigins.challenge,
          site.wallOrigins.signIn,
        ]);
        await ext.send({ type: 'task.start', url: `${origin}/book/${book}/`, format: pick(['epub', 'txt']) });
      }
      if (Date.now() > nextReader) {
        // The reader: sometimes gets past a wall in a tab, sometimes puts it back up, sometimes is away.
        const action = pick(['check', 'sign-in', 'away', 'walls-up'] as const);
        if (action === 'check' || action === 'sign-in')
          cleared += await actAsReader(ext, action === 'check' ? site.wallOrigins.challenge : site.wallOrigins.signIn);
        if (action === 'walls-up') {
          site.wall('challenge').reset();
          site.wall('signIn').reset();
        }
        nextReader = Date.now() + 10_000 + random() * 20_000;
      }
      if (active.length && random() < 0.03) await ext.send({ type: 'task.cancel', taskId: pick(active).id });
      if (Date.now() > nextFault) {
        site.setFault(null);
        for (let i = 0; i < 3; i++)
          site.setFault(new RegExp(`/${1 + Math.floor(random() * 60)}\\.html$`), pick(FAULTS)());
        nextFault = Date.now() + 5_000;
      }
      if (Date.now() > nextKill) {
        await ext.stopWorker();
        kills += 1;
        nextKill = Date.now() + 8_000 + random() * 15_000;
      }
      await sleep(1_000);
    }
    site.setFault(null);
    console.log(
      `Stopped adding work after ${kills} worker kills and ${cleared} walls got past; waiting up to ${DRAIN_MS / 1000} s for every task to end.`,
    );
    const drainUntil = Date.now() + DRAIN_MS;
    let tasks: Task[] = [];
    while (Date.now() < drainUntil) {
      tasks = (await ext.call({ type: 'task.list' })).tasks;
      track(tasks, seen);
      if (!tasks.some(unfinished)) break;
      await sleep(1_000);
    }
    const byState = new Map<string, number>();
    for (const task of tasks) {
      const key = task.status === 'failed' ? `failed/${task.error?.code}` : task.status;
      byState.set(key, (byState.get(key) ?? 0) + 1);
    }
    const notEnded = tasks.filter(unfinished).length;
    const stuck = [...seen.values()].filter((s) => s.stuck).length;
    console.log(`Tasks: ${tasks.length}, worker kills: ${kills}, walls got past: ${cleared}`);
    for (const [key, count] of [...byState].sort()) console.log(`  ${key}: ${count}`);
    console.log(
      `Ever stuck (running ${STUCK_AFTER_MS / 1000} s without progress, or waiting ${WAIT_SLACK_MS / 1000} s past its deadline): ${stuck}; not ended after the drain: ${notEnded}`,
    );
    return stuck + notEnded === 0 ? 0 : 1;
  } finally {
    await ext.close();
    await site.close();
  }
}

/** Opens a walled host in a tab and gets past its wall as a reader would; 1 when it did. */
async function actAsReader(ext: Awaited<ReturnType<typeof launchExtension>>, origin: string): Promise<number> {
  const tab = await ext.context.newPage();
  try {
    await tab.goto(`${origin}/book/1/1.html`, { timeout: 10_000 });
    const button = (await tab.$('#challenge-verify')) ?? (await tab.$('#login-submit'));
    if (!button) return 0; // already past it
    await button.click();
    await tab.waitForSelector('#content', { timeout: 10_000 });
    return 1;
  } catch (error) {
    console.log(`The reader could not get past the wall on ${origin}: ${String(error)}`);
    return 0;
  } finally {
    await tab.close().catch(() => undefined);
  }
}

/** Notes each task's last visible change and flags those that went quiet for too long. */
function track(tasks: Task[], seen: Map<string, { key: string; at: number; stuck: boolean }>): void {
  const now = Date.now();
  for (const task of tasks) {
    const key = `${task.status}/${task.completedChapters}/${task.failedChapters}/${task.attempts ?? 0}/${task.resumes}`;
    const last = seen.get(task.id);
    if (!last || last.key !== key) {
      seen.set(task.id, { key, at: now, stuck: last?.stuck ?? false });
    } else if (task.status === 'running' && now - last.at > STUCK_AFTER_MS && !last.stuck) {
      // Only running tasks: a queued one may rightly wait behind others (the drain checks it ends).
      last.stuck = true;
      console.log(`STUCK: ${task.id} ${task.url} ${key} for ${Math.round((now - last.at) / 1000)} s`);
    }
    if (
      task.status === 'waiting' &&
      task.waitingFor &&
      now > task.waitingFor.until + WAIT_SLACK_MS &&
      !seen.get(task.id)!.stuck
    ) {
      seen.get(task.id)!.stuck = true;
      console.log(
        `STUCK: ${task.id} ${task.url} still waiting ${Math.round((now - task.waitingFor.until) / 1000)} s past its deadline`,
      );
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
