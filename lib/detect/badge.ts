// How a detected page shows on the toolbar button: badge text, colour and tooltip.

import type { PageInfo } from '../contract';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export const APP_NAME = 'Novel Downloader';
const BOOK_COLOR = '#1e7b34';
const TOC_COLOR = '#1a63d6';

/** The chapter count in the four characters a badge shows; ✓ when the list is elsewhere. */
export function badgeText(chapters: number): string {
  if (chapters <= 0) return '✓';
  if (chapters <= 9999) return String(chapters);
  return `${Math.floor(chapters / 1000)}k`;
}

/** "«title», 12 chapters" as the tooltip and the popup say it. */
export function describeBook(page: { title: string; chapters: number }): string {
  const count = page.chapters === 1 ? '1 chapter' : `${page.chapters} chapters`;
  return page.chapters > 0 ? `«${page.title}», ${count}` : `«${page.title}»`;
}

export function badgeFor(page: PageInfo | null | undefined): Badge {
  if (!page || page.kind === 'none') return { text: '', color: BOOK_COLOR, title: APP_NAME };
  return {
    text: badgeText(page.chapters),
    color: page.kind === 'book' ? BOOK_COLOR : TOC_COLOR,
    title: `${APP_NAME}: ${describeBook(page)} — click to download`,
  };
}
