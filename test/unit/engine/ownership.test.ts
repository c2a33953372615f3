// One writer per task at a time: the runner holding the task's lease, else the manager. A runner
// that is stuck (here: the file never saves, a page load that ignores the signal) cannot hold a
// cancel, a remove or the time limit, and whatever it tries once it wakes up is refused.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { HostScheduler } from '../../../lib/net';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { Store } from '../../../lib/store/store';
import { TaskOwnership } from '../../../lib/task/ownership';
import { createBytesLoader, createPageLoader, type PageLoader } from '../../../lib/task/page-loader';
import { TaskRunner, type SaveFile } from '../../../lib/task/runner';
import { FINAL_STATUSES } from '../../../lib/contract';
import { DEMO_SOURCES } from '../../fixtures/sources';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();
const demo = DEMO_SOURCES.find((rule) => rule.id === 'demo')!;

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** A runner on a fresh store, with every write it makes recorded as the pages would see it. */
async function runnerOn(
  book: string,
  options: {
    saveFile?: SaveFile;
    load?: (real: PageLoader) => PageLoader;
    now?: () => number;
    heartbeatMs?: number;
  } = {},
) {
  const store = await Store.open(`test-${randomUUID()}`);
  const published: Task[] = [];
  let ended: (task: Task) => void;
  const firstFinal = new Promise<Task>((resolve) => (ended = resolve));
  const now = options.now ?? Date.now;
  const publish = (task: Task) => {
    published.push(task);
    if (FINAL_STATUSES.includes(task.status)) ended(task);
  };
  const owners = new TaskOwnership({ store, publish, now });
  const settings = { ...DEFAULT_SETTINGS, maxTaskMinutes: 60 };
  const loaders = { fetch, scheduler: new HostScheduler(), settings: () => settings };
  const realLoad = createPageLoader(loaders);
  const task: Task = {
    id: randomUUID(),
    url: `${site.origin}/book/${book}/`,
    sourceId: 'demo',
    format: 'txt',
    status: 'queued',
    totalChapters: 0,
    completedChapters: 0,
    failedChapters: 0,
    progress: 0,
    createdAt: now(),
    resumes: 0,
    resumesWithoutProgress: 0,
  };
  await owners.save(task);
  const lease = owners.lease(task.id);
  const runner = new TaskRunner(task, demo, {
    lease,
    store,
    load: options.load ? options.load(realLoad) : realLoad,
    loadBytes: createBytesLoader(loaders),
    saveFile: options.saveFile ?? (async () => ({ fileName: 'book.txt' })),
    keepAlive: () => undefined,
    now,
    settings,
    heartbeatMs: options.heartbeatMs,
  });
  const finals = () => published.filter((t) => t.id === task.id && FINAL_STATUSES.includes(t.status));
  const log = async () => (await store.taskEvents(task.id, 200)).map((event) => event.message);
  return { store, owners, lease, runner, task, published, finals, firstFinal, log };
}

