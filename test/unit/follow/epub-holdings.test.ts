import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildEpub } from '../../../lib/file/epub';
import { readEpubHoldings } from '../../../lib/follow/epub-holdings';
import { buildOtherEpub, type OtherEpubChapter } from '../../fixtures/other-epub';
import { chapter, failedChapter, makeBook, makeTask, memorySource } from '../file/fixtures';

const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const otherChapters: OtherEpubChapter[] = [
  { title: '第1章 月下读书', paragraphs: ['林远来到青云山。', '“路还很长。”苏清轻声说道。'] },
  { title: '第2章 远方来信', paragraphs: ['黄昏，陈默看着远处的灯火。'] },
];

describe('an EPUB this extension made', () => {
  it('holds its chapters by address with their text, and knows the missing ones and the book', async () => {
    const task = makeTask({ id: 'own', url: 'https://novels.example/book/5/' });
    const records = [
      chapter(task, 0, 'Chapter 1: Gate', 'The boy pushed the gate.\nAn old man waited.'),
      failedChapter(task, 1, 'Chapter 2: Trial', 'HTTP 404 Not Found'),
      chapter(task, 2, 'Chapter 3: A & B <c>', 'Text with <markup> & "quotes".'),
    ];
    const book = makeBook(task, records, {
      title: 'The Gate',
      author: 'Some Writer',
      intro: 'An intro that is not a chapter.',
    });
    const file = await bytes(await buildEpub(task, book, memorySource(records)));
    const holdings = readEpubHoldings(file, 'The Gate - Some Writer.epub');
    expect(holdings).toMatchObject({
      title: 'The Gate',
      author: 'Some Writer',
      url: task.url,
      madeHere: true,
      language: 'en',
    });
    expect(holdings.chapters).toEqual([
      { title: 'Chapter 1: Gate', url: records[0]!.url, text: 'The boy pushed the gate.\nAn old man waited.' },
      { title: 'Chapter 3: A & B <c>', url: records[2]!.url, text: 'Text with <markup> & "quotes".' },
    ]);
    expect(holdings.missing).toEqual([{ title: 'Chapter 2: Trial', url: records[1]!.url }]);
  });
});

describe('an EPUB another tool made', () => {
  it('holds its chapters by title from the nav, text without the heading, and leaves out the cover and title page', async () => {
    const file = await buildOtherEpub({
      title: '演示之书',
      author: '示例作者',
      urlIn: 'source',
      url: 'http://127.0.0.1:9/book/1/',
      chapters: otherChapters,
    });
    const holdings = readEpubHoldings(file, 'book.epub');
    expect(holdings).toMatchObject({
      title: '演示之书',
      author: '示例作者',
      url: 'http://127.0.0.1:9/book/1/',
      madeHere: false,
      missing: [],
    });
    expect(holdings.chapters).toEqual(otherChapters.map((c) => ({ title: c.title, text: c.paragraphs.join('\n') })));
  });

  it('finds the address in a dc:identifier, and the titles in an EPUB 2 NCX', async () => {
    const file = await buildOtherEpub({
      title: 'Old',
      urlIn: 'identifier',
      url: 'https://novels.example/b/9',
      chapters: otherChapters,
      version: 2,
    });
    const holdings = readEpubHoldings(file, 'old.epub');
    expect(holdings.url).toBe('https://novels.example/b/9');
    expect(holdings.chapters.map((c) => c.title)).toEqual(otherChapters.map((c) => c.title));
  });
});

describe('a file that cannot be continued', () => {
  it('says the file records no web address', async () => {
    const file = await buildOtherEpub({ title: 'Nowhere', urlIn: 'none', url: '', chapters: otherChapters });
    expect(() => readEpubHoldings(file, 'nowhere.epub')).toThrow(
      /"nowhere\.epub" cannot be continued: it does not say which web page the book came from/,
    );
  });

  it('says the chapters are encrypted (DRM)', async () => {
    const file = await buildOtherEpub({
      title: 'Locked',
      urlIn: 'source',
      url: 'https://a.example/b/',
      chapters: otherChapters,
      encrypted: true,
    });
    expect(() => readEpubHoldings(file, 'locked.epub')).toThrow(/encrypted \(DRM\)/);
  });

  it('says a file is no zip, or a zip but no EPUB', async () => {
    expect(() => readEpubHoldings(new TextEncoder().encode('<html>not a book</html>'), 'page.epub')).toThrow(
      /"page\.epub" cannot be continued: it is not a zip archive/,
    );
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plain = await zip.generateAsync({ type: 'uint8array' });
    expect(() => readEpubHoldings(plain, 'notes.zip')).toThrow(/not an EPUB \(it has no META-INF\/container\.xml\)/);
  });

  it('says a book whose pages hold no text has nothing to continue', async () => {
    const file = await buildOtherEpub({ title: 'Empty', urlIn: 'source', url: 'https://a.example/b/', chapters: [] });
    expect(() => readEpubHoldings(file, 'empty.epub')).toThrow(/none of its pages holds any text/);
  });

  it('opens no file with more entries or more unpacked bytes than the limits', async () => {
    const file = await buildOtherEpub({
      title: 'Big',
      urlIn: 'source',
      url: 'https://a.example/b/',
      chapters: otherChapters,
    });
    const entries = Object.keys((await JSZip.loadAsync(file)).files).length;
    expect(readEpubHoldings(file, 'big.epub', { entries, bytes: 1_048_576 }).chapters).toHaveLength(2);
    expect(() => readEpubHoldings(file, 'big.epub', { entries: entries - 1, bytes: 1_048_576 })).toThrow(
      `more than ${entries - 1} files or 1 MB unpacked`,
    );
    expect(() => readEpubHoldings(file, 'big.epub', { entries: 100, bytes: 1_000 })).toThrow(/more than 100 files/);
  });

  it('gives every refusal the invalid_file code', async () => {
    try {
      readEpubHoldings(new Uint8Array([1, 2, 3]), 'x.epub');
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('invalid_file');
    }
  });
});
