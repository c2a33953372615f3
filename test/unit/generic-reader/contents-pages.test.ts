// Where the rest of a table of contents is: the whole list behind a link, or the next numbered
// page of a list split over pages. Small pages of our own, one pattern each.
import { describe, expect, it } from 'vitest';
import { genericReader } from '../../../lib/generic-reader';
import { isPageOf } from '../../../lib/generic-reader/page-urls';

const { parseBook, parseTocPage } = genericReader;
const BOOK = 'https://novel.example/book/88';
const chapters = (numbers: string[], id = (i: number) => 9000 - i) =>
  `<ul>${numbers.map((n, i) => `<li><a href="/chapter/88/${id(i)}">${n}、标题</a></li>`).join('')}</ul>`;

describe('the whole list is elsewhere', () => {
  it('follows og:novel:read_url when the page shows only the newest chapters', () => {
    const html = `<html><head><meta property="og:novel:read_url" content="https://novel.example/read/88"></head><body><h1>剑歌</h1>
      <div><h2>《剑歌》最新章节</h2></div>${chapters(['五十三', '五十二', '五十一'])}</body></html>`;
    expect(parseBook(html, BOOK).tocUrl).toBe('https://novel.example/read/88');
  });

  it('follows a link that says 开始阅读 when the list starts mid-book and nothing says where the rest is', () => {
    const html = `<html><body><h1>剑歌</h1><p><a href="/read/88">开始阅读</a> <a href="/">首页</a></p>${chapters(['四十三', '四十二', '四十一'])}</body></html>`;
    expect(parseBook(html, BOOK).tocUrl).toBe('https://novel.example/read/88');
  });

  it('prefers a link to the list ("章节目录") over one to start reading', () => {
    const html = `<html><body><h1>剑歌</h1><a href="/chapter/88/1">开始阅读</a><a href="/list/88">章节目录</a></body></html>`;
    expect(parseBook(html, BOOK).tocUrl).toBe('https://novel.example/list/88');
  });

  it('leaves a page that lists the whole book alone, even with a "Start Reading" link', () => {
    const rows = [1, 2, 3].map((n) => `<li><a href="/book/88/chapter/${n}">Chapter ${n}</a></li>`).join('');
    const html = `<html><body><h1>Sword Song</h1><a href="/book/88/chapter/1">Start Reading</a><ul>${rows}</ul></body></html>`;
    expect(parseBook(html, BOOK).tocUrl).toBeUndefined();
  });

  it('takes a short list beside "下一章" for a chapter page\'s sidebar, and goes to the contents', () => {
    const html = `<html><body><h1>第3章 夜雨</h1><a href="/book/88/">目录</a> <a href="/book/88/4.html">下一章</a>
      <div id="content">夜雨落在江面上，船家收起了帆。<br>他们在渡口等了很久。</div>
      <div class="side"><h3>相关章节</h3>${chapters(['一', '二', '三'], (i) => 7001 + i)}</div></body></html>`;
    expect(parseBook(html, 'https://novel.example/book/88/3.html').tocUrl).toBe('https://novel.example/book/88/');
  });

  it('finds the contents from a chapter page', () => {
    const html = `<html><body><h1>第3章 夜雨</h1><div><a href="/book/88/2.html">上一章</a> <a href="/book/88/">目录</a> <a href="/book/88/4.html">下一章</a></div>
      <div id="content">夜雨落在江面上，船家收起了帆。<br>他们在渡口等了很久。</div></body></html>`;
    expect(parseBook(html, 'https://novel.example/book/88/3.html').tocUrl).toBe('https://novel.example/book/88/');
    const en = `<html><head><title>Chapter 3 - Sword Song</title></head><body><a href="/forums">0 Threads</a><a href="/mine">1 Fictions</a>
      <h1>Chapter 3</h1><a href="/fiction/88/sword-song">Fiction Index</a><a href="/fiction/88/chapter/4">Next</a><div class="chapter">${'<p>The rain fell on the river all night long.</p>'.repeat(3)}</div></body></html>`;
    expect(parseBook(en, 'https://novel.example/fiction/88/chapter/3').tocUrl).toBe(
      'https://novel.example/fiction/88/sword-song',
    );
  });
});

