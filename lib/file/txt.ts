import type { Task } from '../contract';
import type { BookRecord, ChapterRecord } from '../store/schema';

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
 * The TXT book: title and author on top, then each chapter's title before its text.
 * Built as a list of strings (one a chapter) that a Blob joins without copying them twice.
 */
export async function buildTxt(task: Task, book: BookRecord, chapters: ChapterSource): Promise<Blob> {
  const parts: string[] = [`${book.title}\n${book.author}\n${task.url}\n`];
  await chapters.forEachChapter(task.id, (chapter) => {
    const body = chapter.text ?? missingChapterLine(chapter);
    parts.push(`\n${chapter.title}\n\n${body}\n`);
  });
  return new Blob(parts, { type: 'text/plain;charset=utf-8' });
}
