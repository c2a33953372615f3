// A book's title without a rule. Sites state it in several places — the <h1>, a "title" element,
// og:title, the <title> among site names and "最新章节" words, the keywords — and each place is
// wrong on some site: a logo in the <h1>, a <title> of "Chapter list - Page 1 - Name". So every
// place offers a candidate, cleaned of such words, and the one the most other places agree on wins.

import type { AnyNode, Element } from 'domhandler';
import { httpUrl } from '../url';
import { isChapterTitle } from './chapter-title';
import { metaContent, oneLine, type GenericPage } from './page';

// Words sites add to a book's name: "XX最新章节列表", "XX小说在线阅读与TXT电子书下载".
const CJK_NOISE =
  /(?:最新章节(?:列表|目录)?|章节(?:列表|目录)|最新章节目录|全文(?:免费)?阅读|免费阅读|在线阅读|无弹窗|全集|全本|txt(?:全集)?|电子书|下载|小说|全文|目录|与|和)+$/i;
// A part of a <title> that names no book: the page's kind or its number.
const GENERIC_PART =
  /^(?:目录|章节目录|章节列表|最新章节(?:列表)?|全文阅读|首页|home|table of contents|contents|chapter list|chapters|all chapters|index|read (?:free )?online|(?:light |web )?novels?(?: online)?|danh sách chương|mục lục|(?:page|trang|第)\s*\d+\s*页?)$/i;
// <title> parts: "Name_Author_Site", "Name - Site", "Name | Site", "Name :: Site", and "名-作者-站" unspaced.
const PARTS =
  /\s*[_|｜]\s*|\s+[-–—]\s+|\s*::\s*|,\s+|(?<=[\p{Script=Han}！？」』》)])\s*-\s*(?=[\p{Script=Han}《「『(])/u;
// Inside a heading these are subtitles and badges, not the name: "King of Gods <small>KOG</small>".
const ASIDES = new Set(['small', 'sub', 'sup', 'script', 'style', 'button', 'svg']);
const STOPS = new Set(['div', 'ul', 'ol', 'li', 'table', 'p', 'section', 'dl', 'form', 'nav']);
// Nodes of one heading read, at most.
const MAX_HEADING_NODES = 2_000;
// Elements named "title" looked at, at most.
const MAX_NAMED = 50;

interface Candidate {
  text: string;
  from: string;
}

/** The name without 《》 and the words sites add to it; '' when nothing is left. */
export function cleanTitle(text: string): string {
  const t = oneLine(text).replace(/^《(.+)》$/, '$1');
  const stripped = oneLine(t.replace(CJK_NOISE, ''));
  return stripped || t;
}

/** The book's name from a <title>: its parts without site names, page kinds and page numbers. */
export function titleParts(text: string, sites: readonly string[] = []): string[] {
  return oneLine(text)
    .split(PARTS)
    .map(cleanTitle)
    .filter((part) => part && !GENERIC_PART.test(part) && !isSiteName(part, sites));
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s._\-:：]+/g, '');
}

/** "WuxiaWorld", "Novel Updates", "FicWad: fresh-picked…": a part naming the site, not the book. */
function isSiteName(part: string, sites: readonly string[]): boolean {
  const p = squash(part);
  return sites.some((site) => site && (p === site || (site.length >= 4 && p.startsWith(site))));
}

/** The names the site goes by: its host's words, og:site_name, the logo's text. */
export function siteNames(page: GenericPage): string[] {
  const { $, url } = page;
  const host = new URL(url).hostname.replace(/^(?:www|m|wap|mobile)\./, '');
  const names = [host.split('.').slice(0, -1).join(''), metaContent($, 'og:site_name') ?? ''];
  for (const logo of $('body h1, body .logo, body #logo').toArray()) {
    if (isLogo(page, logo as Element)) names.push(oneLine($(logo).text()) || oneLine($(logo).find('img').attr('alt')));
  }
  return names.map(squash).filter(Boolean);
}

