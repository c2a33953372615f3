// The library's work behind its messages: listing the completed books, following them, checking
// them for new chapters (one, or every followed book, politely through the same page loader and
// host scheduler as downloads, a few books at a time) and freeing their stored chapters.

import type { BookCheck, LibraryBook, LibraryPortMessage, Settings, Task } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import type { SourceRegistry } from '../source-rules/registry';
import type { Store } from '../store/store';
import { bookReading } from '../task/book-reader';
import type { PageLoader } from '../task/page-loader';
import { checkBook, newLibraryRecord } from './check-book';
import { inLibrary, libraryBook } from './library-book';

export interface LibraryDeps {
  store: Store;
  sources: SourceRegistry;
  load: PageLoader;
  now: () => number;
  settings: () => Settings;
  publish: (message: LibraryPortMessage) => void;
  /** An extension API call: a check of many books must not let the worker idle out. */
  keepAlive: () => void;
  /** Queues a finished book for its new chapters (TaskManager.update). */
  update: (id: string, part: boolean) => Promise<Task>;
  /** Runs writes about a finished book while nothing else acts on it (TaskManager.whileIdle). */
  whileIdle: <T>(id: string, work: () => Promise<T>) => Promise<T>;
}

/** Books checked at once: the host scheduler keeps each site's pace; this bounds what waits in it. */
export const PARALLEL_CHECKS = 8;

export type CheckResult = { bookId: string } & BookCheck;

export class Library {
  private readonly checking = new Set<string>();
  /** The status each task was last seen in, so the library hears of status changes only. */
  private readonly statuses = new Map<string, Task['status']>();

  constructor(private readonly deps: LibraryDeps) {}

  async list(): Promise<{ books: LibraryBook[]; storedBytes: number }> {
    const { store } = this.deps;
    const [tasks, records, usage] = await Promise.all([
      store.listTasks(),
      store.library.list(),
      store.library.storedBytes(),
    ]);
    const byId = new Map(records.map((record) => [record.taskId, record]));
    const members = tasks
      .filter((task) => inLibrary(task, byId.get(task.id)))
      .sort((a, b) => b.createdAt - a.createdAt);
    const books = await Promise.all(
      members.map(async (task) =>
        libraryBook({
          task,
          book: await store.getBook(task.id),
          record: byId.get(task.id),
          storedBytes: usage.get(task.id) ?? 0,
          checking: this.checking.has(task.id),
        }),
      ),
    );
    return { books, storedBytes: [...usage.values()].reduce((sum, bytes) => sum + bytes, 0) };
  }

  async book(id: unknown): Promise<LibraryBook> {
    const { store } = this.deps;
    const task = typeof id === 'string' ? await store.getTask(id) : undefined;
    const record = task && (await store.library.get(task.id));
    if (!task || !inLibrary(task, record))
      throw new AppError(
        'unknown_task',
        `There is no book with the id ${JSON.stringify(id)} in the library; it may have been removed.`,
      );
    const [book, storedBytes] = await Promise.all([store.getBook(task.id), store.library.storedBytesOf(task.id)]);
    return libraryBook({ task, book, record, storedBytes, checking: this.checking.has(task.id) });
  }

  /** Follows a book or stops; either way the reader has been asked. */
  async follow(id: unknown, followed: unknown): Promise<LibraryBook> {
    if (typeof followed !== 'boolean') throw new AppError('invalid_message', '"followed" must be true or false.');
    const book = await this.book(id);
    const record = (await this.deps.store.library.get(book.id)) ?? newLibraryRecord(book.id);
    await this.deps.store.library.put({ ...record, followed, followAsked: true });
    return this.changed(book.id);
  }

