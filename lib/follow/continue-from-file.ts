// `library.continue`: a book continued from an EPUB the reader opened. The page staged the
// file's chapters (stageHeld); here the book's site and source are found from the address the
// file recorded, its contents read once, the file's chapters stored under the new task, and the
// task queued to fetch only the rest. Every refusal names the file and says why.

import type { BookFormat, Settings, Task } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import { validateStart } from '../service/validate-start';
import type { SourceRegistry } from '../source-rules/registry';
import type { Store } from '../store/store';
import { bookReading } from '../task/book-reader';
import type { ImageConverter } from '../task/cover';
import type { BytesLoader, PageLoader } from '../task/page-loader';
import { epubCoreImage } from '../file/epub/image';
import type { ValidStart } from '../service/validate-start';
import { prepareContinuation, type Continuation } from './continue-book';

export interface ContinueDeps {
  store: Store;
  sources: SourceRegistry;
  load: PageLoader;
  settings: () => Settings;
  now: () => number;
  newId: () => string;
  /** Fetches the cover as a download does (a type readers may not show redrawn, or none); absent: no cover. */
  loadCover?: (url: string, start: ValidStart, signal: AbortSignal) => Promise<Uint8Array | undefined>;
  /** Creates the queued task with the id its book and chapters are stored under. */
  create: (start: ValidStart, known: Pick<Task, 'id' | 'title' | 'author' | 'totalChapters'>) => Promise<Task>;
}

/** A continued book's cover, fetched as a download fetches it: redrawn when readers may not show it, else none (said in the task's log). */
export function coverLoader(
  loadBytes: BytesLoader,
  convert: ImageConverter | undefined,
): NonNullable<ContinueDeps['loadCover']> {
  return async (url, start, signal) => {
    const bytes = await loadBytes(url, start.source, signal).catch((error: unknown) =>
      console.warn('No cover for a continued book', url, error),
    );
    if (!bytes || epubCoreImage(bytes)) return bytes || undefined;
    return convert?.(bytes).catch((error: unknown) => {
      console.warn("Could not redraw a continued book's cover", url, error);
      return undefined;
    });
  };
}

export interface ContinueMessage {
  importId: unknown;
  fileName: unknown;
  url: unknown;
  format?: unknown;
  chapters: unknown;
}

export async function continueFromFile(
  deps: ContinueDeps,
  message: ContinueMessage,
): Promise<{ task: Task; held: number }> {
  const fileName = typeof message.fileName === 'string' ? message.fileName : 'The file';
  const refuse = (why: string, code: AppError['code'] = 'invalid_file') =>
    new AppError(code, `"${fileName}" cannot be continued: ${why}`);
  if (typeof message.importId !== 'string' || typeof message.chapters !== 'number') {
    throw new AppError(
      'invalid_message',
      'library.continue needs the importId and the number of chapters the page staged.',
    );
  }
  let start: ValidStart;
  try {
    start = await validateStart(
      { url: message.url, format: message.format as BookFormat | undefined },
      deps.sources,
      deps.settings(),
    );
  } catch (error) {
    const info = toErrorInfo(error);
    throw refuse(`the web address it records cannot be downloaded. ${info.message}`, info.code);
  }
  const taskId = deps.newId();
  const signal = AbortSignal.timeout(deps.settings().requestTimeoutMs * deps.settings().maxAttempts * 4);
  const reading = bookReading(start.url, start.source, deps.load, signal);
  let outcome: Continuation;
  try {
    outcome = await prepareContinuation(
      deps.store,
      {
        taskId,
        importId: message.importId,
        expected: message.chapters,
        url: start.url,
        ...(deps.loadCover && start.format === 'epub'
          ? { loadCover: (cover: string) => deps.loadCover!(cover, start, signal) }
          : {}),
      },
      reading,
      deps.now(),
    );
  } catch (error) {
    // Whatever was stored for the task that will not be made goes.
    await deps.store.deleteTask(taskId);
    const info = toErrorInfo(error);
    if (info.code === 'storage' || info.code === 'internal') throw error;
    throw refuse(`the book's contents at ${start.url} could not be read. ${info.message}`, info.code);
  }
  if (outcome.held === 0) {
    await deps.store.deleteTask(taskId);
    throw refuse(
      `none of its ${message.chapters} chapters is in the contents of ${start.url} (by address or by title), so it is not that book.`,
    );
  }
  const task = await deps.create(start, {
    id: taskId,
    title: outcome.book.title,
    author: outcome.book.author,
    totalChapters: outcome.book.chapters.length,
  });
  const parts = [
    `Continued from "${fileName}": ${outcome.held} chapters taken from the file, ${outcome.missing} to download.`,
  ];
  if (outcome.book.cover && !outcome.book.coverImage && start.format === 'epub')
    parts.push(`The cover ${outcome.book.cover} could not be fetched, so the book has none.`);
  if (outcome.kept) parts.push(`${outcome.kept} chapters of the file that the site no longer lists are kept.`);
  if (outcome.dropped)
    parts.push(`${outcome.dropped} pages of the file match no chapter of the site and are left out.`);
  await deps.store.addEvent({ taskId, at: deps.now(), level: 'info', message: parts.join(' ') });
  return { task, held: outcome.held };
}
