// An EPUB download through the engine: the book, its cover from the site, every chapter in
// order, and a file that W3C epubcheck and an independent parser both accept.
import { rm } from 'node:fs/promises';
import { EPub } from 'epub2';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, tempDir, writeBlob } from '../../fixtures/epubcheck';
import { bookInfo, chapterParagraphs, chapterTitle, coverPng, coverWebp } from '../../fixtures/site';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();
let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EPUB downloads', () => {
  // epubcheck starts a JVM: seconds on an idle machine, much longer on a busy one.
  it(
    'downloads demo book 1 as EPUB 3 with its cover, passing epubcheck and epub2 in order',
    { timeout: 120_000 },
    async () => {
      const service = await startService();
      const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/1/` });
      expect(task.format).toBe('epub'); // the default format
      const done = await service.waitForTask(task.id, service.ended);
      expect(done).toMatchObject({ status: 'completed', fileName: '演示之书 - 示例作者.epub' });

      const { blob } = service.files.get(task.id)!;
      const zip = await JSZip.loadAsync(await blob.arrayBuffer());
      const cover = await zip.file('OEBPS/images/cover.png')?.async('uint8array');
      expect(cover && Buffer.from(cover).equals(coverPng('1'))).toBe(true);
      const opf = await zip.file('OEBPS/content.opf')!.async('string');
      expect(opf).toContain('<dc:title>演示之书</dc:title>');
      expect(opf).toContain(`<dc:source>${site.origin}/book/1/</dc:source>`);
      expect(opf).toContain('<dc:language>zh</dc:language>');
      const third = await zip.file('OEBPS/text/chapter-00003.xhtml')!.async('string');
      for (const paragraph of chapterParagraphs('1', 3)) expect(third).toContain(`<p>${paragraph}</p>`);

      const path = await writeBlob(dir, 'book-1.epub', blob);
      const [verdict, parsed] = await Promise.all([epubcheck(path), EPub.createAsync(path)]);
      expect(verdict).toMatchObject({ fatals: 0, errors: 0 });
      const titles = parsed.toc
        .map((item: { title?: string }) => item.title)
        .filter((title: string | undefined) => /^第\d+章/.test(title ?? ''));
      expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => chapterTitle('1', i + 1)));
    },
  );

  it('builds a book whose site has no cover, without one', async () => {
    const service = await startService();
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/3/`, format: 'epub' });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done.status).toBe('completed');
    const zip = await JSZip.loadAsync(await service.files.get(task.id)!.blob.arrayBuffer());
    expect(Object.keys(zip.files).filter((name) => name.includes('cover'))).toEqual([]);
    expect(bookInfo('3').cover).toBe(false);
  });

  it('a cover the site will not give costs the book its cover, not the download', async () => {
    site.setFault(/^\/cover\//, { kind: 'status', status: 404 });
    const service = await startService();
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'epub' });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done).toMatchObject({ status: 'completed', failedChapters: 0 });
    const zip = await JSZip.loadAsync(await service.files.get(task.id)!.blob.arrayBuffer());
    expect(zip.file('OEBPS/images/cover.png')).toBeNull();
    const { events } = await service.call({ type: 'task.log', taskId: task.id });
    expect(events.some((e: { message: string }) => e.message.includes('cover'))).toBe(true);
  });

  // Node has no canvas to redraw with, so the converter here is a stand-in that answers with a
  // PNG; the real one (OffscreenCanvas → JPEG) is tested in Chromium (test/browser/download.test.ts).
  it('a WebP cover goes through the converter, and the book ships what it gave under that type', async () => {
    const given: Uint8Array[] = [];
    const service = await startService({
      convertImage: async (bytes) => {
        given.push(bytes);
        return coverPng('w');
      },
    });
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/w/`, format: 'epub' });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done.status).toBe('completed');
    expect(given.map((bytes) => Buffer.from(bytes).equals(coverWebp('w')))).toEqual([true]);
    const zip = await JSZip.loadAsync(await service.files.get(task.id)!.blob.arrayBuffer());
    const cover = await zip.file('OEBPS/images/cover.png')?.async('uint8array');
    expect(cover && Buffer.from(cover).equals(coverPng('w'))).toBe(true);
    expect(Object.keys(zip.files).filter((name) => name.endsWith('.webp'))).toEqual([]);
    const { events } = await service.call({ type: 'task.log', taskId: task.id });
    expect(events.map((e: { message: string }) => e.message)).toContainEqual(
      expect.stringMatching(/cover .* is image\/webp; it was redrawn as a JPEG/),
    );
  });

  it('a WebP cover that cannot be redrawn costs the book its cover, said in the log', async () => {
    const service = await startService({
      convertImage: async () => {
        throw new Error('The source image could not be decoded.');
      },
    });
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/w/`, format: 'epub' });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done).toMatchObject({ status: 'completed', failedChapters: 0 });
    const zip = await JSZip.loadAsync(await service.files.get(task.id)!.blob.arrayBuffer());
    expect(Object.keys(zip.files).filter((name) => name.includes('cover'))).toEqual([]);
    const { events } = await service.call({ type: 'task.log', taskId: task.id });
    expect(events).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        code: 'parse',
        message: expect.stringMatching(
          /could not be redrawn as a JPEG \(The source image could not be decoded\.\), so the book has none/,
        ),
      }),
    );
  });

  it('without a converter a WebP cover is left out, and the log says why', async () => {
    const service = await startService();
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/w/`, format: 'epub' });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done.status).toBe('completed');
    const zip = await JSZip.loadAsync(await service.files.get(task.id)!.blob.arrayBuffer());
    expect(Object.keys(zip.files).filter((name) => name.includes('cover'))).toEqual([]);
    const { events } = await service.call({ type: 'task.log', taskId: task.id });
    expect(events.map((e: { message: string }) => e.message)).toContainEqual(
      expect.stringMatching(/is image\/webp, which EPUB readers do not all show, and it cannot be converted here/),
    );
  });
});
