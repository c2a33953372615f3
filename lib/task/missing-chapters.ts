import type { ChapterFailure, LockedChapter, Settings } from '../contract';
import type { ChapterRecord } from '../store/schema';

// A site that fails this many chapters in a row is down or blocking us: end the task now
// rather than spend hours retrying the rest one by one.
export const MAX_FAILURES_IN_A_ROW = 10;

/**
 * More missing chapters than the settings allow. One missing chapter is always allowed, so a
 * short book still arrives (with a warning and a retry for that chapter) rather than not at all.
 */
export function tooManyMissing(missing: number, total: number, settings: Settings): boolean {
  return missing > Math.max(1, Math.floor((total * settings.maxFailedChapterPercent) / 100));
}

/** The chapters given up on, as the task lists them (1-based, in order). */
export function chapterFailures(records: ChapterRecord[]): ChapterFailure[] {
  return records.map((chapter) => ({
    chapter: chapter.index + 1,
    title: chapter.title,
    url: chapter.url,
    error: chapter.error ?? { code: 'internal', message: 'No reason was recorded.' },
  }));
}

/** The chapters the site keeps locked, as the task lists them (1-based, in order, with the site's words). */
export function lockedChapters(records: ChapterRecord[]): LockedChapter[] {
  return records.map((chapter) => ({
    chapter: chapter.index + 1,
    title: chapter.title,
    url: chapter.url,
    reason: chapter.error?.message ?? 'The site keeps this chapter for accounts or payment.',
  }));
}
