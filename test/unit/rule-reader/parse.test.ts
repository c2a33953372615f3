import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { finishToc, parseBook, parseChapterPage, parseTocPage } from '../../../lib/rule-reader/parse';
import { appErrorOf } from '../../fixtures/app-error';

const rule: SourceRule = {
  id: 'biquge',
  name: 'Biquge',
  enabled: true,
  matches: ['https://www.biquge.test/*'],
  book: {
    title: '#info h1',
    author: '#info p##^作者[:：]\\s*##',
    cover: '#fmimg img@src',
    intro: '#intro',
    tocUrl: 'a.catalog@href',
  },
  toc: {
    chapters: '#list dd a',
    pages: 'select.pages option@value',
    next: 'a.next-toc@href',
  },
  chapter: {
    title: '.bookname h1',
    content: '#content',
    next: 'a#next-page@href',
    purify: ['一秒记住.*?最快更新！?', '\\(本章完\\)', '^\\s*请收藏本站.*$'],
  },
};

const BOOK_URL = 'https://www.biquge.test/1/';
const BOOK = `<!DOCTYPE html><html><head><title>斗破苍穹最新章节</title></head><body>
  <div id="info">
    <h1>斗破苍穹</h1>
    <p>作者：天蚕土豆</p>
    <p>最后更新：2020-01-01</p>
  </div>
  <div id="intro"><p>这里是简介。</p><p>第二段简介。</p></div>
  <div id="fmimg"><img src="/cover/1.jpg"></div>
  <a class="catalog" href="list.html">目录</a>
</body></html>`;

const TOC_URL = 'https://www.biquge.test/1/list.html';
const TOC = `<html><body>
  <div id="list"><dl>
    <dt>《斗破苍穹》最新章节</dt>
    <dd><a href="/1/3.html">第三章 终</a></dd>
    <dd><a href="/1/2.html">第二章 中</a></dd>
    <dt>《斗破苍穹》正文</dt>
    <dd><a href="1.html">第一章 始</a></dd>
    <dd><a href="2.html">第二章 中</a></dd>
    <dd><a href="javascript:void(0)">（暂无）</a></dd>
    <dd><a href="https://www.biquge.test/1/3.html">第三章 终</a></dd>
  </dl></div>
  <select class="pages"><option value="list.html">1</option><option value="list_2.html">2</option></select>
  <a class="next-toc" href="list_2.html">下一页</a>
</body></html>`;

const CHAPTER_URL = 'https://www.biquge.test/1/1.html';
const CHAPTER = `<html><body>
  <div class="bookname"><h1>第一章 始</h1></div>
  <div id="content">&nbsp;&nbsp;&nbsp;&nbsp;第一段文字。<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;一秒记住【笔趣阁】，最快更新！<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;第二段文字。(本章完)<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;请收藏本站：www.biquge.test<script>ad();</script>
  </div>
  <a id="next-page" href="1_2.html">下一页</a>
</body></html>`;

describe('parseBook', () => {
  it('reads title, author, intro and absolute cover and toc URLs', () => {
    expect(parseBook(BOOK, BOOK_URL, rule)).toEqual({
      title: '斗破苍穹',
      author: '天蚕土豆',
      cover: 'https://www.biquge.test/cover/1.jpg',
      intro: '这里是简介。\n第二段简介。',
      tocUrl: TOC_URL,
    });
  });

  it('keeps the author text as the rule leaves it', () => {
    const plain = { ...rule, book: { ...rule.book, author: '#info p' } };
    expect(parseBook(BOOK, BOOK_URL, plain).author).toBe('作者：天蚕土豆');
  });

  it('leaves missing optional fields undefined', () => {
    const html = '<div id="info"><h1>Only a title</h1></div>';
    expect(parseBook(html, BOOK_URL, rule)).toEqual({
      title: 'Only a title',
      author: undefined,
      cover: undefined,
      intro: undefined,
      tocUrl: undefined,
    });
  });

  it('resolves links against <base href>', () => {
    const html =
      '<head><base href="https://m.biquge.test/x/"></head><div id="info"><h1>T</h1></div><a class="catalog" href="all.html">目录</a>';
    expect(parseBook(html, BOOK_URL, rule).tocUrl).toBe('https://m.biquge.test/x/all.html');
  });

  it('fails with code parse naming the page and selector when the title is missing', () => {
    const error = appErrorOf(() => parseBook('<html><body><h1>not in #info</h1></body></html>', BOOK_URL, rule));
    expect(error.code).toBe('parse');
    expect(error.message).toContain(BOOK_URL);
    expect(error.message).toContain('"#info h1"');
  });
});

