// Another page of the same document — page 2 of a chapter, of a table of contents — lives next to
// page 1: `123.html` → `123_2.html`, `list/` → `list/?p=2`, `/novel/x/` → `/novel/x/page/2/`. The
// next chapter lives elsewhere (`124.html`, `chapter-2`), so a link is followed as "more of this
// page" only when its address has that shape, whatever its text says.

import type { Element } from 'domhandler';
import { httpUrl, withoutHash } from '../url';
import { isNextPageText } from './nav-text';
import { oneLine, type GenericPage } from './page';

const EXTENSION = /\.[a-z0-9]{1,5}$/i;
// Words that name a page, not a chapter: 下一页, Next page, Trang sau.
const PAGE_WORD = /页|頁|page|trang/i;
// `265141_2` is page 2 of `265141`; `chapter-2` is chapter 2, not page 2 of `chapter`.
const PAGE_SUFFIX = /(\d)[_-]\d{1,3}$/;

function stemOf(pathname: string): string {
  const bare = pathname.replace(EXTENSION, '');
  return bare.replace(PAGE_SUFFIX, '$1');
}

function queryDiffersByNumber(a: URL, b: URL): boolean {
  const keys = new Set([...a.searchParams.keys(), ...b.searchParams.keys()]);
  let numbered = false;
  for (const key of keys) {
    const x = a.searchParams.get(key);
    const y = b.searchParams.get(key);
    if (x === y) continue;
    if (y === null || !/^\d{1,4}$/.test(y) || (x !== null && !/^\d{1,4}$/.test(x))) return false;
    numbered = true;
  }
  return numbered;
}

/** Whether `candidate` is another page of the document at `current`. */
export function isPageOf(current: string, candidate: string): boolean {
  const a = new URL(current);
  const b = new URL(candidate);
  if (a.origin !== b.origin || withoutHash(a.href) === withoutHash(b.href)) return false;
  if (a.pathname === b.pathname) return queryDiffersByNumber(a, b);
  const stem = stemOf(a.pathname.replace(/\/$/, ''));
  const rest = b.pathname.replace(EXTENSION, '').replace(/\/$/, '');
  if (!rest.startsWith(stem) || rest === stem) return false;
  // What follows the stem is a page number: `_2`, `-2`, `/2`, `/page/2/`, `/index_2`.
  return /^(?:[_-]|\/(?:page\/|index[_-]|p)?)\d{1,3}$/i.test(rest.slice(stem.length));
}

/** Same site, same path but for its numbers: `list_2.html` and `list_3.html`. */
function sameTemplate(current: string, candidate: string): boolean {
  const a = new URL(current);
  const b = new URL(candidate);
  const template = (u: URL) => (u.pathname + u.search).replace(/\d+/g, '#');
  return a.origin === b.origin && withoutHash(a.href) !== withoutHash(b.href) && template(a) === template(b);
}

/** The page number a URL states (`?p=3`, `_3.html`, `/page/3/`), or 1. */
function pageNumber(url: string): number {
  const u = new URL(url);
  for (const key of ['p', 'pg', 'page', 'paged', 'index', 'pageno']) {
    const value = u.searchParams.get(key);
    if (value && /^\d{1,4}$/.test(value)) return Number(value);
  }
  // Any other name for it (`?toc=3`) when it is the address's one number.
  const numbered = [...u.searchParams.values()].filter((v) => /^\d{1,4}$/.test(v));
  if (numbered.length === 1) return Number(numbered[0]);
  const m = /(?:[\da-z][_-]|\/page\/)(\d{1,3})\/?$/i.exec(u.pathname.replace(EXTENSION, ''));
  return m ? Number(m[1]) : 1;
}

export interface ListPages {
  /** Every page of the list, when a <select> names them all. */
  pages: string[];
  /** Or the next one, when a pager links to it. */
  next?: string;
}

/** The other pages of a split table of contents: a <select> of pages, a "next" link, a numbered pager. */
export function listPages(page: GenericPage): ListPages {
  const { $, base, url } = page;
  for (const select of $('body select').toArray()) {
    const options = $(select)
      .find('option')
      .toArray()
      .map((o) => httpUrl(($(o).attr('value') ?? '').trim(), base));
    const pages = options.filter((o): o is string => o !== undefined && isPageOf(url, o));
    if (pages.length >= 1 && pages.length >= options.length - 1) return { pages: [...new Set(pages)] };
  }
  const wanted = pageNumber(url) + 1;
  // Only links that could move to the next page are resolved: a list of 20,000 chapters has 20,000 others.
  const links = $('body a[href], head link[rel~="next"]')
    .toArray()
    .map((node) => {
      const el = node as Element;
      const text = oneLine($(el).text()) || oneLine(el.attribs['aria-label']) || oneLine(el.attribs.title);
      return { el, text, rel: /(?:^|\s)next(?:\s|$)/i.test(el.attribs.rel ?? '') };
    })
    .filter((l) => l.rel || l.text === String(wanted) || isNextPageText(l.text))
    .map((l) => ({ ...l, href: httpUrl(l.el.attribs.href, base) }))
    .filter((l): l is typeof l & { href: string } => l.href !== undefined);
  // rel=next and a bare "»" may lead to the next chapter or book: only an address shaped like page 2
  // counts. "下一页" / "Next page" and a pager's numbers say "page", so a sibling address will do.
  const rel = links.find((l) => l.rel && isPageOf(url, l.href));
  if (rel) return { pages: [], next: rel.href };
  const worded = links.find(
    (l) => isNextPageText(l.text) && (isPageOf(url, l.href) || (PAGE_WORD.test(l.text) && sameTemplate(url, l.href))),
  );
  if (worded) return { pages: [], next: worded.href };
  const numbered = links.find(
    (l) =>
      l.text === String(wanted) &&
      pageNumber(l.href) === wanted &&
      (isPageOf(url, l.href) || sameTemplate(url, l.href)),
  );
  return numbered ? { pages: [], next: numbered.href } : { pages: [] };
}
