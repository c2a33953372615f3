// A rule made by clicking, as a reader makes one: on the demo site's Quill book, which the
// generic reader reads wrong, "Make a rule for this site" in the popup opens the builder over the
// page; the reader confirms the title, picks the author and a chapter link, opens a chapter,
// picks its text and its next-page link, tests the rule on three chapters, saves it and downloads
// the book with it. Every click on the page is a real mouse click; a click a page script fakes is
// ignored; page text shows in the panel as text.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { QUILL_BOOK, quillBookPath, quillChapterPath, quillLines, quillTxtLines } from '../fixtures/site';
import { contentScriptWorld } from './content-world';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();
const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

/** The builder's panel in the tab: the extension page the picker shows in an iframe, once it has loaded `url`'s page. */
async function panelOf(tab: Page, stage: 'book' | 'chapter'): Promise<Frame> {
  return ext.waitFor(
    async () => {
      const frame = tab.frames().find((f) => f.url().startsWith(ext.url('rule-builder.html')) && !f.isDetached());
      if (!frame) return undefined;
      const shown = await frame
        .getByTestId('stage')
        .getAttribute('data-stage', { timeout: 200 })
        .catch(() => null);
      return shown === stage ? frame : undefined;
    },
    (frame) => frame !== undefined,
    { timeoutMs: 20_000, intervalMs: 100, what: `the rule builder's panel on the ${stage} page` },
  ) as Promise<Frame>;
}

/** Waits until the field's summary reads `expected`. */
async function caught(panel: Frame, field: string, expected: string | RegExp): Promise<string> {
  return ext.waitFor(
    async () => (await panel.getByTestId(`caught-${field}`).textContent()) ?? '',
    (text) => (typeof expected === 'string' ? text === expected : expected.test(text)),
    { timeoutMs: 10_000, intervalMs: 50, what: `the ${field} field to read ${expected}` },
  );
}

