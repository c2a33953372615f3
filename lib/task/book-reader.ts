// What a task reads a book with: the reader for its source (a rule read by lib/rule-reader, or
// the generic reader's heuristics for sites no rule describes), bound once per task together with
// the loader and the task's signal, so no step passes them along by position.

import type { BookReader } from '../book-pages';
import type { SourceRule } from '../contract';
import { AppError } from '../errors';
import { genericReader } from '../generic-reader/reader';
import { isGenericSource } from '../generic-reader/rule';
import { finishChapter, finishToc, parseBook, parseChapterPage, parseTocPage } from '../rule-reader';
import type { AttemptObserver, Page, PageLoader } from './page-loader';
import { offSiteLink, offSiteRedirect } from './site-policy';
import type { Cut } from './warnings';

/** The reader for a source; read-book and read-chapter cannot tell the two kinds apart. */
export function readerFor(rule: SourceRule): BookReader {
  if (isGenericSource(rule)) return genericReader;
  return {
    parseBook: (html, url) => parseBook(html, url, rule),
    parseTocPage: (html, url) => parseTocPage(html, url, rule),
    finishToc: (chapters, tocUrl, order) =>
      finishToc(chapters, order ? { ...rule, toc: { ...rule.toc, order } } : rule, tocUrl),
    parseChapterPage: (html, url, tocTitle) => parseChapterPage(html, url, rule, tocTitle),
    finishChapter: (text, url) => finishChapter(text, rule, url),
  };
}

/** Everything the reading of one book shares. */
export interface BookReading {
  rule: SourceRule;
  reader: BookReader;
  /** One page of the book, on the book's site only, politely and with retries, ended by the task's signal. */
  load(url: string): Promise<Page>;
  signal: AbortSignal;
  /** A limit cut something from the book: the task (or the test report) says so. */
  cut(cut: Cut): void;
}

export interface ReadingHooks {
  /** Told of every HTTP try. */
  observe?: AttemptObserver;
  /** Told of every cut. */
  cut?: (cut: Cut) => void;
}

/** The reading of the book at `bookUrl`: its pages are loaded only where lib/task/site-policy.ts allows. */
export function bookReading(
  bookUrl: string,
  rule: SourceRule,
  load: PageLoader,
  signal: AbortSignal,
  hooks: ReadingHooks = {},
): BookReading {
  return {
    rule,
    reader: readerFor(rule),
    async load(url) {
      const link = offSiteLink(url, bookUrl, rule);
      if (link) throw new AppError('off_site', link);
      const page = await load(url, rule, signal, hooks.observe);
      // fetch follows redirects itself: by the time the final address is known, the browser has
      // already asked the site redirected to, with that site's cookies. `redirect: 'manual'`
      // would stop before that request, but an extension then gets an opaque answer without
      // its Location, so no redirect (not even http to https) could be followed. What is left
      // to do is done: nothing of that answer is read, no link on it is followed.
      const redirect = offSiteRedirect(url, page.url, bookUrl, rule);
      if (redirect) throw new AppError('off_site', redirect);
      return page;
    },
    signal,
    cut: (cut) => hooks.cut?.(cut),
  };
}
