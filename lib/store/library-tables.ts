// The library's records, beside the tasks and chapters they describe: whether a book is
// followed and what its checks found, what each book's stored chapters take (kept by Store as
// it stores them), and the chapters of an EPUB the reader opened, staged for the task that
// continues the book.
import type { IDBPDatabase } from 'idb';
import { guard } from './guard';
import { chapterRange } from './keys';
import type { BookRecord, HeldRecord, LibraryRecord, NovelDb } from './schema';

export class LibraryTables {
  constructor(private readonly db: IDBPDatabase<NovelDb>) {}

  get(taskId: string): Promise<LibraryRecord | undefined> {
    return guard('read a library entry', () => this.db.get('library', taskId));
  }

  list(): Promise<LibraryRecord[]> {
    return guard('read the library', () => this.db.getAll('library'));
  }

  put(record: LibraryRecord): Promise<void> {
    return guard('save a library entry', async () => {
      await this.db.put('library', record);
    });
  }

  /** What one book's stored chapters take. */
  async storedBytesOf(taskId: string): Promise<number> {
    const usage = await guard('read storage use', () => this.db.get('usage', taskId));
    return usage?.bytes ?? 0;
  }

  /** What each book's stored chapters take, by task id (books with none stored are absent). */
  storedBytes(): Promise<Map<string, number>> {
    return guard('read storage use', async () => {
      const all = await this.db.getAll('usage');
      return new Map(all.filter((usage) => usage.chapters > 0).map((usage) => [usage.taskId, usage.bytes]));
    });
  }

  /** Stages chapters read from an EPUB under `importId`, from `position` on, for the task that continues the book. */
  putHeld(records: HeldRecord[]): Promise<void> {
    return guard('stage the chapters of a file', async () => {
      const tx = this.db.transaction('held', 'readwrite');
      await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
    });
  }

  /** The staged chapters of an import, in the file's order. */
  held(importId: string): Promise<HeldRecord[]> {
    return guard('read the chapters of a file', () =>
      this.db.getAll('held', IDBKeyRange.bound([importId, 0], [importId, Number.MAX_SAFE_INTEGER])),
    );
  }

  /** Drops an import's staged chapters, and any other import staged before `staleBefore`. */
  deleteHeld(importId: string, staleBefore?: number): Promise<void> {
    return guard('drop the chapters of a file', async () => {
      const tx = this.db.transaction('held', 'readwrite');
      const stale =
        staleBefore === undefined
          ? []
          : await tx.store.index('at').getAllKeys(IDBKeyRange.upperBound(staleBefore, true));
      await Promise.all([
        tx.store.delete(IDBKeyRange.bound([importId, 0], [importId, Number.MAX_SAFE_INTEGER])),
        ...stale.map((key) => tx.store.delete(key)),
        tx.done,
      ]);
    });
  }

  /**
   * Drops a book's stored chapters, keeping the task, the book and its log: the book stays in
   * the library, and `freedBefore` says the chapters so far are never to be fetched again.
   */
  freeChapters(taskId: string): Promise<BookRecord | undefined> {
    return guard('free stored chapters', async () => {
      const tx = this.db.transaction(['books', 'chapters', 'usage'], 'readwrite');
      const book = await tx.objectStore('books').get(taskId);
      await tx.objectStore('chapters').delete(chapterRange(taskId));
      await tx.objectStore('usage').delete(taskId);
      const freed = book && { ...book, freedBefore: book.chapters.length };
      if (freed) await tx.objectStore('books').put(freed);
      await tx.done;
      return freed;
    });
  }

  /**
   * Moves a book's stored chapters to new indexes (`moves[old] = new`, never lower), for
   * chapters a site inserted mid-book; highest first, so no record lands on one not yet moved.
   */
  moveChapters(taskId: string, moves: ReadonlyMap<number, number>): Promise<void> {
    return guard('renumber stored chapters', async () => {
      const tx = this.db.transaction('chapters', 'readwrite');
      for (
        let cursor = await tx.store.openCursor(chapterRange(taskId), 'prev');
        cursor;
        cursor = await cursor.continue()
      ) {
        const to = moves.get(cursor.value.index);
        if (to === undefined || to === cursor.value.index) continue;
        if (to < cursor.value.index) throw new Error(`chapter ${cursor.value.index} cannot move back to ${to}`);
        await tx.store.put({ ...cursor.value, index: to });
        await cursor.delete();
      }
      await tx.done;
    });
  }
}
