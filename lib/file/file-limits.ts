// What a book's file can hold, checked as soon as the table of contents is read, before any
// chapter is fetched: a book the file cannot hold would otherwise be refused at the very end.

import type { TocEntry } from '../book-pages';
import type { BookFormat, Settings } from '../contract';
import { AppError } from '../errors';
import { FIXED_ENTRIES } from './epub/layout';
import { planParts } from './parts';
import { MAX_ZIP_ENTRIES } from './zip-writer';

/** The most chapters one EPUB holds (a zip without ZIP64, which not every reader reads). */
export const MAX_EPUB_CHAPTERS = MAX_ZIP_ENTRIES - FIXED_ENTRIES;

/**
 * Why the book's `chapters` cannot be made in `format` with the files the split settings make,
 * or undefined: a book split into parts that each fit is fine, however long it is.
 */
export function fileLimitError(
  chapters: readonly TocEntry[],
  format: BookFormat,
  url: string,
  split: Pick<Settings, 'splitMode' | 'splitChapters'>,
): AppError | undefined {
  if (format !== 'epub' || chapters.length <= MAX_EPUB_CHAPTERS) return undefined;
  const { parts } = planParts(chapters, split.splitMode, split.splitChapters);
  const largest = parts.reduce((most, part) => Math.max(most, part.to - part.from + 1), 0);
  if (largest <= MAX_EPUB_CHAPTERS) return undefined;
  const n = (value: number) => value.toLocaleString('en');
  const count = chapters.length;
  const inOne = largest === count ? 'has' : `would put ${n(largest)} of its`;
  return new AppError(
    'too_large',
    `The book at ${url} ${inOne} ${n(count)} chapters${largest === count ? '' : ' into one file'}; one EPUB file holds at most ${n(MAX_EPUB_CHAPTERS)}, so nothing was downloaded. Set "Split each book into" files of at most ${n(MAX_EPUB_CHAPTERS)} chapters in Settings, download it in parts with a chapter range (chapters 1–${n(MAX_EPUB_CHAPTERS)}, then ${n(MAX_EPUB_CHAPTERS + 1)}–${n(count)}), or as TXT.`,
  );
}
