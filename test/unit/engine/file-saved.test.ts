// A task is completed only once the browser has saved its file; a file it did not save fails the
// task with `file`, and Retry builds and saves the file again without fetching a chapter.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { FileNotSaved } from '../../../lib/file/file-saved';
import { Store } from '../../../lib/store/store';
import { chapterParagraphs, chapterTitle } from '../../fixtures/site';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

/** A stand-in for the browser's downloads: each download ends when the test says so. */
function downloads() {
  const pending = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
  const asked: number[] = [];
  return {
    asked,
    fileSaved: (downloadId: number) =>
      new Promise<void>((resolve, reject) => {
        asked.push(downloadId);
        pending.set(downloadId, { resolve, reject });
      }),
    complete: (downloadId: number) => pending.get(downloadId)!.resolve(),
    interrupt: (downloadId: number, fileName: string, reason: string) =>
      pending.get(downloadId)!.reject(new FileNotSaved(fileName, { kind: 'interrupted', reason })),
  };
}

const chapterHits = () => site.requests().filter((r) => /^\/book\/1\/\d+\.html$/.test(r.path)).length;

describe('the file at the end of a download', () => {
  it('is completed only once the browser says the file is saved, with the name it was handed', async () => {
    const browser = downloads();
    const { call, waitForTask } = await startService({ fileSaved: browser.fileSaved });
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const handedOver = await waitForTask(task.id, (t) => t.downloadId !== undefined);
    expect(handedOver).toMatchObject({ status: 'running', fileName: '演示之书 - 示例作者.txt', completedChapters: 12 });
    expect(browser.asked).toEqual([handedOver.downloadId]);
    browser.complete(handedOver.downloadId!);
    const done = await waitForTask(task.id, (t) => t.status !== 'running');
    expect(done).toMatchObject({ status: 'completed', downloadId: handedOver.downloadId, progress: 100 });
  });

  it('fails with file when the browser did not save it, and Retry only builds and saves it again', async () => {
    site.setFault(/^\/book\/1\/5\.html$/, { kind: 'status', status: 404 });
    const browser = downloads();
    const { send, call, waitForTask, saves } = await startService({ fileSaved: browser.fileSaved });
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const first = await waitForTask(task.id, (t) => t.downloadId !== undefined);
    browser.interrupt(first.downloadId!, first.fileName!, 'FILE_NO_SPACE');
    const failed = await waitForTask(task.id, (t) => t.status === 'failed');
    expect(failed.error!.code).toBe('file');
    expect(failed.error!.message).toBe(
      'The browser did not save «演示之书 - 示例作者.txt»: the disk is full. Free some space, then retry. Retry builds the file again from the stored chapters; nothing is downloaded again.',
    );

    const fetched = site.requests().length;
    expect((await send({ type: 'task.retry', taskId: task.id })).ok).toBe(true);
    const second = await waitForTask(task.id, (t) => t.downloadId !== undefined && t.downloadId !== first.downloadId);
    browser.complete(second.downloadId!);
    const done = await waitForTask(task.id, (t) => t.status === 'completed');
    // The chapter the site would not give stays missing: Retry of a file fetches nothing at all.
    expect(done).toMatchObject({ completedChapters: 11, failedChapters: 1 });
    expect(site.requests().length).toBe(fetched);
    expect(saves()).toBe(2);
  });

  it('after the worker was lost while the browser saved the file, follows the same download instead of saving again', async () => {
    const dbName = `test-${randomUUID()}`;
    const store = await Store.open(dbName);
    const url = `${site.origin}/book/1/`;
    const chapters = Array.from({ length: 12 }, (_, i) => ({
      title: chapterTitle('1', i + 1),
      url: `${url}${i + 1}.html`,
    }));
    const task: Task = {
      id: randomUUID(),
      url,
      sourceId: 'demo',
      format: 'txt',
      status: 'running',
      title: '演示之书',
      author: '示例作者',
      totalChapters: 12,
      completedChapters: 12,
      failedChapters: 0,
      progress: 99,
      fileName: '演示之书 - 示例作者.txt',
      downloadId: 41,
      createdAt: Date.now() - 60_000,
      startedAt: Date.now() - 60_000,
      heartbeatAt: Date.now() - 50_000,
      resumes: 0,
      resumesWithoutProgress: 0,
    };
    await store.putTask(task);
    await store.putBook({ taskId: task.id, title: '演示之书', author: '示例作者', chapters });
    for (let n = 1; n <= 12; n++)
      await store.putChapter({
        taskId: task.id,
        index: n - 1,
        title: chapterTitle('1', n),
        url: chapters[n - 1]!.url,
        text: chapterParagraphs('1', n).join('\n'),
      });
    store.close();

    const browser = downloads();
    const { waitForTask, saves } = await startService({ dbName, fileSaved: browser.fileSaved });
    await waitForTask(task.id, () => browser.asked.length > 0);
    expect(browser.asked).toEqual([41]);
    browser.complete(41);
    expect(await waitForTask(task.id, (t) => t.status !== 'running' && t.status !== 'queued')).toMatchObject({
      status: 'completed',
      downloadId: 41,
      resumes: 1,
    });
    expect(saves()).toBe(0);
    expect(chapterHits()).toBe(0);
  });
});
