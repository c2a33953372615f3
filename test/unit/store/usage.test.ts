// What stored chapters take, per book and in all, kept as chapters are stored and dropped; a
// book's chapters freed while the book stays; chapters of an opened EPUB staged for a task.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChapterRecord } from '../../../lib/store/schema';
import { Store } from '../../../lib/store/store';
import { chapterBytes } from '../../../lib/store/usage';
import { chapter, failedChapter, makeBook, makeTask } from '../file/fixtures';
import { openOldDatabase } from '../../fixtures/old-database';

const opened: Store[] = [];
async function open(name = `test-${randomUUID()}`): Promise<Store> {
  const store = await Store.open(name);
  opened.push(store);
  return store;
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('chapterBytes', () => {
  it('counts Latin-1 text one byte a character and other text two, plus a record overhead', () => {
    const task = makeTask();
    const latin = chapterBytes(chapter(task, 0, 'A', 'x'.repeat(1000)));
    const chinese = chapterBytes(chapter(task, 0, 'A', '字'.repeat(1000)));
    expect(chinese - latin).toBe(1000);
    expect(latin).toBeGreaterThan(1000);
    expect(chapterBytes(undefined)).toBe(0);
  });
});

describe('storage use', () => {
  it('follows every chapter stored, stored again and dropped, per book', async () => {
    const store = await open();
    const a = makeTask({ id: 'a' });
    const b = makeTask({ id: 'b' });
    const failed = failedChapter(a, 1, 'Two', 'HTTP 503');
    await store.putChapter(chapter(a, 0, 'One', '字'.repeat(500)));
    await store.putChapter(failed);
    await store.putChapter(chapter(b, 0, 'One', 'text'));
    const first = await store.library.storedBytes();
    expect(first.get('a')).toBe(chapterBytes(chapter(a, 0, 'One', '字'.repeat(500))) + chapterBytes(failed));
    expect(first.get('b')).toBe(chapterBytes(chapter(b, 0, 'One', 'text')));

    // The failed chapter arrives on retry: its old record's size goes, the new one's comes.
    const arrived = chapter(a, 1, 'Two', 'y'.repeat(300));
    await store.putChapter(arrived);
    expect((await store.library.storedBytes()).get('a')).toBe(
      chapterBytes(chapter(a, 0, 'One', '字'.repeat(500))) + chapterBytes(arrived),
    );

    await store.deleteTask('b');
    expect((await store.library.storedBytes()).has('b')).toBe(false);
  });

  it('drops what failed chapters took when they are cleared for a retry', async () => {
    const store = await open();
    const task = makeTask({ id: 'r' });
    await store.putChapter(chapter(task, 0, 'One', 'text'));
    await store.putChapter(failedChapter(task, 1, 'Two', 'HTTP 404'));
    expect(await store.clearFailedChapters('r')).toBe(1);
    expect((await store.library.storedBytes()).get('r')).toBe(chapterBytes(chapter(task, 0, 'One', 'text')));
  });

  it('frees a book: its chapters go, the task and book stay, and the book says which chapters were freed', async () => {
    const store = await open();
    const task = makeTask({ id: 'f' });
    const records = [chapter(task, 0, 'One', 'a'), chapter(task, 1, 'Two', 'b')];
    await store.putTask(task);
    await store.putBook(makeBook(task, records));
    for (const record of records) await store.putChapter(record);
    const freed = await store.library.freeChapters('f');
    expect(freed?.freedBefore).toBe(2);
    expect((await store.getBook('f'))?.freedBefore).toBe(2);
    expect(await store.getTask('f')).toBeDefined();
    expect((await store.chapterIndexes('f')).stored.size).toBe(0);
    expect((await store.library.storedBytes()).has('f')).toBe(false);
  });

  it('counts the chapters a database of version 1 already held when it is upgraded', async () => {
    const name = `test-${randomUUID()}`;
    const old = await openOldDatabase(name, 1);
    const task = makeTask({ id: 'old' });
    const records: ChapterRecord[] = [chapter(task, 0, 'One', 'first'), chapter(task, 1, 'Two', '第二')];
    for (const record of records) await old.put('chapters', record);
    old.close();
    const store = await open(name);
    expect((await store.library.storedBytes()).get('old')).toBe(chapterBytes(records[0]) + chapterBytes(records[1]));
    // Version 1's data is all still there.
    expect((await store.chapterIndexes('old')).stored).toEqual(new Set([0, 1]));
  });
});

describe('a database of version 2', () => {
  it('keeps its subscriptions and has its chapters counted when it is upgraded', async () => {
    const name = `test-${randomUUID()}`;
    const old = await openOldDatabase(name, 2);
    const record = chapter(makeTask({ id: 'two' }), 0, 'One', 'text');
    await old.put('chapters', record);
    await old.put('subscriptions', { id: 'sub-1' });
    old.close();
    const store = await open(name);
    expect((await store.library.storedBytes()).get('two')).toBe(chapterBytes(record));
    expect((await store.subscriptions()).map((s) => s.id)).toEqual(['sub-1']);
  });
});

describe('library records and chapter moves', () => {
  it('keeps the library entry of a book until its task is removed', async () => {
    const store = await open();
    const task = makeTask({ id: 'lib' });
    await store.putTask(task);
    await store.library.put({ taskId: 'lib', followed: true, followAsked: true, waiting: 3 });
    expect(await store.library.get('lib')).toMatchObject({ followed: true, waiting: 3 });
    expect(await store.library.list()).toHaveLength(1);
    await store.deleteTask('lib');
    expect(await store.library.get('lib')).toBeUndefined();
  });

  it('moves stored chapters up to make room for ones a site inserted, texts with them', async () => {
    const store = await open();
    const task = makeTask({ id: 'm' });
    for (let i = 0; i < 4; i++) await store.putChapter(chapter(task, i, `C${i}`, `text ${i}`));
    // A chapter was inserted after the second: 2 → 3, 3 → 4.
    await store.library.moveChapters(
      'm',
      new Map([
        [0, 0],
        [1, 1],
        [2, 3],
        [3, 4],
      ]),
    );
    const seen: Array<[number, string | undefined]> = [];
    await store.forEachChapter('m', (c) => {
      seen.push([c.index, c.text]);
    });
    expect(seen).toEqual([
      [0, 'text 0'],
      [1, 'text 1'],
      [3, 'text 2'],
      [4, 'text 3'],
    ]);
  });
});

describe('chapters staged from an EPUB', () => {
  it('are kept in the file order under their import, and dropped with any stale import', async () => {
    const store = await open();
    const rec = (importId: string, position: number, at: number) => ({
      importId,
      position,
      title: `T${position}`,
      text: 'x',
      at,
    });
    await store.library.putHeld([
      rec('new', 1, 5_000),
      rec('new', 0, 5_000),
      rec('old', 0, 1_000),
      rec('other', 0, 4_000),
    ]);
    expect((await store.library.held('new')).map((r) => r.position)).toEqual([0, 1]);
    await store.library.deleteHeld('new', 2_000);
    expect(await store.library.held('new')).toEqual([]);
    expect(await store.library.held('old')).toEqual([]);
    expect(await store.library.held('other')).toHaveLength(1);
  });
});
