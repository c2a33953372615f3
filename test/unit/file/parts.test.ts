import { describe, expect, it } from 'vitest';
import type { TocEntry } from '../../../lib/book-pages';
import { bookFileName } from '../../../lib/file/file-name';
import { isWholeBook, planParts } from '../../../lib/file/parts';

const entries = (count: number, volume?: (n: number) => string | undefined): TocEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    title: `第${i + 1}章`,
    url: `https://a.example/${i + 1}.html`,
    ...(volume?.(i + 1) ? { volume: volume(i + 1) } : {}),
  }));

describe('planParts', () => {
  it('makes one file unless asked to split', () => {
    expect(planParts(entries(802), 'none', 100)).toEqual({ parts: [{ from: 1, to: 802 }] });
  });

  it('makes a file every N chapters, the last one shorter', () => {
    expect(planParts(entries(802), 'chapters', 400).parts).toEqual([
      { from: 1, to: 400 },
      { from: 401, to: 800 },
      { from: 801, to: 802 },
    ]);
    expect(planParts(entries(30), 'chapters', 100).parts).toEqual([{ from: 1, to: 30 }]);
  });

  it('makes a file per volume, with a prologue before the first volume on its own', () => {
    const volume = (n: number) => (n <= 1 ? undefined : n <= 4 ? '第一卷 山门' : '第二卷 下山');
    expect(planParts(entries(6, volume), 'volume', 100).parts).toEqual([
      { from: 1, to: 1 },
      { from: 2, to: 4, volume: '第一卷 山门' },
      { from: 5, to: 6, volume: '第二卷 下山' },
    ]);
  });

  it('says so when the contents have no volumes to split by', () => {
    expect(planParts(entries(5), 'volume', 100)).toEqual({
      parts: [{ from: 1, to: 5 }],
      note: expect.stringMatching(/no volumes, so the book is one file/),
    });
  });

  it('knows a part that is the whole book', () => {
    expect(isWholeBook({ from: 1, to: 5 }, 5)).toBe(true);
    expect(isWholeBook({ from: 4, to: 5 }, 5)).toBe(false);
  });
});

describe('part file names', () => {
  it('name their chapters after the title and author', () => {
    expect(bookFileName('Title', 'Author', 'epub', { from: 801, to: 802 })).toBe('Title - Author (801-802).epub');
    expect(bookFileName('演示之书', '', 'txt', { from: 1, to: 100 })).toBe('演示之书 (1-100).txt');
  });

  it('keep the range when a long title is cut', () => {
    const name = bookFileName('长'.repeat(300), '作者', 'epub', { from: 9001, to: 9100 });
    expect(name.endsWith(' (9001-9100).epub')).toBe(true);
  });
});
