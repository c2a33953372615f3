// Walls in Firefox: the cookie a reader gets by clearing a challenge in a tab reaches the add-on's
// own requests (Total Cookie Protection does not keep it from them), and a download behind a
// sign-in waits and goes on by itself once the reader signed in in a tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../browser/harness';
import { bookInfo, startDemoSite, type DemoSite } from '../fixtures/site';
import { launchFirefoxAddon, type FirefoxAddon } from './firefox-addon';

let site: DemoSite;
let addon: FirefoxAddon;

beforeAll(async () => {
  site = await startDemoSite();
  addon = await launchFirefoxAddon();
});

afterAll(async () => {
  await addon?.close();
  await site?.close();
});

describe('walls in Firefox', () => {
  it("a challenge cleared in a tab lets the add-on's requests through", async () => {
    const url = `${site.wallOrigins.challenge}/book/1/`;
    const onHost = (tabUrl: string) => tabUrl.startsWith(site.wallOrigins.challenge);
    expect((await addon.send({ type: 'source.test', url }, 60_000)).ok).toBe(false);

    await addon.evaluate(`browser.tabs.create({ url: ${JSON.stringify(url)} }).then(() => true)`);
    await poll(
      () => addon.evaluateInTab<string>(onHost, 'document.title'),
      (title) => title === 'Just a moment...',
      { timeoutMs: 15_000, what: 'the challenge in a tab' },
    );
    await addon.evaluateInTab(onHost, "(document.getElementById('challenge-verify').click(), true)");
    await poll(
      () => addon.evaluateInTab<string>(onHost, 'document.title'),
      (title) => title.startsWith(bookInfo('1').title),
      { timeoutMs: 15_000, what: 'the book page after the challenge' },
    );

    const answer = await addon.call({ type: 'source.test', url }, 60_000);
    expect(answer.book.title).toBe(bookInfo('1').title);
  });

  it('a download behind the sign-in waits, and goes on by itself once the reader signed in in a tab', async () => {
    const origin = site.wallOrigins.signIn;
    const onHost = (tabUrl: string) => tabUrl.startsWith(origin);
    await addon.call({ type: 'settings.set', patch: { challengeWaitMinutes: 5 } });
    const { task } = await addon.call({ type: 'task.start', url: `${origin}/book/en/`, format: 'txt' });
    const waiting = await addon.waitForTask(task.id, (t) => t.status === 'waiting', 30_000);
    expect(waiting.waitingFor).toMatchObject({ kind: 'login', host: `127.0.0.3:${site.port}` });

    await addon.evaluate(`browser.tabs.create({ url: ${JSON.stringify(waiting.waitingFor!.url)} }).then(() => true)`);
    await poll(
      () => addon.evaluateInTab<boolean>(onHost, "Boolean(document.getElementById('login-submit'))"),
      Boolean,
      { timeoutMs: 15_000, what: 'the sign-in form in a tab' },
    );
    await addon.evaluateInTab(onHost, "(document.getElementById('login-submit').click(), true)");
    const done = await addon.waitForTask(
      task.id,
      (t) => ['completed', 'failed', 'cancelled'].includes(t.status),
      60_000,
    );
    expect(done).toMatchObject({ status: 'completed', completedChapters: 6, failedChapters: 0 });
  });
});
