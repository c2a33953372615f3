// A check of a followed book: its book page and contents pages read again (one request for most
// books; chapter pages never), the chapters the site added placed into the stored book where the
// site lists them, and the library told how many wait for an update. Stored chapters are never
// touched but to move them up when a site inserts a chapter before them.

import type { TocEntry } from '../book-pages';
import type { BookCheck, ErrorInfo, Task } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import type { LibraryRecord } from '../store/schema';
import type { Store } from '../store/store';
import type { BookReading } from '../task/book-reader';
import { readBook } from '../task/read-book';
import { matchChapters, type ChapterMatch } from './match-chapters';

export interface CheckDeps {
  store: Store;
  now: () => number;
  /**
   * Runs the check's writes while no runner holds the book and no other decision about it is under
   * way (TaskManager.whileIdle); refuses a book that is not finished. Reading the site is done before.
   */
  whileIdle?: <T>(taskId: string, work: () => Promise<T>) => Promise<T>;
}

const completedOnly = async <T>(store: Store, taskId: string, work: () => Promise<T>): Promise<T> => {
  const task = await store.getTask(taskId);
  if (task?.status !== 'completed')
    throw new AppError(
      'invalid_message',
      `«${task?.title ?? taskId}» is ${task?.status ?? 'gone'}; only a completed book can be checked for new chapters.`,
    );
  return work();
};

/** Checks one completed book; a failed check is recorded on the book and returned, not thrown (storage errors are). */
export async function checkBook(taskId: string, reading: BookReading, deps: CheckDeps): Promise<BookCheck> {
  const { store } = deps;
  const [task, book] = await Promise.all([store.getTask(taskId), store.getBook(taskId)]);
  if (!task || !book)
    throw new AppError(
      'unknown_task',
      `There is no book with the id "${taskId}" in the library; it may have been removed.`,
    );
  if (task.status !== 'completed') {
    throw new AppError(
      'invalid_message',
      `«${task.title ?? task.url}» is ${task.status}; only a completed book can be checked for new chapters.`,
    );
  }
  const whileIdle = deps.whileIdle ?? (<T>(id: string, work: () => Promise<T>) => completedOnly(store, id, work));
  let fresh: Awaited<ReturnType<typeof readBook>> | undefined;
  let failure: ErrorInfo | undefined;
  try {
    // Chapters before the range the reader chose were left out on purpose, so they are not new.
    // The contents the download used: the same list (and order) the reader chose, if any.
    fresh = await readBook(task.url, task.range?.from ? { from: task.range.from } : undefined, reading, task.toc);
  } catch (error) {
    failure = toErrorInfo(error);
    if (failure.code === 'storage' || failure.code === 'internal' || failure.code === 'cancelled') throw error;
  }
  return whileIdle(taskId, async () => {
    const library = (await store.library.get(taskId)) ?? newLibraryRecord(taskId);
    let check: BookCheck;
    if (fresh) {
      // Read again: an update may have ended since the contents were read.
      const current = (await store.getBook(taskId)) ?? book;
      const match = matchChapters(current.chapters, fresh.chapters);
      const chapters = placeChapters(match, current.freedBefore !== undefined);
      await moveStored(store, taskId, chapters);
      const added = chapters.filter((chapter) => chapter.known === undefined).map((chapter) => chapter.entry);
      await store.putBook({ ...current, chapters: chapters.map((chapter) => chapter.entry) });
      check = { at: deps.now(), found: added.length, removed: match.removed.length };
      log(store, task, deps.now(), 'info', checkSentence(added, match, current.freedBefore !== undefined));
    } else {
      check = { at: deps.now(), found: 0, removed: 0, error: failure! };
      log(store, task, deps.now(), 'warn', `The check for new chapters failed: ${failure!.message}`, failure);
    }
    await store.library.put({ ...library, lastCheck: check, waiting: library.waiting + check.found });
    return check;
  });
}

export function newLibraryRecord(taskId: string): LibraryRecord {
  return { taskId, followed: false, followAsked: false, waiting: 0 };
}

/**
 * The book's chapters after the check. A book whose stored chapters were freed keeps its old
 * chapters at their indexes (the files made hold them), so chapters the site inserted among
 * them go after them all.
 */
function placeChapters(match: ChapterMatch, freed: boolean): ChapterMatch['chapters'] {
  if (!freed || match.appended) return match.chapters;
  return [
    ...match.chapters.filter((chapter) => chapter.known !== undefined),
    ...match.chapters.filter((chapter) => chapter.known === undefined),
  ];
}

/** Stored chapters move up past the chapters inserted before them; appended ones move none. */
async function moveStored(store: Store, taskId: string, chapters: ChapterMatch['chapters']): Promise<void> {
  const moves = new Map<number, number>();
  chapters.forEach((chapter, index) => {
    if (chapter.known !== undefined && chapter.known !== index) moves.set(chapter.known, index);
  });
  if (moves.size) await store.library.moveChapters(taskId, moves);
}

function checkSentence(added: TocEntry[], match: ChapterMatch, freed: boolean): string {
  const parts = [
    added.length === 0
      ? 'Checked for new chapters: none.'
      : `Checked for new chapters: ${added.length} new, from «${added[0]!.title}»${added.length > 1 ? ` to «${added[added.length - 1]!.title}»` : ''}.`,
  ];
  if (match.byTitle)
    parts.push(`${match.byTitle} chapters were found under new addresses by their titles (the site renumbered them).`);
  if (match.removed.length) parts.push(`${match.removed.length} chapters the site no longer lists stay in the book.`);
  if (!match.appended && added.length) {
    parts.push(
      freed
        ? 'The site inserted chapters among ones already made into files; they go after them, in a part file.'
        : 'The site inserted chapters before others; they are placed where the site lists them.',
    );
  }
  return parts.join(' ');
}

function log(store: Store, task: Task, at: number, level: 'info' | 'warn', message: string, error?: ErrorInfo): void {
  store
    .addEvent({ taskId: task.id, at, level, message, ...(error ? { code: error.code } : {}) })
    .catch((reason: unknown) => console.error('Could not log', task.id, reason));
}