describe('the rule builder', () => {
  it('makes a rule by clicking on a page the generic reader gets wrong, and the rule downloads the book', async () => {
    await ext.call({ type: 'settings.set', patch: { defaultFormat: 'txt' } });
    const bookUrl = site.origin + quillBookPath();
    const tab = await ext.openTab(bookUrl);

    // Without a rule the generic reader finds no chapter list on the page.
    const generic = await ext.send({ type: 'source.test', url: bookUrl, sourceId: 'generic' });
    expect(generic.ok).toBe(false);

    const popup = await ext.context.newPage();
    await popup.goto(ext.url(`popup.html?url=${encodeURIComponent(bookUrl)}`));
    await popup.getByTestId('make-rule').click();
    let panel = await panelOf(tab, 'book');

    // The picker lives in the content script's world of the page, so the worker refuses it what
    // the panel (an extension page, though framed by the page) asks below with success.
    const world = await contentScriptWorld(ext, tab);
    expect(await world.evaluate<boolean>('globalThis.novelRuleBuilder?.overlay.host.isConnected === true')).toBe(true);
    for (const message of [
      { type: 'source.test', url: bookUrl, samples: 3 },
      {
        type: 'source.import',
        sources: {
          id: 'site-127-0-0-1',
          name: 'x',
          matches: ['<all_urls>'],
          book: { title: 'h1' },
          toc: { chapters: 'a' },
          chapter: { content: 'body' },
        },
      },
      { type: 'task.start', url: bookUrl },
    ]) {
      const answer = await world.evaluate(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
      expect(answer, message.type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await world.detach();

    // The generic reader found the title: nothing to do but look. Its "<Tide>" is text, not markup.
    await caught(panel, 'title', `«${QUILL_BOOK.title}»`);
    expect(await panel.locator('tide').count()).toBe(0);
    await caught(panel, 'chapters', 'Catches nothing on this page.');

    // A page script's fake click is no pick; the reader's own click on the author is.
    await caught(panel, 'author', `«${QUILL_BOOK.author}»`);
    expect(await panel.getByTestId('field-author').getAttribute('data-origin')).toBe('generic');
    await panel.getByTestId('pick-author').click();
    await tab.evaluate(() =>
      document.querySelector('h1')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })),
    );
    await tab.locator('div.byline').click();
    await ext.waitFor(
      () => panel.getByTestId('field-author').getAttribute('data-origin'),
      (origin) => origin === 'picked',
      { timeoutMs: 10_000, what: 'the author picked' },
    );
    await caught(panel, 'author', `«${QUILL_BOOK.author}»`);
    expect(await panel.getByTestId('selector-author').inputValue()).toBe('div.byline##^\\s*Writer\\s*[:：]\\s*##');

    // One chapter link stands for the list; the click picks it instead of following it.
    await panel.getByTestId('pick-chapters').click();
    await tab.locator('a.leaf').nth(2).click();
    await caught(panel, 'chapters', '6 chapters, from «Salt and Iron» to «Lamp Oil»');
    expect(tab.url()).toBe(bookUrl);
    // Wider catches the sidebar's works too; narrower comes back.
    await panel.getByTestId('wider-chapters').click();
    await caught(panel, 'chapters', /^9 chapters/);
    await panel.getByTestId('narrower-chapters').click();
    await caught(panel, 'chapters', '6 chapters, from «Salt and Iron» to «Lamp Oil»');

    // On to the first chapter: the builder comes back on the new page with what was picked.
    await panel.getByTestId('open-first-chapter').click();
    panel = await panelOf(tab, 'chapter');
    expect(tab.url()).toBe(site.origin + quillChapterPath(1));
    // The generic reader takes the guestbook for the text; the reader clicks a line of the chapter.
    await ext.waitFor(
      () => panel.getByTestId('lines-content').textContent(),
      (text) => (text ?? '').includes('Reader note'),
      { timeoutMs: 10_000, what: 'the generic proposal' },
    );
    await panel.getByTestId('pick-content').click();
    await tab.locator('div.ln').nth(1).click();
    await ext.waitFor(
      () => panel.getByTestId('lines-content').textContent(),
      (text) => text === quillLines(1, 1).slice(0, 3).join(''),
      { timeoutMs: 10_000, what: 'the chapter text' },
    );
    await panel.getByTestId('pick-next').click();
    await tab.locator('a.onward').click();
    await caught(panel, 'next', `Leads to ${site.origin + quillChapterPath(1, 2)}`);
    expect(tab.url()).toBe(site.origin + quillChapterPath(1));

    // Tested through the worker on three chapters over the book, each read whole (both its pages).
    await panel.getByTestId('test-rule').click();
    const samples = panel.getByTestId('test-sample');
    await ext.waitFor(
      () => samples.count(),
      (n) => n === 3,
      { timeoutMs: 20_000, what: 'three chapters read' },
    );
    expect(await panel.getByTestId('test-book').textContent()).toBe(
      `Read «${QUILL_BOOK.title}» by ${QUILL_BOOK.author}: 6 chapters.`,
    );
    expect(await samples.nth(1).locator('h4').textContent()).toBe(`Chapter 4: ${QUILL_BOOK.chapters[3]}`);

    await panel.getByTestId('save-rule').click();
    await ext.waitFor(
      () => panel.getByTestId('saved').count(),
      (n) => n === 1,
      { timeoutMs: 10_000, what: 'the rule saved' },
    );
    const { sources } = await ext.call({ type: 'source.list' });
    const made = sources.find((source) => source.id === 'site-127-0-0-1');
    expect(made?.toc.chapters).toBe('ol.leaves > li.leaf-row > a.leaf');
    expect(made?.tests?.[0]).toMatchObject({ url: bookUrl, expect: { title: QUILL_BOOK.title, chapters: 6 } });
    // The saved rule re-runs its own page as a test, also from Options → Sources without an address.
    expect((await ext.call({ type: 'source.test', sourceId: 'site-127-0-0-1' })).check).toEqual({
      url: bookUrl,
      problems: [],
    });
    const options = await ext.openTab(ext.url('options.html#sources'));
    await options.getByTestId('source-site-127-0-0-1').getByTestId('source-test').click();
    await options.getByTestId('test-button').click();
    const check = options.getByTestId('test-check');
    await check.waitFor({ timeout: 15_000 });
    expect(await check.textContent()).toBe(`The page still reads as its test case says (${bookUrl}).`);
    await options.close();

    await panel.getByTestId('download-book').click();
    const task = await ext.waitFor(
      async () => (await ext.call({ type: 'task.list' })).tasks.find((t) => t.sourceId === 'site-127-0-0-1'),
      (t) => t !== undefined,
      { timeoutMs: 10_000, what: 'the download started from the panel' },
    );
    const done = await ext.waitForTask(task!.id, ended, 60_000);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 6, failedChapters: 0 });
    const lines = readFileSync(await ext.downloadPath(done.downloadId!), 'utf8')
      .replace(/\n$/, '')
      .split('\n');
    expect(lines).toEqual(quillTxtLines(site.origin));

    // Closing the builder takes the overlay off the page and forgets the session.
    await panel.getByTestId('close-builder').click();
    await ext.waitFor(
      () => tab.evaluate(() => document.querySelector('nd-rule-builder') === null),
      (gone) => gone,
      { timeoutMs: 10_000, what: 'the overlay removed' },
    );
  });
});
