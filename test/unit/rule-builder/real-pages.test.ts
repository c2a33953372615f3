// The selector generaliser on saved pages of real sites (../shared/real-pages, read in place):
// a click on one chapter link, on the book's title, on a paragraph of a chapter proposes a rule
// that reads what the page's manifest says a correct reader gets.
import type { AnyNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { choiceFor } from '../../../lib/rule-builder/field-choice';
import { elementWithText, linkTo } from '../../../lib/rule-builder/locate';
import { looksNewestFirst } from '../../../lib/rule-builder/order';
import { finishToc, parseChapterPage, parseTocPage } from '../../../lib/rule-reader';
import { loadPage, readText } from '../../../lib/rule-reader/read';
import { expectedChapterList, expectedLines, realPageHtml, realPages, type RealPage } from '../../fixtures/real-pages';

const pages = realPages();
const lists = pages.flatMap((p) => (p.kind === 'chapter' ? [] : [p]));
const chapters = pages.filter((p) => p.kind === 'chapter');

// Where the name a correct reader gives a chapter is not the text of the link one clicks.
const NAMES_ELSEWHERE: Record<string, string> = {
  'w2e-truyenyy': 'a row links its chapter twice, the number and the name, and the name is the two together',
  'w2e-webnovel': 'the link holds the release date after the name',
  'zhaishuyuan-book': 'the link holds the date after the name ("四十二、武神之上 - 10-29")',
};

function rule(toc: SourceRule['toc'], content = 'body'): SourceRule {
  return {
    id: 'picked',
    name: 'picked',
    enabled: true,
    matches: ['<all_urls>'],
    book: { title: 'title' },
    toc,
    chapter: { content },
  };
}

/** The list a rule made by clicking the chapter in the middle reads, in the order the rule would say. */
function listFromClick(page: RealPage) {
  const html = realPageHtml(page);
  const p = loadPage(html, page.url);
  const { chapters: expected } = expectedChapterList(page);
  const middle = expected[Math.floor(expected.length / 2)]!;
  const link = linkTo(p.$, p.base, middle.url, middle.title);
  if (!link) throw new Error(`${page.id} has no link to ${middle.url}`);
  const choice = choiceFor(p, 'chapters', link, 'picked')!;
  const raw = parseTocPage(html, page.url, rule({ chapters: choice.selector })).chapters;
  const order = looksNewestFirst(raw) ? 'desc' : undefined;
  const read = finishToc(raw, rule({ chapters: choice.selector, order }), page.url);
  return { selector: choice.selector, read };
}

describe.each(lists)('a click on a chapter link of $id', (page) => {
  it('proposes a selector without a chain of positions that reads the whole list, in reading order', () => {
    const { selector, read } = listFromClick(page);
    expect(selector.match(/nth-/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const { chapters: expected, optional } = expectedChapterList(page);
    const extra = new Set(optional.map((c) => c.url));
    expect(read.filter((c) => !extra.has(c.url)).map((c) => c.url)).toEqual(expected.map((c) => c.url));
    if (!NAMES_ELSEWHERE[page.id])
      expect(read.filter((c) => !extra.has(c.url)).map((c) => c.title)).toEqual(expected.map((c) => c.title));
  });
});

const titled = lists.filter((page) => {
  const p = loadPage(realPageHtml(page), page.url);
  return elementWithText(p.$, page.expected.title, 'h1, h2, h3') !== undefined;
});

describe.each(titled)('a click on the title of $id', (page) => {
  it('proposes a selector that reads the title', () => {
    const p = loadPage(realPageHtml(page), page.url);
    const title = page.expected.title;
    const choice = choiceFor(p, 'title', elementWithText(p.$, title, 'h1, h2, h3')!, 'picked')!;
    expect(readText(p, null, choice.selector)?.replace(/\s+/g, ' ').trim()).toBe(title);
  });
});

/** The element a reader's click in the middle of the text lands on: the one holding that line's words. */
function paragraphOf(p: ReturnType<typeof loadPage>, line: string): Element {
  const key = line.replace(/\s+/g, '').slice(0, 12);
  const stack: AnyNode[] = [p.$('body').get(0)!];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text' && node.data.replace(/\s+/g, '').includes(key)) return node.parent as Element;
    if ('children' in node) stack.push(...[...node.children].reverse());
  }
  throw new Error(`no text holds "${line}"`);
}

describe.each(chapters)('a click on a paragraph of $id', (page) => {
  it('proposes the block holding the whole text', () => {
    const html = realPageHtml(page);
    const p = loadPage(html, page.url);
    const { lines } = expectedLines(page);
    const choice = choiceFor(p, 'content', paragraphOf(p, lines[Math.floor(lines.length / 2)]!), 'picked')!;
    expect(choice.selector).not.toMatch(/nth-/);
    const text = parseChapterPage(html, page.url, rule({ chapters: 'a' }, choice.selector), '').text;
    const found = text.split('\n');
    expect(lines.filter((line) => !found.includes(line))).toEqual([]);
  });
});
