// Finds a chapter's text without a rule: the container that holds most of the page's text that
// is not link text. Navigation, sidebars and footers are mostly links or little text, so
// walking down from <body> into the child that keeps most of the prose ends at the chapter.

import type { AnyNode, Element } from 'domhandler';
import { elementText } from '../text/paragraphs';
import { isChapterTitle } from './chapter-title';
import { cleanChapterLines } from './clean';
import { removeHidden } from './hidden';
import { isNextChapterText } from './nav-text';
import { httpUrl, withoutHash } from '../url';
import { oneLine, type GenericPage } from './page';
import { isPageOf } from './page-urls';

interface Stats {
  /** Visible characters, whitespace not counted. */
  text: number;
  /** Of those, the ones inside links. */
  link: number;
}

// Never prose: skipped when measuring, removed before reading the text.
const NOT_PROSE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'head',
  'nav',
  'aside',
  'footer',
  'header',
  'select',
  'button',
  'input',
  'textarea',
  'form',
]);
// Elements that hold a text rather than are one of its paragraphs.
const CONTAINERS = new Set([
  'body',
  'div',
  'article',
  'section',
  'main',
  'td',
  'tbody',
  'table',
  'tr',
  'center',
  'font',
  'span',
]);
const BLOCKS = new Set([
  'div',
  'p',
  'ul',
  'ol',
  'dl',
  'table',
  'section',
  'article',
  'center',
  'li',
  'dd',
  'dt',
  'tr',
  'td',
]);
// Walk down while the child keeps at least this share of its parent's prose.
const DESCEND_SHARE = 0.6;
// A block inside the text that is more links than text is a navigation bar.
const MAX_LINK_DENSITY = 0.5;

function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag';
}

/** Whether the walk goes into a node's children: elements and the document, except non-prose. */
function measured(node: AnyNode): node is Element {
  return (isElement(node) && !NOT_PROSE.has(node.name)) || node.type === 'root';
}

/**
 * Every element's prose and link characters. No recursion (a page may nest 10,000 elements
 * deep): nodes are listed parents first, then summed up children first.
 */
function measure(root: AnyNode, stats: Map<Element, Stats>): void {
  const order: Array<{ node: AnyNode; inLink: boolean }> = [];
  const stack = [{ node: root, inLink: false }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    order.push(item);
    const { node, inLink } = item;
    if (!measured(node)) continue;
    const link = inLink || (isElement(node) && node.name === 'a');
    for (const child of node.children) stack.push({ node: child, inLink: link });
  }
  const totals = new Map<AnyNode, Stats>();
  for (let i = order.length - 1; i >= 0; i--) {
    const { node, inLink } = order[i]!;
    const own: Stats = { text: 0, link: 0 };
    if (node.type === 'text') {
      own.text = node.data.replace(/[\s\u00a0\u3000]+/g, '').length;
      own.link = inLink ? own.text : 0;
    } else if (measured(node)) {
      for (const child of node.children) {
        const s = totals.get(child);
        own.text += s?.text ?? 0;
        own.link += s?.link ?? 0;
      }
      if (isElement(node)) stats.set(node, own);
    }
    totals.set(node, own);
  }
}

const prose = (s: Stats | undefined) => (s ? s.text - s.link : 0);

/** The element that holds the chapter: walk down into the child keeping most of the prose. */
function textContainer(page: GenericPage, stats: Map<Element, Stats>): Element | undefined {
  const body = page.$('body').get(0) as Element | undefined;
  if (!body) return undefined;
  let current = body;
  for (;;) {
    const total = prose(stats.get(current));
    let best: Element | undefined;
    for (const child of current.children) {
      if (!isElement(child) || !CONTAINERS.has(child.name)) continue;
      if (!best || prose(stats.get(child)) > prose(stats.get(best))) best = child;
    }
    if (!best || prose(stats.get(best)) < total * DESCEND_SHARE) return current;
    current = best;
  }
}

