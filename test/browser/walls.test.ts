// Issue 15 in Chromium: a book behind a wall waits for the reader, the popup asks once and opens
// the page, the reader clears it in that tab, and the download goes on by itself — also when the
// worker was stopped or the browser restarted meanwhile; unattended it ends at its deadline; a
// locked chapter is listed, not retried.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { expectedTxtLines } from '../fixtures/expected-txt';
import { startDemoSite, type DemoSite } from '../fixtures/site';
import { launchExtension, type Ext } from './harness';

let site: DemoSite;
const temps: string[] = [];
beforeAll(async () => {
  site = await startDemoSite();
});
afterEach(() => {
  site.wall('challenge').reset();
  site.wall('signIn').reset();
  site.resetLog();
});
afterAll(async () => {
  await site?.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);
const waiting = (task: Task) => task.status === 'waiting';

/** The extension's own requests for each chapter that got the page (not the wall, not the reader's tab). */
function extensionFetches(host: string, book: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of site.requests()) {
    if (r.host !== host || r.walled || r.navigation || !new RegExp(`^/book/${book}/\\d+\\.html$`).test(r.path))
      continue;
    counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  }
  return counts;
}

/** The reader presses the popup card's button and gets past the challenge in the tab it opens. */
async function clearThroughPopup(ext: Ext): Promise<Page> {
  await ext.page.reload();
  const card = ext.page.getByTestId('wall-card');
  await card.waitFor({ timeout: 15_000 });
  const opened = ext.context.waitForEvent('page', { timeout: 15_000 });
  await card.getByTestId('wall-open').click();
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  expect(await tab.title()).toBe('Just a moment...');
  await tab.click('#challenge-verify');
  await tab.waitForSelector('#content, #info h1', { timeout: 15_000 });
  return tab;
}

async function expectWholeBook(ext: Ext, task: Task, origin: string): Promise<void> {
  expect(task, JSON.stringify(task.error)).toMatchObject({
    status: 'completed',
    completedChapters: 12,
    failedChapters: 0,
  });
  const file = readFileSync(await ext.downloadPath(task.downloadId!), 'utf8');
  expect(file.replace(/\n$/, '').split('\n')).toEqual(expectedTxtLines(origin, '1'));
  const counts = extensionFetches('127.0.0.2', '1');
  expect(counts.size).toBe(12);
  expect(Math.max(...counts.values())).toBe(1);
}

describe('a challenged book', () => {
  it('waits, asks once, and completes after the reader clears it in the tab the popup opened; no chapter fetched twice', async () => {
    const origin = site.wallOrigins.challenge;
    site.wall('challenge').letThrough(5);
    const ext = await launchExtension();
    try {
      await ext.call({ type: 'settings.set', patch: { challengeWaitMinutes: 10 } });
      const { task } = await ext.call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' });
      const other = (await ext.call({ type: 'task.start', url: `${origin}/book/en/`, format: 'txt' })).task;
      const paused = await ext.waitForTask(task.id, waiting, 30_000);
      expect(paused.waitingFor).toMatchObject({ kind: 'challenge', host: `127.0.0.2:${site.port}` });
      await ext.waitForTask(other.id, waiting, 30_000);

      // Asked once: one card, one notification, the waiting mark on the button.
      await ext.page.reload();
      await expect.poll(() => ext.page.getByTestId('wall-card').count(), { timeout: 10_000 }).toBe(1);
      expect(await ext.page.getByTestId('wall-message').textContent()).toContain(
        `is waiting for you to confirm you are human on 127.0.0.2:${site.port}`,
      );
      const notifications = await ext.waitFor(
        () => ext.page.evaluate(() => chrome.notifications.getAll()),
        (all) => Object.keys(all).length > 0,
        { what: 'the notification' },
      );
      expect(Object.keys(notifications)).toEqual([`wall:127.0.0.2:${site.port}`]);
      await ext.waitFor(
        () => ext.page.evaluate(() => chrome.action.getBadgeText({})),
        (text) => text === '!',
        { what: 'the waiting mark' },
      );

      const tab = await clearThroughPopup(ext);
      await expectWholeBook(ext, await ext.waitForTask(task.id, ended, 60_000), origin);
      const otherDone = await ext.waitForTask(other.id, ended, 60_000);
      expect(otherDone, JSON.stringify(otherDone.error)).toMatchObject({ status: 'completed', completedChapters: 6 });
      await ext.waitFor(
        () => ext.page.evaluate(() => chrome.notifications.getAll()),
        (all) => Object.keys(all).length === 0,
        { what: 'the notification taken back' },
      );
      await tab.close();
    } finally {
      await ext.close();
    }
  });

  it('goes on by itself when the worker was stopped while it waited', async () => {
    const origin = site.wallOrigins.challenge;
    site.wall('challenge').letThrough(4);
    const ext = await launchExtension();
    try {
      await ext.call({ type: 'settings.set', patch: { challengeWaitMinutes: 10 } });
      const { task } = await ext.call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' });
      const paused = await ext.waitForTask(task.id, waiting, 30_000);
      await ext.stopWorker();
      await clearThroughPopup(ext);
      const done = await ext.waitForTask(task.id, ended, 60_000);
      await expectWholeBook(ext, done, origin);
      expect(done.resumes).toBe(paused.resumes);
    } finally {
      await ext.close();
    }
  });

  it('is still waiting with the same deadline after the browser restarts, and completes once cleared', async () => {
    const origin = site.wallOrigins.challenge;
    site.wall('challenge').letThrough(4);
    const profileDir = mkdtempSync(join(tmpdir(), 'nd-walls-profile-'));
    const downloadsDir = mkdtempSync(join(tmpdir(), 'nd-walls-downloads-'));
    temps.push(profileDir, downloadsDir);
    let ext = await launchExtension({ profileDir, downloadsDir });
    let paused: Task;
    try {
      await ext.call({ type: 'settings.set', patch: { challengeWaitMinutes: 10 } });
      const { task } = await ext.call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' });
      paused = await ext.waitForTask(task.id, waiting, 30_000);
    } finally {
      await ext.close();
    }
    ext = await launchExtension({ profileDir, downloadsDir });
    try {
      const again = await ext.waitForTask(paused.id, () => true);
      expect(again).toMatchObject({
        status: 'waiting',
        waitingFor: paused.waitingFor,
        completedChapters: paused.completedChapters,
      });
      await clearThroughPopup(ext);
      await expectWholeBook(ext, await ext.waitForTask(paused.id, ended, 60_000), origin);
    } finally {
      await ext.close();
    }
  });

  it('unattended, ends failed/challenge at its deadline, saying what to do, and the popup shows it', async () => {
    const origin = site.wallOrigins.challenge;
    const ext = await launchExtension();
    try {
      await ext.call({ type: 'settings.set', patch: { challengeWaitMinutes: 0.1 } });
      const { task } = await ext.call({ type: 'task.start', url: `${origin}/book/1/`, format: 'txt' });
      const paused = await ext.waitForTask(task.id, waiting, 30_000);
      expect(paused.waitingFor!.until - paused.waitingFor!.since).toBe(6_000);
      const failed = await ext.waitForTask(task.id, ended, 60_000);
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'challenge' } });
      expect(failed.error!.message).toBe(
        `127.0.0.2:${site.port} asked you to confirm you are human, and nobody did within 6 seconds, so the download stopped. Open ${origin}/book/1/ in a tab, pass the check, then Retry.`,
      );
      await ext.page.reload();
      await expect
        .poll(() => ext.page.getByTestId('error-kind').textContent(), { timeout: 10_000 })
        .toContain('The site wanted proof that you are human.');
      expect(await ext.page.getByTestId('wall-card').count()).toBe(0);
    } finally {
      await ext.close();
    }
  });
});