/** A heading that is only a link home is the site's logo, not the book. */
export function isLogo(page: GenericPage, heading: Element): boolean {
  const { $ } = page;
  const links = $(heading).find('a[href]');
  if (links.length !== 1 || oneLine(links.text()) !== oneLine($(heading).text())) return false;
  const href = httpUrl(links.attr('href'), page.base);
  return href !== undefined && new URL(href).pathname === '/';
}

/** A heading's own words: not its <small> badge, and nothing after a block the page left inside it. */
function headingWords(heading: Element): string {
  let text = '';
  const stack: AnyNode[] = [...heading.children].reverse();
  for (let visits = 0; stack.length > 0 && visits < MAX_HEADING_NODES; visits++) {
    const node = stack.pop()!;
    if (node.type === 'text') text += node.data;
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (STOPS.has(el.name)) break;
    if (ASIDES.has(el.name)) continue;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return oneLine(text);
}

function candidates(page: GenericPage, sites: readonly string[]): Candidate[] {
  const { $ } = page;
  const found: Candidate[] = [];
  const add = (text: string | undefined, from: string) => {
    const clean = text ? cleanTitle(text) : '';
    if (clean && clean.length <= 200 && !GENERIC_PART.test(clean) && !isSiteName(clean, sites))
      found.push({ text: clean, from });
  };
  for (const heading of $('body h1').toArray())
    if (!isLogo(page, heading as Element)) add(headingWords(heading as Element), 'h1');
  const named = $(
    'body [id*="title" i], body [class*="title" i], body [class*="bookname" i], body [class*="book-name" i]',
  ).toArray();
  for (const el of named.slice(0, MAX_NAMED)) {
    const e = el as Element;
    if (e.name === 'title' || e.name === 'h1' || $(e).find('a[href], div, p, li').length > 0) continue;
    add(headingWords(e), 'named');
  }
  const og = metaContent($, 'og:title');
  if (og) add(titleParts(og, sites)[0], 'og');
  for (const part of titleParts($('head title').first().text() || $('title').first().text(), sites)) add(part, 'title');
  add(metaContent($, 'keywords')?.split(/[,，]/)[0], 'keywords');
  return found;
}

/** What each place says in full, for a candidate to be found in. */
function evidence(page: GenericPage): Candidate[] {
  const { $ } = page;
  return [
    { text: $('head title').first().text() || $('title').first().text(), from: 'title' },
    { text: metaContent($, 'og:title') ?? '', from: 'og' },
    { text: metaContent($, 'keywords') ?? '', from: 'keywords' },
    { text: metaContent($, 'description') ?? '', from: 'description' },
    ...$('body h1')
      .toArray()
      .map((h) => ({ text: $(h).text(), from: 'h1' })),
  ].map((e) => ({ text: oneLine(e.text).toLowerCase(), from: e.from }));
}

export function bookTitle(page: GenericPage): string | undefined {
  const named = metaContent(page.$, 'og:novel:book_name') ?? metaContent(page.$, 'og:novel:title');
  if (named) return named;
  const sites = siteNames(page);
  // On a chapter page the <h1> is the chapter's name: the book is named elsewhere on it.
  const found = candidates(page, sites);
  const books = found.filter((c) => !isChapterTitle(c.text));
  const all = books.length > 0 ? books : found;
  const places = evidence(page);
  let best: { text: string; support: number } | undefined;
  for (const candidate of all) {
    const needle = candidate.text.toLowerCase();
    const support = new Set(
      places.filter((p) => p.from !== candidate.from && p.text.includes(needle)).map((p) => p.from),
    ).size;
    // Any element named "title" or the first keyword may be anything: only agreement makes them count.
    if (support === 0 && (candidate.from === 'named' || candidate.from === 'keywords')) continue;
    if (!best || support > best.support) best = { text: candidate.text, support };
  }
  return best?.text;
}
