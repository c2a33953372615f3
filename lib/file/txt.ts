import type { Task } from '../contract';
import type { BookRecord, ChapterRecord } from '../store/schema';
import { Spool } from './spool';

const UTF8 = new TextEncoder();

export interface ChapterSource {
  forEachChapter(taskId: string, visit: (chapter: ChapterRecord) => void | Promise<void>): Promise<void>;
}

/** Why a chapter has no text, in the words both the TXT and the EPUB book print. */
export function missingChapterReason(chapter: ChapterRecord): string {
  return chapter.error?.message ?? 'it was not downloaded';
}

/** A line that stands in the book for a chapter the site would not give us. */
export function missingChapterLine(chapter: ChapterRecord): string {
  return `[This chapter is missing: ${missingChapterReason(chapter)} ${chapter.url}]`;
}

/**
 * The TXT book: title and author on top, then each chapter's title before its text (and a
 * volume's heading before its first chapter). Each
 * chapter is UTF-8 bytes in a spool the moment it is read, so a 2,000-chapter book never sits in
 * the page's heap as text (kept as strings, it took twice its file size there).
 */
export async function buildTxt(task: Task, book: BookRecord, chapters: ChapterSource): Promise<Blob> {
  const spool = new Spool();
  const write = (text: string) => spool.write(UTF8.encode(text));
  write(`${book.title}\n${book.author}\n${task.url}\n`);
  let volume: string | undefined;
  await chapters.forEachChapter(task.id, (chapter) => {
    // A volume's heading stands once, before its first chapter.
    const next = book.chapters[chapter.index]?.volume;
    if (next && next !== volume) write(`\n${next}\n`);
    volume = next;
    write(`\n${chapter.title}\n\n${chapter.text ?? missingChapterLine(chapter)}\n`);
  });
  return new Blob(spool.close(), { type: 'text/plain;charset=utf-8' });
}