describe('a book behind a sign-in', () => {
  it('goes on when the reader presses the popup\'s "Done, go on" once the site lets it in', async () => {
    const origin = site.wallOrigins.signIn;
    const ext = await launchExtension();
    try {
      await ext.call({ type: 'settings.set', patch: { challengeWaitMinutes: 10 } });
      const { task } = await ext.call({ type: 'task.start', url: `${origin}/book/en/`, format: 'txt' });
      await ext.waitForTask(task.id, waiting, 30_000);
      await ext.page.reload();
      const resume = ext.page.getByTestId('wall-resume');
      // Pressed while the site still wants a sign-in: nothing changes, and nothing is wrong.
      await resume.click();
      await expect.poll(() => resume.isEnabled(), { timeout: 10_000 }).toBe(true);
      expect((await ext.call({ type: 'task.get', taskId: task.id })).task.status).toBe('waiting');
      // The site lets chapters through now (as after a sign-in made elsewhere): pressed again, the download goes on.
      site.wall('signIn').letThrough(100);
      await resume.click();
      expect(await ext.waitForTask(task.id, ended, 60_000)).toMatchObject({
        status: 'completed',
        completedChapters: 6,
      });
      expect(await ext.page.getByTestId('wall-card').count()).toBe(0);
    } finally {
      await ext.close();
    }
  });

  it('unattended, ends failed/login_required at its deadline, saying what to do', async () => {
    const origin = site.wallOrigins.signIn;
    const ext = await launchExtension();
    try {
      await ext.call({ type: 'settings.set', patch: { challengeWaitMinutes: 0.1 } });
      const { task } = await ext.call({ type: 'task.start', url: `${origin}/book/en/`, format: 'txt' });
      const paused = await ext.waitForTask(task.id, waiting, 30_000);
      expect(paused.waitingFor).toMatchObject({ kind: 'login', host: `127.0.0.3:${site.port}` });
      await ext.page.reload();
      expect(await ext.page.getByTestId('wall-message').textContent()).toContain(
        `is waiting for you to sign in on 127.0.0.3:${site.port}`,
      );
      const failed = await ext.waitForTask(task.id, ended, 60_000);
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'login_required' } });
      expect(failed.error!.message).toBe(
        `127.0.0.3:${site.port} wanted you to sign in, and nobody did within 6 seconds, so the download stopped. Sign in on 127.0.0.3:${site.port} in a tab (${paused.waitingFor!.url}), then Retry.`,
      );
    } finally {
      await ext.close();
    }
  });
});

describe('a book with locked chapters', () => {
  it('completes with those chapters listed as locked, each fetched once, no retries spent', async () => {
    const ext = await launchExtension();
    try {
      const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/vip/`, format: 'epub' });
      const done = await ext.waitForTask(task.id, ended, 60_000);
      expect(done).toMatchObject({
        status: 'completed',
        completedChapters: 7,
        failedChapters: 0,
        lockedChapters: 3,
        retries: 0,
      });
      expect(done.locked!.map((c) => c.chapter)).toEqual([8, 9, 10]);
      for (let n = 8; n <= 10; n++) expect(site.hits(`/book/vip/${n}.html`)).toBe(1);
      await ext.page.reload();
      await expect
        .poll(() => ext.page.getByTestId('locked-chapters').textContent(), { timeout: 10_000 })
        .toBe('3 chapters locked');
    } finally {
      await ext.close();
    }
  });
});
