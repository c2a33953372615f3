// A book's title and author as sites state them, each form on a small page of our own.
import { describe, expect, it } from 'vitest';
import { genericReader } from '../../../lib/generic-reader';

const read = (html: string, url = 'https://www.novelsite.example/book/5/') => genericReader.parseBook(html, url);
const doc = (head: string, body = '') => `<html><head>${head}</head><body>${body}</body></html>`;

describe('the title', () => {
  it('drops the words sites add to a name in the <h1> and the <title>', () => {
    expect(
      read(doc('<title>斗罗大陆_斗罗大陆最新章节列表_唐家三少 - 米趣小说网</title>', '<h1>斗罗大陆最新章节</h1>'))
        .title,
    ).toBe('斗罗大陆');
    expect(read(doc('<title>流放者食堂！小说在线阅读与TXT电子书下载-君川优树-其他文库-轻小说文库</title>')).title).toBe(
      '流放者食堂！',
    );
  });

  it('skips the page kind, its number and the site in a <title>', () => {
    expect(read(doc('<title>Danh Sách Chương - Trang 1 - Siêu Cấp Gen</title>')).title).toBe('Siêu Cấp Gen');
    expect(read(doc('<title>Terror Infinity - NovelSite</title>')).title).toBe('Terror Infinity');
    expect(read(doc('<title>Beyond the Mask :: NovelSite: fresh-picked fiction</title>')).title).toBe(
      'Beyond the Mask',
    );
  });

  it('takes what most places agree on: a title element the <title> and keywords repeat, over a longer <title> part', () => {
    const html = doc(
      '<title>欢迎光临流放者食堂！轻小说在线试读-作者名-文库</title><meta name="keywords" content="欢迎光临流放者食堂！,轻小说">',
      '<div id="title">欢迎光临流放者食堂！</div>',
    );
    expect(read(html).title).toBe('欢迎光临流放者食堂！');
  });

  it("does not take a chapter page's heading for the book: the chapter is named there, the book in the <title>", () => {
    expect(read(doc('<title>第3章 夜雨_雾中之城_书站</title>', '<h1>第3章 夜雨</h1>')).title).toBe('雾中之城');
  });

  it("reads a heading's own words, not its badge nor a list the page left inside it", () => {
    const html = doc(
      '<meta property="og:title" content="King of Gods">',
      '<h1>King of Gods <small>KOG</small></h2><div><ol><li><a href="/c/1">1 Young Zhao Feng</a></li></ol>',
    );
    expect(read(html).title).toBe('King of Gods');
  });
});

describe('the author', () => {
  it.each([
    ['作者︰', '<p>作者︰<a href="/author/li/">李寂v5</a></p>', '李寂v5'],
    ['作者：', '<div id="info">作者：君川优树</div>', '君川优树'],
    ['Author:', '<div class="status">Author: Volume Of Soil</div>', 'Volume Of Soil'],
    [
      'by, under the title',
      '<div><h1>Reborn as a Rock</h1><h4><span>by </span><span><a href="/profile/1">Roobit</a></span></h4></div>',
      'Roobit',
    ],
    ['by, in an author element', '<span class="author">by <a href="/a/lady">Lady141220</a></span>', 'Lady141220'],
    [
      'an "Author(s)" heading above a link',
      '<h5>Author(s)</h5><span>One entry per line</span><div></div><div><a href="/person/mao-ni/">Mao Ni</a></div>',
      'Mao Ni',
    ],
    [
      "a link to the author's page",
      '<span class="icon" title="Author"></span><div><a href="/author/Comedian0">Comedian0</a></div>',
      'Comedian0',
    ],
  ])('reads %s', (_, body, author) => {
    expect(read(doc('<title>A Book</title>', `<h1>A Book</h1>${body}`)).author).toBe(author);
  });

  it('does not take the site\'s name from <meta name="author">, and finds the author in a <title> part the keywords repeat', () => {
    const html = doc(
      '<title>斗罗大陆_斗罗大陆最新章节列表_唐家三少 - 米趣小说网</title><meta name="keywords" content="斗罗大陆,唐家三少"><meta name="author" content="米趣小说网">',
      '<h1>斗罗大陆</h1>',
    );
    expect(read(html).author).toBe('唐家三少');
    const site = doc('<title>书名 - 书站</title><meta name="author" content="书站">', '<h1>书名</h1>');
    expect(read(site).author).toBeUndefined();
  });

  it('invents no author from "sorted by", "Author Notes", or a list of chapters after the word', () => {
    const html = doc(
      '<title>A Book</title>',
      '<h1>A Book</h1><p>Chapters sorted by date</p><p>Author Notes are shown at the end.</p>',
    );
    expect(read(html).author).toBeUndefined();
    const list = doc(
      '<title>A Book</title>',
      '<h1>A Book</h1><span>Writer</span><ol><li><a href="/c/30">Ch. 30</a></li><li><a href="/c/29">Ch. 29</a></li></ol>',
    );
    expect(read(list).author).toBeUndefined();
  });
});
