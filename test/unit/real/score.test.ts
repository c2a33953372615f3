// How `npm run test:real` judges a reading against a real page's expectations.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRealPages, RealPagesMissing, type ChapterExpectation, type TocExpectation } from '../../real/pages';
import { scoreChapter, scoreToc, tokenF1 } from '../../real/score';

const entry = (n: number) => ({ title: `Chapter ${n}`, url: `https://x.example/c/${n}` });
const expected: TocExpectation = {
  kind: 'toc',
  title: 'Book',
  author: 'Ann',
  chapters: [1, 2, 3].map(entry),
  optional: [entry(9)],
  tocComplete: true,
  next: null,
};
const reading = { title: 'Book', author: 'Ann', chapters: [1, 2, 3].map(entry), pages: [] };

describe('scoring a table of contents', () => {
  it('passes the right list, with an optional chapter or without it', () => {
    expect(scoreToc(expected, reading)).toEqual({ pass: true, summary: '3/3 chapters, in order', problems: [] });
    expect(scoreToc(expected, { ...reading, chapters: [entry(9), ...reading.chapters] }).pass).toBe(true);
  });

  it('names each thing wrong: reversed, missing, extra, duplicated, misnamed, title, author, next page', () => {
    const verdict = scoreToc(expected, {
      title: 'Book - Site',
      author: 'Site',
      chapters: [
        { title: '22 days ago', url: entry(3).url },
        entry(2),
        entry(2),
        { title: '0 reviews', url: 'https://x.example/r' },
      ],
      pages: [],
      next: 'https://x.example/?p=2',
    });
    expect(verdict.pass).toBe(false);
    expect(verdict.problems).toEqual([
      '1 missing (first «Chapter 1»)',
      '1 not chapters (first «0 reviews»)',
      '1 duplicates',
      'order wrong 1× (reversed)',
      '1 misnamed («22 days ago» for «Chapter 3»)',
      'title «Book - Site»',
      'author «Site»',
      'a next page https://x.example/?p=2 that is not one',
    ]);
  });

  it('wants the link to the whole list when the page holds only part of it', () => {
    const partial = { ...expected, tocComplete: false };
    expect(scoreToc(partial, reading).problems).toEqual(['the link to the whole list was not reported']);
    expect(scoreToc(partial, { ...reading, tocUrl: 'https://x.example/list' }).pass).toBe(true);
  });
});

describe('scoring a chapter', () => {
  const chapter: ChapterExpectation = {
    kind: 'chapter',
    title: '第1章',
    lines: ['第一段文字。', 'Second line here.'],
    optionalLines: ['作者的话'],
    mustNotContain: ['下一章'],
    next: null,
  };

  it('counts words of Latin script and characters of Chinese as tokens', () => {
    expect(tokenF1('第一段 Second line', '第一段 second line')).toBe(1);
    expect(tokenF1('abcd', 'efgh')).toBe(0);
  });

  it('passes the same text with an optional line, and fails leaked navigation or a wrong next page', () => {
    expect(scoreChapter(chapter, { title: '第1章', text: '第一段文字。\nSecond line here.\n作者的话' }).pass).toBe(
      true,
    );
    const bad = scoreChapter(chapter, {
      title: '第1章',
      text: '第一段文字。\nSecond line here.\n下一章',
      next: 'https://x.example/2',
    });
    expect(bad.pass).toBe(false);
    expect(bad.problems).toEqual(
      expect.arrayContaining(['leaked «下一章»', 'next page https://x.example/2, expected none']),
    );
  });
});

describe('the real pages', () => {
  it('say clearly where they should be when they are not there', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-real-pages-'));
    expect(() => loadRealPages(empty)).toThrow(RealPagesMissing);
    expect(() => loadRealPages(empty)).toThrow(
      /The saved real pages are not here: .* has no manifest\.json\. They live in the shared folder beside the project \(\.\.\/shared\/real-pages\)/,
    );
  });
});
