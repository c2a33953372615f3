// The library over a real store and the demo site: completed books listed, followed, checked
// (all followed ones at once, politely), and freed.
import { describe, expect, it } from 'vitest';
import type { LibraryPortMessage } from '../../../lib/contract';
import { startService, useDemoSite } from '../engine/service-harness';

const site = useDemoSite();

async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !done();) {
    if (Date.now() > end) throw new Error('The library did not say so in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function libraryWith(ids: string[]) {
  const service = await startService({ settings: { maxRunningTasks: 4 } });
  const taskIds: string[] = [];
  for (const id of ids) {
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/${id}/`, format: 'txt' });
    taskIds.push(task.id);
  }
  for (const id of taskIds) await service.waitForTask(id, (t) => t.status === 'completed');
  const messages: LibraryPortMessage[] = [];
  service.service.subscribeLibrary((message) => messages.push(message));
  const library = service.service.library;
  return { service, library, taskIds, messages };
}

describe('Library', () => {
  it('lists every completed book, not yet followed nor asked, with what its chapters take', async () => {
    const { library, taskIds } = await libraryWith(['serial-3']);
    const { books, storedBytes } = await library.list();
    expect(books).toHaveLength(1);
    expect(books[0]).toMatchObject({
      id: taskIds[0],
      title: '连载之书3',
      author: '连载作者',
      chapters: 3,
      followed: false,
      followAsked: false,
      newChapters: 0,
      chaptersStored: true,
      format: 'txt',
    });
    expect(books[0]!.site).toBe(new URL(site.origin).host);
    expect(books[0]!.file?.fileName).toBe('连载之书3 - 连载作者.txt');
    expect(books[0]!.storedBytes).toBeGreaterThan(0);
    expect(storedBytes).toBe(books[0]!.storedBytes);
  });

  it('checks only the followed books when asked to check all, tells the pages, and brings a followed book up to date', async () => {
    const { library, taskIds, messages, service } = await libraryWith(['serial-4-a', 'serial-4-b']);
    await library.follow(taskIds[0], true);
    await library.follow(taskIds[1], false);
    site.addChapters('serial-4-a', 2);
    site.addChapters('serial-4-b', 2);
    site.resetLog();
    const results = await library.check();
    expect(results).toEqual([expect.objectContaining({ bookId: taskIds[0], found: 2 })]);
    expect(messages).toContainEqual({ type: 'chapters.found', bookId: taskIds[0], title: '连载之书4 a', chapters: 2 });
    expect(messages.some((m) => m.type === 'library.updated' && m.book.busy === 'checking')).toBe(true);

    // The followed book's update fetches its 2 new chapters, and nothing else.
    const updated = await service.waitForTask(taskIds[0]!, (t) => t.status === 'completed' && t.update !== undefined);
    expect(updated.update).toEqual({ from: 5, to: 6, part: false });
    // The library hears of the ended update just after the task's own news.
    await until(() =>
      messages.some(
        (m) => m.type === 'library.updated' && m.book.id === taskIds[0] && !m.book.busy && m.book.newChapters === 0,
      ),
    );
    expect(
      site
        .requests()
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/book/serial-4-a/', '/book/serial-4-a/5.html', '/book/serial-4-a/6.html']);
    const [first, second] = (await library.list()).books.sort((a, b) => a.title.localeCompare(b.title));
    expect(first).toMatchObject({
      followed: true,
      followAsked: true,
      newChapters: 0,
      chapters: 6,
      lastCheck: { found: 2 },
    });
    expect(first!.file).toMatchObject({ fileName: '连载之书4 a - 连载作者.txt', chapters: { from: 1, to: 6 } });
    expect(second).toMatchObject({ followed: false, followAsked: true, newChapters: 0 });
    expect(second!.lastCheck).toBeUndefined();

    // One book is checked on request whether followed or not; an unfollowed one waits for Update.
    expect(await library.check(taskIds[1])).toEqual([expect.objectContaining({ bookId: taskIds[1], found: 2 })]);
    expect(await library.book(taskIds[1])).toMatchObject({ newChapters: 2, chapters: 4 });
  });

  it('goes on checking the others when the update of a book begins during its check', async () => {
    const { library, taskIds, service } = await libraryWith(['serial-3-a', 'serial-3-b']);
    site.addChapters('serial-3-a', 1);
    expect(await library.check(taskIds[0])).toEqual([expect.objectContaining({ found: 1 })]);
    await library.follow(taskIds[0], true);
    await library.follow(taskIds[1], true);
    site.addChapters('serial-3-b', 1);
    site.setFault(/^\/book\/serial-3-a\/$/, { kind: 'delay', ms: 400 });
    // The update is still fetching its chapter when the check wants to write what it read.
    site.setFault(/^\/book\/serial-3-a\/4\.html$/, { kind: 'delay', ms: 1_500 });
    const checking = library.check();
    await until(() => site.pending() > 0);
    await library.update(taskIds[0]);
    const results = await checking;
    expect(results).toHaveLength(2);
    expect(results).toContainEqual(
      expect.objectContaining({
        bookId: taskIds[0],
        found: 0,
        error: expect.objectContaining({ code: 'invalid_message' }),
      }),
    );
    expect(results).toContainEqual(expect.objectContaining({ bookId: taskIds[1], found: 1 }));
    await service.waitForTask(taskIds[0]!, (t) => t.status === 'completed' && t.update !== undefined);
  });

  it('frees a book: no stored chapters, still in the library and followable, said in its log', async () => {
    const { library, taskIds, service } = await libraryWith(['serial-3']);
    const freed = await library.free(taskIds[0]);
    expect(freed).toMatchObject({ chaptersStored: false, storedBytes: 0 });
    expect((await library.list()).storedBytes).toBe(0);
    expect(await library.follow(taskIds[0], true)).toMatchObject({ followed: true, chaptersStored: false });
    expect((await service.store.taskEvents(taskIds[0]!)).at(-1)?.message).toMatch(/freed; updates make part files/);
  });

  it('refuses an id that names no book, and a follow that is not true or false', async () => {
    const { library, taskIds } = await libraryWith(['serial-3']);
    await expect(library.book('nope')).rejects.toMatchObject({ code: 'unknown_task' });
    await expect(library.follow(taskIds[0], 'yes')).rejects.toMatchObject({ code: 'invalid_message' });
  });
});
