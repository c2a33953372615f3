// Part files: a stored book written as several files (per volume, every N chapters) or as the
// new chapters only, each named with its range, each a valid book of its own.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookParts, buildBookFile } from '../../../lib/file/build-file';
import type { BookRecord } from '../../../lib/store/schema';
import { Store } from '../../../lib/store/store';
import { epubcheck, tempDir, writeBlob } from '../../fixtures/epubcheck';
import { chapter, makeTask, openEpub } from './fixtures';

let store: Store;
let dir: string;
const epubTask = makeTask({ id: `epub-${randomUUID()}`, url: 'https://novels.example/book/3/', format: 'epub' });
const txtTask = makeTask({ id: `txt-${randomUUID()}`, url: 'https://novels.example/book/3/', format: 'txt' });
const VOLUMES = ['第一卷 山门', '第一卷 山门', '第二卷 下山', '第二卷 下山', '第二卷 下山'];

async function storeBook(task: typeof epubTask): Promise<void> {
  const records = VOLUMES.map((_, i) => chapter(task, i, `Chapter ${i + 1}`, `Text of chapter ${i + 1}.`));
  const book: BookRecord = {
    taskId: task.id,
    title: 'Parted',
    author: 'Writer',
    chapters: records.map((r, i) => ({ title: r.title, url: r.url, volume: VOLUMES[i] })),
  };
  await store.putTask(task);
  await store.putBook(book);
  for (const record of records) await store.putChapter(record);
}

beforeAll(async () => {
  store = await Store.open(`test-${randomUUID()}`);
  dir = await tempDir();
  await storeBook(epubTask);
  await storeBook(txtTask);
});

afterAll(async () => {
  store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('part files', () => {
  it('split a stored book by volume or every N chapters, as the settings say', async () => {
    expect((await bookParts(store, epubTask.id, { splitMode: 'volume', splitChapters: 1000 })).parts).toEqual([
      { from: 1, to: 2, volume: '第一卷 山门' },
      { from: 3, to: 5, volume: '第二卷 下山' },
    ]);
    expect(
      (await bookParts(store, epubTask.id, { splitMode: 'chapters', splitChapters: 2 })).parts.map((p) => [
        p.from,
        p.to,
      ]),
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 5],
    ]);
  });

  it(
    'build an EPUB of only their chapters, named with the range, that passes epubcheck',
    { timeout: 120_000 },
    async () => {
      const { blob, fileName } = await buildBookFile(store, epubTask.id, { part: { from: 4, to: 5 } });
      expect(fileName).toBe('Parted - Writer (4-5).epub');
      const epub = await openEpub(blob);
      const pages = epub.spine.filter((href) => href.includes('/text/'));
      expect(pages).toHaveLength(2);
      expect(await epub.text(pages[0]!)).toContain('Text of chapter 4.');
      expect(await epub.text(pages[1]!)).toContain('Text of chapter 5.');
      expect(epub.opf('dc\\:title').text()).toBe('Parted (4-5)');

      const whole = await openEpub((await buildBookFile(store, epubTask.id)).blob);
      expect(epub.opf('dc\\:identifier').text()).not.toBe(whole.opf('dc\\:identifier').text());

      const volume = await buildBookFile(store, epubTask.id, { part: { from: 1, to: 2, volume: '第一卷 山门' } });
      expect(volume.fileName).toBe('Parted - Writer (1-2).epub');
      expect((await openEpub(volume.blob)).opf('dc\\:title').text()).toBe('Parted · 第一卷 山门');

      const results = await Promise.all(
        [writeBlob(dir, 'part.epub', blob), writeBlob(dir, 'volume.epub', volume.blob)].map(async (path) =>
          epubcheck(await path),
        ),
      );
      for (const result of results) expect(result.messages).toEqual([]);
    },
  );

  it('build a TXT of only their chapters', async () => {
    const { blob, fileName } = await buildBookFile(store, txtTask.id, { part: { from: 2, to: 3 } });
    expect(fileName).toBe('Parted - Writer (2-3).txt');
    const text = await blob.text();
    expect(text.startsWith('Parted (2-3)\nWriter\n')).toBe(true);
    expect(text.match(/^Chapter \d$/gm)).toEqual(['Chapter 2', 'Chapter 3']);
  });

  it('name the whole book without a range, and refuse a range the book does not have', async () => {
    expect((await buildBookFile(store, txtTask.id, { part: { from: 1, to: 5 } })).fileName).toBe('Parted - Writer.txt');
    await expect(buildBookFile(store, txtTask.id, { part: { from: 4, to: 9 } })).rejects.toMatchObject({
      code: 'invalid_range',
    });
  });
});
