import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { AppError } from '../../../lib/errors';
import { genericReader, genericRule, matchSource, withGeneric } from '../../../lib/generic-reader';
import { readerFor } from '../../../lib/task/book-reader';
import { expectedParagraphs, genericFixture, ZH_TITLES } from '../../fixtures/generic';

const { parseBook, parseTocPage, finishToc, parseChapterPage } = genericReader;

function toc(name: 'toc-zh.html' | 'toc-en.html') {
  const { html, url } = genericFixture(name);
  return finishToc(parseTocPage(html, url).chapters, url);
}

function parseError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a parse error');
}

describe('generic reader: book page', () => {
  it('reads title, author, cover and intro of a Chinese site from the page itself', () => {
    const { html, url } = genericFixture('toc-zh.html');
    expect(parseBook(html, url)).toEqual({
      title: '山河旧梦',
      author: '柳青云',
      cover: 'https://www.moxiang.example/files/42.jpg',
      intro: '江湖路远，一个少年背着一柄旧剑走出小镇，从此山河万里，故人难寻。',
    });
  });

  it('skips a logo <h1> and takes og:title without the site name, and the author from <meta>', () => {
    const { html, url } = genericFixture('toc-en.html');
    expect(parseBook(html, url)).toMatchObject({
      title: 'The Lantern Keeper',
      author: 'Ada Merriweather',
      cover: 'https://cdn.lantern.example/covers/lantern-keeper.jpg',
    });
  });

  it('falls back to <title> without the site suffix', () => {
    const html =
      '<html><head><title>山河旧梦最新章节_山河旧梦全文阅读_墨香书阁</title></head><body><p>作者：<a href="/a/1">柳青云</a></p></body></html>';
    expect(parseBook(html, 'https://x.example/b/')).toMatchObject({ title: '山河旧梦', author: '柳青云' });
    const en =
      '<html><head><title>The Lantern Keeper - Lantern Novels</title></head><body><p>Author: Ada M. | Status: Ongoing</p></body></html>';
    expect(parseBook(en, 'https://x.example/b/')).toMatchObject({ title: 'The Lantern Keeper', author: 'Ada M.' });
  });

  it('prefers og:novel metadata when the site publishes it', () => {
    const html = `<html><head><meta property="og:novel:book_name" content="剑来"><meta property="og:novel:author" content="烽火戏诸侯"></head>
      <body><h1>小说网</h1></body></html>`;
    expect(parseBook(html, 'https://x.example/b/')).toMatchObject({ title: '剑来', author: '烽火戏诸侯' });
  });

  it('fails with parse when a page has no title at all', () => {
    const error = parseError(() => parseBook('<html><body><p>hi</p></body></html>', 'https://x.example/'));
    expect(error.code).toBe('parse');
    expect(error.message).toContain('https://x.example/');
  });
});

