import { openDB, type IDBPDatabase } from 'idb';
import type { Settings, SourceRule, Task, TaskEvent } from '../contract';
import { DEFAULT_SETTINGS } from '../settings';
import { LibraryTables } from './library-tables';
import {
  DB_NAME,
  DB_VERSION,
  type BookRecord,
  type ChapterRecord,
  type NovelDb,
  type WatchdogRecord,
  type SourceState,
  type SubscriptionRecord,
} from './schema';
import { guard, storageError } from './guard';
import { chapterRange } from './keys';
import { upgrade } from './upgrade';
import { addUsage, chapterBytes } from './usage';

/**
 * IndexedDB is the truth; the worker's memory is only a cache of it, because MV3 kills the
 * worker whenever it likes. The worker and the offscreen document both open this store.
 */
export class Store {
  /** The library's own records: followed books, what their chapters take, files opened to continue. */
  readonly library: LibraryTables;

  private constructor(private readonly db: IDBPDatabase<NovelDb>) {
    this.library = new LibraryTables(db);
  }

  static async open(name = DB_NAME): Promise<Store> {
    try {
      const db = await openDB<NovelDb>(name, DB_VERSION, { upgrade });
      return new Store(db);
    } catch (error) {
      throw storageError('open the database', error);
    }
  }

  close(): void {
    this.db.close();
  }

  getTask(id: string): Promise<Task | undefined> {
    return guard('read a task', () => this.db.get('tasks', id));
  }

  putTask(task: Task): Promise<void> {
    return guard('save a task', async () => {
      await this.db.put('tasks', task);
    });
  }

  listTasks(): Promise<Task[]> {
    return guard('list tasks', () => this.db.getAll('tasks'));
  }

  tasksWithStatus(status: Task['status']): Promise<Task[]> {
    return guard('list tasks', () => this.db.getAllFromIndex('tasks', 'status', status));
  }

  /** Drops a task with everything stored for it. */
  deleteTask(id: string): Promise<void> {
    return guard('remove a task', async () => {
      const tx = this.db.transaction(['tasks', 'books', 'chapters', 'events', 'usage', 'library'], 'readwrite');
      const eventKeys = await tx.objectStore('events').index('taskId').getAllKeys(id);
      await Promise.all([
        tx.objectStore('tasks').delete(id),
        tx.objectStore('books').delete(id),
        tx.objectStore('chapters').delete(chapterRange(id)),
        tx.objectStore('usage').delete(id),
        tx.objectStore('library').delete(id),
        ...eventKeys.map((key) => tx.objectStore('events').delete(key)),
        tx.done,
      ]);
    });
  }

  /** Appends to a task's log, dropping its oldest lines beyond `keep`. */
  addEvent(event: TaskEvent, keep = 200): Promise<void> {
    return guard('save a log line', async () => {
      const tx = this.db.transaction('events', 'readwrite');
      await tx.store.add(event);
      const keys = await tx.store.index('taskId').getAllKeys(event.taskId);
      // Keys grow with time, so the smallest are the oldest.
      const excess = keys.length - keep;
      if (excess > 0)
        await Promise.all(
          keys
            .sort((a, b) => a - b)
            .slice(0, excess)
            .map((key) => tx.store.delete(key)),
        );
      await tx.done;
    });
  }

  /** The newest `limit` lines of a task's log, oldest first. */
  taskEvents(taskId: string, limit = 50): Promise<TaskEvent[]> {
    return guard('read a task log', async () => {
      const events = await this.db.getAllFromIndex('events', 'taskId', taskId);
      return events.slice(-limit);
    });
  }

  getBook(taskId: string): Promise<BookRecord | undefined> {
    return guard('read a book', () => this.db.get('books', taskId));
  }

  putBook(book: BookRecord): Promise<void> {
    return guard('save a book', async () => {
      await this.db.put('books', book);
    });
  }

