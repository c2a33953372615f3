// Issue 16 end to end in Chromium: a followed serial brought up to date (whole book, then a part
// file), the check alarm at work by itself, a renumbering site, and books continued from EPUBs
// opened in the options page's library.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LibraryBook, Task } from '../../lib/contract';
import { epubcheck } from '../fixtures/epubcheck';
import { buildOtherEpub } from '../fixtures/other-epub';
import { chapterParagraphs, chapterTitle } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();
beforeEach(() => {
  site.resetLog();
  site.setFault(null);
});

const done = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);
const chapterRequests = (book: string) =>
  site
    .requests()
    .filter((r) => r.path.startsWith(`/book/${book}/`) && r.path.endsWith('.html'))
    .map((r) => r.path);

async function epubTitles(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync((await import('node:fs')).readFileSync(path));
  const pages = Object.keys(zip.files)
    .filter((name) => /text\/chapter-\d+\.xhtml$/.test(name))
    .sort();
  return Promise.all(pages.map(async (name) => /<h1>([^<]*)<\/h1>/.exec(await zip.file(name)!.async('string'))![1]!));
}

async function download(
  book: string,
  options: { range?: { to: number }; format?: 'epub' | 'txt' } = {},
): Promise<Task> {
  const { task } = await ext.call({
    type: 'task.start',
    url: `${site.origin}/book/${book}/`,
    format: options.format ?? 'epub',
    ...(options.range ? { range: options.range } : {}),
  });
  const finished = await ext.waitForTask(task.id, done, 60_000);
  expect(finished.status).toBe('completed');
  return finished;
}

async function libraryBook(id: string): Promise<LibraryBook> {
  return (await ext.call({ type: 'library.list' })).books.find((book) => book.id === id)!;
}

describe('following a book in Chromium', () => {
  it('updates a 20-chapter serial with exactly its 3 new chapters: 23 in order, valid EPUB; then a 3-chapter part file', async () => {
    const first = await download('serial-20');
    site.addChapters('serial-20', 3);
    site.resetLog();
    expect((await ext.call({ type: 'library.check', bookId: first.id })).checks).toEqual([
      expect.objectContaining({ found: 3, removed: 0 }),
    ]);
    expect(site.requests().map((r) => r.path)).toEqual(['/book/serial-20/']);
    await ext.call({ type: 'library.update', bookId: first.id });
    const updated = await ext.waitForTask(first.id, (t) => done(t) && t.update !== undefined, 60_000);
    expect(updated).toMatchObject({
      status: 'completed',
      totalChapters: 23,
      update: { from: 21, to: 23, part: false },
    });
    expect(chapterRequests('serial-20').sort()).toEqual([
      '/book/serial-20/21.html',
      '/book/serial-20/22.html',
      '/book/serial-20/23.html',
    ]);
    const whole = await ext.downloadPath(updated.downloadId!);
    expect(await epubTitles(whole)).toEqual(Array.from({ length: 23 }, (_, i) => chapterTitle('serial-20', i + 1)));
    const check = await epubcheck(whole);
    expect(check.messages).toEqual([]);

    await ext.call({ type: 'settings.set', patch: { updateMode: 'part' } });
    try {
      site.addChapters('serial-20', 3);
      await ext.call({ type: 'library.check', bookId: first.id });
      await ext.call({ type: 'library.update', bookId: first.id });
      const part = await ext.waitForTask(first.id, (t) => done(t) && t.update?.from === 24, 60_000);
      expect(part.fileName).toBe('连载之书20 - 连载作者 (24-26).epub');
      expect(await epubTitles(await ext.downloadPath(part.downloadId!))).toEqual(
        [24, 25, 26].map((n) => chapterTitle('serial-20', n)),
      );
      expect(await libraryBook(first.id)).toMatchObject({
        chapters: 26,
        newChapters: 0,
        file: { fileName: part.fileName, chapters: { from: 24, to: 26 } },
      });
    } finally {
      await ext.call({ type: 'settings.set', patch: { updateMode: 'whole' } });
    }
  });

  it('checks a followed book by itself when the alarm fires, and brings it up to date', async () => {
    const book = await download('serial-5-alarm', { format: 'txt' });
    await ext.call({ type: 'library.follow', bookId: book.id, followed: true });
    site.addChapters('serial-5-alarm', 2);
    // 0.001 h = 3.6 s: the alarm, not a message, must find the 2 chapters.
    await ext.call({ type: 'settings.set', patch: { checkUpdatesHours: 0.001 } });
    try {
      const caughtUp = await ext.waitFor(
        () => libraryBook(book.id),
        (b) => b.chapters === 7 && b.newChapters === 0 && !b.busy,
        { timeoutMs: 60_000, what: 'the alarm to update the book' },
      );
      expect(caughtUp.lastCheck).toMatchObject({ found: 2 });
    } finally {
      await ext.call({ type: 'settings.set', patch: { checkUpdatesHours: 0 } });
    }
    expect(chapterRequests('serial-5-alarm').sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `/book/serial-5-alarm/${n}.html`).sort(),
    );
  });

  it('adds no duplicates when a followed site renumbers its chapters', async () => {
    const book = await download('renum-4', { format: 'txt' });
    await ext.call({ type: 'library.follow', bookId: book.id, followed: true });
    site.renumber('renum-4');
    site.addChapters('renum-4', 1);
    site.resetLog();
    await ext.call({ type: 'library.check' });
    const updated = await ext.waitForTask(book.id, (t) => done(t) && t.update !== undefined, 60_000);
    expect(updated.totalChapters).toBe(5);
    expect(chapterRequests('renum-4')).toHaveLength(1);
    const text = (await import('node:fs')).readFileSync(await ext.downloadPath(updated.downloadId!), 'utf8');
    expect(text.split('\n').filter((line) => /^第\d+章/.test(line))).toEqual(
      [1, 2, 3, 4, 5].map((n) => chapterTitle('renum-4', n)),
    );
  });
});

