// The demo site's split book s1 (test/fixtures/site/split.ts): a GBK book whose table of
// contents spans three pages and whose chapters span two or three pages each.
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AD_LINE,
  SPLIT_END_MARK,
  SPLIT_TOC_PAGES,
  SPLIT_UNFINISHED_LINE,
  bookInfo,
  bookUrl,
  chapterParagraphs,
  chapterTitle,
  chapterUrl,
  splitBookPaths,
  splitChapterHeading,
  splitChapterParts,
  splitChapterPath,
  splitPartCount,
  splitTocChapters,
  splitTocPath,
  startDemoSite,
  type DemoSite,
} from '../../fixtures/site';
import { expectedTxtLines } from '../../fixtures/expected-txt';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site.close();
});

async function get(path: string): Promise<{ status: number; type: string; bytes: Buffer; html: string }> {
  const res = await fetch(site.origin + path, { redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes,
    html: new TextDecoder('gbk').decode(bytes),
  };
}

/** `#content` as raw lines: one per `<br>`-separated paragraph, `&nbsp;` indents trimmed, invisible characters kept. */
function rawLines(html: string): string[] {
  const $ = load(html);
  const content = $('#content');
  content.find('br').replaceWith('\n');
  return content
    .text()
    .split('\n')
    .map((line) => line.replace(/^\u00a0+/, '').trim())
    .filter(Boolean);
}

const book = bookInfo('s1');

describe('split book s1', () => {
  it('is a 25-chapter GBK book under /split/s1/, not under /book/', async () => {
    expect(book).toMatchObject({
      title: '山城旧梦',
      author: '落叶先生',
      chapterCount: 25,
      encoding: 'gbk',
      layout: 'split',
    });
    expect(bookUrl('http://x', 's1')).toBe('http://x/split/s1/');
    expect(chapterUrl('http://x', 's1', 3)).toBe('http://x/split/s1/3.html');
    expect(bookUrl('http://x', '1')).toBe('http://x/book/1/');
    for (const path of ['/book/s1/', '/book/s1/1.html', '/book/s1', '/split/1/', '/split/1/1.html'])
      expect((await get(path)).status, path).toBe(404);
    const moved = await get('/split/s1');
    expect(moved.status).toBe(301);
    const index = load((await get('/')).bytes.toString('utf8'));
    expect(index('a[href="/split/s1/"]').text()).toBe('山城旧梦');
  });

  it('serves its table of contents over three pages with charset=gbk in the header', async () => {
    const listed: number[] = [];
    for (let page = 1; page <= SPLIT_TOC_PAGES; page++) {
      const answer = await get(splitTocPath('s1', page));
      expect(answer.status).toBe(200);
      expect(answer.type).toBe('text/html; charset=gbk');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(answer.bytes)).toThrow();
      const $ = load(answer.html);
      expect($('#info h1').text()).toBe('山城旧梦');
      expect($('#info p').first().text()).toBe('作者：落叶先生');
      expect($('#intro').text().trim()).toBe(book.intro);
      expect(
        $('select.pages option')
          .map((_, o) => $(o).attr('value'))
          .get(),
      ).toEqual(['/split/s1/', '/split/s1/index_2.html', '/split/s1/index_3.html']);
      expect($('select.pages option[selected]').attr('value')).toBe(splitTocPath('s1', page));
      const links = $('#list dd a')
        .toArray()
        .map((a) => ({ href: $(a).attr('href')!, text: $(a).text() }));
      if (page === 1) {
        // The latest chapters, newest first, above the list; then the page's share of the list.
        expect($('#list dt').first().text()).toContain('最新章节');
        expect(links.slice(0, 3)).toEqual(
          [25, 24, 23].map((n) => ({ href: `/split/s1/${n}.html`, text: chapterTitle('s1', n) })),
        );
        links.splice(0, 3);
      }
      const share = splitTocChapters('s1', page);
      expect(links).toEqual(share.map((n) => ({ href: `${n}.html`, text: chapterTitle('s1', n) })));
      listed.push(...share);
    }
    expect(listed).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await get('/split/s1/index.html')).status).toBe(200);
    for (const path of ['/split/s1/index_1.html', '/split/s1/index_4.html'])
      expect((await get(path)).status, path).toBe(404);
  });

  it('splits every chapter over 2 or 3 pages whose paragraphs join to chapterParagraphs', () => {
    const counts = new Set<number>();
    for (let n = 1; n <= 25; n++) {
      const parts = splitChapterParts('s1', n);
      counts.add(parts.length);
      expect(parts).toHaveLength(splitPartCount('s1', n));
      expect(parts.every((p) => p.length > 0)).toBe(true);
      expect(parts.flat()).toEqual(chapterParagraphs('s1', n));
    }
    expect([...counts].sort()).toEqual([2, 3]);
    expect(splitChapterParts('s1', 7)).toEqual(splitChapterParts('s1', 7));
    const paths = splitBookPaths('s1');
    expect(paths.toc).toEqual(['/split/s1/', '/split/s1/index_2.html', '/split/s1/index_3.html']);
    expect(paths.chapters).toHaveLength(13 * 3 + 12 * 2);
    expect(paths.chapters.slice(0, 5)).toEqual([
      '/split/s1/1.html',
      '/split/s1/1_2.html',
      '/split/s1/1_3.html',
      '/split/s1/2.html',
      '/split/s1/2_2.html',
    ]);
    expect(expectedTxtLines('http://x', 's1').slice(0, 6)).toEqual([
      '山城旧梦',
      '落叶先生',
      'http://x/split/s1/',
      '',
      '第1章 风起之时',
      '',
    ]);
  });

  it.each([1, 2, 24, 25])(
    'serves the pages of chapter %i: GBK with the charset only in <meta>, page marks, noise, 下一页/下一章 links',
    async (n) => {
      const parts = splitChapterParts('s1', n);
      for (let part = 1; part <= parts.length; part++) {
        const last = part === parts.length;
        const answer = await get(splitChapterPath('s1', n, part));
        expect(answer.status).toBe(200);
        expect(answer.type).toBe('text/html');
        expect(answer.html).toContain('<meta charset="gbk">');
        const $ = load(answer.html);
        expect($('h1')).toHaveLength(1);
        expect($('h1').text()).toBe(splitChapterHeading('s1', n, part));
        expect($('h1').text()).toBe(`${chapterTitle('s1', n)}（${part}/${parts.length}）`);
        expect(answer.html).toContain('<div id="content">&nbsp;&nbsp;&nbsp;&nbsp;');
        expect(answer.html).toContain('<br><br>');

        const lines = rawLines(answer.html);
        // A zero-width space (written &#8203;, GBK has none) inside the page's first paragraph.
        expect(answer.html).toContain('&#8203;');
        const expected = [...parts[part - 1]!];
        expected[0] =
          expected[0]!.slice(0, Math.floor(expected[0]!.length / 2)) +
          '\u200b' +
          expected[0]!.slice(Math.floor(expected[0]!.length / 2));
        if (last) expected[expected.length - 1] += SPLIT_END_MARK;
        else expected.push(SPLIT_UNFINISHED_LINE);
        if (part === 1) expected.splice(n % 2 === 1 ? 0 : 1, 0, AD_LINE);
        expect(lines).toEqual(expected);

        const next = $('#next-page');
        expect(next).toHaveLength(1);
        const target = new URL(next.attr('href')!, site.origin + splitChapterPath('s1', n, part)).pathname;
        if (!last) {
          expect(next.text()).toBe('下一页');
          expect(target).toBe(splitChapterPath('s1', n, part + 1));
        } else if (n < 25) {
          expect(next.text()).toBe('下一章');
          expect(target).toBe(splitChapterPath('s1', n + 1, 1));
        } else {
          expect(next.text()).toBe('没有了');
          expect(target).toBe('/split/s1/');
        }
      }
      expect((await get(`/split/s1/${n}_${parts.length + 1}.html`)).status).toBe(404);
      expect((await get(`/split/s1/${n}_1.html`)).status).toBe(404);
    },
  );

  it('answers 404 past the last chapter', async () => {
    expect((await get('/split/s1/26.html')).status).toBe(404);
    expect((await get('/split/s1/0.html')).status).toBe(404);
  });
});