describe('who writes a task', () => {
  it("a cancel while the runner is stuck saving the file: one final write, and the runner's later writes are refused", async () => {
    const save = gate();
    const saving = gate();
    const { owners, lease, runner, task, store, published, finals, log } = await runnerOn('1', {
      saveFile: async () => {
        saving.open();
        await save.opened;
        return { fileName: 'book.txt', downloadId: 1 };
      },
    });
    const done = runner.run();
    await saving.opened;

    // What the manager's cancel does: take the task back, stop the runner, end the task.
    await owners.takeBack(task.id);
    runner.stop();
    const cancelled = await owners.end(task.id, { kind: 'cancelled' });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      completedChapters: 12,
      error: { code: 'cancelled', message: 'The download was cancelled.' },
    });
    expect(lease.held).toBe(false);
    const writesAtCancel = published.length;

    // The runner wakes up with its file and tries to complete the task.
    save.open();
    await done;
    expect((await store.getTask(task.id))!.status).toBe('cancelled');
    expect(finals().map((t) => t.status)).toEqual(['cancelled']);
    expect(published).toHaveLength(writesAtCancel);
    const lines = await log();
    expect(lines.at(-1)).toBe('Cancelled.');
    expect(lines.some((line) => line.startsWith('Completed') || line.startsWith('File:'))).toBe(false);
    expect(lease.write({ ...task, status: 'running' })).toBe(false);
  });

  it('a remove while a page load ignores the signal: nothing the runner reads afterwards is stored, told to stop or not', async () => {
    const release = gate();
    const held = gate();
    const { owners, lease, runner, task, store, finals } = await runnerOn('1', {
      load: (real) => async (url, rule, signal, observe) => {
        if (url.endsWith('/3.html')) {
          held.open();
          await release.opened;
          return real(url, rule, new AbortController().signal, observe);
        }
        return real(url, rule, signal, observe);
      },
    });
    const done = runner.run();
    await held.opened;

    await owners.takeBack(task.id);
    await store.deleteTask(task.id);
    // Refused outright, not just skipped by a runner that checks its signal.
    expect(
      await lease.putChapter({
        taskId: task.id,
        index: 2,
        title: 'late',
        url: `${site.origin}/book/1/3.html`,
        text: 'late',
      }),
    ).toBe(false);
    lease.log({ level: 'info', message: 'late' });

    // Never told to stop: the runner finds out at its next step.
    release.open();
    await done;
    expect(await store.getTask(task.id)).toBeUndefined();
    expect((await store.chapterIndexes(task.id)).stored.size).toBe(0);
    expect(await store.taskEvents(task.id)).toEqual([]);
    expect(finals()).toEqual([]);
  });

  it("the time limit ends a stuck runner's task at once; the file it saves later changes nothing", async () => {
    const save = gate();
    const saving = gate();
    let clock = Date.now();
    const { runner, task, store, published, finals, firstFinal, log } = await runnerOn('1', {
      now: () => clock,
      heartbeatMs: 5,
      saveFile: async () => {
        saving.open();
        await save.opened;
        return { fileName: 'book.txt' };
      },
    });
    const done = runner.run();
    await saving.opened;
    clock += 61 * 60_000;
    await firstFinal;
    expect(finals()).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'timeout' }) }),
    ]);
    const writesAtEnd = published.length;

    save.open();
    await done;
    expect(published).toHaveLength(writesAtEnd);
    expect((await store.getTask(task.id))!).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect((await log()).at(-1)).toMatch(/^Failed: The download ran longer than the 60 minutes allowed/);
  });

  it('the manager may not write a task a runner holds', async () => {
    const { owners, task, runner } = await runnerOn('1');
    await expect(owners.save({ ...task, status: 'cancelled' })).rejects.toMatchObject({ code: 'internal' });
    await expect(owners.end(task.id, { kind: 'cancelled' })).rejects.toMatchObject({ code: 'internal' });
    expect(() => owners.lease(task.id)).toThrow(/already has a runner/);
    await runner.run();
    expect(owners.isLeased(task.id)).toBe(false);
  });
});

describe('cancel through the service', () => {
  it('answers cancelled while the runner is stuck saving the file, and frees its slot', async () => {
    const save = gate();
    const saving = gate();
    const { call, waitForTask, ended } = await startService({
      settings: { maxRunningTasks: 1 },
      saveFile: (real) => async (task) => {
        if (task.url.endsWith('/book/1/')) {
          saving.open();
          await save.opened;
        }
        return real(task);
      },
    });
    const { task: stuck } = await call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const { task: next } = await call({ type: 'task.start', url: `${site.origin}/book/en/`, format: 'txt' });
    await saving.opened;
    const answer = await call({ type: 'task.cancel', taskId: stuck.id });
    expect(answer.task).toMatchObject({ status: 'cancelled', completedChapters: 12 });
    // The one running slot went to the next task, though the stuck runner has not returned.
    expect((await waitForTask(next.id, ended)).status).toBe('completed');
    expect((await call({ type: 'task.get', taskId: stuck.id })).task.status).toBe('cancelled');
    save.open();
  });
});
