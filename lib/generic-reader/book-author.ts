// A book's author without a rule: the metadata sites publish for search engines, then the page's
// labels in their many forms ("作者：X", "作者︰X", "Author(s)" above a link, "by X" under the
// title, an author-named element, a link to the author's page), and only then a <meta name=author>
// that does not hold the site's own name.

import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';
import { httpUrl } from '../url';
import { isChapterTitle, isDateText } from './chapter-title';
import { isNavText } from './nav-text';
import { metaContent, oneLine, type GenericPage } from './page';
import { siteNames, titleParts } from './book-title';

const COLON = '[:：︰︓∶]';
// Chinese labels may stand before the name with a space only; "Author Notes" is no label, so
// other languages need the colon.
const LABEL = new RegExp(
  `^(?:(?:作\\s*者|作者名|著\\s*者|原\\s*著)\\s*(?:${COLON}|\\s)|(?:author\\(s\\)|authors?|writer|tác giả|autor|auteur)\\s*${COLON}|written by\\s)\\s*(\\S.*)$`,
  'iu',
);
const LABEL_ALONE = new RegExp(
  `^(?:作\\s*者|著\\s*者|author\\(s\\)|authors?|writer|tác giả|autor|auteur)\\s*${COLON}?$`,
  'iu',
);
const LABEL_START = /作\s*者|著\s*者|原\s*著|author|writer|written by|tác giả|autor|auteur/iu;
// What follows the name on the same line: the next label ("分类：", "Status:") or a separator.
const AFTER_NAME = new RegExp(
  `\\s*[|｜/]\\s*|\\s+\\S{1,12}${COLON}|(?:分类|類別|类别|類型|类型|状态|狀態|字数|字數|更新|最后更新|最新章节|status|genre|updated)\\s*${COLON}`,
  'iu',
);
const BY = /^(?:written\s+)?by\s+(\S.{0,60})$/i;
const AUTHOR_PAGE = /\/(?:author|authors|nauthor|writer|writers|zuozhe|tacgia|tac-gia)\//i;
// An element holding the name when its id, class, itemprop or rel says "author".
const AUTHOR_NAMED = '[itemprop~="author"], [rel~="author"], [class*="author" i], [id*="author" i]';
const MAX_LABEL_LINE = 80;
// A book has a few authors at most: more links than this after "Author(s)" are something else.
const MAX_AUTHOR_LINKS = 4;
// Labels looked at, at most: a page repeating "作者" ten thousand times gets no more time than this.
const MAX_LABELS = 200;

/** A name, not a sentence, a date, a link word or "N/A". */
function plausible(name: string | undefined): string | undefined {
  const n = oneLine(name);
  if (
    !n ||
    n.length > 40 ||
    /^(?:n\/a|none|unknown|未知|佚名)$/i.test(n) ||
    isDateText(n) ||
    isNavText(n) ||
    /[:：︰]/.test(n)
  )
    return undefined;
  return n;
}

function textNodes(root: AnyNode): Text[] {
  const out: Text[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') out.push(node);
    // script and style nodes have their own types and are skipped
    else if (node.type === 'tag' || node.type === 'root')
      for (let i = (node as Element).children.length - 1; i >= 0; i--) stack.push((node as Element).children[i]!);
  }
  return out;
}

/** The short line a label sits on: its element, or the parent when the name is in the next element. */
function labelLine($: CheerioAPI, node: Text): { line: string; el?: Element } {
  for (
    let el = node.parent as Element | null, depth = 0;
    el && el.type === 'tag' && depth < 3;
    el = el.parent as Element | null, depth++
  ) {
    const line = oneLine($(el).text());
    if (line.length > MAX_LABEL_LINE) break;
    if (!LABEL_ALONE.test(line)) return { line, el };
  }
  return { line: oneLine(node.data) };
}

/** "Author(s)" as a heading of its own: the name is the first link of a short element after it. */
function nameAfterHeading($: CheerioAPI, node: Text): string | undefined {
  const heading = node.parent as Element | null;
  if (!heading || !LABEL_ALONE.test(oneLine($(heading).text()))) return undefined;
  for (const sibling of $(heading).nextAll().slice(0, 4).toArray()) {
    const links = $(sibling).find('a').addBack('a');
    if (links.length === 0) continue;
    // A list of many links (chapters, tags) after the word is no author's name.
    const name = links.length <= MAX_AUTHOR_LINKS ? plausible(links.first().text()) : undefined;
    return name && !isChapterTitle(name) ? name : undefined;
  }
  return undefined;
}