describe('generic reader: table of contents', () => {
  it('finds the 30 chapters across volumes, ignoring navigation, sidebar and the "latest" block', () => {
    const chapters = toc('toc-zh.html');
    expect(chapters.map((c) => c.title)).toEqual(ZH_TITLES);
    expect(chapters[0]!.url).toBe('https://www.moxiang.example/book/42/1001.html');
    expect(chapters[29]!.url).toBe('https://www.moxiang.example/book/42/1030.html');
  });

  it('reads table rows as one list and turns a newest-first list around', () => {
    const chapters = toc('toc-en.html');
    expect(chapters).toHaveLength(30);
    expect(chapters.map((c) => c.title).slice(0, 3)).toEqual([
      'Chapter 1: The Harbor Fire',
      'Chapter 2: A Lantern in the Fog',
      'Chapter 3: Old Debts',
    ]);
    expect(chapters[29]).toEqual({
      title: 'Chapter 30: Homecoming',
      url: 'https://lantern.example/novel/lantern-keeper/chapter-30',
    });
  });

  it('follows a "下一页" link of a split list', () => {
    const html = `<html><body><h1>书</h1><ul>${[1, 2, 3].map((n) => `<li><a href="/c/${n}.html">第${n}章</a></li>`).join('')}</ul>
      <div class="pages"><a href="/list_1.html">上一页</a><a href="/list_3.html">下一页</a></div></body></html>`;
    expect(parseTocPage(html, 'https://x.example/list_2.html').next).toBe('https://x.example/list_3.html');
  });

  it('fails with parse and a sentence saying the page is not a novel when there is no chapter list', () => {
    const { html, url } = genericFixture('blog.html');
    expect(parseTocPage(html, url).chapters).toEqual([]);
    const error = parseError(() => finishToc([], url));
    expect(error.code).toBe('parse');
    expect(error.message).toMatch(/does not look like a novel's table of contents/);
    expect(error.message).toContain(url);
  });
});

describe('generic reader: chapter page', () => {
  it('takes the main text, not the sidebar, navigation, tools or ad lines, and finds page 2', () => {
    const { html, url } = genericFixture('chapter-zh.html');
    const chapter = parseChapterPage(html, url, '第1章 夜雨孤灯');
    expect(chapter.title).toBe('第1章 夜雨孤灯');
    expect(chapter.text.split('\n')).toEqual(expectedParagraphs('chapter-zh.html'));
    expect(chapter.next).toBe('https://www.moxiang.example/book/42/1002_2.html');
  });

  it('reads an English chapter inside an <article> with an aside, and no next page', () => {
    const { html, url } = genericFixture('chapter-en.html');
    const chapter = parseChapterPage(html, url, 'Chapter 3: Old Debts');
    expect(chapter.title).toBe('Chapter 3: Old Debts');
    expect(chapter.text.split('\n')).toEqual(expectedParagraphs('chapter-en.html'));
    expect(chapter.next).toBeUndefined();
  });

  it('keeps <br> paragraphs of text written straight into a <div>', () => {
    const html = `<html><body><div class="nav"><a href="/">首页</a> <a href="/b/">目录</a></div>
      <div id="txt">&nbsp;&nbsp;第一段。<br><br>&nbsp;&nbsp;第二段，比较长一些的文字。<br><br>&nbsp;&nbsp;第三段。</div></body></html>`;
    expect(parseChapterPage(html, 'https://x.example/b/1.html', '第1章').text).toBe(
      '第一段。\n第二段，比较长一些的文字。\n第三段。',
    );
  });

  it('reads a chapter nested 10,000 elements deep, and an author label there, without running out of stack', () => {
    const deep = (inner: string) => `${'<div>'.repeat(10_000)}${inner}${'</div>'.repeat(10_000)}`;
    const html = `<html><body><h1>第2章 深处</h1>${deep('深处的文字，一段比较长的正文，足够当作章节的内容。')}</body></html>`;
    expect(parseChapterPage(html, 'https://x.example/b/2.html', '第2章').text).toBe(
      '深处的文字，一段比较长的正文，足够当作章节的内容。',
    );
    const book = parseBook(
      `<html><body><h1>深渊之书</h1>${deep('<span>作者：无名氏</span>')}</body></html>`,
      'https://x.example/b/',
    );
    expect(book).toMatchObject({ title: '深渊之书', author: '无名氏' });
  });

  it('fails with parse when a chapter page has no text', () => {
    const error = parseError(() =>
      parseChapterPage('<html><body><a href="/">Home</a></body></html>', 'https://x.example/1', 'Ch 1'),
    );
    expect(error.code).toBe('parse');
  });
});

describe('the generic source', () => {
  const site: SourceRule = { ...genericRule, id: 'site', name: 'Site', matches: ['https://novel.example/*'] };

  it('is read by heuristics; every other source by its rule', () => {
    expect(readerFor(genericRule)).toBe(genericReader);
    expect(readerFor(site)).not.toBe(genericReader);
  });

  it('is added once to the built-ins and matches only when no source for the site does', () => {
    const sources = [...withGeneric([]), site];
    expect(withGeneric(withGeneric([])).filter((s) => s.id === 'generic')).toHaveLength(1);
    expect(matchSource(sources, 'https://novel.example/book/1')?.id).toBe('site');
    expect(matchSource(sources, 'https://other.example/book/1')?.id).toBe('generic');
    expect(
      matchSource(
        sources.map((s) => ({ ...s, enabled: s.id !== 'generic' })),
        'https://other.example/',
      ),
    ).toBeUndefined();
  });
});