  /** Stores a chapter and counts what it takes, in one transaction. */
  putChapter(chapter: ChapterRecord): Promise<void> {
    return guard('save a chapter', async () => {
      const tx = this.db.transaction(['chapters', 'usage'], 'readwrite');
      const chapters = tx.objectStore('chapters');
      const before = await chapters.get([chapter.taskId, chapter.index]);
      await chapters.put(chapter);
      await addUsage(tx, chapter.taskId, chapterBytes(chapter) - chapterBytes(before), before ? 0 : 1);
      await tx.done;
    });
  }

  /**
   * Which chapters have a record (text, a final error, or a lock), without reading their text;
   * `failed` and `locked` are among `stored`.
   */
  chapterIndexes(taskId: string): Promise<{ stored: Set<number>; failed: Set<number>; locked: Set<number> }> {
    return guard('read stored chapters', async () => {
      const keys = await this.db.getAllKeys('chapters', chapterRange(taskId));
      const failedKeys = await this.db.getAllKeysFromIndex('chapters', 'failedTask', taskId);
      const lockedKeys = await this.db.getAllKeysFromIndex('chapters', 'lockedTask', taskId);
      const indexes = (list: [string, number][]) => new Set(list.map((key) => key[1]));
      return { stored: indexes(keys), failed: indexes(failedKeys), locked: indexes(lockedKeys) };
    });
  }

  /** The chapters the site keeps locked, in order, at most `limit` (they hold no text). */
  lockedChapters(taskId: string, limit = 100): Promise<ChapterRecord[]> {
    return guard('read locked chapters', async () => {
      const locked = await this.db.getAllFromIndex('chapters', 'lockedTask', taskId);
      return locked.sort((a, b) => a.index - b.index).slice(0, limit);
    });
  }

  /** The chapters given up on, in order, at most `limit` (they hold no text, so this is cheap). */
  failedChapters(taskId: string, limit = 100): Promise<ChapterRecord[]> {
    return guard('read failed chapters', async () => {
      const failed = await this.db.getAllFromIndex('chapters', 'failedTask', taskId);
      return failed.sort((a, b) => a.index - b.index).slice(0, limit);
    });
  }

  /** Forgets the chapters given up on, so the next run fetches them again. */
  clearFailedChapters(taskId: string): Promise<number> {
    return guard('clear failed chapters', async () => {
      const tx = this.db.transaction(['chapters', 'usage'], 'readwrite');
      const chapters = tx.objectStore('chapters');
      // Failed chapters hold no text: reading them whole costs little.
      const failed = await chapters.index('failedTask').getAll(taskId);
      await Promise.all(failed.map((chapter) => chapters.delete([chapter.taskId, chapter.index])));
      const bytes = failed.reduce((sum, chapter) => sum + chapterBytes(chapter), 0);
      await addUsage(tx, taskId, -bytes, -failed.length);
      await tx.done;
      return failed.length;
    });
  }

  /**
   * Visits the chapters in order a batch at a time, so building a file of a huge book never
   * holds more than one batch of chapter text beyond what the visitor keeps. Batches of 50 kept
   * enough records alive across collections to lift the offscreen page's peak heap by a tenth and
   * now and then double it (bench/memory.ts); 10 costs the build ~15 % more time.
   */
  async forEachChapter(
    taskId: string,
    visit: (chapter: ChapterRecord) => void | Promise<void>,
    part?: { from: number; to: number },
    batch = 10,
  ): Promise<void> {
    let from = part?.from ?? 0;
    const to = part?.to ?? Number.MAX_SAFE_INTEGER;
    while (from <= to) {
      const range = IDBKeyRange.bound([taskId, from], [taskId, to]);
      const chapters = await guard('read chapters', () => this.db.getAll('chapters', range, batch));
      for (const chapter of chapters) await visit(chapter);
      if (chapters.length < batch) return;
      from = chapters[chapters.length - 1]!.index + 1;
    }
  }