function fromLabels($: CheerioAPI, body: Element): string | undefined {
  const labels = textNodes(body)
    .filter((node) => LABEL_START.test(node.data))
    .slice(0, MAX_LABELS);
  for (const node of labels) {
    const { line } = labelLine($, node);
    const m = LABEL.exec(line.slice(line.search(LABEL_START)));
    const name = m ? plausible(m[1]!.split(AFTER_NAME)[0]) : nameAfterHeading($, node);
    if (name) return name;
  }
  return undefined;
}

/** "by X" under the book's heading, or in an element named for the author. */
function fromBy(page: GenericPage, body: Element): string | undefined {
  const { $ } = page;
  const header = $('body h1').first().parents().slice(0, 3).toArray();
  const bys = textNodes(body)
    .filter((node) => /^\s*(?:written\s+)?by\b/i.test(node.data))
    .slice(0, MAX_LABELS);
  for (const node of bys) {
    for (
      let el = node.parent as Element | null, depth = 0;
      el && el.type === 'tag' && depth < 3;
      el = el.parent as Element | null, depth++
    ) {
      const text = oneLine($(el).text());
      if (text.length > MAX_LABEL_LINE) break;
      const m = BY.exec(text);
      if (!m) continue;
      const near = $(el).is(AUTHOR_NAMED) || header.some((h) => $(h).find(el!).length > 0);
      const name = near ? plausible(m[1]) : undefined;
      if (name) return name;
    }
  }
  return undefined;
}

function fromAuthorElements(page: GenericPage): string | undefined {
  const { $ } = page;
  for (const el of $('body').find(AUTHOR_NAMED).toArray()) {
    const text = oneLine($(el).text());
    if (!text || text.length > MAX_LABEL_LINE) continue;
    const link = oneLine($(el).find('a').first().text());
    const name = plausible(link || text.replace(/^(?:by|作者)\s*[:：︰]?\s*/i, ''));
    if (name) return name;
  }
  for (const a of $('body a[href]').toArray()) {
    const href = httpUrl((a as Element).attribs.href, page.base);
    if (href && AUTHOR_PAGE.test(new URL(href).pathname)) {
      const name = plausible($(a).text());
      if (name) return name;
    }
  }
  return undefined;
}

/** `<meta name=author>` and a <title> part the keywords repeat — unless either is the site's name. */
function fromHead(page: GenericPage, title: string | undefined): string | undefined {
  const { $ } = page;
  const documentTitle = $('head title').first().text() || $('title').first().text();
  // The last part of "Book_Author - Site" is the site more often than not.
  const lastPart = documentTitle.split(/\s*[_|｜]\s*|\s+[-–—]\s+/).pop() ?? '';
  const sites = [...siteNames(page), lastPart].map((s) => s.toLowerCase().replace(/[\s._\-:：]+/g, ''));
  const squash = (t: string) => t.toLowerCase().replace(/[\s._\-:：]+/g, '');
  const notSite = (name: string | undefined) =>
    name && !sites.includes(squash(name)) && name !== title ? plausible(name) : undefined;
  const named = notSite(metaContent($, 'author'));
  if (named) return named;
  const keywords = new Set((metaContent($, 'keywords') ?? '').split(/[,，]/).map((k) => oneLine(k)));
  const parts = titleParts(documentTitle, sites);
  return parts
    .slice(1)
    .map((part) => (keywords.has(part) ? notSite(part) : undefined))
    .find(Boolean);
}

export function bookAuthor(page: GenericPage, title?: string): string | undefined {
  const { $ } = page;
  const named = metaContent($, 'og:novel:author', 'book:author');
  if (named) return named;
  const body = $('body').get(0);
  if (!body) return undefined;
  return fromLabels($, body) ?? fromBy(page, body) ?? fromAuthorElements(page) ?? fromHead(page, title);
}
