// In Firefox too, the cookie a reader gets by clearing a challenge in a tab reaches the add-on's
// own requests (Total Cookie Protection does not keep it from them): source.test reads the
// challenged demo host only after the button in the tab was pressed.
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
    await poll(() => addon.evaluateInTab<string>(onHost, 'document.title'), (title) => title === 'Just a moment...', { timeoutMs: 15_000, what: 'the challenge in a tab' });
    await addon.evaluateInTab(onHost, "(document.getElementById('challenge-verify').click(), true)");
    await poll(() => addon.evaluateInTab<string>(onHost, 'document.title'), (title) => title.startsWith(bookInfo('1').title), { timeoutMs: 15_000, what: 'the book page after the challenge' });

    const answer = await addon.call({ type: 'source.test', url }, 60_000);
    expect(answer.book.title).toBe(bookInfo('1').title);
  });
});
