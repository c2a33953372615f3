// Whether a chapter list runs newest first, so the rule can say `toc.order: "desc"`: the numbers
// its names give (第十二章, Chapter 7), else the numbers at the end of its addresses.

import type { TocEntry } from '../book-pages';
import { chapterNumber } from '../generic-reader/chapter-title';

const LAST_NUMBER = /(\d+)(?!.*\d)/;

function numbers(chapters: readonly TocEntry[], of: (entry: TocEntry) => number | undefined): number[] {
  return chapters.map(of).filter((n): n is number => n !== undefined);
}

function countsDown(values: number[]): boolean | undefined {
  let up = 0;
  let down = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! > values[i - 1]!) up += 1;
    else if (values[i]! < values[i - 1]!) down += 1;
  }
  if (up + down === 0) return undefined;
  return down > up * 2;
}

/** True when the list counts down; false when it counts up or says nothing. */
export function looksNewestFirst(chapters: readonly TocEntry[]): boolean {
  const byName = countsDown(numbers(chapters, (c) => chapterNumber(c.title)));
  if (byName !== undefined) return byName;
  const byAddress = countsDown(
    numbers(chapters, (c) => {
      const match = LAST_NUMBER.exec(new URL(c.url).pathname);
      return match ? Number(match[1]) : undefined;
    }),
  );
  return byAddress ?? false;
}
