// Which files a finished task makes: the whole book, the parts the split settings ask for, or
// for an update in part mode (and always for a book whose stored chapters were freed) a part
// file of only the new chapters.
import type { Settings, Task } from '../contract';
import { planParts, type FilePart } from '../file/parts';
import type { BookRecord } from '../store/schema';
import { TaskEnd } from './endings';
import type { SaveFile } from './runner';

export interface FilesPlan {
  /** `undefined` stands for the whole book in one file. */
  parts: Array<FilePart | undefined>;
  /** Said in the task's log: why the book is made as it is, when that is not what was asked. */
  note?: string;
}

export function filesToMake(
  task: Task,
  book: BookRecord,
  settings: Pick<Settings, 'splitMode' | 'splitChapters'>,
): FilesPlan {
  const count = book.chapters.length;
  if (task.update?.part || book.freedBefore !== undefined) {
    const from = task.update?.from ?? (book.freedBefore ?? 0) + 1;
    const to = task.update?.to ?? count;
    if (from > to) return { parts: [], note: 'No chapter is new, so no file was made.' };
    const note =
      !task.update?.part && book.freedBefore !== undefined
        ? "The book's stored chapters were freed, so the new chapters make a part file of their own."
        : undefined;
    return { parts: [{ from, to }], ...(note ? { note } : {}) };
  }
  const { parts, note } = planParts(book.chapters, settings.splitMode, settings.splitChapters);
  const whole = parts.length === 1 && parts[0]!.from === 1 && parts[0]!.to >= count;
  return { parts: whole ? [undefined] : parts, ...(note ? { note } : {}) };
}

export interface SaveDeps {
  settings: Pick<Settings, 'splitMode' | 'splitChapters'>;
  saveFile: SaveFile;
  /** Waits until the browser has written a part that is not the last. */
  fileSaved: (downloadId: number, fileName: string) => Promise<void>;
  log: (message: string) => void;
  throwIfStopped: () => void;
}

/**
 * Makes the task's files one after another (each built from storage alone, so only one is ever
 * in memory) and returns the last: the one holding the newest chapters, which the task names.
 * Each part but the last is saved before the next is built; the caller waits for the last.
 */
export async function saveBookFiles(
  task: Task,
  book: BookRecord,
  deps: SaveDeps,
): Promise<{ fileName: string; downloadId?: number }> {
  const { parts, note } = filesToMake(task, book, deps.settings);
  if (note) deps.log(note);
  let file: { fileName: string; downloadId?: number } | undefined;
  for (const part of parts) {
    if (file?.downloadId !== undefined) await deps.fileSaved(file.downloadId, file.fileName);
    const { stats, ...saved } = await deps.saveFile(task, part);
    deps.throwIfStopped();
    if (stats)
      deps.log(part ? `File of chapters ${part.from}-${part.to}: ${saved.fileName}, ${stats}.` : `File: ${stats}.`);
    file = saved;
  }
  if (!file)
    throw new TaskEnd({
      kind: 'error',
      error: { code: 'invalid_range', message: note ?? 'No chapter was left to put in a file.' },
    });
  return file;
}
