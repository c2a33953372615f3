// A book's title, author, cover and intro without a rule: from the metadata sites publish for
// search engines and social networks, then from the page's own headings and labels.

import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';
import { elementText } from '../text/paragraphs';
import { httpUrl } from '../url';
import { oneLine, type GenericPage } from './page';

function meta($: CheerioAPI, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = oneLine($(`meta[property="${name}"], meta[name="${name}"]`).first().attr('content'));
    if (value) return value;
  }
  return undefined;
}

/** A heading that is only a link home is the site's logo, not the book. */
function isLogo($: CheerioAPI, heading: Element, page: GenericPage): boolean {
  const links = $(heading).find('a[href]');
  if (links.length !== 1 || oneLine(links.text()) !== oneLine($(heading).text())) return false;
  const href = httpUrl(links.attr('href'), page.base);
  return href !== undefined && new URL(href).pathname === '/';
}

// Words sites add to a book's name in <title>: "XX最新章节_XX全文阅读_SiteName".
const TITLE_NOISE = /(?:最新章节(?:列表)?|全文(?:免费)?阅读|无弹窗|全集|txt(?:全集)?下载|小说|在线阅读|全本)+$/i;

/** The book's name from a <title>: the first part before a site suffix ("_", " - ", "|"). */
export function titleFromDocumentTitle(text: string): string | undefined {
  const first = oneLine(text).split(/\s*[_|｜]\s*|\s+[-–—]\s+/)[0] ?? '';
  return oneLine(first.replace(TITLE_NOISE, '')) || undefined;
}

export function bookTitle(page: GenericPage): string | undefined {
  const { $ } = page;
  const named = meta($, 'og:novel:book_name', 'og:novel:title');
  if (named) return named;
  for (const heading of $('body h1').toArray()) {
    const text = oneLine($(heading).text());
    if (text && text.length <= 200 && !isLogo($, heading as Element, page)) return text;
  }
  const og = meta($, 'og:title');
  if (og) return titleFromDocumentTitle(og);
  return titleFromDocumentTitle($('head title').first().text() || $('title').first().text());
}

const AUTHOR_LABELS = [
  /^(?:作\s*者|作者名|著者)\s*(?:[:：]|\s)\s*(\S.*)$/,
  /^(?:author|written by|by)\s*[:：]\s*(\S.*)$/i,
  /^written by\s+(\S.*)$/i,
];
const LABEL_START = /作\s*者|著者|author|written by|\bby\s*[:：]/i;
// What follows the name on the same line: the next label ("分类：", "Status:") or a separator.
const AFTER_NAME = /\s*[|｜/]\s*|\s+\S{1,12}[:：]|(?:分类|類別|类别|状态|狀態|字数|更新|最后更新|最新章节|status|genre|updated)\s*[:：]/i;

/** The text nodes under `root` in document order (its own stack: pages may nest very deep). */
function textNodes(root: AnyNode): Text[] {
  const out: Text[] = [];
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text') out.push(node);
    // Script and style nodes have their own types and are skipped.
    else if (node.type === 'tag' || node.type === 'root') for (let i = (node as Element).children.length - 1; i >= 0; i--) stack.push((node as Element).children[i]!);
  }
  return out;
}

/** The author from metadata, or from a short "作者：X" / "Author: X" label on the page. */
export function bookAuthor(page: GenericPage): string | undefined {
  const { $ } = page;
  const named = meta($, 'og:novel:author', 'book:author', 'author');
  if (named) return named;
  const body = $('body').get(0);
  if (!body) return undefined;
  for (const node of textNodes(body)) {
    if (!LABEL_START.test(node.data)) continue;
    // `作者：<a>X</a>` puts the name in the next element: read the label's whole (short) element.
    const around = node.parent ? oneLine($(node.parent).text()) : '';
    const text = around.length <= 80 ? around : oneLine(node.data);
    const from = text.search(LABEL_START);
    for (const label of AUTHOR_LABELS) {
      const m = label.exec(text.slice(from));
      const name = m && oneLine(m[1]!.split(AFTER_NAME)[0]);
      if (name) return name;
    }
  }
  return undefined;
}

export function bookCover(page: GenericPage): string | undefined {
  const { $, base } = page;
  const og = meta($, 'og:image');
  if (og) return httpUrl(og, base);
  const img = $('img.cover, img[class*="cover"], img[id*="cover"], #fmimg img, .cover img, [class*="cover"] img, [id*="cover"] img').first();
  return httpUrl(img.attr('data-src') || img.attr('src'), base);
}

export function bookIntro(page: GenericPage): string | undefined {
  const { $ } = page;
  const el = $('#intro, .intro, [id*="intro"], [class*="intro"], #description, .description, [itemprop="description"]').first();
  const text = el.length ? elementText($, el) : undefined;
  return text || meta($, 'og:description', 'description');
}
