// Tasks behind a wall on their site, end to end against the demo site's wall hosts: they wait
// (persisted, bounded), every task of that site waits with them, they go on by themselves once
// the reader got past the wall, and they fail with the wall's code and sentence at the deadline.
// The reader's requests and the worker's share a cookie jar, as a tab and the extension do.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { cookieJar } from './cookie-jar';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();
const isWaiting = (task: Task) => task.status === 'waiting';

/** Requests for `path` on `host` that got the page rather than the wall. */
function pagesServed(host: string, path: string): number {
  return site.requests().filter((r) => r.host === host && r.path === path && !r.walled).length;
}

describe('a challenge on the site', () => {
  it('makes the task wait with what it waits for, then go on by itself once the reader passed it; no chapter is fetched twice', async () => {
    const jar = cookieJar();
    const origin = site.wallOrigins.challenge;
    site.wall('challenge').letThrough(5); // the book page and a few chapters, then the wall
    const { call, waitForTask, ended, files, service } = await startService({
      fetch: jar.fetch,
      settings: { challengeWaitMinutes: 1 },
    });
    const { task } = await call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' });

    const waiting = await waitForTask(task.id, isWaiting);
    const { waitingFor } = waiting;
    expect(waitingFor).toMatchObject({ kind: 'challenge', host: `127.0.0.2:${site.port}` });
    expect(waitingFor!.url).toMatch(new RegExp(`^${origin}/book/1/\\d+\\.html$`));
    expect(waitingFor!.until - waitingFor!.since).toBe(60_000);
    expect(waiting.completedChapters).toBeGreaterThan(0);
    const { events } = await call({ type: 'task.log', taskId: task.id });
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^Waiting for you until .*anti-bot check \(Cloudflare\)/),
    );

    await jar.passChallenge(origin);
    await service.pageLoaded(`${origin}/book/1/`); // the reader's tab loads a page of the site
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 12, failedChapters: 0 });
    expect(done.waitingFor).toBeUndefined();
    expect(files.get(task.id)!.text.replace(/\n$/, '').split('\n')).toEqual(expectedTxtLines(origin, '1'));
    for (let n = 1; n <= 12; n++) expect(pagesServed('127.0.0.2', `/book/1/${n}.html`), `chapter ${n}`).toBe(1);
  });

  it('holds every task of that site while tasks on other sites go on; the popup button resumes them all', async () => {
    const jar = cookieJar();
    const origin = site.wallOrigins.challenge;
    const { call, waitForTask, ended } = await startService({
      fetch: jar.fetch,
      settings: { challengeWaitMinutes: 1 },
    });
    const first = (await call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' })).task;
    const second = (await call({ type: 'task.start', url: `${origin}/book/en/`, format: 'txt' })).task;
    const elsewhere = (await call({ type: 'task.start', url: `${site.origin}/book/3/`, format: 'txt' })).task;
    await waitForTask(first.id, isWaiting);
    await waitForTask(second.id, isWaiting);
    expect((await waitForTask(elsewhere.id, ended)).status).toBe('completed');

    // Pressed before the reader got past it: the wall stands, the task still waits.
    expect((await call({ type: 'task.resume', taskId: second.id })).task.status).toBe('waiting');
    await jar.passChallenge(origin);
    expect((await call({ type: 'task.resume', taskId: second.id })).task.status).not.toBe('waiting');
    expect(await waitForTask(first.id, ended)).toMatchObject({ status: 'completed', completedChapters: 12 });
    expect(await waitForTask(second.id, ended)).toMatchObject({ status: 'completed', completedChapters: 6 });
    const health = await call({ type: 'health' });
    expect(health.waiting).toBe(0);
  });

  it('unattended, ends failed/challenge at the deadline, naming the site and what to do', async () => {
    const origin = site.wallOrigins.challenge;
    site.wall('challenge').letThrough(3);
    const { call, waitForTask, ended } = await startService({ settings: { challengeWaitMinutes: 0.05 } });
    const { task } = await call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' });
    const waiting = await waitForTask(task.id, isWaiting);
    const failed = await waitForTask(task.id, ended, 15_000);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'challenge' } });
    expect(failed.finishedAt).toBeGreaterThanOrEqual(waiting.waitingFor!.until);
    expect(failed.error!.message).toBe(
      `127.0.0.2:${site.port} asked you to confirm you are human, and nobody did within 3 seconds, so the download stopped. Open ${waiting.waitingFor!.url} in a tab, pass the check, then Retry; the ${failed.completedChapters} chapters stored so far are kept.`,
    );
    expect(failed.completedChapters).toBe(waiting.completedChapters);
  });

  it('a waiting task can be cancelled; task.resume is only for a waiting task', async () => {
    const { call, refusal, waitForTask } = await startService({ settings: { challengeWaitMinutes: 1 } });
    const { task } = await call({ type: 'task.start', url: `${site.wallOrigins.challenge}/book/3/`, format: 'txt' });
    await waitForTask(task.id, isWaiting);
    const cancelled = (await call({ type: 'task.cancel', taskId: task.id })).task;
    expect(cancelled).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(cancelled.waitingFor).toBeUndefined();
    expect((await call({ type: 'health' })).waiting).toBe(0);
    expect(await refusal({ type: 'task.resume', taskId: task.id })).toMatchObject({
      code: 'invalid_message',
      message: expect.stringMatching(/not waiting/),
    });
  });
});

describe('a sign-in on the site', () => {
  it('makes the task wait for a login, goes on once the reader signed in, and without one ends login_required', async () => {
    const jar = cookieJar();
    const origin = site.wallOrigins.signIn;
    const { call, waitForTask, ended, service } = await startService({
      fetch: jar.fetch,
      settings: { challengeWaitMinutes: 1 },
    });
    const { task } = await call({ type: 'task.start', url: `${origin}/book/en/`, format: 'txt' });
    const waiting = await waitForTask(task.id, isWaiting);
    expect(waiting.waitingFor).toMatchObject({ kind: 'login', host: `127.0.0.3:${site.port}` });
    expect(waiting.waitingFor!.url).toMatch(new RegExp(`^${origin}/book/en/\\d\\.html$`));
    await jar.signIn(origin);
    await service.pageLoaded(`${origin}/login`);
    expect(await waitForTask(task.id, ended)).toMatchObject({ status: 'completed', completedChapters: 6 });

    const other = await startService({ settings: { challengeWaitMinutes: 0.05 } });
    const unattended = (await other.call({ type: 'task.start', url: `${origin}/book/3/`, format: 'txt' })).task;
    const failed = await other.waitForTask(unattended.id, other.ended, 15_000);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'login_required' } });
    expect(failed.error!.message).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.3:${site.port} wanted you to sign in, and nobody did within 3 seconds, so the download stopped\\. Sign in on .* in a tab \\(.*\\), then Retry`,
      ),
    );
  });
});
