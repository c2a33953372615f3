// The wiring: buildBookFile reads the task, book and chapters from a real Store (over
// fake-indexeddb) and hands EPUB tasks to the EPUB builder, TXT tasks to the TXT builder.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBookFile, MIME } from '../../../lib/file/build-file';
import type { BookRecord } from '../../../lib/store/schema';
import { Store } from '../../../lib/store/store';
import { epubcheck, tempDir, writeBlob } from '../../fixtures/epubcheck';
import { chapter, failedChapter, makeTask, openEpub, PNG_1X1 } from './fixtures';

let store: Store;
let dir: string;
const epubTask = makeTask({ id: `epub-${randomUUID()}`, url: 'https://novels.example/book/9/', format: 'epub' });
const txtTask = makeTask({ id: `txt-${randomUUID()}`, url: 'https://novels.example/book/9/', format: 'txt' });

async function storeBook(task: typeof epubTask): Promise<void> {
  const records = [
    chapter(task, 0, 'Chapter 1', 'First line.\nSecond line.'),
    failedChapter(task, 1, 'Chapter 2', 'HTTP 503 Service Unavailable'),
    chapter(task, 2, 'Chapter 3', 'The end.'),
  ];
  const book: BookRecord = {
    taskId: task.id,
    title: 'Stored Book',
    author: 'Store Author',
    chapters: records.map((r) => ({ title: r.title, url: r.url })),
  };
  await store.putTask(task);
  await store.putBook(book);
  // Stored out of order, as parallel workers do; the store hands them back in order.
  for (const record of [records[2]!, records[0]!, records[1]!]) await store.putChapter(record);
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

describe('buildBookFile', () => {
  it(
    'builds an EPUB for an epub task, chapters in order, named <title> - <author>.epub',
    { timeout: 120_000 },
    async () => {
      const { blob, fileName } = await buildBookFile(store, epubTask.id, { cover: { bytes: PNG_1X1 } });
      expect(fileName).toBe('Stored Book - Store Author.epub');
      expect(blob.type).toBe(MIME.epub);
      const epub = await openEpub(blob);
      expect(epub.spine.filter((href) => href.includes('/text/'))).toEqual([
        'OEBPS/text/chapter-00001.xhtml',
        'OEBPS/text/chapter-00002.xhtml',
        'OEBPS/text/chapter-00003.xhtml',
      ]);
      expect(await epub.text('OEBPS/text/chapter-00002.xhtml')).toContain('HTTP 503 Service Unavailable');
      expect(epub.opf('manifest > item[properties~="cover-image"]').attr('media-type')).toBe('image/png');
      expect(epub.opf('dc\\:source').text()).toBe(epubTask.url);

      const result = await epubcheck(await writeBlob(dir, 'stored.epub', blob));
      expect(result.messages).toEqual([]);
      expect(result.fatals + result.errors).toBe(0);
    },
  );

  it('still builds TXT for a txt task', async () => {
    const { blob, fileName } = await buildBookFile(store, txtTask.id);
    expect(fileName).toBe('Stored Book - Store Author.txt');
    const text = await blob.text();
    expect(text.startsWith('Stored Book\nStore Author\n')).toBe(true);
    expect(text.indexOf('Chapter 1')).toBeLessThan(text.indexOf('Chapter 2'));
    expect(text).toContain(
      '[This chapter is missing: HTTP 503 Service Unavailable https://novels.example/book/9/2.html]',
    );
  });

  it('fails with a storage error when the task is gone', async () => {
    await expect(buildBookFile(store, 'no-such-task')).rejects.toMatchObject({ code: 'storage' });
  });
});
