// The whole wall feature rests on one fact: once the reader gets past a wall in a tab (a
// challenge button, a sign-in form), the cookie the site sets reaches the requests the
// extension's worker makes. Here the worker reads the walled demo hosts with `source.test`
// (book page, table of contents, first chapter) before and after the reader acts in a tab.
import { describe, expect, it } from 'vitest';
import { bookInfo, chapterParagraphs } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const sourceTest = (url: string) => ext.send({ type: 'source.test', url }, 60_000);

describe("the reader's cookies reach the worker's requests", () => {
  it('a challenge cleared in a tab lets the worker read the host', async () => {
    const url = `${site.wallOrigins.challenge}/book/1/`;
    expect((await sourceTest(url)).ok).toBe(false);

    const tab = await ext.openTab(url);
    expect(await tab.title()).toBe('Just a moment...');
    await tab.click('#challenge-verify');
    await tab.waitForSelector('#info h1', { timeout: 15_000 });

    const answer = await sourceTest(url);
    if (!answer.ok) throw new Error(`source.test refused: ${answer.error.message}`);
    expect(answer.book.title).toBe(bookInfo('1').title);
    expect(answer.firstChapter.text).toContain(chapterParagraphs('1', 1)[0]);
    await tab.close();
  });

  it('a sign-in in a tab lets the worker read the chapters', async () => {
    const url = `${site.wallOrigins.signIn}/book/en/`;
    const before = await sourceTest(url);
    expect(before.ok).toBe(false);

    const tab = await ext.openTab(`${site.wallOrigins.signIn}/book/en/1.html`);
    await tab.click('#login-submit');
    await tab.waitForSelector('#content', { timeout: 15_000 });

    const answer = await sourceTest(url);
    if (!answer.ok) throw new Error(`source.test refused: ${answer.error.message}`);
    expect(answer.book.title).toBe(bookInfo('en').title);
    expect(answer.firstChapter.text).toContain(chapterParagraphs('en', 1)[0]);
    await tab.close();
  });
});
