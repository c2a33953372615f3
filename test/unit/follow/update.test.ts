// Updates through the service: a check finds the chapters a serial added, the update fetches
// only those, and the file is made again, whole or as a part file; split books; freed books.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, tempDir, writeBlob } from '../../fixtures/epubcheck';
import { chapterTitle } from '../../fixtures/site';
import { openEpub } from '../file/fixtures';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();
let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const chapterPaths = (book: string) =>
  site
    .requests()
    .map((r) => r.path)
    .filter((path) => path.startsWith(`/book/${book}/`) && path.endsWith('.html'))
    .sort((a, b) => parseInt(a.split('/').pop()!) - parseInt(b.split('/').pop()!));

async function chapterTitles(blob: Blob): Promise<string[]> {
  const epub = await openEpub(blob);
  const pages = epub.spine.filter((href) => href.includes('/text/'));
  return Promise.all(pages.map(async (page) => /<h1>([^<]*)<\/h1>/.exec(await epub.text(page))![1]!));
}

async function downloaded(book: string, settings = {}) {
  const service = await startService({ settings });
  const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/${book}/`, format: 'epub' });
  await service.waitForTask(task.id, (t) => t.status === 'completed');
  return { ...service, id: task.id };
}

describe('an update', () => {
  it(
    'fetches only the 3 chapters a check found and makes the whole book again: 23 chapters in order, valid EPUB',
    { timeout: 120_000 },
    async () => {
      const book = await downloaded('serial-20');
      site.addChapters('serial-20', 3);
      site.resetLog();
      expect((await book.call({ type: 'library.check', bookId: book.id })).checks).toEqual([
        expect.objectContaining({ bookId: book.id, found: 3 }),
      ]);
      const { task } = await book.call({ type: 'library.update', bookId: book.id });
      expect(task).toMatchObject({ status: 'queued', update: { from: 21, to: 23, part: false } });
      const done = await book.waitForTask(book.id, (t) => t.status === 'completed');
      expect(done).toMatchObject({ totalChapters: 23, completedChapters: 23, fileName: '连载之书20 - 连载作者.epub' });
      expect(chapterPaths('serial-20')).toEqual([
        '/book/serial-20/21.html',
        '/book/serial-20/22.html',
        '/book/serial-20/23.html',
      ]);
      expect(site.hits('/book/serial-20/')).toBe(4);
      const file = book.files.get(book.id)!;
      expect(await chapterTitles(file.blob)).toEqual(
        Array.from({ length: 23 }, (_, i) => chapterTitle('serial-20', i + 1)),
      );
      const result = await epubcheck(await writeBlob(dir, 'updated.epub', file.blob));
      expect(result.messages).toEqual([]);
      expect((await book.store.taskEvents(book.id)).map((e) => e.message)).toContain(
        `Checked for new chapters: 3 new, from «${chapterTitle('serial-20', 21)}» to «${chapterTitle('serial-20', 23)}».`,
      );
    },
  );

  it('in part mode makes a file of only the new chapters, named with their range', async () => {
    const book = await downloaded('serial-20', { updateMode: 'part' });
    site.addChapters('serial-20', 3);
    await book.call({ type: 'library.check', bookId: book.id });
    await book.call({ type: 'library.update', bookId: book.id });
    await book.waitForTask(book.id, (t) => t.status === 'completed' && t.update !== undefined);
    const file = book.files.get(book.id)!;
    expect(file.fileName).toBe('连载之书20 - 连载作者 (21-23).epub');
    expect(await chapterTitles(file.blob)).toEqual([21, 22, 23].map((n) => chapterTitle('serial-20', n)));
    expect((await book.call({ type: 'library.list' })).books[0]).toMatchObject({
      newChapters: 0,
      chapters: 23,
      file: { fileName: file.fileName, chapters: { from: 21, to: 23 } },
    });
  });

  it('of a freed book fetches only the new chapters, never the freed ones, and makes a part file', async () => {
    const book = await downloaded('serial-6');
    expect((await book.call({ type: 'library.free', bookId: book.id })).book).toMatchObject({
      chaptersStored: false,
      storedBytes: 0,
    });
    site.addChapters('serial-6', 2);
    site.resetLog();
    await book.call({ type: 'library.check', bookId: book.id });
    await book.call({ type: 'library.update', bookId: book.id });
    const done = await book.waitForTask(book.id, (t) => t.status === 'completed' && t.update !== undefined);
    expect(done.update).toEqual({ from: 7, to: 8, part: true });
    expect(chapterPaths('serial-6')).toEqual(['/book/serial-6/7.html', '/book/serial-6/8.html']);
    expect(book.files.get(book.id)!.fileName).toBe('连载之书6 - 连载作者 (7-8).epub');
  });

  it('is refused when no chapter waits', async () => {
    const book = await downloaded('serial-3');
    expect(await book.refusal({ type: 'library.update', bookId: book.id })).toMatchObject({
      code: 'invalid_message',
      message: expect.stringMatching(/no new chapters waiting/),
    });
  });
});

describe('a split book', () => {
  it('is made as one file every N chapters, each named with its range', async () => {
    const book = await downloaded('serial-25', { splitMode: 'chapters', splitChapters: 10 });
    expect(book.saved.map((f) => f.fileName)).toEqual([
      '连载之书25 - 连载作者 (1-10).epub',
      '连载之书25 - 连载作者 (11-20).epub',
      '连载之书25 - 连载作者 (21-25).epub',
    ]);
    expect(await chapterTitles(book.saved[1]!.blob)).toEqual(
      Array.from({ length: 10 }, (_, i) => chapterTitle('serial-25', i + 11)),
    );
    expect((await book.call({ type: 'task.get', taskId: book.id })).task.fileName).toBe(
      '连载之书25 - 连载作者 (21-25).epub',
    );
  });

  it('by volume says in its log that the contents have none, and makes one file', async () => {
    const book = await downloaded('serial-3', { splitMode: 'volume' });
    expect(book.saved.map((f) => f.fileName)).toEqual(['连载之书3 - 连载作者.epub']);
    expect((await book.store.taskEvents(book.id)).map((e) => e.message)).toContain(
      'The contents list no volumes, so the book is one file rather than one file per volume.',
    );
  });
});
