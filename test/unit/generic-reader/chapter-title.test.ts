import { describe, expect, it } from 'vitest';
import {
  chapterNumber,
  cjkNumber,
  isChapterTitle,
  isDateText,
  isNotChapterName,
  isNumberOnlyTitle,
  isVolumeTitle,
  withoutTrailingDate,
} from '../../../lib/generic-reader/chapter-title';
import { isNavText } from '../../../lib/generic-reader/nav-text';

describe('isChapterTitle', () => {
  it.each([
    '第1章 初到小镇',
    '第十二章 江边夜话',
    '第一百零五回 大结局',
    '第3节',
    '第２章 全角数字',
    'Chapter 1: Leaving Port',
    'Ch. 12 The Reef',
    'chapter twenty: Home',
    'Episode 4',
    'Vol. II: The End',
    '1 初到小镇',
    '001. The Start',
    '12、风起',
    '序章 山雨欲来',
    '楔子',
    'Prologue',
    'Epilogue: After',
  ])('reads %s as a chapter', (text) => {
    expect(isChapterTitle(text)).toBe(true);
  });

  it.each([
    '12',
    '2024-05-01 A post',
    '2024/05 archive',
    'Home',
    '下一章',
    '上一页',
    'Book review: a novel',
    '演示之书',
    'My spring reading list',
    'chapters are fun',
    '',
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
  it.each(['上一章 ← 章节目录 → 下一章', 'Previous Chapter | Index | Next Chapter', '返回目录', 'Next »', '目录'])(
    'reads %s as navigation',
    (text) => {
      expect(isNavText(text)).toBe(true);
    },
  );

  it.each(['第1章 上一章的故事', 'The next morning she left.', '“下一章见。”他说。'])('keeps %s', (text) => {
    expect(isNavText(text)).toBe(false);
  });
});

describe('chapter names sites use beyond 第N章', () => {
  it.each([
    '1章 流放厨师',
    '12話 旅立ち',
    '五十三、云变',
    '四十二．武神之上',
    'c196',
    'c12 part 2',
    'v2c15',
    'Chương 1 Đá Vận Khí',
    'Capítulo 3: La Huida',
    'Chapitre 4',
    'Глава 7',
    '제3화 시작',
    'Vol 1 Chapter 1-1',
    '插图',
    '作品相关',
  ])('reads %s as a chapter', (text) => {
    expect(isChapterTitle(text) || isVolumeTitle(text)).toBe(true);
  });

  it.each([
    '0 reviews',
    '12 comments',
    '1.2k views',
    '0 Threads',
    '1 Fictions',
    '22 days ago',
    '3天前',
    'Aug 29,2018',
    '2024-05-01',
    '07/17/16',
    'yesterday',
  ])('does not read the count or date %j as a chapter', (text) => {
    expect(isChapterTitle(text)).toBe(false);
    expect(isNotChapterName(text)).toBe(true);
  });

  it('numbers them', () => {
    expect(chapterNumber('1章 流放厨师')).toBe(1);
    expect(chapterNumber('五十三、云变')).toBe(53);
    expect(chapterNumber('c196')).toBe(196);
    expect(chapterNumber('Chương 12 Tên')).toBe(12);
    expect(chapterNumber('第四十集 大战初始 第二百七十四章 天斗大军')).toBe(274);
    expect(chapterNumber('22 days ago')).toBeUndefined();
  });

  it('tells a volume heading, and a link naming only the number', () => {
    expect(isVolumeTitle('第一卷 被放逐的厨师')).toBe(true);
    expect(isVolumeTitle('Volume 2: Alien Massacre')).toBe(true);
    expect(isVolumeTitle('第一章 开始')).toBe(false);
    expect(isNumberOnlyTitle('Chương 1')).toBe(true);
    expect(isNumberOnlyTitle('Chapter 12:')).toBe(true);
    expect(isNumberOnlyTitle('Chapter 12: Home')).toBe(false);
  });

  it('takes the release date off a link text, but not a chapter number that looks like one', () => {
    expect(withoutTrailingDate('五十三、云变 - 11-12')).toBe('五十三、云变');
    expect(withoutTrailingDate('1 Young Zhao Feng Aug 29,2018')).toBe('1 Young Zhao Feng');
    expect(withoutTrailingDate('Chapter 3 (2024-05-01)')).toBe('Chapter 3');
    expect(withoutTrailingDate('Vol 1 Chapter 1-1')).toBe('Vol 1 Chapter 1-1');
    expect(withoutTrailingDate('Chapter 1.5')).toBe('Chapter 1.5');
    expect(isDateText('2025/01/13 20:00')).toBe(true);
  });
});
