// library.continue through the service: a book continued from an EPUB ends with every chapter,
// none fetched twice; a file that cannot be continued is refused with a sentence saying why.
import { describe, expect, it } from 'vitest';
import { stageHeld } from '../../../lib/follow/continue-book';
import { readEpubHoldings } from '../../../lib/follow/epub-holdings';
import { buildOtherEpub } from '../../fixtures/other-epub';
import { chapterParagraphs, chapterTitle } from '../../fixtures/site';
import { openEpub } from '../file/fixtures';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();

async function chapterTitles(blob: Blob): Promise<string[]> {
  const epub = await openEpub(blob);
  const pages = epub.spine.filter((href) => href.includes('/text/'));
  return Promise.all(pages.map(async (page) => /<h1>([^<]*)<\/h1>/.exec(await epub.text(page))![1]!));
}

const fetchedChapters = (book: string) =>
  site
    .requests()
    .filter((r) => r.path.startsWith(`/book/${book}/`) && r.path.endsWith('.html'))
    .map((r) => r.path);

describe('continuing a book from an EPUB', () => {
  it('from a file this extension made ends with every chapter, none fetched twice', async () => {
    const service = await startService();
    const { task: first } = await service.call({
      type: 'task.start',
      url: `${site.origin}/book/serial-10/`,
      format: 'epub',
      range: { to: 6 },
    });
    await service.waitForTask(first.id, (t) => t.status === 'completed');
    const made = service.files.get(first.id)!;
    const holdings = readEpubHoldings(new Uint8Array(await made.blob.arrayBuffer()), made.fileName);
    const importId = await stageHeld(service.store, holdings.chapters, Date.now());
    site.resetLog();
    const { task, held } = await service.call({
      type: 'library.continue',
      importId,
      fileName: made.fileName,
      url: holdings.url,
      chapters: holdings.chapters.length,
    });
    expect(held).toBe(6);
    expect(task).toMatchObject({ totalChapters: 10, title: '连载之书10' });
    await service.waitForTask(task.id, (t) => t.status === 'completed');
    expect(fetchedChapters('serial-10').sort()).toEqual([7, 8, 9, 10].map((n) => `/book/serial-10/${n}.html`).sort());
    expect(await chapterTitles(service.files.get(task.id)!.blob)).toEqual(
      Array.from({ length: 10 }, (_, i) => chapterTitle('serial-10', i + 1)),
    );
    expect((await service.store.taskEvents(task.id))[0]!.message).toBe(
      `Continued from "${made.fileName}": 6 chapters taken from the file, 4 to download.`,
    );
  });

  it('from a file another tool made with only a dc:source address ends with every chapter, none fetched twice', async () => {
    const service = await startService();
    const chapter = (n: number) => ({
      title: chapterTitle('serial-7', n),
      paragraphs: chapterParagraphs('serial-7', n),
    });
    const file = await buildOtherEpub({
      title: '连载之书7',
      urlIn: 'source',
      url: `${site.origin}/book/serial-7/`,
      chapters: [1, 2, 3, 5].map(chapter),
    });
    const holdings = readEpubHoldings(file, 'other.epub');
    const importId = await stageHeld(service.store, holdings.chapters, Date.now());
    const { task, held } = await service.call({
      type: 'library.continue',
      importId,
      fileName: 'other.epub',
      url: holdings.url,
      chapters: 4,
      format: 'txt',
    });
    expect(held).toBe(4);
    const done = await service.waitForTask(task.id, (t) => t.status === 'completed');
    expect(done.completedChapters).toBe(7);
    expect(fetchedChapters('serial-7').sort()).toEqual([4, 6, 7].map((n) => `/book/serial-7/${n}.html`));
    const text = service.files.get(task.id)!.text;
    for (let n = 1; n <= 7; n++)
      expect(text).toContain(`${chapterTitle('serial-7', n)}\n\n${chapterParagraphs('serial-7', n).join('\n')}`);
  });

  it('gives a continued book the cover a download would', async () => {
    const service = await startService();
    const { task: first } = await service.call({
      type: 'task.start',
      url: `${site.origin}/book/1/`,
      format: 'epub',
      range: { to: 4 },
    });
    await service.waitForTask(first.id, (t) => t.status === 'completed');
    const made = service.files.get(first.id)!;
    const holdings = readEpubHoldings(new Uint8Array(await made.blob.arrayBuffer()), made.fileName);
    const importId = await stageHeld(service.store, holdings.chapters, Date.now());
    const { task } = await service.call({
      type: 'library.continue',
      importId,
      fileName: made.fileName,
      url: holdings.url,
      chapters: 4,
    });
    await service.waitForTask(task.id, (t) => t.status === 'completed');
    const epub = await openEpub(service.files.get(task.id)!.blob);
    expect(epub.opf('manifest > item[properties~="cover-image"]').attr('media-type')).toBe('image/png');
    expect(epub.spine.filter((href) => href.includes('/text/'))).toHaveLength(12);
  });

  it('refuses a file whose address no source reads, or whose chapters the site does not list', async () => {
    const service = await startService();
    const staged = await stageHeld(service.store, [{ title: 'Chapter 1', text: 'a' }], Date.now());
    const noSite = await service.refusal({
      type: 'library.continue',
      importId: staged,
      fileName: 'x.epub',
      url: 'ftp://nowhere/book',
      chapters: 1,
    });
    expect(noSite).toMatchObject({
      code: 'invalid_url',
      message: expect.stringMatching(
        /^"x\.epub" cannot be continued: the web address it records cannot be downloaded\./,
      ),
    });
    const notThisBook = await service.refusal({
      type: 'library.continue',
      importId: staged,
      fileName: 'x.epub',
      url: `${site.origin}/book/serial-3/`,
      chapters: 1,
    });
    expect(notThisBook).toMatchObject({
      code: 'invalid_file',
      message: `"x.epub" cannot be continued: none of its 1 chapters is in the contents of ${site.origin}/book/serial-3/ (by address or by title), so it is not that book.`,
    });
    expect((await service.call({ type: 'task.list' })).tasks).toEqual([]);
  });
});

describe('following a renumbering site', () => {
  it('brings the book up to date with only the new chapters, no duplicates', async () => {
    const service = await startService();
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/renum-5/`, format: 'txt' });
    await service.waitForTask(task.id, (t) => t.status === 'completed');
    await service.call({ type: 'library.follow', bookId: task.id, followed: true });
    site.renumber('renum-5');
    site.addChapters('renum-5', 2);
    site.resetLog();
    expect((await service.call({ type: 'library.check' })).checks).toEqual([expect.objectContaining({ found: 2 })]);
    const done = await service.waitForTask(task.id, (t) => t.status === 'completed' && t.update !== undefined);
    expect(done.totalChapters).toBe(7);
    expect(site.requests().filter((r) => r.path.endsWith('.html'))).toHaveLength(2);
    const titles = service.files
      .get(task.id)!
      .text.split('\n')
      .filter((line) => /^第\d+章/.test(line));
    expect(titles).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => chapterTitle('renum-5', n)));
  });
});