  async getSettings(): Promise<Settings> {
    const stored = (await guard('read settings', () => this.db.get('meta', 'settings'))) as Settings | undefined;
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  putSettings(settings: Settings): Promise<void> {
    return guard('save settings', async () => {
      await this.db.put('meta', settings, 'settings');
    });
  }

  async getHealth(): Promise<WatchdogRecord> {
    const stored = (await guard('read health', () => this.db.get('meta', 'health'))) as WatchdogRecord | undefined;
    return stored ?? { watchdogAt: null, recoveredTotal: 0 };
  }

  putHealth(health: WatchdogRecord): Promise<void> {
    return guard('save health', async () => {
      await this.db.put('meta', health, 'health');
    });
  }

  importedSources(): Promise<SourceRule[]> {
    return guard('read sources', () => this.db.getAll('sources'));
  }

  putSources(rules: SourceRule[]): Promise<void> {
    return guard('save sources', async () => {
      const tx = this.db.transaction('sources', 'readwrite');
      await Promise.all([...rules.map((rule) => tx.store.put(rule)), tx.done]);
    });
  }

  /** Drops an imported source together with its enabled/disabled state. */
  deleteSource(id: string): Promise<void> {
    return guard('remove a source', async () => {
      const tx = this.db.transaction(['sources', 'sourceStates'], 'readwrite');
      await Promise.all([tx.objectStore('sources').delete(id), tx.objectStore('sourceStates').delete(id), tx.done]);
    });
  }

  sourceStates(): Promise<SourceState[]> {
    return guard('read source states', () => this.db.getAll('sourceStates'));
  }

  putSourceState(state: SourceState): Promise<void> {
    return guard('save a source state', async () => {
      await this.db.put('sourceStates', state);
    });
  }

  subscriptions(): Promise<SubscriptionRecord[]> {
    return guard('read subscriptions', () => this.db.getAll('subscriptions'));
  }

  getSubscription(id: string): Promise<SubscriptionRecord | undefined> {
    return guard('read a subscription', () => this.db.get('subscriptions', id));
  }

  putSubscription(record: SubscriptionRecord): Promise<void> {
    return guard('save a subscription', async () => {
      await this.db.put('subscriptions', record);
    });
  }

  /**
   * Reads what decides which sources a subscription may write (the stored rules, every
   * subscription, the sources of queued and running downloads), lets `decide` choose, and
   * stores its choice, in one transaction: no import, no other refresh and no new download's
   * look-up lands between the look and the write. `decide` is synchronous (a transaction ends at
   * the first wait on anything else) and must not throw: it returns why it changes nothing instead.
   */
  changeSubscribedSources<T>(decide: (now: SubscribedSourcesView) => SubscribedSourcesChange<T>): Promise<T> {
    return guard('update subscribed sources', async () => {
      const tx = this.db.transaction(['sources', 'sourceStates', 'subscriptions', 'tasks'], 'readwrite');
      const byStatus = tx.objectStore('tasks').index('status');
      const [sources, subscriptions, queued, running] = await Promise.all([
        tx.objectStore('sources').getAll(),
        tx.objectStore('subscriptions').getAll(),
        byStatus.getAll('queued'),
        byStatus.getAll('running'),
      ]);
      const busySources = new Set([...queued, ...running].map((task) => task.sourceId));
      const change = decide({ sources, subscriptions, busySources });
      await Promise.all([
        ...(change.write ?? []).map((rule) => tx.objectStore('sources').put(rule)),
        ...(change.remove ?? []).flatMap((id) => [
          tx.objectStore('sources').delete(id),
          tx.objectStore('sourceStates').delete(id),
        ]),
        ...(change.put ? [tx.objectStore('subscriptions').put(change.put)] : []),
        ...(change.drop ? [tx.objectStore('subscriptions').delete(change.drop)] : []),
        tx.done,
      ]);
      return change.result;
    });
  }
}

/** What `changeSubscribedSources` shows its decision. */
export interface SubscribedSourcesView {
  /** Every imported source. */
  sources: SourceRule[];
  subscriptions: SubscriptionRecord[];
  /** The sources of queued and running downloads. */
  busySources: ReadonlySet<string>;
}

/** What it stores: rules written, sources deleted (with their switch), one subscription put or dropped. */
export interface SubscribedSourcesChange<T> {
  write?: SourceRule[];
  remove?: string[];
  put?: SubscriptionRecord;
  drop?: string;
  result: T;
}
