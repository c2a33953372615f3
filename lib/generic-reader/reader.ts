// The generic reader: a source's three kinds of pages read by heuristics instead of selectors.

import type { CheerioAPI } from 'cheerio/slim';
import { AppError } from '../errors';
import type { BookInfo, BookReader, TocPage } from '../book-pages';
import { bookAuthor, bookCover, bookIntro, bookTitle } from './book';
import { tocNotes } from './assess';
import { readChapterText } from './content';
import { contentsLink, movesOn, partialList } from './contents-link';
import { findChapterList } from './links';
import { orderChapters } from './order';
import { genericPage } from './page';
import { listPages } from './page-urls';

/**
 * Book metadata by heuristics; the title is the one mandatory field. `tocUrl` is set when the
 * page's own list is not the whole book (only the newest chapters, or none) and a link says
 * where the whole list is.
 */
export function readGenericBook(html: string | CheerioAPI, url: string): BookInfo {
  const page = genericPage(html, url);
  const title = bookTitle(page);
  if (!title) {
    throw new AppError(
      'parse',
      `The page ${url} has no title the generic reader could find, so it does not look like a book. Open the book's table of contents page, or import a source for this site.`,
    );
  }
  const list = findChapterList(page);
  const tocUrl = partialList(list, listPages(page), movesOn(page)) ? contentsLink(page, list) : undefined;
  const author = bookAuthor(page, title);
  return { title, author, cover: bookCover(page), intro: bookIntro(page), ...(tocUrl ? { tocUrl } : {}) };
}

/** The chapter list by heuristics (empty when the page has none), and the other pages of a split list. */
export function readGenericToc(html: string | CheerioAPI, url: string): TocPage {
  const page = genericPage(html, url);
  const chapters = findChapterList(page)?.entries ?? [];
  return chapters.length > 0 ? { chapters, ...listPages(page) } : { chapters, pages: [] };
}

export const genericReader: BookReader = {
  parseBook: (html, url) => readGenericBook(html, url),
  parseTocPage: (html, url) => readGenericToc(html, url),
  finishToc(chapters, tocUrl, order) {
    const kept = orderChapters(chapters, order);
    if (kept.length === 0) {
      throw new AppError(
        'parse',
        `The page ${tocUrl} does not look like a novel's table of contents: the generic reader found no list of chapter links (like "第1章…" or "Chapter 1…"). Open the book's chapter list, or import a source for this site.`,
      );
    }
    return kept;
  },
  tocNotes,
  parseChapterPage(html, url, tocTitle) {
    const chapter = readChapterText(genericPage(html, url), tocTitle);
    if (!chapter.text) {
      throw new AppError(
        'parse',
        `The chapter page ${url} has no text the generic reader could find. Import a source for this site to read it.`,
      );
    }
    return chapter;
  },
  finishChapter: (text) => text,
};
