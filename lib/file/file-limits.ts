// What a book's file can hold, checked as soon as the table of contents is read, before any
// chapter is fetched: a book the file cannot hold would otherwise be refused at the very end.

import type { BookFormat } from '../contract';
import { AppError } from '../errors';
import { FIXED_ENTRIES } from './epub/layout';
import { MAX_ZIP_ENTRIES } from './zip-writer';

/** The most chapters one EPUB holds (a zip without ZIP64, which not every reader reads). */
export const MAX_EPUB_CHAPTERS = MAX_ZIP_ENTRIES - FIXED_ENTRIES;

/** Why a book of `chapters` chapters cannot be made in `format`, or undefined. */
export function fileLimitError(chapters: number, format: BookFormat, url: string): AppError | undefined {
  if (format !== 'epub' || chapters <= MAX_EPUB_CHAPTERS) return undefined;
  const n = (value: number) => value.toLocaleString('en');
  return new AppError(
    'too_large',
    `The book at ${url} has ${n(chapters)} chapters; one EPUB file holds at most ${n(MAX_EPUB_CHAPTERS)}, so nothing was downloaded. Download it in parts with a chapter range (chapters 1–${n(MAX_EPUB_CHAPTERS)}, then ${n(MAX_EPUB_CHAPTERS + 1)}–${n(chapters)}), or as TXT.`,
  );
}