  /** Checks one book, or every followed completed book, and answers once every check ended. */
  async check(id?: unknown): Promise<CheckResult[]> {
    let ids: string[];
    if (id !== undefined) {
      ids = [(await this.book(id)).id];
    } else {
      const { books } = await this.list();
      ids = books.filter((book) => book.followed && !book.busy).map((book) => book.id);
    }
    const pending = ids[Symbol.iterator]();
    const results: CheckResult[] = [];
    const alive = setInterval(() => this.deps.keepAlive(), 10_000);
    try {
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL_CHECKS, ids.length) }, async () => {
          for (let next = pending.next(); !next.done; next = pending.next())
            results.push(await this.checkOne(next.value));
        }),
      );
    } finally {
      clearInterval(alive);
    }
    return ids.map((bookId) => results.find((result) => result.bookId === bookId)!);
  }

  /** Drops a book's stored chapters; the book stays, followable, updating as part files. */
  async free(id: unknown): Promise<LibraryBook> {
    const book = await this.book(id);
    if (book.busy)
      throw new AppError(
        'invalid_message',
        `«${book.title}» is ${book.busy === 'checking' ? 'being checked' : 'being updated'}; free its space once that ends.`,
      );
    await this.deps.whileIdle(book.id, async () => {
      await this.deps.store.library.freeChapters(book.id);
      const record = (await this.deps.store.library.get(book.id)) ?? newLibraryRecord(book.id);
      await this.deps.store.library.put(record);
      await this.deps.store.addEvent({
        taskId: book.id,
        at: this.deps.now(),
        level: 'info',
        message: 'Stored chapters freed; updates make part files of the new chapters only.',
      });
    });
    return this.changed(book.id);
  }

  /** Fetches the new chapters a check found and makes the file again: whole or a part, per the settings. */
  async update(id: unknown): Promise<Task> {
    const book = await this.book(id);
    if (book.newChapters === 0)
      throw new AppError(
        'invalid_message',
        `«${book.title}» has no new chapters waiting; check it for new chapters first.`,
      );
    const task = await this.deps.update(book.id, this.deps.settings().updateMode === 'part' || !book.chaptersStored);
    await this.changed(book.id);
    return task;
  }

  /**
   * Hears every change of a task: when one enters the library or an update ends, its record
   * takes the file made and no chapters wait any more; on every status change the pages are told.
   */
  async taskChanged(task: Task): Promise<void> {
    const before = this.statuses.get(task.id);
    this.statuses.set(task.id, task.status);
    if (before === task.status) return;
    const { store } = this.deps;
    if (task.status === 'completed') {
      const record = (await store.library.get(task.id)) ?? newLibraryRecord(task.id);
      const part = task.update?.part
        ? { from: task.update.from, to: task.update.to }
        : { from: 1, to: task.totalChapters };
      const file = task.fileName
        ? {
            fileName: task.fileName,
            ...(task.downloadId !== undefined ? { downloadId: task.downloadId } : {}),
            at: task.finishedAt ?? this.deps.now(),
            chapters: part,
          }
        : record.file;
      await store.library.put({ ...record, waiting: 0, ...(file ? { file } : {}) });
    }
    if ((await store.library.get(task.id)) || task.status === 'completed') await this.changed(task.id);
  }

  /** Forgets a removed task. */
  taskRemoved(id: string): void {
    this.statuses.delete(id);
    this.checking.delete(id);
  }

  private async checkOne(id: string): Promise<CheckResult> {
    const { store } = this.deps;
    const task = await store.getTask(id);
    const source = task && (await this.deps.sources.get(task.sourceId));
    if (!task || !source || !source.enabled) {
      const error = source
        ? {
            code: 'source_disabled' as const,
            message: `The book source "${source.name}" is switched off, so «${task?.title}» cannot be checked. Switch it on in Options.`,
          }
        : {
            code: 'unknown_source' as const,
            message: `The book source "${task?.sourceId}" no longer exists, so the book cannot be checked.`,
          };
      const check: BookCheck = { at: this.deps.now(), found: 0, removed: 0, error };
      return { bookId: id, ...check };
    }
    this.checking.add(id);
    await this.changed(id);
    const limit = AbortSignal.timeout(this.deps.settings().maxTaskMinutes * 60_000);
    let check: BookCheck;
    try {
      check = await checkBook(id, bookReading(task.url, source, this.deps.load, limit), {
        store,
        now: this.deps.now,
        whileIdle: this.deps.whileIdle,
      });
    } catch (error) {
      // An update or a retry of the book that began meanwhile wins; the others' checks go on.
      const info = toErrorInfo(error);
      if (info.code !== 'invalid_message') throw error;
      check = { at: this.deps.now(), found: 0, removed: 0, error: info };
    } finally {
      this.checking.delete(id);
    }
    if (check.found > 0) {
      this.deps.publish({ type: 'chapters.found', bookId: id, title: task.title ?? task.url, chapters: check.found });
      // Following a book means wanting its new chapters: a followed book is brought up to date at once.
      if ((await store.library.get(id))?.followed) {
        await this.update(id).catch((error: unknown) =>
          store.addEvent({
            taskId: id,
            at: this.deps.now(),
            level: 'warn',
            message: `The new chapters were not fetched: ${toErrorInfo(error).message}`,
          }),
        );
      }
    }
    await this.changed(id);
    return { bookId: id, ...check };
  }

  /** Tells the pages, and answers with the book as it is now. */
  private async changed(id: string): Promise<LibraryBook> {
    const book = await this.book(id);
    this.deps.publish({ type: 'library.updated', book });
    return book;
  }
}