/** Removes what is inside the text container but not the text: scripts, forms, navigation bars. */
function stripNonProse(page: GenericPage, container: Element, stats: Map<Element, Stats>): void {
  const { $ } = page;
  $(container)
    .find('*')
    .each((_, el) => {
      if (!isElement(el)) return;
      if (NOT_PROSE.has(el.name)) {
        $(el).remove();
        return;
      }
      const s = stats.get(el);
      if (BLOCKS.has(el.name) && s && s.text > 0 && s.link / s.text > MAX_LINK_DENSITY) $(el).remove();
    });
}

/** The chapter's title: a heading that reads like one, else the table of contents' title. */
function chapterTitle(page: GenericPage, tocTitle: string): string {
  const { $ } = page;
  for (const heading of $('body h1, body h2, body h3').toArray()) {
    const text = oneLine($(heading).text());
    if (text && text.length <= 120 && isChapterTitle(text)) return text;
  }
  return tocTitle || oneLine($('body h1').first().text()) || oneLine($('title').first().text());
}

// "(1/2)", "（2/3）", "第1/2页": the page says which page of the chapter it is.
const PAGE_MARK = /[(（【[]\s*(\d{1,3})\s*[/／]\s*(\d{1,3})\s*[)）】\]]|第\s*(\d{1,3})\s*[/／]\s*(\d{1,3})\s*页/;
const MAX_MARK_LINE = 80;

/** Which page of how many the page says it is, from its title, headings or a short line. */
function pageMark(page: GenericPage): { page: number; of: number } | undefined {
  const { $ } = page;
  // Only text that holds a mark is looked at, with the short line around it.
  const marked = $('body')
    .find('*')
    .contents()
    .toArray()
    .filter((node) => node.type === 'text' && PAGE_MARK.test(node.data));
  const lines = [$('title').first().text(), ...marked.map((node) => (node.parent ? $(node.parent).text() : ''))];
  for (const line of lines) {
    const text = oneLine(line);
    if (text.length > MAX_MARK_LINE) continue;
    const m = PAGE_MARK.exec(text);
    const n = m && Number(m[1] ?? m[3]);
    const of = m && Number(m[2] ?? m[4]);
    if (n && of && n <= of) return { page: n, of };
  }
  return undefined;
}

/**
 * The next page of the same chapter: a "next" link whose address has the shape of page 2 (whatever
 * its text: some sites label it 下一章), or, when the page says "(1/2)", its "next" link anyway.
 */
function nextPage(page: GenericPage): string | undefined {
  const { $, base, url } = page;
  const mark = pageMark(page);
  if (mark && mark.page >= mark.of) return undefined;
  const moving = $('body a[href]')
    .toArray()
    .filter((a) => isNextChapterText($(a).text()) || /(?:^|\s)next(?:\s|$)/i.test((a as Element).attribs.rel ?? ''))
    .map((a) => httpUrl((a as Element).attribs.href, base))
    .filter((href): href is string => href !== undefined && withoutHash(href) !== withoutHash(url));
  return moving.find((href) => isPageOf(url, href)) ?? (mark ? moving[0] : undefined);
}

export interface ChapterText {
  title: string;
  /** One paragraph per line; empty when the page has no text to speak of. */
  text: string;
  next?: string;
}

/** Reads a chapter page. Mutates the page's document (navigation bars are cut out of it). */
export function readChapterText(page: GenericPage, tocTitle: string): ChapterText {
  const title = chapterTitle(page, tocTitle);
  const next = nextPage(page);
  const stats = new Map<Element, Stats>();
  measure(page.$.root().get(0)!, stats);
  const container = textContainer(page, stats);
  if (!container) return { title, text: '', next };
  removeHidden(page.$, container);
  stripNonProse(page, container, stats);
  const lines = cleanChapterLines(elementText(page.$, container).split('\n'), [title, tocTitle]);
  return { title, text: lines.join('\n'), next };
}
