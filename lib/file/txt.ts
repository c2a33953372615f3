import type { Task } from '../contract';
import type { BookRecord, ChapterRecord } from '../store/schema';
import { partTitle, type FilePart } from './parts';
import { Spool } from './spool';

const UTF8 = new TextEncoder();

/** Chapter indexes (0-based, inclusive) a file is built from: a part of the book. */
export interface IndexRange {
  from: number;
  to: number;
}

export interface ChapterSource {
  /** Visits the stored chapters in index order; with a range, at least those in it. */
  forEachChapter(
    taskId: string,
    visit: (chapter: ChapterRecord) => void | Promise<void>,
    range?: IndexRange,
  ): Promise<void>;
}

/**
 * Why a chapter has no text, in the words both the TXT and the EPUB book print: missing (the
 * site would not give it, a retry may), or locked (the site keeps it for accounts or payment).
 */
export function missingChapterNote(chapter: ChapterRecord): string {
  if (chapter.lockedTask)
    return `This chapter is locked: ${chapter.error?.message ?? 'the site keeps it for accounts or payment.'}`;
  return `This chapter is missing: ${chapter.error?.message ?? 'it was not downloaded'}`;
}

/** A line that stands in the book for a chapter the site would not give us. */
export function missingChapterLine(chapter: ChapterRecord): string {
  return `[${missingChapterNote(chapter)} ${chapter.url}]`;
}

/**
 * The TXT book: title and author on top, then each chapter's title before its text (and a
 * volume's heading before its first chapter). Each
 * chapter is UTF-8 bytes in a spool the moment it is read, so a 2,000-chapter book never sits in
 * the page's heap as text (kept as strings, it took twice its file size there).
 */
export async function buildTxt(task: Task, book: BookRecord, chapters: ChapterSource, part?: FilePart): Promise<Blob> {
  const spool = new Spool();
  const write = (text: string) => spool.write(UTF8.encode(text));
  write(`${partTitle(book.title, part)}\n${book.author}\n${task.url}\n`);
  const range = part && { from: part.from - 1, to: part.to - 1 };
  let volume: string | undefined;
  await chapters.forEachChapter(
    task.id,
    (chapter) => {
      if (range && (chapter.index < range.from || chapter.index > range.to)) return;
      // A volume's heading stands once, before its first chapter.
      const next = book.chapters[chapter.index]?.volume;
      if (next && next !== volume) write(`\n${next}\n`);
      volume = next;
      write(`\n${chapter.title}\n\n${chapter.text ?? missingChapterLine(chapter)}\n`);
    },
    range,
  );
  return new Blob(spool.close(), { type: 'text/plain;charset=utf-8' });
}
