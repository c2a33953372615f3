// The built extension in Chromium reads a book served the way many Chinese sites serve books:
// the demo site's split book s1 (GBK, table of contents over three pages, every chapter over
// 2–3 pages with page marks and ads), as TXT line by line and as an EPUB that passes epubcheck.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { EPub } from 'epub2';
import { epubcheck, type EpubcheckMessage } from '../fixtures/epubcheck';
import { expectedTxtLines } from '../fixtures/expected-txt';
import { chapterTitle, splitBookPaths } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

describe('a book split over pages, in Chromium', () => {
  it('downloads s1 as TXT, line by line, every page fetched once', async () => {
    site.resetLog();
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/split/s1/`, format: 'txt' });
    expect(task.sourceId).toBe('demo-split');
    const done = await ext.waitForTask(task.id, ended, 20_000);
    expect(done).toMatchObject({
      status: 'completed',
      totalChapters: 25,
      completedChapters: 25,
      failedChapters: 0,
      fileName: '山城旧梦 - 落叶先生.txt',
    });
    const path = await ext.downloadPath(done.downloadId!, 10_000);
    expect(basename(path)).toBe('山城旧梦 - 落叶先生.txt');
    const text = readFileSync(path, 'utf8');
    expect(text.replace(/\n$/, '').split('\n')).toEqual(expectedTxtLines(site.origin, 's1'));
    for (const noise of ['一秒记住', '本章未完', '本章完', '\u200b', '（1/'])
      expect(text, JSON.stringify(noise)).not.toContain(noise);
    const { toc, chapters } = splitBookPaths('s1');
    const paths = site.requests().map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/split/')).sort()).toEqual([...toc, ...chapters].sort());
  });

  it('downloads s1 as an EPUB that passes epubcheck with its chapters in order', async () => {
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/split/s1/`, format: 'epub' });
    const done = await ext.waitForTask(task.id, ended, 20_000);
    expect(done).toMatchObject({
      status: 'completed',
      format: 'epub',
      completedChapters: 25,
      fileName: '山城旧梦 - 落叶先生.epub',
    });
    const path = await ext.downloadPath(done.downloadId!, 10_000);
    const [verdict, parsed] = await Promise.all([epubcheck(path), EPub.createAsync(path)]);
    expect(
      verdict,
      JSON.stringify(verdict.messages.filter((m: EpubcheckMessage) => m.severity !== 'WARNING')),
    ).toMatchObject({ fatals: 0, errors: 0 });
    const titles = parsed.toc
      .map((item: { title?: string }) => item.title)
      .filter((title: string | undefined) => /^第\d+章/.test(title ?? ''));
    expect(titles).toEqual(Array.from({ length: 25 }, (_, i) => chapterTitle('s1', i + 1)));
  });
});
