import { describe, expect, it } from 'vitest';
import { chapterNumber, cjkNumber, isChapterTitle } from '../../../lib/generic-reader/chapter-title';
import { isNavText } from '../../../lib/generic-reader/nav-text';

describe('isChapterTitle', () => {
  it.each([
    '第1章 初到小镇', '第十二章 江边夜话', '第一百零五回 大结局', '第3节', '第２章 全角数字',
    'Chapter 1: Leaving Port', 'Ch. 12 The Reef', 'chapter twenty: Home', 'Episode 4', 'Vol. II: The End',
    '1 初到小镇', '001. The Start', '12、风起', '序章 山雨欲来', '楔子', 'Prologue', 'Epilogue: After',
  ])('reads %s as a chapter', (text) => {
    expect(isChapterTitle(text)).toBe(true);
  });

  it.each([
    '12', '2024-05-01 A post', '2024/05 archive', 'Home', '下一章', '上一页', 'Book review: a novel', '演示之书',
    'My spring reading list', 'chapters are fun', '',
  ])('does not read %j as a chapter', (text) => {
    expect(isChapterTitle(text)).toBe(false);
  });
});

describe('chapter numbers', () => {
  it('reads Chinese and Arabic numerals', () => {
    expect(cjkNumber('十二')).toBe(12);
    expect(cjkNumber('一百零五')).toBe(105);
    expect(cjkNumber('一〇五')).toBe(105);
    expect(cjkNumber('两万三千')).toBe(23000);
    expect(cjkNumber('１２')).toBe(12);
    expect(cjkNumber('abc')).toBeUndefined();
  });

  it('finds the number a title states', () => {
    expect(chapterNumber('第二十一章 风起')).toBe(21);
    expect(chapterNumber('Chapter 7: Ashore')).toBe(7);
    expect(chapterNumber('003. Title')).toBe(3);
    expect(chapterNumber('序章 山雨欲来')).toBeUndefined();
  });
});

describe('isNavText', () => {
  it.each(['上一章 ← 章节目录 → 下一章', 'Previous Chapter | Index | Next Chapter', '返回目录', 'Next »', '目录'])('reads %s as navigation', (text) => {
    expect(isNavText(text)).toBe(true);
  });

  it.each(['第1章 上一章的故事', 'The next morning she left.', '“下一章见。”他说。'])('keeps %s', (text) => {
    expect(isNavText(text)).toBe(false);
  });
});
