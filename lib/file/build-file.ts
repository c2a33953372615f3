import type { BookFormat, Settings } from '../contract';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import { buildEpub, type EpubOptions } from './epub';
import { bookFileName } from './file-name';
import { isWholeBook, planParts, type FilePart, type PartPlan } from './parts';
import { buildTxt } from './txt';

export const MIME: Record<BookFormat, string> = {
  // Chrome renames a download whose MIME it does not recognise as EPUB.
  epub: 'application/epub+zip',
  txt: 'text/plain;charset=utf-8',
};

export interface BuildOptions {
  /**
   * The cover image's bytes, fetched by the caller (the builder reads storage only, never the
   * network). EPUB only; ignored for TXT. Without it the EPUB simply has no cover.
   */
  cover?: EpubOptions['cover'];
  /** Only these chapters: a part file, named with its range. The whole book by default. */
  part?: FilePart;
}

/** Builds a task's book straight from storage, chapter by chapter. */
export interface BuiltFile {
  blob: Blob;
  fileName: string;
  /** Where the time went, in words for the task's log. */
  stats: string;
}

export async function buildBookFile(store: Store, taskId: string, options: BuildOptions = {}): Promise<BuiltFile> {
  const started = performance.now();
  const built = await buildBlob(store, taskId, options);
  const mb = (built.blob.size / 1_048_576).toFixed(1);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return { ...built, stats: `${mb} MB built in ${seconds} s${built.detail ? ` (${built.detail})` : ''}` };
}

/** The files the settings split a stored book into (one, per volume, or every N chapters). */
export async function bookParts(
  store: Store,
  taskId: string,
  settings: Pick<Settings, 'splitMode' | 'splitChapters'>,
): Promise<PartPlan> {
  const book = await store.getBook(taskId);
  if (!book) throw gone(taskId);
  return planParts(book.chapters, settings.splitMode, settings.splitChapters);
}

async function buildBlob(
  store: Store,
  taskId: string,
  options: BuildOptions,
): Promise<{ blob: Blob; fileName: string; detail?: string }> {
  const [task, book] = await Promise.all([store.getTask(taskId), store.getBook(taskId)]);
  if (!task || !book) throw gone(taskId);
  const part = options.part && !isWholeBook(options.part, book.chapters.length) ? options.part : undefined;
  if (part && (part.from < 1 || part.to < part.from || part.to > book.chapters.length)) {
    throw new AppError(
      'invalid_range',
      `The book «${book.title}» has ${book.chapters.length} chapters, so no file of chapters ${part.from}-${part.to} can be made.`,
    );
  }
  const fileName = bookFileName(book.title, book.author, task.format, part);
  switch (task.format) {
    case 'txt':
      return { blob: await buildTxt(task, book, store, part), fileName };
    case 'epub': {
      const timings: { chaptersMs?: number; zipMs?: number } = {};
      const blob = await buildEpub(task, book, store, {
        cover: options.cover ?? (book.coverImage && { bytes: book.coverImage }),
        timings,
        part,
      });
      return { blob, fileName, detail: `chapters ${timings.chaptersMs} ms, zip ${timings.zipMs} ms` };
    }
    default:
      throw new AppError('invalid_format', `Books in ${String(task.format)} format cannot be built.`);
  }
}

function gone(taskId: string): AppError {
  return new AppError(
    'storage',
    `The chapters of task ${taskId} are no longer stored, so no file can be made. Start the download again.`,
  );
}
