// What a reader gets from each kind of page of a book, whichever reader it is (a source's rule
// or the generic reader's heuristics): the task code and the file builders see only these.

export interface BookInfo {
  title: string;
  author?: string;
  cover?: string;
  intro?: string;
  /** The chapter list is on another page. */
  tocUrl?: string;
}

/** One chapter as the table of contents lists it. */
export interface TocEntry {
  title: string;
  url: string;
}

export interface TocPage {
  chapters: TocEntry[];
  /** Every page of a split chapter list, listed at once. */
  pages: string[];
  /** Or the next page of a list split into a chain. */
  next?: string;
}

export interface ChapterPage {
  title: string;
  /** One paragraph per line. */
  text: string;
  /** The same chapter continues on this page. */
  next?: string;
  /** Every other page of the chapter at once, when its "next" query found several links. */
  pages?: string[];
}

/** Reads the three kinds of pages of one book; bound to the book's source (lib/task/book-reader.ts). */
export interface BookReader {
  parseBook(html: string, url: string): BookInfo;
  parseTocPage(html: string, url: string): TocPage;
  /** The whole table of contents from every page's chapters, in reading order; throws `parse` when empty. */
  finishToc(chapters: readonly TocEntry[], tocUrl: string): TocEntry[];
  parseChapterPage(html: string, url: string, tocTitle: string): ChapterPage;
  /** The whole chapter's text, all its pages joined, as it is stored (a rule's `chapter.replace`). */
  finishChapter(text: string, url: string): string;
}
