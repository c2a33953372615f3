// The popup's confirmation of a page the generic reader doubts: when it is needed, what the
// download would take after the user's choices, and what `task.start` is told. Plain functions.

import type { PageInfo, PageReading, TocChoice } from '../contract';
import { CONFIRM_BELOW } from '../detect/limits';

/** The reading of a detected page the reader is unsure of, or undefined when no one need confirm. */
export function doubtfulReading(page: PageInfo | null | undefined): PageReading | undefined {
  if (!page || page.kind === 'none' || !page.reading) return undefined;
  return page.reading.confidence < CONFIRM_BELOW ? page.reading : undefined;
}

/** Which way the list will be taken: the user's choice, else the reader's. */
function takenOrder(reading: PageReading, choice: TocChoice): 'asc' | 'desc' {
  return choice.order ?? reading.order ?? 'asc';
}

/** The choice with the list's order turned the other way. */
export function reversed(reading: PageReading, choice: TocChoice): TocChoice {
  return { ...choice, order: takenOrder(reading, choice) === 'asc' ? 'desc' : 'asc' };
}

/** The first and last chapter the download would take, after the user's choice of order. */
export function shownEnds(reading: PageReading, choice: TocChoice): { first?: string; last?: string } {
  const flipped = takenOrder(reading, choice) !== (reading.order ?? 'asc');
  return flipped ? { first: reading.last, last: reading.first } : { first: reading.first, last: reading.last };
}

/** Where the list will be read from: the page the user picked, else where the reader would go. */
export function listFrom(page: { url: string; reading?: PageReading }, choice: TocChoice): string | undefined {
  const from = choice.url ?? page.reading?.tocUrl;
  return from && from !== page.url ? from : undefined;
}

/** The `toc` field of `task.start`, or undefined when the user changed nothing. */
export function tocField(choice: TocChoice): TocChoice | undefined {
  return choice.url || choice.order
    ? { ...(choice.url ? { url: choice.url } : {}), ...(choice.order ? { order: choice.order } : {}) }
    : undefined;
}
