import type { BookInfo, ReadingNote, TocEntry } from '../book-pages';
import type { ChapterRange, TocChoice } from '../contract';
import { AppError } from '../errors';
import { withoutHash } from '../url';
import type { BookReading } from './book-reader';
import type { Page } from './page-loader';
import type { Cut } from './warnings';

// A table of contents split over more pages than this is a loop, not a book.
export const MAX_TOC_PAGES = 500;
// "The whole list is elsewhere" may lead on once more ("开始阅读" → chapter 1 → "目录"), no further.
const MAX_CONTENTS_HOPS = 2;

export interface BookPage {
  title: string;
  author: string;
  intro?: string;
  cover?: string;
  chapters: TocEntry[];
  /** What the task's log should say about how the list was found and ordered. */
  notes: ReadingNote[];
}

/**
 * Reads the book page and the whole table of contents, cut to the requested range. `choice`
 * (the popup's confirmation) says where the list is and which way it runs, over any guess.
 */
export async function readBook(
  url: string,
  range: ChapterRange | undefined,
  reading: BookReading,
  choice?: TocChoice,
): Promise<BookPage> {
  const { reader, load } = reading;
  const bookPage = await load(url);
  const book = reader.parseBook(bookPage.html, bookPage.url);
  const notes: ReadingNote[] = [];
  const toc = await findToc(bookPage, book, reading, notes, choice);
  const chapters = cutToRange(reader.finishToc(toc.chapters, toc.page.url, choice?.order), range, url);
  if (choice?.order) {
    notes.push({
      level: 'info',
      message: `The list is taken ${choice.order === 'desc' ? 'as newest first, so it was turned around' : "in the page's order"}, as chosen.`,
    });
  } else {
    notes.push(...(reader.tocNotes?.(toc.chapters) ?? []));
  }
  return { title: book.title, author: book.author ?? '', intro: book.intro, cover: book.cover, chapters, notes };
}

/** The page the chapter list is read from, and every chapter of it (all its pages). */
async function findToc(bookPage: Page, book: BookInfo, reading: BookReading, notes: ReadingNote[], choice?: TocChoice) {
  if (choice?.url) {
    const page = same(choice.url, bookPage.url) ? bookPage : await reading.load(choice.url);
    notes.push({ level: 'info', message: `The chapter list is read from ${page.url}, as chosen.` });
    return { page, chapters: await readTocPages(page, reading) };
  }
  if (!book.tocUrl || same(book.tocUrl, bookPage.url))
    return { page: bookPage, chapters: await readTocPages(bookPage, reading) };
  return followContents(bookPage, book.tocUrl, reading, notes);
}

/**
 * The book page lists only some chapters (or none) and links to the whole list: follow the link,
 * and from a page that holds no better list its own contents link, within bounds. A page that
 * ends up listing no more than the book page leaves the book page's own list, and the log says so.
 */
async function followContents(bookPage: Page, tocUrl: string, reading: BookReading, notes: ReadingNote[]) {
  const { reader, load } = reading;
  const own = reader.parseTocPage(bookPage.html, bookPage.url).chapters;
  const seen = new Set([withoutHash(bookPage.url)]);
  let next: string | undefined = tocUrl;
  let first: Page | undefined;
  for (let hop = 0; next && !seen.has(withoutHash(next)) && hop < MAX_CONTENTS_HOPS; hop++) {
    seen.add(withoutHash(next));
    const page = await load(next);
    seen.add(withoutHash(page.url));
    first ??= page;
    const listed = unique(reader.parseTocPage(page.html, page.url).chapters);
    if (listed > 0 && listed >= unique(own)) {
      if (own.length > 0)
        notes.push({
          level: 'info',
          message: `The book page lists only ${unique(own)} chapters; the whole list was read from ${page.url}.`,
        });
      return { page, chapters: await readTocPages(page, reading) };
    }
    next = contentsLinkOf(page, reading);
  }
  if (own.length === 0) return { page: first ?? bookPage, chapters: [] };
  notes.push({
    level: 'warn',
    message: `The book page lists only ${unique(own)} chapters and the table of contents at ${tocUrl} listed no more, so only those are downloaded. Open the book's chapter list and download from there if the book has more.`,
  });
  return { page: bookPage, chapters: await readTocPages(bookPage, reading) };
}

/** Where a page says its own table of contents is; a page that is no book page says nothing. */
function contentsLinkOf(page: Page, { reader }: BookReading): string | undefined {
  try {
    return reader.parseBook(page.html, page.url).tocUrl;
  } catch (error) {
    if (error instanceof AppError && error.code === 'parse') return undefined;
    throw error;
  }
}

const same = (a: string, b: string) => withoutHash(a) === withoutHash(b);
const unique = (chapters: readonly TocEntry[]) => new Set(chapters.map((c) => c.url)).size;

async function readTocPages(
  first: { url: string; html: string },
  { reader, load, cut }: BookReading,
): Promise<TocEntry[]> {
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
  return {
    code: 'toc_pages_cut',
    message: `The table of contents ${url} ${of}; only the chapters on its first ${MAX_TOC_PAGES} pages are in the book.`,
  };
}

export function cutToRange(chapters: TocEntry[], range: ChapterRange | undefined, url: string): TocEntry[] {
  if (!range) return chapters;
  const from = range.from ?? 1;
  const to = Math.min(range.to ?? chapters.length, chapters.length);
  if (from > chapters.length) {
    throw new AppError(
      'invalid_range',
      `The book at ${url} has ${chapters.length} chapters, so it has no chapter ${from}. Choose a range within 1–${chapters.length}.`,
    );
  }
  return chapters.slice(from - 1, to);
}
