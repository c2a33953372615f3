import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AD_LINE,
  AD_LINE_EN,
  bookInfo,
  chapterParagraphs,
  chapterTitle,
  encodeGbk,
  startDemoSite,
  type DemoSite,
} from '../../fixtures/site';
import { GBK_CHARS } from '../../fixtures/site/gbk-table';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site.close();
});

async function get(path: string): Promise<{ status: number; type: string; bytes: Buffer; text: string }> {
  const res = await fetch(site.origin + path, { redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes, text: bytes.toString('utf-8') };
}

/** The chapter content as a reader sees it: one trimmed paragraph per `<br>`/`<p>` block. */
function contentLines(html: string): string[] {
  const $ = load(html);
  const content = $('#content');
  content.find('br').replaceWith('\n');
  content.find('p').each((_, p) => {
    $(p).replaceWith(`${$(p).text()}\n`);
  });
  return content
    .text()
    .split('\n')
    .map((line) => line.replace(/\u00a0/g, ' ').trim())
    .filter(Boolean);
}

describe('demo site', () => {
  it('binds to 127.0.0.1 on a random port', () => {
    expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves book 1 in the biquge layout', async () => {
    const page = await get('/book/1/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    const $ = load(page.text);
    const book = bookInfo('1');
    expect(book).toMatchObject({ title: '演示之书', author: '示例作者', chapterCount: 12 });
    expect($('#info h1').text()).toBe('演示之书');
    expect($('#info p').first().text()).toBe('作者：示例作者');
    expect($('#intro').text().trim()).toBe(book.intro);
    expect($('img.cover').attr('src')).toBe('/cover/1.png');

    const dl = $('#list dl').children().toArray();
    expect(dl.map((el) => (el as { tagName: string }).tagName).filter((t) => t === 'dt')).toHaveLength(2);
    expect($(dl[0]).text()).toBe('最新章节');
    expect($(dl[4]).is('dt')).toBe(true);
    expect($(dl[4]).text()).toBe('正文');
    const latest = dl.slice(1, 4).map((el) => $(el).find('a').attr('href'));
    expect(latest).toEqual(['/book/1/12.html', '/book/1/11.html', '/book/1/10.html']);
    const all = dl.slice(5).map((el) => [$(el).find('a').attr('href'), $(el).text()]);
    expect(all).toHaveLength(12);
    all.forEach(([href, text], i) => {
      expect(href).toBe(`/book/1/${i + 1}.html`);
      expect(text).toBe(chapterTitle('1', i + 1));
      expect(text).toMatch(new RegExp(`^第${i + 1}章 \\S+$`));
    });
    // `#list dd a` sees the latest block and then the full list
    expect($('#list dd a')).toHaveLength(15);
  });

  it('serves chapters whose clean text is chapterParagraphs, with one ad line and noise around', async () => {
    for (const n of [1, 2, 12]) {
      const page = await get(`/book/1/${n}.html`);
      expect(page.status).toBe(200);
      const $ = load(page.text);
      expect($('h1')).toHaveLength(1);
      expect($('h1').text()).toBe(chapterTitle('1', n));
      expect(page.text).toContain('<div id="content">&nbsp;&nbsp;&nbsp;&nbsp;');
      expect($('script').length).toBeGreaterThan(0);
      expect($('a:contains("下一章")').length).toBeGreaterThan(0);
      const lines = contentLines(page.text);
      expect(lines.filter((l) => l === AD_LINE)).toHaveLength(1);
      expect(lines.filter((l) => l !== AD_LINE)).toEqual(chapterParagraphs('1', n));
    }
    expect((await get('/book/1/13.html')).status).toBe(404);
    expect((await get('/book/nope/')).status).toBe(404);
  });

  it('is deterministic', () => {
    expect(chapterParagraphs('1', 3)).toEqual(chapterParagraphs('1', 3));
    expect(chapterParagraphs('1', 3)).not.toEqual(chapterParagraphs('1', 4));
    expect(chapterParagraphs('1', 3).length).toBeGreaterThanOrEqual(4);
    expect(() => bookInfo('nope')).toThrow(/no book/);
    expect(() => chapterParagraphs('1', 13)).toThrow(/1\.\.12/);
  });

  it('serves a valid PNG cover', async () => {
    const png = await get('/cover/1.png');
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.bytes.readUInt32BE(16)).toBe(120);
    expect((await get('/cover/3.png')).status).toBe(404);
  });

  it('serves book 2 as GBK bytes with charset=gbk in the header', async () => {
    const page = await get('/book/2/');
    expect(page.type).toBe('text/html; charset=gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(page.bytes)).toThrow();
    const html = new TextDecoder('gbk').decode(page.bytes);
    expect(bookInfo('2')).toMatchObject({ title: '青云旧事', author: '白云居士', chapterCount: 8, encoding: 'gbk' });
    const $ = load(html);
    expect($('#info h1').text()).toBe('青云旧事');
    expect($('#info p').first().text()).toBe('作者：白云居士');
    expect($('#list dd a')).toHaveLength(3 + 8);

    const chapter = await get('/book/2/8.html');
    const text = new TextDecoder('gbk').decode(chapter.bytes);
    expect(load(text)('h1').text()).toBe(chapterTitle('2', 8));
    expect(contentLines(text).filter((l) => l !== AD_LINE)).toEqual(chapterParagraphs('2', 8));
  });

  it('serves book 3 as GBK with the charset only in a <meta>, linking chapters relatively', async () => {
    const page = await get('/book/3/');
    expect(page.type).toBe('text/html');
    const html = new TextDecoder('gbk').decode(page.bytes);
    expect(html).toContain('<meta http-equiv="Content-Type" content="text/html; charset=gbk">');
    const $ = load(html);
    expect($('#info h1').text()).toBe(bookInfo('3').title);
    expect($('#list dd a').last().attr('href')).toBe('5.html');
    const chapter = await get('/book/3/5.html');
    expect(chapter.type).toBe('text/html');
    const text = new TextDecoder('gbk').decode(chapter.bytes);
    expect(contentLines(text).filter((l) => l !== AD_LINE)).toEqual(chapterParagraphs('3', 5));
  });

  it('has a GBK table whose every entry round-trips through TextDecoder("gbk")', () => {
    const chars = [...GBK_CHARS];
    expect(chars.length).toBeGreaterThan(100);
    const decoded = new TextDecoder('gbk').decode(encodeGbk(chars.join('') + 'abc<>'));
    expect(decoded).toBe(chars.join('') + 'abc<>');
    expect(() => encodeGbk('龘')).toThrow(/GBK table has no/);
  });

  it('serves the English book with <p> paragraphs', async () => {
    const page = await get('/book/en/');
    const $ = load(page.text);
    expect($('#info h1').text()).toBe('The Demo Voyage');
    expect($('#info p').first().text()).toBe('Author: A. Writer');
    expect($('html').attr('lang')).toBe('en');
    const chapter = await get('/book/en/6.html');
    const c = load(chapter.text);
    expect(c('h1').text()).toBe('Chapter 6: Homeward');
    expect(c('#content p').length).toBe(chapterParagraphs('en', 6).length + 1);
    expect(contentLines(chapter.text).filter((l) => l !== AD_LINE_EN)).toEqual(chapterParagraphs('en', 6));
  });

  it('generates gen-<N> books of any size', async () => {
    const page = await get('/book/gen-1000/');
    const $ = load(page.text);
    expect($('#list dd a')).toHaveLength(1003);
    expect($('#list dd a').last().attr('href')).toBe('/book/gen-1000/1000.html');
    expect(bookInfo('gen-1000').chapterCount).toBe(1000);
    const chapter = await get('/book/gen-1000/1000.html');
    expect(contentLines(chapter.text).filter((l) => l !== AD_LINE)).toEqual(chapterParagraphs('gen-1000', 1000));
    expect(load((await get('/book/gen-1/')).text)('#list dd a')).toHaveLength(2);
    expect((await get('/book/gen-1000/1001.html')).status).toBe(404);
    expect((await get('/book/gen-0/')).status).toBe(404);
  });

  it('redirects /book/<id> to /book/<id>/ and links books from the index', async () => {
    const moved = await get('/book/1');
    expect(moved.status).toBe(301);
    const index = await get('/');
    expect(load(index.text)('a[href="/book/2/"]').text()).toBe('青云旧事');
  });
});