describe('a list split over numbered pages', () => {
  const list = (from: number) =>
    `<ul>${[0, 1, 2].map((i) => `<li><a href="/book/88/c${from + i}/">c${from + i}</a></li>`).join('')}</ul>`;

  it('follows rel=next to ?pg=2', () => {
    const html = `<html><body><h1>Sword Song</h1>${list(1)}<div class="pages"><em>1</em><a href="./?pg=2">2</a><a href="./?pg=2" rel="next">→</a></div></body></html>`;
    expect(parseTocPage(html, 'https://novel.example/series/sword/').next).toBe(
      'https://novel.example/series/sword/?pg=2',
    );
  });

  it('follows a pager\'s next number when no link says "next"', () => {
    const html = `<html><body><h1>Sword Song</h1>${list(1)}<ul class="pager"><li><span>1</span></li><li><a href="?p=2">2</a></li><li><a href="?p=3">3</a></li></ul></body></html>`;
    expect(parseTocPage(html, 'https://novel.example/series/sword/').next).toBe(
      'https://novel.example/series/sword/?p=2',
    );
    expect(parseTocPage(html, 'https://novel.example/series/sword/?p=2').next).toBe(
      'https://novel.example/series/sword/?p=3',
    );
  });

  it('follows "下一页" to list_3.html, and lists every page a <select> names', () => {
    const next = `<html><body><h1>书</h1>${list(1)}<a href="/list_1.html">上一页</a><a href="/list_3.html">下一页</a></body></html>`;
    expect(parseTocPage(next, 'https://x.example/list_2.html').next).toBe('https://x.example/list_3.html');
    const select = `<html><body><h1>书</h1>${list(1)}<select><option value="/book/88/">1</option><option value="/book/88/index_2.html">2</option><option value="/book/88/index_3.html">3</option></select></body></html>`;
    expect(parseTocPage(select, 'https://novel.example/book/88/').pages).toEqual([
      'https://novel.example/book/88/index_2.html',
      'https://novel.example/book/88/index_3.html',
    ]);
  });

  it('reads "next" in the languages of the sites: 次へ, Trang sau', () => {
    const html = (word: string) => `<html><body><h1>Book</h1>${list(1)}<a href="/n77/?p=2">${word}</a></body></html>`;
    expect(parseTocPage(html('次へ'), 'https://novel.example/n77/').next).toBe('https://novel.example/n77/?p=2');
    expect(parseTocPage(html('Trang sau'), 'https://novel.example/n77/').next).toBe('https://novel.example/n77/?p=2');
  });

  it('does not take rel=next to another book for the next page of this one', () => {
    const html = `<html><head><link rel="next" href="/book/89"></head><body><h1>Sword Song</h1>${list(1)}</body></html>`;
    expect(parseTocPage(html, BOOK).next).toBeUndefined();
  });
});

describe('addresses of page 2', () => {
  it.each([
    ['https://x.example/81/265141.html', 'https://x.example/81/265141_2.html', true],
    ['https://x.example/81/265141_2.html', 'https://x.example/81/265141_3.html', true],
    ['https://x.example/list/', 'https://x.example/list/?p=2', true],
    ['https://x.example/novel/x/', 'https://x.example/novel/x/page/2/', true],
    ['https://x.example/novel/chapter-1', 'https://x.example/novel/chapter-2', false],
    ['https://x.example/2835/113354.htm', 'https://x.example/2835/113355.htm', false],
    ['https://x.example/81/265141.html', 'https://y.example/81/265141_2.html', false],
  ])('%s → %s: %s', (current, candidate, expected) => {
    expect(isPageOf(current, candidate)).toBe(expected);
  });
});
