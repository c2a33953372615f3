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

/** `asc`: a table of contents lists the first chapter first; `desc`: the newest first. */
export type TocOrder = 'asc' | 'desc';

/** One chapter as the table of contents lists it. */
export interface TocEntry {
  title: string;
  url: string;
  /** The volume heading the chapter sits under in the table of contents, when it has one. */
  volume?: string;
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

/** Something a download should tell its user about how the book was read: a guess, a doubt. */
export interface ReadingNote {
  level: 'info' | 'warn';
  message: string;
}

/** Reads the three kinds of pages of one book; bound to the book's source (lib/task/book-reader.ts). */
export interface BookReader {
  parseBook(html: string, url: string): BookInfo;
  parseTocPage(html: string, url: string): TocPage;
  /**
   * The whole table of contents from every page's chapters, in reading order; throws `parse` when
   * empty. `order` says how the pages list them, overriding the source's rule or the reader's guess.
   */
  finishToc(chapters: readonly TocEntry[], tocUrl: string, order?: TocOrder): TocEntry[];
  parseChapterPage(html: string, url: string, tocTitle: string): ChapterPage;
  /** The whole chapter's text, all its pages joined, as it is stored (a rule's `chapter.replace`). */
  finishChapter(text: string, url: string): string;
  /** What the reader guessed or doubts about a whole table of contents (a rule guesses nothing). */
  tocNotes?(chapters: readonly TocEntry[]): ReadingNote[];
}
