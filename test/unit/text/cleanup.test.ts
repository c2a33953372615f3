import { describe, expect, it } from 'vitest';
import type { SourceRule } from '../../../lib/contract';
import { cleanText, continuesPastPage, stripPageMark } from '../../../lib/text/cleanup';
import { parseChapterPage } from '../../../lib/rule-reader/parse';

describe('the cleanup every source gets', () => {
  it('drops zero-width and private-use characters but keeps the words', () => {
    expect(cleanText('林\u200b远\ue123来到\ufeff古城。')).toBe('林远来到古城。');
  });

  it('drops injected ad lines, "(本章完)" trailers and blank lines, keeping paragraphs in order', () => {
    const text = [
      '第一段。',
      '',
      '一秒记住【某某小说网】，最快更新！',
      '  第二段。（本章完）  ',
      'Visit example.com for the latest chapters',
      '第三段。',
    ].join('\n');
    expect(cleanText(text)).toBe('第一段。\n第二段。\n第三段。');
  });

  it('keeps a long story paragraph even when it mentions a phrase ads use', () => {
    const long = `他说：“${'这本书是免费阅读的，'.repeat(12)}”`;
    expect(cleanText(long)).toBe(long);
  });

  it('strips "(1/3)"-style page marks from the end of titles only', () => {
    expect(stripPageMark('第3章 江边夜话（1/3）')).toBe('第3章 江边夜话');
    expect(stripPageMark('第3章 江边夜话 (2/3)')).toBe('第3章 江边夜话');
    expect(stripPageMark('第3章 1/3的秘密')).toBe('第3章 1/3的秘密');
  });

  it('says a chapter goes on past a page marked "(k/n)" with k < n only', () => {
    expect(continuesPastPage('第3章 江边夜话（1/3）')).toBe(true);
    expect(continuesPastPage('第3章 江边夜话 (2/3)')).toBe(true);
    expect(continuesPastPage('第3章 江边夜话（3/3）')).toBe(false);
    expect(continuesPastPage('第3章 1/3的秘密')).toBe(false);
    expect(continuesPastPage('第3章 江边夜话')).toBe(false);
  });
});

describe('chapter continuation links', () => {
  const rule: SourceRule = {
    id: 't',
    name: 'T',
    enabled: true,
    matches: ['https://x.example/*'],
    book: { title: 'h1' },
    toc: { chapters: '#list a' },
    chapter: { title: 'h1', content: '#content', next: 'a.next@href' },
  };
  const page = (linkText: string, mark = '（1/2）') =>
    `<html><body><h1>第1章 开始${mark}</h1><div id="content">正文。</div><a class="next" href="/1_2.html">${linkText}</a></body></html>`;

  it('follows a link that reads 下一页', () => {
    const part = parseChapterPage(page('下一页'), 'https://x.example/1.html', rule, '第1章');
    expect(part.next).toBe('https://x.example/1_2.html');
    expect(part.title).toBe('第1章 开始');
  });

  it.each(['下一章', '没有了', 'Next Chapter'])(
    'stops at a link that reads %s on a page with no "(k/n)" mark or the last one',
    (text) => {
      for (const mark of ['', '（2/2）', ' (3/3)']) {
        expect(parseChapterPage(page(text, mark), 'https://x.example/1.html', rule, '第1章').next).toBeUndefined();
      }
    },
  );

  it('follows a link whatever it reads when the title says the chapter goes on, as "(1/2)" does', () => {
    for (const mark of ['（1/2）', '(2/3)', ' [1/3]']) {
      const part = parseChapterPage(page('下一章', mark), 'https://x.example/1.html', rule, '第1章');
      expect(part).toMatchObject({ title: '第1章 开始', next: 'https://x.example/1_2.html' });
    }
  });
});
