// What a web page is, for the toolbar button and the popup: a book page of an enabled source,
// an unknown site's table of contents the generic reader can download, or neither.
// Pure: (html or a parsed document, url, sources) => PageInfo. No fetching, no state.

import type { CheerioAPI } from 'cheerio/slim';
import type { PageInfo, SourceRule } from '../contract';
import { findChapterList, genericPage, isGenericSource, readGenericBook } from '../generic-reader';
import { finishToc, parseBook, parseTocPage } from '../rule-reader';
import { findSource } from '../source-rules/match-pattern';
import { MIN_TOC_CHAPTERS } from './limits';

/** The enabled source made for this URL's site (never the generic reader), if any. */
export function siteSource<T extends SourceRule>(sources: readonly T[], url: string): T | undefined {
  return findSource(sources.filter((s) => !isGenericSource(s)), url);
}

/** The generic reader applies unless the user switched it off. */
export function genericEnabled(sources: readonly SourceRule[]): boolean {
  return sources.find(isGenericSource)?.enabled ?? true;
}

function asBook(html: string, url: string, rule: SourceRule): PageInfo | undefined {
  try {
    const book = parseBook(html, url, rule);
    // The list lives on another page: a book all the same, its length unknown here.
    const chapters = book.tocUrl ? 0 : finishToc(parseTocPage(html, url, rule).chapters, rule, url).length;
    return { kind: 'book', url, sourceId: rule.id, title: book.title, ...(book.author ? { author: book.author } : {}), chapters };
  } catch {
    return undefined; // a chapter page or a search page of the same site: not a book page
  }
}

function asToc($: CheerioAPI, url: string): PageInfo | undefined {
  const list = findChapterList(genericPage($, url))?.entries ?? [];
  const chapters = new Set(list.map((c) => c.url)).size;
  if (chapters < MIN_TOC_CHAPTERS) return undefined;
  try {
    const book = readGenericBook($, url);
    return { kind: 'toc', url, sourceId: 'generic', title: book.title, ...(book.author ? { author: book.author } : {}), chapters };
  } catch {
    return undefined;
  }
}

export function detectPage(page: string | CheerioAPI, url: string, sources: readonly SourceRule[]): PageInfo {
  const none: PageInfo = { kind: 'none', url };
  if (!/^https?:\/\//i.test(url)) return none;
  const source = siteSource(sources, url);
  if (source) {
    const book = asBook(typeof page === 'string' ? page : page.html(), url, source);
    if (book) return book;
  }
  if (!genericEnabled(sources)) return none;
  const $ = typeof page === 'string' ? genericPage(page, url).$ : page;
  return asToc($, url) ?? none;
}
