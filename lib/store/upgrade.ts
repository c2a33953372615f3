// The database's versions: each step creates what an older database lacks, so a browser that
// stored books with an older version of the extension keeps them.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { NovelDb } from './schema';
import { chapterBytes } from './usage';

/** Creates the stores a database of an older version lacks; version 4 counts the chapters already stored. */
export async function upgrade(
  db: IDBPDatabase<NovelDb>,
  oldVersion: number,
  _newVersion: number | null,
  tx: IDBPTransaction<NovelDb, StoreNames<NovelDb>[], 'versionchange'>,
): Promise<void> {
  if (oldVersion < 1) {
    db.createObjectStore('tasks', { keyPath: 'id' }).createIndex('status', 'status');
    db.createObjectStore('books', { keyPath: 'taskId' });
    db.createObjectStore('chapters', { keyPath: ['taskId', 'index'] }).createIndex('failedTask', 'failedTask');
    db.createObjectStore('sources', { keyPath: 'id' });
    db.createObjectStore('sourceStates', { keyPath: 'id' });
    db.createObjectStore('meta');
    db.createObjectStore('events', { autoIncrement: true }).createIndex('taskId', 'taskId');
  }
  if (oldVersion < 2) db.createObjectStore('subscriptions', { keyPath: 'id' });
  // Locked chapters (paid, VIP) are found without reading any chapter's text.
  if (oldVersion < 3) tx.objectStore('chapters').createIndex('lockedTask', 'lockedTask');
  if (oldVersion < 4) {
    db.createObjectStore('usage', { keyPath: 'taskId' });
    db.createObjectStore('held', { keyPath: ['importId', 'position'] }).createIndex('at', 'at');
    db.createObjectStore('library', { keyPath: 'taskId' });
    const totals = new Map<string, { bytes: number; chapters: number }>();
    for (let cursor = await tx.objectStore('chapters').openCursor(); cursor; cursor = await cursor.continue()) {
      const total = totals.get(cursor.value.taskId) ?? { bytes: 0, chapters: 0 };
      total.bytes += chapterBytes(cursor.value);
      total.chapters += 1;
      totals.set(cursor.value.taskId, total);
    }
    for (const [taskId, total] of totals) await tx.objectStore('usage').put({ taskId, ...total });
  }
}
