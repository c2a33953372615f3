// A book whose table of contents has volumes keeps them as sections: headings over their chapters
// in the EPUB's contents, a heading line before each volume's first chapter in the TXT.
import * as cheerio from 'cheerio';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildEpub } from '../../../lib/file/epub';
import { buildTxt } from '../../../lib/file/txt';
import { epubcheck, tempDir, writeBlob } from '../../fixtures/epubcheck';
import { chapter, makeBook, makeTask, memorySource, openEpub } from './fixtures';

const task = makeTask({ id: 'volumes', url: 'https://novels.example/book/9/' });
const records = [
  chapter(task, 0, 'Prologue', 'Before it all began.'),
  chapter(task, 1, 'Chapter 1: Dawn', 'The sun rose over the hills.'),
  chapter(task, 2, 'Chapter 2: Noon', 'The heat was hard to bear.'),
  chapter(task, 3, 'Chapter 1: Snow', 'Winter came early that year.'),
];
const volumes = [undefined, 'Volume 1: Summer', 'Volume 1: Summer', 'Volume 2: Winter'];
const book = makeBook(task, records, { title: 'Seasons', author: 'A. Writer' });
book.chapters = book.chapters.map((entry, i) => (volumes[i] ? { ...entry, volume: volumes[i] } : entry));

describe('volumes in the files', () => {
  it(
    "heads each volume's chapters in the EPUB's contents, and the book passes epubcheck",
    { timeout: 120_000 },
    async () => {
      const blob = await buildEpub(task, book, memorySource(records), { now: new Date('2026-11-28T03:00:00Z') });
      const nav = cheerio.load(await (await openEpub(blob)).text('OEBPS/nav.xhtml'), { xml: true });
      const top = nav('nav > ol > li')
        .toArray()
        .map((li) => nav(li).children('a, span').first().text());
      expect(top).toEqual(['Seasons', 'Prologue', 'Volume 1: Summer', 'Volume 2: Winter']);
      const under = (volume: string) =>
        nav('nav > ol > li')
          .filter((_, li) => nav(li).children('span').text() === volume)
          .find('ol > li > a')
          .toArray()
          .map((a) => nav(a).text());
      expect(under('Volume 1: Summer')).toEqual(['Chapter 1: Dawn', 'Chapter 2: Noon']);
      expect(under('Volume 2: Winter')).toEqual(['Chapter 1: Snow']);
      const dir = await tempDir();
      try {
        const result = await epubcheck(await writeBlob(dir, 'volumes.epub', blob));
        expect(result.messages).toEqual([]);
        expect(result.errors + result.fatals + result.warnings).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it("puts a volume's heading once before its first chapter in the TXT", async () => {
    const text = await (await buildTxt(task, book, memorySource(records))).text();
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'Seasons',
      'A. Writer',
      task.url,
      'Prologue',
      'Before it all began.',
      'Volume 1: Summer',
      'Chapter 1: Dawn',
      'The sun rose over the hills.',
      'Chapter 2: Noon',
      'The heat was hard to bear.',
      'Volume 2: Winter',
      'Chapter 1: Snow',
      'Winter came early that year.',
    ]);
  });
});
