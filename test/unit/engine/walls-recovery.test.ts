// A waiting task outlives its worker: the next worker (and the watchdog) finds it still waiting
// with the same deadline, never treats it as an orphan to resume, goes on once the reader is past
// the wall, and ends it at once if its deadline passed while no worker ran.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Task, WaitingFor } from '../../../lib/contract';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { cookieJar } from './cookie-jar';
import { leftBehind } from './left-behind';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

/** What a worker stopped while its task waited leaves in storage: the waiting task and its first chapters. */
function leftWaiting(dbName: string, until: number, storedChapters: number[]): Promise<Task> {
  const origin = site.wallOrigins.challenge;
  const waitingFor: WaitingFor = {
    kind: 'challenge',
    host: `127.0.0.2:${site.port}`,
    url: `${origin}/book/1/${storedChapters.length + 1}.html`,
    since: until - 60_000,
    until,
  };
  return leftBehind(
    dbName,
    origin,
    {
      status: 'waiting',
      progress: 25,
      createdAt: Date.now() - 120_000,
      startedAt: Date.now() - 120_000,
      heartbeatAt: Date.now() - 100_000,
      waitingFor,
    },
    storedChapters,
  );
}

describe('a waiting task whose worker was stopped', () => {
  it('is still waiting with the same deadline in the next worker, not resumed by it or by the watchdog, and goes on once the wall is gone', async () => {
    const dbName = `test-${randomUUID()}`;
    const left = await leftWaiting(dbName, Date.now() + 60_000, [1, 2, 3]);
    const jar = cookieJar();
    const { call, service, waitForTask, ended, files } = await startService({ dbName, fetch: jar.fetch });
    const found = (await call({ type: 'task.get', taskId: left.id })).task;
    expect(found).toMatchObject({ status: 'waiting', waitingFor: left.waitingFor, resumes: 0 });
    expect(await service.watchdog()).toBe(0);
    expect((await call({ type: 'task.get', taskId: left.id })).task).toMatchObject({
      status: 'waiting',
      waitingFor: left.waitingFor,
    });
    expect((await call({ type: 'health' })).waiting).toBe(1);

    await jar.passChallenge(site.wallOrigins.challenge);
    await service.pageLoaded(`${site.wallOrigins.challenge}/`);
    const done = await waitForTask(left.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 12, resumes: 0 });
    for (let n = 1; n <= 3; n++) expect(site.hits(`/book/1/${n}.html`), `chapter ${n}`).toBe(0);
    for (let n = 4; n <= 12; n++)
      expect(
        site.requests().filter((r) => r.path === `/book/1/${n}.html` && !r.walled),
        `chapter ${n}`,
      ).toHaveLength(1);
    expect(files.get(left.id)!.text.replace(/\n$/, '').split('\n')).toEqual(
      expectedTxtLines(site.wallOrigins.challenge, '1'),
    );
  });

  it('ends failed/challenge at once when its deadline passed while no worker ran', async () => {
    const dbName = `test-${randomUUID()}`;
    const left = await leftWaiting(dbName, Date.now() - 1_000, [1, 2]);
    const { call } = await startService({ dbName });
    const { task } = await call({ type: 'task.get', taskId: left.id });
    expect(task).toMatchObject({ status: 'failed', completedChapters: 2, error: { code: 'challenge' } });
    expect(task.error!.message).toContain('nobody did within 1 minute');
    expect(site.hits()).toBe(0);
  });
});
