// A long book: every chapter in order, compressed, and valid (each page goes into the zip as it
// is made; only titles and paths are kept on the side). How fast and how lean the builder is, is
// measured by bench/epub-build.ts and bench/memory.ts, not asserted here.
import { EPub } from 'epub2';
import * as cheerio from 'cheerio';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpub } from '../../../lib/file/epub';
import type { ChapterSource } from '../../../lib/file/txt';
import type { ChapterRecord } from '../../../lib/store/schema';
import { epubcheck, tempDir, writeBlob, type EpubcheckResult } from '../../fixtures/epubcheck';
import { makeTask, openEpub, type OpenedEpub } from './fixtures';

const CHAPTERS = 2000;
const task = makeTask({ id: 'long', url: 'https://novels.example/book/long/' });

/** Seeded pseudo-random Han text (~3,000 characters a chapter): compresses like real prose. */
function chapterText(index: number): string {
  let seed = index + 1;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const lines: string[] = [];
  for (let line = 0; line < 60; line += 1) {
    let text = '';
    for (let k = 0; k < 50; k += 1) text += String.fromCharCode(0x4e00 + Math.floor(next() * next() * 2500));
    lines.push(`　　${text}。`);
  }
  return lines.join('\n');
}

function record(index: number): ChapterRecord {
  const base = { taskId: task.id, index, title: `第${index + 1}章`, url: `${task.url}${index + 1}.html` };
  // Every 97th chapter failed, so missing pages appear all through a long book too.
  return index % 97 === 96
    ? { ...base, error: { code: 'timeout', message: 'The site took too long to answer.' } }
    : { ...base, text: chapterText(index) };
}

/** Makes each record only when visited and yields between batches, like Store.forEachChapter. */
const source: ChapterSource = {
  async forEachChapter(_taskId, visit) {
    for (let index = 0; index < CHAPTERS; index += 1) {
      if (index % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      await visit(record(index));
    }
  },
};

const book = {
  taskId: task.id,
  title: '很长的书',
  author: '作者',
  intro: '两千章。',
  chapters: Array.from({ length: CHAPTERS }, (_, index) => ({
    title: `第${index + 1}章`,
    url: `${task.url}${index + 1}.html`,
  })),
};

let dir: string;
let blob: Blob;
let epub: OpenedEpub;
let path: string;
let verdict: Promise<EpubcheckResult>;

beforeAll(async () => {
  dir = await tempDir();
  blob = await buildEpub(task, book, source, { now: new Date('2026-11-28T03:00:00Z') });
  epub = await openEpub(blob);
  path = await writeBlob(dir, 'long.epub', blob);
  // Started now, checked last: the other tests run while epubcheck reads the book.
  verdict = epubcheck(path);
  verdict.catch(() => undefined); // its test reports a failure
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a 2,000-chapter EPUB', () => {
  it('compresses the text', () => {
    // About 18 MB of UTF-8 text went in; DEFLATE must have been applied to the pages.
    expect(blob.size).toBeLessThan(15_000_000);
  });

  it('reads every chapter in order, with unique ids and five-digit file names', async () => {
    const chapters = epub.spine.filter((href) => href.includes('/text/'));
    expect(chapters).toHaveLength(CHAPTERS);
    expect(chapters[0]).toBe('OEBPS/text/chapter-00001.xhtml');
    expect(chapters[CHAPTERS - 1]).toBe('OEBPS/text/chapter-02000.xhtml');
    expect(chapters).toEqual([...chapters].sort());
    const ids = epub
      .opf('manifest > item')
      .toArray()
      .map((item) => epub.opf(item).attr('id'));
    expect(new Set(ids).size).toBe(ids.length);
    const nav = cheerio.load(await epub.text('OEBPS/nav.xhtml'), { xml: true });
    expect(
      nav('nav li > a')
        .toArray()
        .map((a) => nav(a).text()),
    ).toEqual([book.title, ...book.chapters.map((entry) => entry.title)]);
  });

  it('keeps the text of the last chapter and marks the failed ones', async () => {
    expect(await epub.text('OEBPS/text/chapter-02000.xhtml')).toContain(
      `<p>${chapterText(1999).split('\n')[59]!.trim()}</p>`,
    );
    expect(await epub.text('OEBPS/text/chapter-00097.xhtml')).toContain(
      'This chapter is missing: The site took too long to answer.',
    );
  });

  it('opens in epub2 with all chapters in order', async () => {
    const parsed: EPub = await EPub.createAsync(path);
    expect(parsed.flow.map((item) => item.href)).toEqual(epub.spine);
    expect(parsed.toc).toHaveLength(CHAPTERS + 1);
  });

  // epubcheck validates each of the 2,000 pages: about 20 s of one core, and a machine busy with
  // other work stretches that several times. The timeout is a backstop for a check that never
  // ends, not a bound on its speed.
  it('passes epubcheck', { timeout: 600_000 }, async () => {
    const result = await verdict;
    expect(result.messages).toEqual([]);
    expect(result.fatals).toBe(0);
    expect(result.errors).toBe(0);
  });
});
