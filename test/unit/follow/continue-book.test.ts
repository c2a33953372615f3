// Continuing a book from an EPUB: the file's chapters are staged by the page, matched to the
// site's contents by the worker and stored under the new task, so only the rest is fetched.
import { describe, expect, it } from 'vitest';
import { prepareContinuation, stageHeld } from '../../../lib/follow/continue-book';
import { readEpubHoldings } from '../../../lib/follow/epub-holdings';
import { HostScheduler } from '../../../lib/net';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { bookReading } from '../../../lib/task/book-reader';
import { createPageLoader } from '../../../lib/task/page-loader';
import { buildOtherEpub } from '../../fixtures/other-epub';
import { chapterParagraphs, chapterTitle } from '../../fixtures/site';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();

async function setUp() {
  const service = await startService();
  const rule = (await service.service.sources.get('demo'))!;
  const load = createPageLoader({ fetch, scheduler: new HostScheduler(), settings: () => DEFAULT_SETTINGS });
  // Every book of these tests is on the demo site.
  const reading = bookReading(`${site.origin}/`, rule, load, new AbortController().signal);
  const storedTexts = async (taskId: string) => {
    const texts: Array<[number, string | undefined]> = [];
    await service.store.forEachChapter(taskId, (c) => {
      texts.push([c.index, c.text]);
    });
    return texts;
  };
  return { service, reading, storedTexts };
}

describe('continuing a book from an EPUB', () => {
  it('stores the chapters a file of this extension holds, by address, reading only the contents page', async () => {
    const { service, reading, storedTexts } = await setUp();
    const { task } = await service.call({
      type: 'task.start',
      url: `${site.origin}/book/serial-8/`,
      format: 'epub',
      range: { to: 5 },
    });
    await service.waitForTask(task.id, (t) => t.status === 'completed');
    const file = service.files.get(task.id)!;
    const holdings = readEpubHoldings(new Uint8Array(await file.blob.arrayBuffer()), file.fileName);
    expect(holdings).toMatchObject({ madeHere: true, url: `${site.origin}/book/serial-8/` });

    const importId = await stageHeld(service.store, holdings.chapters, Date.now());
    site.resetLog();
    const outcome = await prepareContinuation(
      service.store,
      { taskId: 'continued', importId, expected: 5, url: holdings.url },
      reading,
      Date.now(),
    );
    expect(outcome).toMatchObject({ held: 5, missing: 3, kept: 0, dropped: 0 });
    expect(site.requests().map((r) => r.path)).toEqual(['/book/serial-8/']);
    expect(outcome.book.chapters.map((c) => c.title)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => chapterTitle('serial-8', n)),
    );
    expect(await storedTexts('continued')).toEqual(
      [1, 2, 3, 4, 5].map((n) => [n - 1, chapterParagraphs('serial-8', n).join('\n')]),
    );
    expect(await service.store.library.held(importId)).toEqual([]);
  });

  it('stores the chapters of a file another tool made by title, and leaves out pages it cannot place', async () => {
    const { service, reading, storedTexts } = await setUp();
    const chapter = (n: number) => ({
      title: chapterTitle('serial-6', n),
      paragraphs: chapterParagraphs('serial-6', n),
    });
    const file = await buildOtherEpub({
      title: '连载之书6',
      urlIn: 'source',
      url: `${site.origin}/book/serial-6/`,
      chapters: [chapter(1), chapter(2), chapter(4), { title: '作者的话', paragraphs: ['谢谢阅读。'] }],
    });
    const holdings = readEpubHoldings(file, 'other.epub');
    expect(holdings.madeHere).toBe(false);
    const importId = await stageHeld(service.store, holdings.chapters, Date.now());
    const outcome = await prepareContinuation(
      service.store,
      { taskId: 'other', importId, expected: 4, url: holdings.url },
      reading,
      Date.now(),
    );
    expect(outcome).toMatchObject({ held: 3, missing: 3, dropped: 1 });
    expect(outcome.book.chapters).toHaveLength(6);
    expect((await storedTexts('other')).map(([index]) => index)).toEqual([0, 1, 3]);
  });

  it('refuses a staging that is gone or cut short', async () => {
    const { service, reading } = await setUp();
    const importId = await stageHeld(service.store, [{ title: 'A', text: 'a' }], Date.now());
    await expect(
      prepareContinuation(
        service.store,
        { taskId: 'x', importId, expected: 2, url: `${site.origin}/book/serial-3/` },
        reading,
        Date.now(),
      ),
    ).rejects.toThrow(/no longer waiting \(1 of 2 found\); open the file again/);
  });

  it('stages a big file in batches, in order', async () => {
    const { service } = await setUp();
    const chapters = Array.from({ length: 120 }, (_, i) => ({ title: `C${i}`, text: `t${i}` }));
    const importId = await stageHeld(service.store, chapters, 5);
    expect((await service.store.library.held(importId)).map((r) => r.title)).toEqual(chapters.map((c) => c.title));
  });
});
