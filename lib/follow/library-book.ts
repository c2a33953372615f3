// A completed book as the library shows it, put together from what the store keeps about it:
// its task, its book record, its library record and what its stored chapters take.
import type { LibraryBook, Task } from '../contract';
import { hostOf } from '../net';
import type { BookRecord, LibraryRecord } from '../store/schema';

export interface BookParts {
  task: Task;
  book?: BookRecord;
  record?: LibraryRecord;
  storedBytes: number;
  checking: boolean;
}

/** A book is in the library once it completed, and stays there (through updates that fail too). */
export function inLibrary(task: Task, record: LibraryRecord | undefined): boolean {
  return task.status === 'completed' || record !== undefined;
}

export function libraryBook({ task, book, record, storedBytes, checking }: BookParts): LibraryBook {
  const waiting = record?.waiting ?? 0;
  const updating = task.status === 'queued' || task.status === 'running';
  return {
    id: task.id,
    url: task.url,
    sourceId: task.sourceId,
    site: hostOf(task.url),
    title: book?.title ?? task.title ?? task.url,
    author: book?.author ?? task.author ?? '',
    format: task.format,
    chapters: Math.max(0, (book?.chapters.length ?? task.totalChapters) - waiting),
    followed: record?.followed ?? false,
    followAsked: record?.followAsked ?? false,
    ...(record?.lastCheck ? { lastCheck: record.lastCheck } : {}),
    newChapters: waiting,
    ...(fileOf(task, record) ? { file: fileOf(task, record) } : {}),
    storedBytes,
    chaptersStored: book?.freedBefore === undefined,
    ...(checking ? { busy: 'checking' as const } : updating ? { busy: 'updating' as const } : {}),
  };
}

/** The file the library remembers; for a book finished before the library existed, its task's. */
function fileOf(task: Task, record: LibraryRecord | undefined): LibraryBook['file'] {
  if (record?.file) return record.file;
  if (!task.fileName) return undefined;
  return {
    fileName: task.fileName,
    ...(task.downloadId !== undefined ? { downloadId: task.downloadId } : {}),
    at: task.finishedAt ?? task.createdAt,
    chapters: { from: 1, to: task.totalChapters },
  };
}
