// Which chapters of a fresh read of a book's contents the book already holds. A chapter is the
// same chapter when it sits at the same address (the #fragment and http/https aside); where the
// site moved its chapters to new addresses (renumbered them), or where a file recorded no
// addresses at all, when it has the same title, matched in reading order so repeated titles
// pair up one to one. A chapter the site no longer lists stays in the book where it was.

import type { TocEntry } from '../book-pages';
import { withoutHash } from '../url';

/** A chapter the book holds: from the book's stored contents, or read from an EPUB (which may not record its address). */
export interface KnownChapter {
  title: string;
  url?: string;
}

/** One chapter of the book after the check, in reading order. */
export interface MergedChapter {
  /** Its entry as the site lists it now; a chapter the site removed keeps its old entry. */
  entry: TocEntry;
  /** Its index among the known chapters; absent for a chapter the book does not hold yet. */
  known?: number;
}

export interface ChapterMatch {
  chapters: MergedChapter[];
  /** Fresh chapters the book lacks, as indexes into `chapters`. */
  added: number[];
  /** Known chapters the site no longer lists (they stay in the book), as known indexes. */
  removed: number[];
  /** Known chapters found only by their title (the site moved them, or the file had no addresses). */
  byTitle: number;
  /** True when every added chapter comes after every known one: the known ones keep their indexes. */
  appended: boolean;
}

/** The address as the same document: no #fragment, either scheme. */
export function chapterUrlKey(url: string): string {
  return withoutHash(url.trim()).replace(/^https?:\/\//i, '');
}

/**
 * A title as the same title: compatibility forms folded (full-width digits and letters), case,
 * spaces, punctuation and invisible characters ignored, so "第1章：月下读书" is "第1章 月下读书".
 */
export function chapterTitleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s\u200b-\u200d\ufeff]+/gu, '');
}

export function matchChapters(known: readonly KnownChapter[], fresh: readonly TocEntry[]): ChapterMatch {
  const listed = uniqueByUrl(fresh);
  const match: Array<number | undefined> = new Array(listed.length);
  const taken = new Set<number>();

  const byUrl = new Map<string, number>();
  known.forEach((chapter, index) => {
    const key = chapter.url ? chapterUrlKey(chapter.url) : undefined;
    if (key && !byUrl.has(key)) byUrl.set(key, index);
  });
  listed.forEach((entry, i) => {
    const index = byUrl.get(chapterUrlKey(entry.url));
    if (index !== undefined && !taken.has(index)) {
      match[i] = index;
      taken.add(index);
    }
  });

  // Titles only pair chapters neither side could place by address, first with first.
  const byTitle = new Map<string, number[]>();
  known.forEach((chapter, index) => {
    if (taken.has(index)) return;
    const key = chapterTitleKey(chapter.title);
    if (key) byTitle.set(key, [...(byTitle.get(key) ?? []), index]);
  });
  let foundByTitle = 0;
  listed.forEach((entry, i) => {
    if (match[i] !== undefined) return;
    const index = byTitle.get(chapterTitleKey(entry.title))?.shift();
    if (index === undefined) return;
    match[i] = index;
    taken.add(index);
    foundByTitle += 1;
  });

  return {
    ...merge(known, listed, match),
    removed: known.map((_, index) => index).filter((index) => !taken.has(index)),
    byTitle: foundByTitle,
  };
}

/**
 * A contents that lists one address twice (a "latest" block above the full list) lists it once,
 * at its last place, as the readers keep it (contract §2).
 */
function uniqueByUrl(fresh: readonly TocEntry[]): TocEntry[] {
  const last = new Map<string, number>();
  fresh.forEach((entry, i) => last.set(chapterUrlKey(entry.url), i));
  return fresh.filter((entry, i) => last.get(chapterUrlKey(entry.url)) === i);
}

/**
 * The known chapters in their order, each new one placed right after the known chapter the site
 * lists before it (before them all when none is). Matched chapters take the site's entry (a
 * moved chapter's new address); removed ones keep theirs.
 */
function merge(
  known: readonly KnownChapter[],
  listed: TocEntry[],
  match: Array<number | undefined>,
): Pick<ChapterMatch, 'chapters' | 'added' | 'appended'> {
  const after = new Map<number, TocEntry[]>();
  const current = new Map<number, TocEntry>();
  let anchor = -1;
  listed.forEach((entry, i) => {
    const index = match[i];
    if (index !== undefined) {
      current.set(index, entry);
      anchor = index;
    } else {
      after.set(anchor, [...(after.get(anchor) ?? []), entry]);
    }
  });
  const chapters: MergedChapter[] = [];
  const added: number[] = [];
  const placeNew = (anchorIndex: number) => {
    for (const entry of after.get(anchorIndex) ?? []) {
      added.push(chapters.length);
      chapters.push({ entry });
    }
  };
  placeNew(-1);
  known.forEach((chapter, index) => {
    chapters.push({ entry: current.get(index) ?? { title: chapter.title, url: chapter.url ?? '' }, known: index });
    placeNew(index);
  });
  const appended = added.every((position) => position >= known.length);
  return { chapters, added, appended };
}
