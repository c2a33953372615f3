// nextTocUrl and nextContentUrl as legado follows them — one link (other than the page itself)
// is the next page of a chain; several are every other page, read together — and replaceRegex,
// which sees a chapter's whole text, all its pages joined.
import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { translateLegado } from '../../../lib/legado';
import type { Page, PageLoader } from '../../../lib/task/page-loader';
import { bookReading } from '../../../lib/task/book-reader';
import { readBook } from '../../../lib/task/read-book';
import { readChapter } from '../../../lib/task/read-chapter';

const SITE = 'https://www.novel.test';

function ruleFor(toc: object, content: object): SourceRule {
  const { rules, report } = translateLegado({
    bookSourceUrl: SITE,
    bookSourceName: 'Next pages',
    ruleBookInfo: { name: 'tag.h1.0@text' },
    ruleToc: { chapterList: 'id.list@tag.a', chapterName: 'text', chapterUrl: 'href', ...toc },
    ruleContent: { content: 'id.content@html', ...content },
  });
  expect(report[0]!.reasons).toEqual([]);
  return { ...rules[0]!, enabled: true };
}

/** Serves fixed pages and records the order they were asked for. */
function loader(pages: Record<string, string>, fetched: string[]): PageLoader {
  return async (url): Promise<Page> => {
    fetched.push(new URL(url).pathname);
    const html = pages[new URL(url).pathname];
    if (html === undefined) throw new Error(`no page ${url}`);
    return { url, html: `<html><body>${html}</body></html>` };
  };
}

const toc = (n: number, links: string) =>
  `<h1>Book</h1><div id="list"><a href="/c${n}.html">Chapter ${n}</a></div>${links}`;
const signal = new AbortController().signal;

describe('nextTocUrl', () => {
  it('one link: a chain, followed page after page', async () => {
    const rule = ruleFor({ nextTocUrl: 'text.下一页@href' }, {});
    const fetched: string[] = [];
    const pages = {
      '/b/': toc(1, '<a href="/b/2">下一页</a>'),
      '/b/2': toc(2, '<a href="/b/3">下一页</a>'),
      '/b/3': toc(3, '<a href="/b/">首页</a>'),
    };
    const book = await readBook(
      `${SITE}/b/`,
      undefined,
      bookReading(`${SITE}/b/`, rule, loader(pages, fetched), signal),
    );
    expect(book.chapters.map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3']);
    expect(fetched).toEqual(['/b/', '/b/2', '/b/3']);
  });

  it('several links: every other page at once, in their order, none followed further', async () => {
    const rule = ruleFor({ nextTocUrl: 'class.pages@tag.a@href' }, {});
    const pager = '<p class="pages"><a href="/b/">1</a><a href="/b/2">2</a><a href="/b/3">3</a></p>';
    const fetched: string[] = [];
    const pages = { '/b/': toc(1, pager), '/b/2': toc(2, pager), '/b/3': toc(3, pager) };
    const book = await readBook(
      `${SITE}/b/`,
      undefined,
      bookReading(`${SITE}/b/`, rule, loader(pages, fetched), signal),
    );
    expect(book.chapters.map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3']);
    expect(fetched.sort()).toEqual(['/b/', '/b/2', '/b/3']);
  });
});

describe('nextContentUrl and replaceRegex', () => {
  const part = (text: string, links: string) => `<div id="content"><p>${text}</p></div>${links}`;

  it('one link: the chapter continues until the link is gone', async () => {
    const rule = ruleFor({}, { nextContentUrl: 'text.下一页@href' });
    const fetched: string[] = [];
    const pages = {
      '/c1.html': part('one', '<a href="/c1_2.html">下一页</a>'),
      '/c1_2.html': part('two', '<a href="/c2.html">下一章</a>'),
    };
    const chapter = await readChapter(
      { title: 'Chapter 1', url: `${SITE}/c1.html` },
      `${SITE}/c2.html`,
      bookReading(`${SITE}/c1.html`, rule, loader(pages, fetched), signal),
    );
    expect(chapter.text).toBe('one\ntwo');
    expect(fetched).toEqual(['/c1.html', '/c1_2.html']);
  });

  it('several links: every page of the chapter, read together, in their order', async () => {
    const rule = ruleFor({}, { nextContentUrl: 'class.page@tag.a@href' });
    const pager = '<p class="page"><a href="/c1.html">1</a><a href="/c1_2.html">2</a><a href="/c1_3.html">3</a></p>';
    const fetched: string[] = [];
    const pages = {
      '/c1.html': part('one', pager),
      '/c1_2.html': part('two', pager),
      '/c1_3.html': part('three', pager),
    };
    const chapter = await readChapter(
      { title: 'Chapter 1', url: `${SITE}/c1.html` },
      `${SITE}/c2.html`,
      bookReading(`${SITE}/c1.html`, rule, loader(pages, fetched), signal),
    );
    expect(chapter.text).toBe('one\ntwo\nthree');
    expect(fetched.sort()).toEqual(['/c1.html', '/c1_2.html', '/c1_3.html']);
  });

  it('replaceRegex sees the whole chapter at once: $ is the end of its last page', async () => {
    const rule = ruleFor({}, { nextContentUrl: 'text.下一页@href', replaceRegex: '##\\nThe end\\.$' });
    const pages = {
      '/c1.html': part('one', '<a href="/c1_2.html">下一页</a>') + '<div id="content"><p>The end.</p></div>',
      '/c1_2.html': part('two', '') + '<div id="content"><p>The end.</p></div>',
    };
    const chapter = await readChapter(
      { title: 'Chapter 1', url: `${SITE}/c1.html` },
      undefined,
      bookReading(`${SITE}/c1.html`, rule, loader(pages, []), signal),
    );
    expect(chapter.text).toBe('one\nThe end.\ntwo');
  });
});