describe('the library page', () => {
  async function openLibrary() {
    const page = await ext.openTab(ext.url('options.html#library'));
    await page.getByTestId('section-library').waitFor();
    return page;
  }

  it('continues an EPUB this extension made, and one another tool made with only a dc:source address: every chapter, none fetched twice', async () => {
    const partial = await download('serial-10', { range: { to: 6 } });
    const ours = await ext.downloadPath(partial.downloadId!);
    const other = join(ext.downloadsDir, 'other-tool.epub');
    const chapter = (n: number) => ({
      title: chapterTitle('serial-8', n),
      paragraphs: chapterParagraphs('serial-8', n),
    });
    writeFileSync(
      other,
      await buildOtherEpub({
        title: '连载之书8',
        urlIn: 'source',
        url: `${site.origin}/book/serial-8/`,
        chapters: [1, 2, 4, 5].map(chapter),
      }),
    );

    const page = await openLibrary();
    for (const [file, book, held, total] of [
      [ours, 'serial-10', 6, 10],
      [other, 'serial-8', 4, 8],
    ] as const) {
      site.resetLog();
      const before = new Set((await ext.call({ type: 'task.list' })).tasks.map((t) => t.id));
      await page.getByTestId('library-continue-file').setInputFiles(file);
      await expect
        .poll(() => page.getByTestId('library-continue-status').textContent(), { timeout: 30_000 })
        .toMatch(new RegExp(`: ${held} chapters are in the file; the rest are downloading\\.$`));
      const task = (await ext.call({ type: 'task.list' })).tasks.find((t) => !before.has(t.id))!;
      const finished = await ext.waitForTask(task.id, done, 60_000);
      expect(finished).toMatchObject({ status: 'completed', totalChapters: total, completedChapters: total });
      const fetched = chapterRequests(book);
      expect(new Set(fetched).size).toBe(fetched.length);
      expect(fetched).toHaveLength(total - held);
      expect(await epubTitles(await ext.downloadPath(finished.downloadId!))).toEqual(
        Array.from({ length: total }, (_, i) => chapterTitle(book, i + 1)),
      );
    }
    await page.close();
  });

  it('says why a file cannot be continued', async () => {
    const page = await openLibrary();
    const nowhere = join(ext.downloadsDir, 'nowhere.epub');
    writeFileSync(
      nowhere,
      await buildOtherEpub({
        title: 'Nowhere',
        urlIn: 'none',
        url: '',
        chapters: [{ title: 'One', paragraphs: ['1'] }],
      }),
    );
    await page.getByTestId('library-continue-file').setInputFiles(nowhere);
    await expect
      .poll(() => page.getByTestId('library-continue-error').textContent(), { timeout: 10_000 })
      .toMatch(/^"nowhere\.epub" cannot be continued: it does not say which web page the book came from/);
    await page.close();
  });

  it('shows each book with its storage, follows it with the switch, and frees its space (then says updates make part files)', async () => {
    const book = await download('serial-3-ui', { format: 'txt' });
    const page = await openLibrary();
    const row = page.locator(`[data-book-id="${book.id}"]`);
    await expect.poll(() => row.getByTestId('library-chapters').textContent()).toBe('3 chapters');
    await expect.poll(() => row.getByTestId('library-storage').textContent()).toMatch(/^Stored chapters: \d/);
    await row.getByTestId('library-follow').check();
    await expect.poll(async () => (await libraryBook(book.id)).followed).toBe(true);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('library-free').click();
    await expect
      .poll(() => row.getByTestId('library-storage').textContent())
      .toBe('Its chapters are no longer stored: updates make part files of the new chapters only.');
    expect(await libraryBook(book.id)).toMatchObject({ chaptersStored: false, storedBytes: 0, followed: true });
    await page.close();
  });
});
