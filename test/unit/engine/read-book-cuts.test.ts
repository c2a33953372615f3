import { describe, expect, it } from 'vitest';
import type { BookReader } from '../../../lib/book-pages';
import type { BookReading } from '../../../lib/task/book-reader';
import { MAX_TOC_PAGES, readBook } from '../../../lib/task/read-book';
import type { Cut } from '../../../lib/task/warnings';
import { withCut } from '../../../lib/task/warnings';

describe('a table of contents that lists more pages than are read', () => {
  it(`reads the first ${MAX_TOC_PAGES} pages of a listed 600 and says what it cut`, async () => {
    const listed = Array.from({ length: 600 }, (_, i) => `https://a.example/toc/${i + 1}`);
    const reader: BookReader = {
      parseBook: () => ({ title: 'Book' }),
      parseTocPage: (_html, url) => ({
        chapters: [{ title: `Chapter of ${url}`, url: `${url}/chapter` }],
        pages: listed,
      }),
      finishToc: (chapters) => [...chapters],
      parseChapterPage: () => ({ title: '', text: '' }),
      finishChapter: (text) => text,
    };
    const loaded: string[] = [];
    const cuts: Cut[] = [];
    const reading: BookReading = {
      rule: {
        id: 'x',
        name: 'x',
        enabled: true,
        matches: [],
        book: { title: 'h1' },
        toc: { chapters: 'a' },
        chapter: { content: 'p' },
      },
      reader,
      signal: new AbortController().signal,
      load: async (url) => {
        loaded.push(url);
        return { url, html: '' };
      },
      cut: (cut) => cuts.push(cut),
    };
    const book = await readBook('https://a.example/toc/1', undefined, reading);
    expect(loaded).toHaveLength(MAX_TOC_PAGES);
    expect(book.chapters).toHaveLength(MAX_TOC_PAGES);
    expect(cuts).toEqual([
      {
        code: 'toc_pages_cut',
        message: `The table of contents https://a.example/toc/1 lists 600 pages; only the chapters on its first ${MAX_TOC_PAGES} pages are in the book.`,
      },
    ]);
  });
});

describe('warnings on a task', () => {
  it('keeps one per kind with its first sentence, and counts the repeats', () => {
    let list = withCut(undefined, { code: 'chapter_pages_cut', message: 'first' });
    list = withCut(list, { code: 'toc_pages_cut', message: 'toc' });
    list = withCut(list, { code: 'chapter_pages_cut', message: 'second' });
    expect(list).toEqual([
      { code: 'chapter_pages_cut', message: 'first', count: 2 },
      { code: 'toc_pages_cut', message: 'toc', count: 1 },
    ]);
  });
});
