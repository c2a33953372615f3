// When a page's chapter list is not the whole book — a book page showing only the newest chapters,
// a chapter page — the link to the whole table of contents: og:novel:read_url, or a link that says
// "目录", "全部章节", "Table of Contents", or, failing those, "开始阅读" / "Start reading".

import type { Element } from 'domhandler';
import { httpUrl, withoutHash } from '../url';
import { chapterNumber } from './chapter-title';
import type { ChapterList } from './links';
import { contentsLinkStrength } from './nav-text';
import { metaContent, oneLine, type GenericPage } from './page';
import type { ListPages } from './page-urls';

// A list whose lowest chapter number is this high, with no next page, starts mid-book.
const MID_BOOK = 10;

export type PartialReason = 'no-list' | 'latest-only' | 'starts-mid-book';

/** Why the page's list is not the whole book, or undefined when it looks whole. */
export function partialList(list: ChapterList | undefined, pages: ListPages): PartialReason | undefined {
  if (!list || list.entries.length === 0) return 'no-list';
  if (pages.next || pages.pages.length > 0) return undefined;
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
    return withoutHash(href) !== self && !listed.has(withoutHash(href)) && target.pathname !== '/' && target.host === new URL(url).host;
  };
  const declared = httpUrl(metaContent($, 'og:novel:read_url'), base);
  if (usable(declared)) return declared;
  let best: { href: string; strength: number } | undefined;
  for (const node of $('body a[href]').toArray()) {
    const a = node as Element;
    const strength = Math.max(contentsLinkStrength(oneLine($(a).text())), contentsLinkStrength(oneLine(a.attribs.title)));
    if (strength === 0 || (best && best.strength >= strength)) continue;
    const href = httpUrl(a.attribs.href, base);
    if (usable(href)) best = { href, strength };
  }
  return best?.href;
}
