// A task's numbers are one set of numbers: what its record says, what its error sentence says and
// what its stored chapters say agree, whichever worker lost the last chapter.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import type { Store } from '../../../lib/store/store';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

/** The task's counts as its stored chapters give them. */
async function storedCounts(store: Store, taskId: string) {
  const { stored, failed } = await store.chapterIndexes(taskId);
  return { completedChapters: stored.size - failed.size, failedChapters: failed.size };
}

async function expectCountsAgree(store: Store, task: Task): Promise<void> {
  const stored = await storedCounts(store, task.id);
  expect({ completedChapters: task.completedChapters, failedChapters: task.failedChapters }).toEqual(stored);
  expect(task.failures?.length ?? 0).toBe(Math.min(100, stored.failedChapters));
}

describe('the counts of an ended task', () => {
  // The popup's screenshot: every chapter refused, six workers in flight when the limit was hit.
  it('a book whose chapters the site refuses fails with one count of what is missing', async () => {
    site.setFault(/^\/book\/2\/\d+\.html$/, { kind: 'status', status: 403 });
    const { call, waitForTask, ended, store } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/2/`, format: 'epub' });
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'http_status' }, totalChapters: 8 });
    await expectCountsAgree(store, done);
    expect(done.error!.message).toMatch(new RegExp(`^${done.failedChapters} of 8 chapters could not be downloaded`));
  });

  it('a book missing fewer chapters than allowed completes with the same count in its warning', async () => {
    site.setFault(/^\/book\/gen-40\/[1-3]\.html$/, { kind: 'status', status: 404 });
    const { call, waitForTask, ended, store } = await startService({ settings: { maxAttempts: 1 } });
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-40/`, format: 'txt' });
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 37, failedChapters: 3, progress: 100 });
    await expectCountsAgree(store, done);
    expect(done.error!.message).toMatch(/^3 of 40 chapters could not be downloaded/);
  });

  it('a cancelled task counts the chapters it had stored', async () => {
    site.setLatency(20);
    const { call, waitForTask, store } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-100/`, format: 'txt' });
    await waitForTask(task.id, (t) => t.completedChapters >= 5);
    const { task: cancelled } = await call({ type: 'task.cancel', taskId: task.id });
    expect(cancelled.status).toBe('cancelled');
    await expectCountsAgree(store, cancelled);
  });
});
