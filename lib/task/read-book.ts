import type { TocEntry } from '../book-pages';
import type { ChapterRange } from '../contract';
import { AppError } from '../errors';
import type { BookReading } from './book-reader';
import type { Cut } from './warnings';

// A table of contents split over more pages than this is a loop, not a book.
export const MAX_TOC_PAGES = 500;

export interface BookPage {
  title: string;
  author: string;
  intro?: string;
  cover?: string;
  chapters: TocEntry[];
}

/** Reads the book page and the whole table of contents, cut to the requested range. */
export async function readBook(url: string, range: ChapterRange | undefined, reading: BookReading): Promise<BookPage> {
  const { reader, load } = reading;
  const bookPage = await load(url);
  const book = reader.parseBook(bookPage.html, bookPage.url);
  const tocPage = book.tocUrl ? await load(book.tocUrl) : bookPage;
  const found = await readTocPages(tocPage, reading);
  const chapters = cutToRange(reader.finishToc(found, tocPage.url), range, url);
  return {
    title: book.title,
    author: book.author ?? '',
    intro: book.intro,
    cover: book.cover,
    chapters,
  };
}

async function readTocPages(first: { url: string; html: string }, { reader, load, cut }: BookReading): Promise<TocEntry[]> {
  const firstToc = reader.parseTocPage(first.html, first.url);
  const chapters = [...firstToc.chapters];
  const seen = new Set([first.url]);
  // `toc.pages` lists every page at once: fetch them together, keep their order.
  const listed = firstToc.pages.filter((page) => !seen.has(page));
  const others = listed.slice(0, MAX_TOC_PAGES - 1);
  if (listed.length > others.length) cut(tocCut(first.url, listed.length + 1));
  others.forEach((page) => seen.add(page));
  const pages = await Promise.all(others.map((page) => load(page)));
  for (const page of pages) chapters.push(...reader.parseTocPage(page.html, page.url).chapters);
  // `toc.next` is a chain: follow it until it ends or comes back.
  let next = firstToc.next;
  while (next && !seen.has(next) && seen.size < MAX_TOC_PAGES) {
    seen.add(next);
    const page = await load(next);
    const toc = reader.parseTocPage(page.html, page.url);
    chapters.push(...toc.chapters);
    next = toc.next;
  }
  if (next && !seen.has(next)) cut(tocCut(first.url));
  return chapters;
}

function tocCut(url: string, pages?: number): Cut {
  const of = pages ? `lists ${pages} pages` : `goes on past ${MAX_TOC_PAGES} pages`;
  return { code: 'toc_pages_cut', message: `The table of contents ${url} ${of}; only the chapters on its first ${MAX_TOC_PAGES} pages are in the book.` };
}

export function cutToRange(chapters: TocEntry[], range: ChapterRange | undefined, url: string): TocEntry[] {
  if (!range) return chapters;
  const from = range.from ?? 1;
  const to = Math.min(range.to ?? chapters.length, chapters.length);
  if (from > chapters.length) {
    throw new AppError('invalid_range', `The book at ${url} has ${chapters.length} chapters, so it has no chapter ${from}. Choose a range within 1–${chapters.length}.`);
  }
  return chapters.slice(from - 1, to);
}
