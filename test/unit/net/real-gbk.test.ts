// Decoding on real bytes: real Chinese pages (../shared/real-pages, stored as UTF-8) encoded back
// to the GBK their sites serve, then read through the page's own <meta charset> and through a
// header that lies about the charset. The reader must get exactly the text of the original.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { genericReader } from '../../../lib/generic-reader';
import { decodeHtml } from '../../../lib/net/charset';
import { loadRealPages, type ChapterExpectation, type RealPage } from '../../real/pages';

const pages = loadRealPages();
const page = (id: string): RealPage => pages.find((p) => p.id === id)!;

describe('real GBK pages', () => {
  const chapter = page('wenku8-chapter') as RealPage & { expected: ChapterExpectation };
  const bytes = new Uint8Array(iconv.encode(chapter.html, 'gbk'));

  it('are GBK on the wire, declared only in their <meta>', () => {
    expect(chapter.html).toMatch(/<meta[^>]+charset=gbk/i);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(chapter.html, 'utf-8'));
    expect(new TextDecoder('utf-8').decode(bytes)).not.toBe(chapter.html);
  });

  it.each([
    ["the page's <meta charset> alone", 'text/html'],
    ['a header that says utf-8', 'text/html; charset=utf-8'],
    ['a header that says iso-8859-1', 'text/html; charset=iso-8859-1'],
  ])('decode to the original text through %s', (_, contentType) => {
    const html = decodeHtml(bytes, { contentType });
    expect(html).toBe(chapter.html);
    const read = genericReader.parseChapterPage(html, chapter.url, chapter.expected.title);
    expect(read.text).toBe(genericReader.parseChapterPage(chapter.html, chapter.url, chapter.expected.title).text);
    expect(read.text.split('\n').slice(0, 3)).toEqual(chapter.expected.lines.slice(0, 3));
  });

  it("give a book page's title, author and chapters through a lying header", () => {
    const book = page('zhaishuyuan-book');
    const html = decodeHtml(new Uint8Array(iconv.encode(book.html, 'gbk')), {
      contentType: 'text/html; charset=utf-8',
    });
    expect(genericReader.parseBook(html, book.url)).toMatchObject({ title: '武谪仙', author: '流浪的蛤蟆' });
    expect(genericReader.parseTocPage(html, book.url).chapters.map((c) => c.title)).toContain('五十三、云变');
  });
});
