import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { MAX_RESUMES_WITHOUT_PROGRESS } from '../../../lib/service/task-manager';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { poll } from '../../fixtures/poll';
import { leftBehind } from './left-behind';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

/** What a worker that died mid-download leaves in storage: a `running` task and some chapters. */
function orphan(dbName: string, patch: Partial<Task>, storedChapters: number[]): Promise<Task> {
  return leftBehind(dbName, site.origin, patch, storedChapters);
}

describe('recovering tasks whose worker was lost', () => {
  it('resumes an orphaned running task at start-up without fetching stored chapters again', async () => {
    const dbName = `test-${randomUUID()}`;
    const task = await orphan(dbName, {}, [1, 2, 3, 4, 5]);
    const { call, waitForTask, ended, files } = await startService({ dbName });
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 12, resumes: 1 });
    for (let n = 1; n <= 5; n++) expect(site.hits(`/book/1/${n}.html`)).toBe(0);
    for (let n = 6; n <= 12; n++) expect(site.hits(`/book/1/${n}.html`)).toBe(1);
    expect(site.hits('/book/1/')).toBe(7); // the book page is stored too: only the 7 chapters
    expect(files.get(task.id)!.text.replace(/\n$/, '').split('\n')).toEqual(expectedTxtLines(site.origin, '1'));
    const health = await call({ type: 'health' });
    expect(health.recoveredTotal).toBe(1);
  });

  it(`ends a task interrupted after ${MAX_RESUMES_WITHOUT_PROGRESS} resumes without progress`, async () => {
    const dbName = `test-${randomUUID()}`;
    const task = await orphan(dbName, { resumesWithoutProgress: MAX_RESUMES_WITHOUT_PROGRESS }, [1]);
    const { call } = await startService({ dbName });
    const { task: ended } = await call({ type: 'task.get', taskId: task.id });
    expect(ended).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted', message: expect.stringMatching(/Retry/) },
    });
    expect(site.hits()).toBe(0);
  });

  it('ends a task that outlived maxTaskMinutes as timeout instead of resuming it', async () => {
    const dbName = `test-${randomUUID()}`;
    const task = await orphan(dbName, { startedAt: Date.now() - 2 * 60 * 60_000 }, []);
    const { call } = await startService({ dbName, settings: { maxTaskMinutes: 60 } });
    const { task: ended } = await call({ type: 'task.get', taskId: task.id });
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
  });

  it('tasks.recover counts only tasks with no live runner, and the watchdog notes its run', async () => {
    const { call, service, waitForTask, ended } = await startService();
    site.setLatency(30);
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-40/`, format: 'txt' });
    await waitForTask(task.id, (t) => t.status === 'running');
    expect((await call({ type: 'tasks.recover' })).recovered).toBe(0);
    const before = Date.now();
    expect(await service.watchdog()).toBe(0);
    const health = await call({ type: 'health' });
    expect(health.watchdogAt).toBeGreaterThanOrEqual(before);
    expect(health).toMatchObject({ running: 1, liveRunners: 1 });
    expect((await waitForTask(task.id, ended)).status).toBe('completed');
  });

  it('a worker lost mid-download is resumed by the next one; no chapter is fetched more than twice', async () => {
    const dbName = `test-${randomUUID()}`;
    site.setLatency(10);
    // The first worker "dies": after 8 chapter requests its fetches never settle, as when
    // Chrome stops a service worker with requests in flight.
    let answered = 0;
    let hanging = 0;
    const dying: typeof fetch = (input, init) => {
      if (/\/\d+\.html$/.test(String(input))) {
        if (answered === 8) {
          hanging += 1;
          return new Promise(() => {});
        }
        answered += 1;
      }
      return fetch(input, init);
    };
    const first = await startService({ dbName, fetch: dying, heartbeatMs: 3_600_000 });
    const { task } = await first.call({ type: 'task.start', url: `${site.origin}/book/gen-40/`, format: 'txt' });
    // Dead once a never-settling fetch holds each of the host's 3 request slots and the 8
    // chapters it did get are stored.
    const stored = await poll(
      async () => (await first.store.chapterIndexes(task.id)).stored.size,
      (count) => hanging === 3 && count === 8,
      { intervalMs: 20, what: 'the first worker to hang with 8 chapters stored' },
    );
    expect((await first.call({ type: 'task.get', taskId: task.id })).task.status).toBe('running');

    const second = await startService({ dbName });
    const done = await second.waitForTask(task.id, second.ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 40, resumes: 1 });
    const counts = new Map<string, number>();
    for (const request of site.requests()) counts.set(request.path, (counts.get(request.path) ?? 0) + 1);
    const chapterCounts = [...counts].filter(([path]) => /\d+\.html$/.test(path)).map(([, n]) => n);
    expect(chapterCounts).toHaveLength(40);
    expect(Math.max(...chapterCounts)).toBeLessThanOrEqual(2);
    expect(chapterCounts.filter((n) => n === 2).length).toBeLessThanOrEqual(40 - stored);
  });
});
