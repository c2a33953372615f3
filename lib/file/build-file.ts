import type { BookFormat } from '../contract';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import { bookFileName } from './file-name';
import { buildTxt } from './txt';

export const MIME: Record<BookFormat, string> = {
  // Chrome renames a download whose MIME it does not recognise as EPUB.
  epub: 'application/epub+zip',
  txt: 'text/plain;charset=utf-8',
};

/** Builds a task's book straight from storage, chapter by chapter. */
export async function buildBookFile(store: Store, taskId: string): Promise<{ blob: Blob; fileName: string }> {
  const [task, book] = await Promise.all([store.getTask(taskId), store.getBook(taskId)]);
  if (!task || !book) throw new AppError('storage', `The chapters of task ${taskId} are no longer stored, so no file can be made. Start the download again.`);
  const fileName = bookFileName(book.title, book.author, task.format);
  if (task.format === 'txt') return { blob: await buildTxt(task, book, store), fileName };
  throw new AppError('invalid_format', `Books in ${task.format} format cannot be built yet; choose TXT.`);
}
