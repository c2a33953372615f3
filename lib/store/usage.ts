// What stored chapters take in the browser's storage. IndexedDB does not tell the size of a
// record, so the store keeps a running estimate per book, updated in the same transaction as
// every chapter it stores or drops: the library can show it without reading any text.

import type { IDBPTransaction, StoreNames } from 'idb';
import type { ChapterRecord, NovelDb } from './schema';

export type Tx = IDBPTransaction<NovelDb, StoreNames<NovelDb>[], 'readwrite' | 'versionchange'>;

// Field names, the key and the structured-clone framing of one record.
const RECORD_OVERHEAD = 64;

/** A string as V8 serialises it: one byte a character when all are Latin-1, else two. */
function stringBytes(text: string | undefined): number {
  if (!text) return 0;
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

export function chapterBytes(chapter: ChapterRecord | undefined): number {
  if (!chapter) return 0;
  return (
    RECORD_OVERHEAD +
    stringBytes(chapter.title) +
    stringBytes(chapter.url) +
    stringBytes(chapter.text) +
    stringBytes(chapter.error?.message)
  );
}

/** Adds to what a book's stored chapters take (negative when they are dropped). */
export async function addUsage(tx: Tx, taskId: string, bytes: number, chapters: number): Promise<void> {
  const usage = tx.objectStore('usage');
  const current = (await usage.get(taskId)) ?? { taskId, bytes: 0, chapters: 0 };
  await usage.put({
    taskId,
    bytes: Math.max(0, current.bytes + bytes),
    chapters: Math.max(0, current.chapters + chapters),
  });
}
