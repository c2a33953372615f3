// Issue 2 end to end: the built extension in Chromium downloads the demo book to the
// downloads folder, refuses bad input without a task, ends dead sites after a bounded number of
// tries, cancels with nothing left in flight, and survives its service worker being stopped
// mid-download.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { expectedTxtLines } from '../fixtures/expected-txt';
import { EPub } from 'epub2';
import { epubcheck } from '../fixtures/epubcheck';
import JSZip from 'jszip';
import { chapterTitle, COVER_HEIGHT, COVER_WIDTH, webpCoverColour } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();
beforeEach(() => {
  site.resetLog();
  site.setLatency(0);
  site.setFault(null);
});

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);
const chapterPath = /^\/book\/[^/]+\/\d+\.html$/;

describe('downloads in Chromium', () => {
  it('downloads the demo book as TXT into the downloads folder, line by line', async () => {
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const done = await ext.waitForTask(task.id, ended, 60_000);
    expect(done).toMatchObject({
      status: 'completed',
      completedChapters: 12,
      failedChapters: 0,
      fileName: '演示之书 - 示例作者.txt',
    });
    const path = await ext.downloadPath(done.downloadId!);
    expect(basename(path)).toBe('演示之书 - 示例作者.txt');
    const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
    expect(lines).toEqual(expectedTxtLines(site.origin, '1'));
  });

  it('answers invalid_url and creates no task', async () => {
    const before = (await ext.call({ type: 'task.list' })).tasks.length;
    const answer = await ext.send({ type: 'task.start', url: 'invalid_url', sourceId: 'demo', format: 'txt' });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid_url', message: expect.stringContaining('invalid_url') },
    });
    expect((await ext.call({ type: 'task.list' })).tasks.length).toBe(before);
  });

  it('ends a task on a host that does not resolve as failed/network after its tries', async () => {
    // Two tries, so that one wait of the worker's own backoff (0.5 s) is all the test spends.
    await ext.call({ type: 'settings.set', patch: { maxAttempts: 2 } });
    try {
      const { task } = await ext.call({
        type: 'task.start',
        url: 'http://nonexistent-site.invalid/book/123',
        sourceId: 'demo',
        format: 'txt',
      });
      const done = await ext.waitForTask(task.id, ended);
      expect(done.status).toBe('failed');
      expect(done.error).toMatchObject({ code: 'network' });
      expect(done.error!.message).toContain('nonexistent-site.invalid');
      expect(done.error!.message).toContain('(2 tries)');
    } finally {
      await ext.call({ type: 'settings.set', patch: { maxAttempts: DEFAULT_SETTINGS.maxAttempts } });
    }
  });

  it('completes with every chapter after its worker is stopped three times; no chapter fetched more than twice', async () => {
    site.setLatency(60);
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/gen-150/`, format: 'txt' });
    for (const atLeast of [15, 60, 105]) {
      await ext.waitForTask(task.id, (t) => t.completedChapters >= atLeast || ended(t), 60_000);
      await ext.stopWorker();
    }
    const done = await ext.waitForTask(task.id, ended, 90_000);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 150, failedChapters: 0 });
    expect(done.resumes).toBe(3);
    const perChapter = new Map<string, number>();
    for (const { path } of site.requests())
      if (chapterPath.test(path)) perChapter.set(path, (perChapter.get(path) ?? 0) + 1);
    expect(perChapter.size).toBe(150);
    expect(Math.max(...perChapter.values())).toBeLessThanOrEqual(2);
    const lines = readFileSync(await ext.downloadPath(done.downloadId!), 'utf8').split('\n');
    expect(lines.filter((line) => /^第\d+章 /.test(line))).toHaveLength(150);
  });

  it('cancel mid-download: the task ends cancelled and the site receives no further chapter requests', async () => {
    site.setLatency(50);
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/gen-300/`, format: 'txt' });
    await ext.waitForTask(task.id, (t) => t.completedChapters >= 10, 60_000);
    const answer = await ext.call({ type: 'task.cancel', taskId: task.id });
    expect(answer.task.status).toBe('cancelled');
    const atCancel = site.hits(chapterPath);
    // The requests in flight are aborted and none waits for a slot: the worker is done with it.
    await ext.untilIdle();
    await ext.waitFor(
      async () => site.pending(),
      (pending) => pending === 0,
      { what: 'the requests in flight to end' },
    );
    expect(site.hits(chapterPath)).toBe(atCancel);
    expect(atCancel).toBeLessThan(300);
    expect((await ext.call({ type: 'task.get', taskId: task.id })).task.status).toBe('cancelled');
  });
});

describe('EPUB in Chromium', () => {
  it('downloads the demo book as EPUB (the default) that passes epubcheck and lists its chapters in order', async () => {
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/1/` });
    const done = await ext.waitForTask(task.id, ended, 60_000);
    expect(done).toMatchObject({ status: 'completed', format: 'epub', fileName: '演示之书 - 示例作者.epub' });
    const path = await ext.downloadPath(done.downloadId!);
    expect(basename(path)).toBe('演示之书 - 示例作者.epub');
    const [verdict, parsed] = await Promise.all([epubcheck(path), EPub.createAsync(path)]);
    expect(verdict).toMatchObject({ fatals: 0, errors: 0 });
    const titles = parsed.toc
      .map((item: { title?: string }) => item.title)
      .filter((title: string | undefined) => /^第\d+章/.test(title ?? ''));
    expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => chapterTitle('1', i + 1)));
    const mime = await ext.page.evaluate(
      (id) => chrome.downloads.search({ id }).then((items) => items[0]?.mime),
      done.downloadId!,
    );
    expect(mime).toBe('application/epub+zip');
  });

  it('redraws a WebP cover as a JPEG of the same picture, and the book passes epubcheck', async () => {
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/w/`, format: 'epub' });
    const done = await ext.waitForTask(task.id, ended, 60_000);
    expect(done.status).toBe('completed');
    const path = await ext.downloadPath(done.downloadId!);
    const zip = await JSZip.loadAsync(readFileSync(path));
    expect(Object.keys(zip.files).filter((name) => name.startsWith('OEBPS/images/'))).toEqual([
      'OEBPS/images/cover.jpg',
    ]);
    const jpeg = await zip.file('OEBPS/images/cover.jpg')!.async('uint8array');
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // Decoded by the browser again: the size it had and, within JPEG's loss, its colour.
    const decoded = await ext.page.evaluate(
      async (bytes) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return { width: bitmap.width, height: bitmap.height, pixel: [...context.getImageData(60, 80, 1, 1).data] };
      },
      [...jpeg],
    );
    const { r, g, b } = webpCoverColour('w');
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: COVER_WIDTH, height: COVER_HEIGHT });
    decoded.pixel.slice(0, 3).forEach((value, i) => expect(Math.abs(value - [r, g, b][i]!)).toBeLessThanOrEqual(8));
    expect(await epubcheck(path)).toMatchObject({ fatals: 0, errors: 0 });
  });
});
