// When a page's chapter list is not the whole book — a book page showing only the newest chapters,
// a chapter page — the link to the whole table of contents: og:novel:read_url, or a link that says
// "目录", "全部章节", "Table of Contents", or, failing those, "开始阅读" / "Start reading".

import type { Element } from 'domhandler';
import { httpUrl, withoutHash } from '../url';
import { chapterNumber } from './chapter-title';
import type { ChapterList } from './links';
import { contentsLinkStrength, isNextChapterText, isNextPageText } from './nav-text';
import { metaContent, oneLine, type GenericPage } from './page';
import type { ListPages } from './page-urls';

// A list whose lowest chapter number is this high, with no next page, starts mid-book.
const MID_BOOK = 10;
// On a chapter page a list this short is a sidebar ("latest chapters"), not the book's contents.
const CHAPTER_PAGE_LIST = 20;

export type PartialReason = 'no-list' | 'chapter-page' | 'latest-only' | 'starts-mid-book';

/**
 * How a page moves on: 'chapter' when a link says "下一章" / "Next chapter" (which lists and book
 * pages do not say), 'page' when it only says "下一页" / "Next" (some sites' word for the next chapter too).
 */
export function movesOn(page: GenericPage): 'chapter' | 'page' | undefined {
  const { $ } = page;
  let found: 'page' | undefined;
  for (const a of $('body a[href]').toArray()) {
    const text = oneLine($(a).text());
    if (!isNextChapterText(text)) continue;
    if (!isNextPageText(text)) return 'chapter';
    found = 'page';
  }
  return found;
}

/** Why the page's list is not the whole book, or undefined when it looks whole. */
export function partialList(
  list: ChapterList | undefined,
  pages: ListPages,
  moves: ReturnType<typeof movesOn>,
): PartialReason | undefined {
  // No list, and a way on to the next one: a chapter page.
  if (!list || list.entries.length === 0) return moves ? 'chapter-page' : 'no-list';
  if (pages.next || pages.pages.length > 0) return undefined;
  // A short list beside "下一章" is a sidebar of a chapter page, not the book's contents.
  if (moves === 'chapter' && new Set(list.entries.map((e) => e.url)).size < CHAPTER_PAGE_LIST) return 'chapter-page';
  if (list.latestOnly) return 'latest-only';
  const numbers = list.entries.map((e) => chapterNumber(e.title)).filter((n): n is number => n !== undefined);
  if (numbers.length > 0 && Math.min(...numbers) >= MID_BOOK) return 'starts-mid-book';
  return undefined;
}

/** The link to the whole table of contents; never this page, a chapter in its list, or the site's home. */
export function contentsLink(page: GenericPage, list: ChapterList | undefined): string | undefined {
  const { $, base, url } = page;
  const self = withoutHash(url);
  const listed = new Set((list?.entries ?? []).map((e) => withoutHash(e.url)));
  const usable = (href: string | undefined): href is string => {
    if (!href) return false;
    const target = new URL(href);
    return (
      withoutHash(href) !== self &&
      !listed.has(withoutHash(href)) &&
      target.pathname !== '/' &&
      target.host === new URL(url).host
    );
  };
  const declared = httpUrl(metaContent($, 'og:novel:read_url'), base);
  if (usable(declared)) return declared;
  let best: { href: string; strength: number } | undefined;
  for (const node of $('body a[href]').toArray()) {
    const a = node as Element;
    const strength = Math.max(
      contentsLinkStrength(oneLine($(a).text())),
      contentsLinkStrength(oneLine(a.attribs.title)),
    );
    if (strength === 0 || (best && best.strength >= strength)) continue;
    const href = httpUrl(a.attribs.href, base);
    if (usable(href)) best = { href, strength };
  }
  return best?.href;
}
