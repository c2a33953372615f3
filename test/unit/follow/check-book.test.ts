// A check of a completed book against the demo site's serials: only the contents page is read,
// the new chapters go into the stored book where the site lists them, the stored ones stay.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { checkBook } from '../../../lib/follow/check-book';
import { HostScheduler } from '../../../lib/net';
import { bookReading } from '../../../lib/task/book-reader';
import { createPageLoader } from '../../../lib/task/page-loader';
import { chapterTitle, serialChapterPath } from '../../fixtures/site';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();

async function downloaded(id: string) {
  const service = await startService();
  const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/${id}/`, format: 'txt' });
  await service.waitForTask(task.id, (t) => t.status === 'completed');
  const rule = (await service.service.sources.get('demo'))!;
  const load = createPageLoader({ fetch, scheduler: new HostScheduler(), settings: () => DEFAULT_SETTINGS });
  const check = () =>
    checkBook(task.id, bookReading(`${site.origin}/book/${id}/`, rule, load, new AbortController().signal), {
      store: service.store,
      now: Date.now,
    });
  const stored = async () => [...(await service.store.chapterIndexes(task.id)).stored].sort((a, b) => a - b);
  return { ...service, taskId: task.id as string, check, stored };
}

describe('checkBook', () => {
  it('finds exactly the chapters a serial added, reading only its contents page', async () => {
    const book = await downloaded('serial-20');
    site.addChapters('serial-20', 3);
    site.resetLog();
    expect(await book.check()).toMatchObject({ found: 3, removed: 0 });
    expect(site.requests().map((r) => r.path)).toEqual(['/book/serial-20/']);
    const record = (await book.store.getBook(book.taskId))!;
    expect(record.chapters.map((c) => c.title)).toEqual(
      Array.from({ length: 23 }, (_, i) => chapterTitle('serial-20', i + 1)),
    );
    expect(await book.stored()).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await book.store.library.get(book.taskId)).toMatchObject({ waiting: 3, lastCheck: { found: 3 } });
    const log = await book.store.taskEvents(book.taskId);
    expect(log.at(-1)?.message).toBe(
      `Checked for new chapters: 3 new, from «${chapterTitle('serial-20', 21)}» to «${chapterTitle('serial-20', 23)}».`,
    );

    // Nothing new since: the next check finds nothing and adds nothing.
    expect(await book.check()).toMatchObject({ found: 0 });
    expect((await book.store.getBook(book.taskId))!.chapters).toHaveLength(23);
    expect(await book.store.library.get(book.taskId)).toMatchObject({ waiting: 3 });
  });

  it('adds no duplicates when the site moves every chapter to a new address', async () => {
    const book = await downloaded('renum-5');
    site.renumber('renum-5');
    site.addChapters('renum-5', 2);
    expect(await book.check()).toMatchObject({ found: 2, removed: 0 });
    const record = (await book.store.getBook(book.taskId))!;
    expect(record.chapters.map((c) => c.title)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => chapterTitle('renum-5', n)));
    expect(record.chapters.map((c) => new URL(c.url).pathname)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => serialChapterPath('renum-5', n, 1)),
    );
    expect((await book.store.taskEvents(book.taskId)).at(-1)?.message).toMatch(
      /5 chapters were found under new addresses by their titles/,
    );
    expect(await book.check()).toMatchObject({ found: 0 });
  });

  it('keeps a chapter the site removed, in its place', async () => {
    const book = await downloaded('serial-6');
    site.removeChapter('serial-6', 3);
    site.addChapters('serial-6', 1);
    expect(await book.check()).toMatchObject({ found: 1, removed: 1 });
    const record = (await book.store.getBook(book.taskId))!;
    expect(record.chapters.map((c) => c.title)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => chapterTitle('serial-6', n)));
    expect(await book.stored()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('places a chapter the site put back mid-book where it belongs, moving the stored ones after it', async () => {
    site.removeChapter('serial-5', 2);
    const book = await downloaded('serial-5');
    site.resetSerials();
    expect(await book.check()).toMatchObject({ found: 1 });
    const record = (await book.store.getBook(book.taskId))!;
    expect(record.chapters.map((c) => c.title)).toEqual([1, 2, 3, 4, 5].map((n) => chapterTitle('serial-5', n)));
    expect(await book.stored()).toEqual([0, 2, 3, 4]);
    const texts: string[] = [];
    await book.store.forEachChapter(book.taskId, (c) => {
      texts.push(c.title);
    });
    expect(texts).toEqual([1, 3, 4, 5].map((n) => chapterTitle('serial-5', n)));
  });

  it('records a check the site refused, and changes nothing in the book', async () => {
    const book = await downloaded('serial-4');
    site.addChapters('serial-4', 1);
    site.setFault(/^\/book\/serial-4\/$/, { kind: 'status', status: 404 });
    const check = await book.check();
    expect(check).toMatchObject({ found: 0, error: { code: 'http_status' } });
    expect((await book.store.getBook(book.taskId))!.chapters).toHaveLength(4);
    expect(await book.store.library.get(book.taskId)).toMatchObject({
      waiting: 0,
      lastCheck: { error: { code: 'http_status' } },
    });
    expect((await book.store.taskEvents(book.taskId)).at(-1)).toMatchObject({ level: 'warn', code: 'http_status' });
  });

  it('refuses a book that is not completed', async () => {
    site.setFault(/\.html$/, { kind: 'hang' });
    const service = await startService({ settings: { requestTimeoutMs: 60_000 } });
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/serial-3/`, format: 'txt' });
    await service.waitForTask(task.id, (t) => t.status === 'running' && t.totalChapters > 0);
    const rule = (await service.service.sources.get('demo'))!;
    const load = createPageLoader({ fetch, scheduler: new HostScheduler(), settings: () => DEFAULT_SETTINGS });
    await expect(
      checkBook(task.id, bookReading(`${site.origin}/book/serial-3/`, rule, load, new AbortController().signal), {
        store: service.store,
        now: Date.now,
      }),
    ).rejects.toThrow(/is running; only a completed book/);
  });
});
