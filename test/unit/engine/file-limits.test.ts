// A book too big for its file is refused when its table of contents is read, before a single
// chapter is fetched, with the way out (a chapter range) in the sentence.
import { describe, expect, it } from 'vitest';
import { fileLimitError, MAX_EPUB_CHAPTERS } from '../../../lib/file/file-limits';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();
const chapterRequests = () => site.requests().filter((r) => /^\/book\/gen-\d+\/\d+\.html$/.test(r.path)).length;

describe('books larger than their file can hold', () => {
  it(
    `refuses an EPUB of more than ${MAX_EPUB_CHAPTERS.toLocaleString('en')} chapters before fetching any, and takes it in parts`,
    { timeout: 120_000 },
    async () => {
      const { call, waitForTask, ended } = await startService();
      const url = `${site.origin}/book/gen-70000/`;
      const { task } = await call({ type: 'task.start', url, format: 'epub' });
      const failed = await waitForTask(task.id, ended, 60_000);
      expect(failed).toMatchObject({ status: 'failed', completedChapters: 0, error: { code: 'too_large' } });
      expect(failed.error!.message).toBe(
        `The book at ${url} has 70,000 chapters; one EPUB file holds at most 65,526, so nothing was downloaded. Set "Split each book into" files of at most 65,526 chapters in Settings, download it in parts with a chapter range (chapters 1–65,526, then 65,527–70,000), or as TXT.`,
      );
      expect(chapterRequests()).toBe(0);

      const { task: part } = await call({
        type: 'task.start',
        url,
        format: 'epub',
        range: { from: 65_527, to: 65_530 },
      });
      expect(await waitForTask(part.id, ended, 60_000)).toMatchObject({ status: 'completed', completedChapters: 4 });
    },
  );

  it('lets TXT books, EPUBs up to the limit and books split into parts that fit through', () => {
    const toc = (count: number, volumeEvery?: number) =>
      Array.from({ length: count }, (_, i) => ({
        title: `${i + 1}`,
        url: `https://a.example/${i + 1}.html`,
        ...(volumeEvery ? { volume: `${Math.floor(i / volumeEvery) + 1}` } : {}),
      }));
    const whole = { splitMode: 'none', splitChapters: 1000 } as const;
    expect(fileLimitError(toc(MAX_EPUB_CHAPTERS), 'epub', 'https://a.example/', whole)).toBeUndefined();
    expect(fileLimitError(toc(MAX_EPUB_CHAPTERS + 1), 'epub', 'https://a.example/', whole)?.code).toBe('too_large');
    expect(fileLimitError(toc(1_000_000), 'txt', 'https://a.example/', whole)).toBeUndefined();
    // Split every 1,000 chapters, or by volumes that each fit: every file holds its part.
    expect(
      fileLimitError(toc(100_000), 'epub', 'https://a.example/', { splitMode: 'chapters', splitChapters: 1000 }),
    ).toBeUndefined();
    expect(
      fileLimitError(toc(100_000, 50_000), 'epub', 'https://a.example/', { splitMode: 'volume', splitChapters: 1000 }),
    ).toBeUndefined();
    // A volume too large for one file is refused, naming how many chapters it would hold.
    expect(
      fileLimitError(toc(100_000, 70_000), 'epub', 'https://a.example/', { splitMode: 'volume', splitChapters: 1000 })
        ?.message,
    ).toMatch(
      /^The book at https:\/\/a\.example\/ would put 70,000 of its 100,000 chapters into one file; one EPUB file holds at most 65,526/,
    );
  });
});
