// One saved page read the way a download reads it: the book page's title, author and contents
// link, the page's chapter list put in reading order, or a chapter's text.

import type { BookReader, TocEntry } from '../../lib/book-pages';
import { withoutHash } from '../../lib/url';
import type { ChapterExpectation, RealPage } from './pages';

export interface TocReading {
  title?: string;
  author?: string;
  chapters: TocEntry[];
  /** The next page of the list, or every page of it. */
  next?: string;
  pages: string[];
  /** The link to the whole list when it is on another page. */
  tocUrl?: string;
  /** The page lists no chapters of its own and links to the whole list: a download reads only `tocUrl`. */
  listElsewhere?: boolean;
  /** What the reader threw, in place of a result. */
  error?: string;
}

export interface ChapterReading {
  title?: string;
  text: string;
  next?: string;
  error?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function readTocPage(reader: BookReader, page: RealPage): TocReading {
  const reading: TocReading = { chapters: [], pages: [] };
  try {
    const book = reader.parseBook(page.html, page.url);
    Object.assign(reading, { title: book.title, author: book.author, tocUrl: book.tocUrl });
    const toc = reader.parseTocPage(page.html, page.url);
    Object.assign(reading, { next: toc.next, pages: toc.pages });
    // As a download does (lib/task/read-book.ts): with no list of its own, the page's chapters all
    // come from the contents page it links to, which is not saved here.
    if (toc.chapters.length === 0 && book.tocUrl && withoutHash(book.tocUrl) !== withoutHash(page.url)) {
      reading.listElsewhere = true;
      return reading;
    }
    reading.chapters = reader.finishToc(toc.chapters, page.url);
  } catch (error) {
    reading.error = message(error);
  }
  return reading;
}

/** The chapter's title as its table of contents gives it, as a download passes it along. */
export function readChapterPage(reader: BookReader, page: RealPage & { expected: ChapterExpectation }): ChapterReading {
  try {
    const chapter = reader.parseChapterPage(page.html, page.url, page.expected.title);
    return { title: chapter.title, text: chapter.text, next: chapter.next };
  } catch (error) {
    return { text: '', error: message(error) };
  }
}
