// A chapter page's text as a reader sees it, and where the same chapter continues: each pattern
// on a small page of our own.
import { describe, expect, it } from 'vitest';
import { genericReader } from '../../../lib/generic-reader';

const { parseChapterPage } = genericReader;
const paragraphs = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<p>Paragraph ${i + 1} of the chapter, long enough to be prose and not a link.</p>`,
  ).join('');

describe('text the page hides is left out', () => {
  it("leaves out a paragraph a class in the page's own <style> hides", () => {
    const html = `<html><head><style><![CDATA[ .cmX1{ display: none; speak: never; } ]]></style></head><body><h1>Chapter 3</h1>
      <div class="chapter-content">${paragraphs(3)}<p class="cmX1">This tale has been unlawfully lifted.</p>${paragraphs(2)}</div></body></html>`;
    const chapter = parseChapterPage(html, 'https://x.example/c/3', 'Chapter 3');
    expect(chapter.text).not.toContain('unlawfully');
    expect(chapter.text.split('\n')).toHaveLength(5);
  });

  it('leaves out headings kept for screen readers, inline-hidden text and [hidden]', () => {
    const html = `<html><body><div class="userstuff"><h3 class="landmark heading">Chapter Text</h3><span class="sr-only">Skip</span>
      ${paragraphs(3)}<p style="display: none">Secret line</p><p hidden>Also hidden</p></div></body></html>`;
    const text = parseChapterPage(html, 'https://x.example/c/1', 'Chapter 1').text;
    expect(text).not.toMatch(/Chapter Text|Skip|Secret|Also hidden/);
    expect(text.split('\n')).toHaveLength(3);
  });
});

describe('a chapter split over pages', () => {
  const chapter = (
    nav: string,
    mark = '',
  ) => `<html><head><title>第一章 剧本不对${mark}_书名</title></head><body><p class="nav">${nav}</p>
    <div id="content">第一段，很长很长的一段文字。<br><br>第二段，也很长很长的一段文字。${mark ? `<p>第一章 剧本不对${mark},点击下一页继续阅读。</p>` : ''}</div><p>${nav}</p></body></html>`;

  it('follows a link labelled 下一章 when the page says (1/2)', () => {
    const html = chapter('<a href="/81/">目录</a><a href="/81/265141_2.html">下一章</a>', '(1/2)');
    expect(parseChapterPage(html, 'https://m.x.example/81/265141.html', '第一章 剧本不对').next).toBe(
      'https://m.x.example/81/265141_2.html',
    );
  });

  it('follows it too when the address alone says page 2, and stops on the last page', () => {
    const page1 = chapter('<a href="/81/265141_2.html">下一章</a>');
    expect(parseChapterPage(page1, 'https://m.x.example/81/265141.html', '第一章').next).toBe(
      'https://m.x.example/81/265141_2.html',
    );
    const last = chapter('<a href="/81/265141_3.html">下一页</a>', '(2/2)');
    expect(parseChapterPage(last, 'https://m.x.example/81/265141_2.html', '第一章').next).toBeUndefined();
  });

  it('does not take the next chapter for page 2, whatever its link says', () => {
    const html = chapter('<a href="/2835/113355.htm">下一页</a>');
    expect(parseChapterPage(html, 'https://x.example/2835/113354.htm', '1章').next).toBeUndefined();
    const en = `<html><body><h1>Chapter 1</h1><div>${paragraphs(3)}</div><a href="/novel/x/chapter-2">Next</a></body></html>`;
    expect(parseChapterPage(en, 'https://x.example/novel/x/chapter-1', 'Chapter 1').next).toBeUndefined();
  });
});