describe('parseTocPage', () => {
  it('lists the chapters as found, with absolute URLs, skipping non-links', () => {
    const page = parseTocPage(TOC, TOC_URL, rule);
    expect(page.chapters.map((c) => c.title)).toEqual([
      '第三章 终',
      '第二章 中',
      '第一章 始',
      '第二章 中',
      '第三章 终',
    ]);
    expect(page.chapters[2]).toEqual({ title: '第一章 始', url: 'https://www.biquge.test/1/1.html' });
    expect(page.chapters.every((c) => c.url.startsWith('https://www.biquge.test/1/'))).toBe(true);
  });

  it('takes an entry written as an element that opens its chapter on click, as a link', () => {
    const html = `<ul class="list">
      <li><a href="1.htm">第一章 始</a></li>
      <li><b title="第二章 中" onclick="window.open('https://www.biquge.test/1/2.htm')">第二章 中</b></li>
      <li><span onclick="location.href='3.htm'">第三章 终</span></li>
      <li><b onclick="vote(1)">投票</b></li>
    </ul>`;
    const rows = { ...rule, toc: { chapters: 'ul.list li' } };
    expect(parseTocPage(html, TOC_URL, rows).chapters).toEqual([
      { title: '第一章 始', url: 'https://www.biquge.test/1/1.htm' },
      { title: '第二章 中', url: 'https://www.biquge.test/1/2.htm' },
      { title: '第三章 终', url: 'https://www.biquge.test/1/3.htm' },
    ]);
  });

  it('returns the other pages and the next page as absolute URLs', () => {
    const page = parseTocPage(TOC, TOC_URL, rule);
    expect(page.pages).toEqual([TOC_URL, 'https://www.biquge.test/1/list_2.html']);
    expect(page.next).toBe('https://www.biquge.test/1/list_2.html');
  });

  it('has no pages or next when the rule or page has none', () => {
    const bare = { ...rule, toc: { chapters: '#list dd a' } };
    expect(parseTocPage(TOC, TOC_URL, bare)).toMatchObject({ pages: [], next: undefined });
    const last = TOC.replace('href="list_2.html">下一页', 'href="list.html">下一页');
    expect(parseTocPage(last, TOC_URL, rule).next).toBeUndefined();
  });

  it('finds the link inside an element when the selector stops at the row', () => {
    const rows = { ...rule, toc: { chapters: '#list dd' } };
    expect(parseTocPage(TOC, TOC_URL, rows).chapters[2]).toEqual({
      title: '第一章 始',
      url: 'https://www.biquge.test/1/1.html',
    });
  });
});

describe('finishToc', () => {
  const found = parseTocPage(TOC, TOC_URL, rule).chapters;

  it('keeps the last occurrence of duplicate URLs', () => {
    expect(finishToc(found, rule, TOC_URL)).toEqual([
      { title: '第一章 始', url: 'https://www.biquge.test/1/1.html' },
      { title: '第二章 中', url: 'https://www.biquge.test/1/2.html' },
      { title: '第三章 终', url: 'https://www.biquge.test/1/3.html' },
    ]);
  });

  it('reverses a newest-first list', () => {
    const desc = { ...rule, toc: { ...rule.toc, order: 'desc' as const } };
    expect(finishToc(found, desc, TOC_URL).map((c) => c.url.slice(-6))).toEqual(['3.html', '2.html', '1.html']);
  });

  it('fails with code parse naming the selector and URL when there are no chapters', () => {
    const error = appErrorOf(() => finishToc([], rule, TOC_URL));
    expect(error.code).toBe('parse');
    expect(error.message).toContain(TOC_URL);
    expect(error.message).toContain('"#list dd a"');
  });
});

describe('parseChapterPage', () => {
  it('reads title, purified paragraphs and the absolute next page', () => {
    expect(parseChapterPage(CHAPTER, CHAPTER_URL, rule, 'toc title')).toEqual({
      title: '第一章 始',
      text: '第一段文字。\n第二段文字。',
      next: 'https://www.biquge.test/1/1_2.html',
    });
  });

  it('falls back to the toc title', () => {
    const noTitle = { ...rule, chapter: { ...rule.chapter, title: undefined } };
    expect(parseChapterPage(CHAPTER, CHAPTER_URL, noTitle, 'toc title').title).toBe('toc title');
    const missing = CHAPTER.replace('<h1>第一章 始</h1>', '');
    expect(parseChapterPage(missing, CHAPTER_URL, rule, 'toc title').title).toBe('toc title');
  });

  it('joins several content matches as paragraphs', () => {
    const paragraphs = { ...rule, chapter: { content: '#content p' } };
    const html = '<div id="content"><p>one</p><div class="ad">ad</div><p>two</p></div>';
    expect(parseChapterPage(html, CHAPTER_URL, paragraphs, 't').text).toBe('one\ntwo');
  });

  it('fails with code parse when the content is missing', () => {
    const error = appErrorOf(() => parseChapterPage('<div id="other">text</div>', CHAPTER_URL, rule, 't'));
    expect(error.code).toBe('parse');
    expect(error.message).toContain(CHAPTER_URL);
    expect(error.message).toContain('"#content"');
  });

  it('fails with code parse when purify leaves nothing', () => {
    const html = '<div id="content">一秒记住【笔趣阁】，最快更新！<br>(本章完)</div>';
    expect(appErrorOf(() => parseChapterPage(html, CHAPTER_URL, rule, 't')).code).toBe('parse');
  });

  it('rejects an invalid purify regex with invalid_source', () => {
    const bad = { ...rule, chapter: { ...rule.chapter, purify: ['(unclosed'] } };
    expect(appErrorOf(() => parseChapterPage(CHAPTER, CHAPTER_URL, bad, 't')).code).toBe('invalid_source');
  });
});
