// The generic reader: a source's three kinds of pages read by heuristics instead of selectors.

import type { CheerioAPI } from 'cheerio/slim';
import { AppError } from '../errors';
import type { BookInfo, BookReader, TocPage } from '../book-pages';
import { httpUrl, withoutHash } from '../url';
import { bookAuthor, bookCover, bookIntro, bookTitle } from './book';
import { isNextPageText } from './chapter-title';
import { readChapterText } from './content';
import { findChapterList, orderChapters } from './links';
import { genericPage } from './page';

/** Book metadata by heuristics; the title is the one mandatory field. */
export function readGenericBook(html: string | CheerioAPI, url: string): BookInfo {
  const page = genericPage(html, url);
  const title = bookTitle(page);
  if (!title) {
    throw new AppError('parse', `The page ${url} has no title the generic reader could find, so it does not look like a book. Open the book's table of contents page, or import a source for this site.`);
  }
  return { title, author: bookAuthor(page), cover: bookCover(page), intro: bookIntro(page) };
}

/** The chapter list by heuristics (empty when the page has none), and a "next page" of a split list. */
export function readGenericToc(html: string | CheerioAPI, url: string): TocPage {
  const page = genericPage(html, url);
  const chapters = findChapterList(page) ?? [];
  let next: string | undefined;
  if (chapters.length > 0) {
    const link = page.$('body a[href]').toArray().find((a) => isNextPageText(page.$(a).text()));
    const href = link && httpUrl(page.$(link).attr('href'), page.base);
    next = href && withoutHash(href) !== withoutHash(url) ? href : undefined;
  }
  return { chapters, pages: [], next };
}

export const genericReader: BookReader = {
  parseBook: (html, url) => readGenericBook(html, url),
  parseTocPage: (html, url) => readGenericToc(html, url),
  finishToc(chapters, tocUrl) {
    const kept = orderChapters(chapters);
    if (kept.length === 0) {
      throw new AppError(
        'parse',
        `The page ${tocUrl} does not look like a novel's table of contents: the generic reader found no list of chapter links (like "第1章…" or "Chapter 1…"). Open the book's chapter list, or import a source for this site.`,
      );
    }
    return kept;
  },
  parseChapterPage(html, url, tocTitle) {
    const chapter = readChapterText(genericPage(html, url), tocTitle);
    if (!chapter.text) {
      throw new AppError('parse', `The chapter page ${url} has no text the generic reader could find. Import a source for this site to read it.`);
    }
    return chapter;
  },
  finishChapter: (text) => text,
};
