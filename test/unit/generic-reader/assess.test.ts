// The generic reader's own view of a page: what it is, what it would download, how sure it is, why.
import { describe, expect, it } from 'vitest';
import { CONFIRM_BELOW } from '../../../lib/detect/limits';
import { assessPage } from '../../../lib/generic-reader/assess';
import { genericFixture } from '../../fixtures/generic';

const BOOK = 'https://novel.example/book/7/';
const list = (names: string[], ids: number[]) =>
  `<ul>${names.map((n, i) => `<li><a href="/book/7/${ids[i]}.html">${n}</a></li>`).join('')}</ul>`;
const page = (body: string) =>
  `<html><head><title>七星剑_作者名_书站</title></head><body><h1>七星剑</h1><p>作者：李四</p>${body}</body></html>`;
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}章 篇${i + 1}`);
const ids = (n: number, from = 1001, step = 1) => Array.from({ length: n }, (_, i) => from + i * step);

describe('assessPage', () => {
  it('is sure of a numbered list whose names and addresses agree', () => {
    const a = assessPage(page(list(numbered(12), ids(12))), BOOK);
    expect(a).toMatchObject({
      kind: 'toc',
      title: '七星剑',
      author: '李四',
      chapters: 12,
      order: 'asc',
      confidence: 1,
      doubts: [],
    });
    expect([a.first?.title, a.last?.title]).toEqual(['第1章 篇1', '第12章 篇12']);
    expect(a.reasons[0]).toBe('12 chapters listed, from «第1章 篇1» to «第12章 篇12».');
  });

  it('turns a newest-first list around when both signals say so, and says so', () => {
    const a = assessPage(page(list(numbered(12).reverse(), ids(12).reverse())), BOOK);
    expect(a).toMatchObject({ order: 'desc', confidence: 1, doubts: [] });
    expect(a.first?.title).toBe('第1章 篇1');
    expect(a.reasons.join(' ')).toMatch(/newest first .*turned around/);
  });

  it("doubts, below the popup's threshold, a list whose names and addresses disagree", () => {
    const a = assessPage(page(list(numbered(12), ids(12).reverse())), BOOK);
    expect(a.doubts).toEqual(['order-conflict']);
    expect(a.confidence).toBeLessThan(CONFIRM_BELOW);
    expect(a.reasons.join(' ')).toMatch(/disagree/);
  });

  it('doubts a list found by its layout alone, with unnumbered names', () => {
    const names = ['Dawn', 'Harbor', 'Storm', 'Island', 'Home'];
    const a = assessPage(page(`<div id="chapters">${list(names, [5, 9, 14, 20, 31])}</div>`), BOOK);
    expect(a.doubts).toContain('unnumbered');
    expect(a.confidence).toBeLessThan(CONFIRM_BELOW);
  });

  it('calls a page showing only the newest chapters a book, with the link to the whole list', () => {
    const html = page(
      `<a href="/read/7/">开始阅读</a><h2>最新章节</h2>${list(['五十三、云', '五十二、雨', '五十一、风'], [903, 902, 901])}`,
    );
    const a = assessPage(html, 'https://novel.example/book/7');
    expect(a).toMatchObject({ kind: 'book', tocUrl: 'https://novel.example/read/7/', doubts: ['latest-only'] });
    expect(a.confidence).toBeGreaterThanOrEqual(CONFIRM_BELOW);
  });

  it('calls a chapter page a chapter, with its table of contents', () => {
    const { html, url } = genericFixture('chapter-en.html');
    expect(assessPage(html, url)).toMatchObject({
      kind: 'chapter',
      tocUrl: 'https://lantern.example/novel/lantern-keeper',
    });
  });

  it('finds nothing of a book on a blog', () => {
    const { html, url } = genericFixture('blog.html');
    expect(assessPage(html, url)).toMatchObject({ kind: 'none', chapters: 0, confidence: 0 });
  });
});
