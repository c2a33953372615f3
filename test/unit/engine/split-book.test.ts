// A book served the way many Chinese sites serve books (the demo site's split book s1, read by
// sources/demo-split.json): GBK, the table of contents over three <select> pages with a
// latest-chapters block, every chapter over 2–3 下一页 pages with page marks and ads.
import { describe, expect, it } from 'vitest';
import { AD_LINE, SPLIT_END_MARK, SPLIT_UNFINISHED_LINE, bookInfo, splitBookPaths } from '../../fixtures/site';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

const fileLines = (text: string) => text.replace(/\n$/, '').split('\n');

describe('downloading a book split over pages', () => {
  it('downloads s1 as TXT, line by line, fetching every toc page and every chapter page once', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/split/s1/`, format: 'txt' });
    expect(task.sourceId).toBe('demo-split');
    const done = await waitForTask(task.id, ended, 20_000);
    expect(done).toMatchObject({
      status: 'completed',
      sourceId: 'demo-split',
      title: '山城旧梦',
      author: '落叶先生',
      totalChapters: 25,
      completedChapters: 25,
      failedChapters: 0,
      progress: 100,
      fileName: '山城旧梦 - 落叶先生.txt',
    });
    expect(done.error).toBeUndefined();

    const text = files.get(task.id)!.text;
    const lines = fileLines(text);
    expect(lines).toEqual(expectedTxtLines(site.origin, 's1'));

    // Titles come from the chapter pages' <h1> without their "（1/3）" marks; no noise is left.
    const titles = lines.filter((line) => /^第\d+章 /.test(line));
    expect(titles).toHaveLength(bookInfo('s1').chapterCount);
    for (const title of titles) expect(title).not.toMatch(/[(（]\d+\/\d+[)）]/);
    expect(text).not.toMatch(/[(（]\d+\/\d+[)）]/);
    for (const noise of [
      AD_LINE,
      '一秒记住',
      SPLIT_UNFINISHED_LINE,
      '本章未完',
      SPLIT_END_MARK,
      '本章完',
      '\u200b',
      '\u00a0',
    ]) {
      expect(text, JSON.stringify(noise)).not.toContain(noise);
    }

    // Every page once: the three toc pages (the first is the book page) and every chapter page.
    const { toc, chapters } = splitBookPaths('s1');
    const counts = new Map<string, number>();
    for (const { path } of site.requests()) counts.set(path, (counts.get(path) ?? 0) + 1);
    for (const path of [...toc, ...chapters]) expect(counts.get(path), path).toBe(1);
    expect([...counts.keys()].sort()).toEqual([...toc, ...chapters].sort());
  });

  it('honours a chapter range over the split table of contents', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({
      type: 'task.start',
      url: `${site.origin}/split/s1/`,
      format: 'txt',
      range: { from: 8, to: 10 },
    });
    const done = await waitForTask(task.id, ended, 20_000);
    expect(done).toMatchObject({ status: 'completed', totalChapters: 3, completedChapters: 3 });
    // Chapters 8 and 9 sit on different toc pages; 8 has two pages, 9 three.
    expect(fileLines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, 's1', [8, 9, 10]));
    expect(site.hits('/split/s1/7')).toBe(0);
    expect(site.hits('/split/s1/11')).toBe(0);
    expect(site.hits('/split/s1/9_3.html')).toBe(1);
  });
});
