import { describe, expect, it } from 'vitest';
import type { TocEntry } from '../../../lib/book-pages';
import { chapterTitleKey, chapterUrlKey, matchChapters, type KnownChapter } from '../../../lib/follow/match-chapters';

const site = 'https://novels.example/book/7/';
const entry = (n: number, page = n): TocEntry => ({ title: `第${n}章 标题${n}`, url: `${site}${page}.html` });
const entries = (from: number, to: number, page = (n: number) => n): TocEntry[] =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i, page(from + i)));

describe('matchChapters', () => {
  it('finds exactly the chapters the site added at the end, by address', () => {
    const match = matchChapters(entries(1, 20), entries(1, 23));
    expect(match.added).toEqual([20, 21, 22]);
    expect(match.chapters.slice(20).map((c) => c.entry)).toEqual(entries(21, 23));
    expect(match.chapters.slice(0, 20).map((c) => c.known)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(match).toMatchObject({ removed: [], byTitle: 0, appended: true });
  });

  it('finds nothing new when the site lists the same chapters, whatever the scheme or #fragment', () => {
    const fresh = entries(1, 5).map((e) => ({ ...e, url: `${e.url.replace('https:', 'http:')}#top` }));
    const match = matchChapters(entries(1, 5), fresh);
    expect(match.added).toEqual([]);
    expect(match.chapters.map((c) => c.known)).toEqual([0, 1, 2, 3, 4]);
  });

  it('finds chapters a site moved to new addresses by their titles and adds no duplicates', () => {
    const renumbered = entries(1, 7, (n) => 1000 + n);
    const match = matchChapters(entries(1, 5), renumbered);
    expect(match.added).toEqual([5, 6]);
    expect(match.byTitle).toBe(5);
    expect(match.chapters).toHaveLength(7);
    // The moved chapters take their new address, so the next check finds them by address.
    expect(match.chapters[0]).toEqual({ entry: entry(1, 1001), known: 0 });
    expect(
      matchChapters(
        match.chapters.map((c) => c.entry),
        renumbered,
      ),
    ).toMatchObject({ added: [], byTitle: 0 });
  });

  it('keeps a chapter the site removed where it was', () => {
    const fresh = [...entries(1, 2), ...entries(4, 6)];
    const match = matchChapters(entries(1, 5), fresh);
    expect(match.removed).toEqual([2]);
    expect(match.chapters.map((c) => c.entry.title)).toEqual(entries(1, 6).map((e) => e.title));
    expect(match.added).toEqual([5]);
  });

  it('places a chapter inserted mid-book after the one the site lists before it, and says so', () => {
    const fresh = [entry(1), entry(2), { title: '番外 一', url: `${site}x1.html` }, entry(3)];
    const match = matchChapters(entries(1, 3), fresh);
    expect(match.added).toEqual([2]);
    expect(match.appended).toBe(false);
    expect(match.chapters.map((c) => c.known)).toEqual([0, 1, undefined, 2]);
    const first = matchChapters(entries(1, 1), [{ title: '序章', url: `${site}0.html` }, entry(1)]);
    expect(first.chapters.map((c) => c.entry.title)).toEqual(['序章', entry(1).title]);
  });

  it('lists an address the contents repeats once', () => {
    const match = matchChapters(entries(1, 2), [entry(3), ...entries(1, 3)]);
    expect(match.chapters.map((c) => c.entry.url)).toEqual(entries(1, 3).map((e) => e.url));
    expect(match.added).toEqual([2]);
  });

  it('pairs repeated titles one to one, in order, and a new chapter with an old title is new', () => {
    const known: KnownChapter[] = [{ title: '请假条' }, { title: '第1章' }, { title: '请假条' }];
    const fresh = [
      { title: '请假条', url: `${site}a.html` },
      { title: '第1章', url: `${site}b.html` },
      { title: '请假条', url: `${site}c.html` },
      { title: '请假条', url: `${site}d.html` },
    ];
    const match = matchChapters(known, fresh);
    expect(match.chapters.map((c) => [c.entry.url.slice(-6), c.known])).toEqual([
      ['a.html', 0],
      ['b.html', 1],
      ['c.html', 2],
      ['d.html', undefined],
    ]);
    expect(match.added).toEqual([3]);
  });

  it('reads a file that recorded no addresses by title only, ignoring punctuation, width and spaces', () => {
    const known: KnownChapter[] = [{ title: '第１章：标题1' }, { title: 'Chapter  Two' }];
    const fresh = [entry(1), { title: 'chapter two', url: `${site}2.html` }, entry(3)];
    expect(matchChapters(known, fresh)).toMatchObject({ added: [2], byTitle: 2, removed: [] });
  });

  it('does not pair a chapter found by address with another by title', () => {
    // Known 1 is still at its address; the fresh chapter titled like it at another address is new.
    const known = [entry(1)];
    const match = matchChapters(known, [entry(1), { title: entry(1).title, url: `${site}9.html` }]);
    expect(match.added).toEqual([1]);
  });
});

describe('keys', () => {
  it('make the same address and the same title equal', () => {
    expect(chapterUrlKey('https://a.example/1.html#p2')).toBe(chapterUrlKey(' http://a.example/1.html'));
    expect(chapterTitleKey('第１章 · 月下读书')).toBe(chapterTitleKey('第1章月下读书'));
    expect(chapterTitleKey('Chapter 1')).not.toBe(chapterTitleKey('Chapter 11'));
  });
});
