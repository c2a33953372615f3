// Issue 5 at scale: a 10,000-chapter book (about 60 MB of text) builds as EPUB in Chromium's
// offscreen document straight from IndexedDB, without running out of memory. The chapters are
// stored directly (as a download would have left them), so the test measures the build alone.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { DB_NAME } from '../../lib/store/schema';
import { launchExtension, type Ext } from './harness';

const CHAPTERS = 10_000;
const CHARS_PER_CHAPTER = 3_000; // about 6 KB of UTF-8 per chapter: 60 MB of text in all

let ext: Ext;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});

describe('a 10,000-chapter book', () => {
  it('builds as EPUB in the offscreen document and lands in the downloads folder with every chapter in order', async () => {
    const taskId = 'big-book';
    const now = Date.now();
    const task: Task = {
      id: taskId,
      url: 'http://127.0.0.1/book/big/',
      sourceId: 'demo',
      format: 'epub',
      status: 'failed',
      title: '万章之书',
      author: '压力测试',
      totalChapters: CHAPTERS,
      completedChapters: CHAPTERS,
      failedChapters: 0,
      progress: 99,
      createdAt: now,
      finishedAt: now,
      resumes: 0,
      resumesWithoutProgress: 0,
      error: { code: 'internal', message: 'Stored for the test: the file was never made.' },
    };
    // Seeded from an extension page: the same origin, so the same IndexedDB as the worker, which
    // must have created its stores first (an answer means it has).
    expect((await ext.send({ type: 'task.list' })).ok).toBe(true);
    await ext.page.evaluate(
      async ({ dbName, task, chapters, chars }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const done = (tx: IDBTransaction) =>
          new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        const paragraph = '林远看着远处的灯火，心中一片平静。'
          .repeat(Math.ceil(chars / 17 / 6))
          .slice(0, Math.floor(chars / 6));
        const text = Array.from({ length: 6 }, () => paragraph).join('\n');
        const toc = Array.from({ length: chapters }, (_, i) => ({
          title: `第${i + 1}章`,
          url: `${task.url}${i + 1}.html`,
        }));
        let tx = db.transaction(['tasks', 'books'], 'readwrite');
        tx.objectStore('tasks').put(task);
        tx.objectStore('books').put({ taskId: task.id, title: task.title, author: task.author, chapters: toc });
        await done(tx);
        for (let start = 0; start < chapters; start += 1_000) {
          tx = db.transaction('chapters', 'readwrite');
          for (let i = start; i < Math.min(chapters, start + 1_000); i++) {
            tx.objectStore('chapters').put({ taskId: task.id, index: i, title: toc[i]!.title, url: toc[i]!.url, text });
          }
          await done(tx);
        }
        db.close();
      },
      { dbName: DB_NAME, task, chapters: CHAPTERS, chars: CHARS_PER_CHAPTER },
    );

    expect((await ext.send({ type: 'task.retry', taskId })).ok).toBe(true);
    const done = await ext.waitForTask(taskId, (t) => t.status !== 'queued' && t.status !== 'running', 150_000);
    expect(done).toMatchObject({
      status: 'completed',
      completedChapters: CHAPTERS,
      fileName: '万章之书 - 压力测试.epub',
    });

    const { events } = await ext.call({ type: 'task.log', taskId });
    expect(events.map((e: { message: string }) => e.message)).toContainEqual(
      expect.stringMatching(/^File: [\d.]+ MB built in [\d.]+ s/),
    );
    const zip = await JSZip.loadAsync(readFileSync(await ext.downloadPath(done.downloadId!, 60_000)));
    const chapterFiles = Object.keys(zip.files).filter((name) => /chapter-\d+\.xhtml$/.test(name));
    expect(chapterFiles).toHaveLength(CHAPTERS);
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((id) => id!.startsWith('chapter'));
    expect(spine).toHaveLength(CHAPTERS);
    expect(spine[0]).toMatch(/1$/);
    expect(spine.at(-1)).toMatch(/10000$/);
    const last = await zip.file(chapterFiles.sort().at(-1)!)!.async('string');
    expect(last).toContain('第10000章');
  });
});
