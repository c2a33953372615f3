// A disk that fills up as a task ends: the runner cannot write the task's last state, so storage
// still says `running` with no runner behind it. The watchdog neither fails nor gives up on it:
// once there is room again it resumes the task from its stored chapters.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { AppError } from '../../../lib/errors';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

describe('a full disk at the end of a download', () => {
  it('leaves the task running in storage only until the watchdog finds it with room to write', async () => {
    let full = false;
    let saved = 0;
    const service = await startService({
      fileSaved: async () => {
        // The browser wrote the file, and with it the disk is full.
        if (saved++ === 0) full = true;
      },
    });
    const { store, call } = service;
    const putTask = store.putTask.bind(store);
    store.putTask = async (task: Task) => {
      if (full)
        throw new AppError(
          'storage',
          'The browser has no room left to save a task (QuotaExceededError). Free disk space, then retry.',
        );
      return putTask(task);
    };

    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    await service.waitForTask(task.id, () => saved > 0);
    // The runner ends; its last write failed.
    const live = async () => (await call({ type: 'health' })).liveRunners;
    for (let tries = 0; (await live()) > 0 && tries < 500; tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await live()).toBe(0);
    expect((await call({ type: 'task.get', taskId: task.id })).task.status).toBe('running');

    // While the disk stays full the watchdog can change nothing, and says so without failing.
    expect(await service.service.watchdog()).toBe(0);
    expect((await call({ type: 'task.get', taskId: task.id })).task.status).toBe('running');

    full = false;
    expect(await service.service.watchdog()).toBe(1);
    const done = await service.waitForTask(task.id, service.ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 12, resumes: 1 });
    // Every chapter was stored before the disk filled up: none was fetched again.
    expect(site.requests().filter((r) => /^\/book\/1\/\d+\.html$/.test(r.path))).toHaveLength(12);
  });
});
