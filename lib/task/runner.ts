import type { ChapterFailure, ErrorCode, Settings, SourceRule, Task, TaskEvent } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import type { Store } from '../store/store';
import type { TocEntry } from '../book-pages';
import type { BookRecord } from '../store/schema';
import type { AttemptInfo } from '../net';
import { bookReading, type BookReading } from './book-reader';
import { hostLimits, type BytesLoader, type PageLoader } from './page-loader';
import { readBook } from './read-book';
import { chapterFailures, MAX_FAILURES_IN_A_ROW, tooManyMissing, tooManyMissingError } from './missing-chapters';
import { readChapter } from './read-chapter';
import type { ImageConverter } from './cover';
import { epubCoreImage, sniffImage } from '../file/epub/image';
import { fileLimitError } from '../file/file-limits';
import { fail, isFinal, progressOf, transition } from './state';
import { onBookSite } from './site-policy';
import { withCut, type Cut } from './warnings';

/** Hands the finished book to the browser; the offscreen document does the work in Chrome. */
export type SaveFile = (task: Task) => Promise<{ fileName: string; downloadId?: number; stats?: string }>;

/**
 * Resolves once the browser has written the whole file of a download, throws AppError `file`
 * when it did not (interrupted, cancelled, forgotten); the signal ends the wait.
 */
export type FileSaved = (downloadId: number, fileName: string, signal: AbortSignal) => Promise<void>;

export interface RunnerDeps {
  store: Store;
  load: PageLoader;
  loadBytes: BytesLoader;
  /** Turns a cover EPUB readers may not show (WebP, AVIF) into a JPEG; absent where no browser is. */
  convertImage?: ImageConverter;
  saveFile: SaveFile;
  /** Without it (no browser), a file handed over counts as saved. */
  fileSaved?: FileSaved;
  /** An extension API call: MV3 kills a worker 30 s after the last one. */
  keepAlive: () => void;
  now: () => number;
  publish: (task: Task) => void;
  settings: Settings;
  /** How often the heartbeat is written and the worker kept alive (must stay under 30 s). */
  heartbeatMs?: number;
}

type StopReason = 'cancelled' | 'removed' | 'timeout';

/**
 * A chapter's progress is written and shown at most this often. At 70 chapters a second, one
 * task write, one port message and one badge call per chapter are IPC that competes with the
 * requests themselves on a small machine; four times a second is as live as any eye can follow.
 * Recovery never trusts these counters: a resumed runner recounts the stored chapters.
 */
const PROGRESS_EVERY_MS = 250;

/**
 * Drives one task from its stored state to a final status. Every chapter is stored the moment
 * it arrives; a runner started again on the same task skips what is stored.
 */
export class TaskRunner {
  private task: Task;
  private readonly abort = new AbortController();
  private stopReason: StopReason | undefined;
  private saving: Promise<void> = Promise.resolve();
  private failuresInARow = 0;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  /** The book's reader and loader, bound to this task's signal and telling it of every HTTP try. */
  private readonly reading: BookReading;

  constructor(
    task: Task,
    private readonly rule: SourceRule,
    private readonly deps: RunnerDeps,
  ) {
    this.task = task;
    this.reading = bookReading(task.url, rule, deps.load, this.abort.signal, { observe: (at, info) => this.observe(at, info), cut: (cut) => this.cut(cut) });
  }

  get id(): string {
    return this.task.id;
  }

  /** Stops the download: in-flight requests are aborted at once. */
  stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    const sentence =
      reason === 'timeout'
        ? `The download ran longer than the ${this.deps.settings.maxTaskMinutes} minutes allowed. Retry to continue from the stored chapters, or raise the limit in Settings.`
        : 'The download was cancelled.';
    this.abort.abort(new AppError(reason === 'timeout' ? 'timeout' : 'cancelled', sentence));
  }

  async run(): Promise<Task> {
    const heartbeat = setInterval(() => this.beat(), this.deps.heartbeatMs ?? 10_000);
    try {
      this.update(transition(this.task, 'running', this.deps.now()));
      this.log('info', this.task.resumes > 0 && this.task.completedChapters + this.task.failedChapters > 0 ? `Resumed (resume ${this.task.resumes}).` : 'Started.');
      this.deps.keepAlive();
      const book = await this.bookRecord();
      await this.downloadChapters(book);
      this.throwIfStopped();
      await this.finish();
    } catch (error) {
      this.end(error);
    } finally {
      clearInterval(heartbeat);
      clearTimeout(this.progressTimer);
    }
    await this.saving;
    return this.task;
  }

  private async bookRecord(): Promise<BookRecord> {
    const stored = await this.deps.store.getBook(this.task.id);
    if (stored) {
      this.update({ ...this.task, title: stored.title, author: stored.author, totalChapters: stored.chapters.length });
      return stored;
    }
    const read = await readBook(this.task.url, this.task.range, this.reading);
    const limit = fileLimitError(read.chapters.length, this.task.format, this.task.url);
    if (limit) throw limit;
    const book: BookRecord = { taskId: this.task.id, ...read };
    if (book.cover && this.task.format === 'epub') book.coverImage = await this.coverImage(book.cover);
    this.throwIfStopped();
    await this.deps.store.putBook(book);
    this.update({ ...this.task, title: book.title, author: book.author, totalChapters: book.chapters.length });
    this.log('info', `Read «${book.title}» by ${book.author || 'an unknown author'}: ${book.chapters.length} chapters.`);
    return book;
  }

  /** The cover is optional: a site that will not give it costs the book its cover, nothing more. */
  private async coverImage(url: string): Promise<Uint8Array | undefined> {
    let bytes: Uint8Array;
    try {
      // A cover may live on another site (an image host): it is fetched, but without cookies.
      const withoutCookies = !onBookSite(url, this.task.url, this.rule);
      bytes = await this.deps.loadBytes(url, this.rule, this.abort.signal, { observe: (at, info) => this.observe(at, info), withoutCookies });
    } catch (error) {
      this.throwIfStopped();
      const info = toErrorInfo(error);
      if (info.code === 'storage') throw error;
      this.log('warn', `The cover ${url} could not be fetched, so the book has none: ${info.message}`, info.code);
      return undefined;
    }
    return epubCoreImage(bytes) ? bytes : this.convertedCover(url, bytes);
  }

  /** A cover in a type EPUB readers may not show, redrawn as a JPEG; or none, said in the log. */
  private async convertedCover(url: string, bytes: Uint8Array): Promise<Uint8Array | undefined> {
    const found = sniffImage(bytes)?.mediaType ?? 'not a PNG, JPEG or GIF';
    if (!this.deps.convertImage) {
      this.log('warn', `The cover ${url} is ${found}, which EPUB readers do not all show, and it cannot be converted here, so the book has none.`, 'parse');
      return undefined;
    }
    try {
      const jpeg = await this.deps.convertImage(bytes);
      this.log('info', `The cover ${url} is ${found}; it was redrawn as a JPEG, which every EPUB reader shows.`);
      return jpeg;
    } catch (error) {
      this.throwIfStopped();
      const reason = error instanceof Error ? error.message : String(error);
      this.log('warn', `The cover ${url} is ${found} and could not be redrawn as a JPEG (${reason}), so the book has none.`, 'parse');
      return undefined;
    }
  }

  private async downloadChapters(book: BookRecord): Promise<void> {
    const { stored, failed } = await this.deps.store.chapterIndexes(this.task.id);
    this.update({ ...this.task, completedChapters: stored.size - failed.size, failedChapters: failed.size });
    const pending = book.chapters.map((_, index) => index).filter((index) => !stored.has(index))[Symbol.iterator]();
    // Twice as many workers as the host allows requests: while one parses and stores its
    // chapter, another already waits in the host's queue, so no request slot sits idle.
    const workers = 2 * hostLimits(this.deps.settings, this.rule).concurrency;
    // One worker's fatal error stops its siblings at once, as the task's reason to end. The task
    // ends only once every worker has settled: a chapter a sibling had already lost is logged and
    // stored before the task's last word, never after it.
    await Promise.all(
      Array.from({ length: workers }, () =>
        this.work(pending, book.chapters).catch((error: unknown) => {
          if (!this.abort.signal.aborted) this.abort.abort(error);
        }),
      ),
    );
    this.throwIfStopped();
  }

  /** One of the task's parallel workers: takes the next chapter until none is left. */
  private async work(pending: Iterator<number>, chapters: TocEntry[]): Promise<void> {
    for (let next = pending.next(); !next.done; next = pending.next()) {
      const index = next.value;
      this.throwIfStopped();
      const entry = chapters[index]!;
      try {
        const chapter = await readChapter(entry, chapters[index + 1]?.url, this.reading);
        this.throwIfStopped();
        await this.deps.store.putChapter({ taskId: this.task.id, index, url: entry.url, ...chapter });
        this.failuresInARow = 0;
        this.progress({ ...this.task, completedChapters: this.task.completedChapters + 1, resumesWithoutProgress: 0 });
      } catch (error) {
        this.throwIfStopped();
        const info = toErrorInfo(error);
        // A full or broken store fails the whole task: nothing more could be kept anyway. Any
        // other error, an unexpected one included, is this chapter's page's: it fails alone
        // (and ten in a row end the task, below).
        if (info.code === 'storage') throw error;
        await this.deps.store.putChapter({ taskId: this.task.id, index, url: entry.url, title: entry.title, error: info, failedTask: this.task.id });
        this.progress({ ...this.task, failedChapters: this.task.failedChapters + 1 });
        this.log('error', `Gave up on chapter ${index + 1} «${entry.title}»: ${info.message}`, info.code);
        this.failuresInARow += 1;
        if (this.failuresInARow >= MAX_FAILURES_IN_A_ROW) {
          throw new AppError(info.code, `${MAX_FAILURES_IN_A_ROW} chapters in a row could not be downloaded; the last one said: ${info.message}`);
        }
        // Once more chapters are lost than the book may miss, finishing it is pointless.
        const { failedChapters, totalChapters } = this.task;
        if (tooManyMissing(failedChapters, totalChapters, this.deps.settings)) {
          throw tooManyMissingError(info.code, failedChapters, totalChapters, this.deps.settings, `the download stopped. The last one said: ${info.message}`);
        }
      }
    }
  }

  private async finish(): Promise<void> {
    const { completedChapters, failedChapters, totalChapters } = this.task;
    const failures = await this.failures();
    if (failures.length) this.update({ ...this.task, failures });
    const firstCode = failures[0]?.error.code ?? 'parse';
    if (completedChapters === 0 && totalChapters > 0) {
      throw new AppError(firstCode, `None of the ${totalChapters} chapters could be downloaded, so no file was made. The first one said: ${failures[0]?.error.message ?? 'nothing'}`);
    }
    if (tooManyMissing(failedChapters, totalChapters, this.deps.settings)) {
      throw tooManyMissingError(firstCode, failedChapters, totalChapters, this.deps.settings, 'no file was made. Retry to fetch only the missing ones.');
    }
    await this.saving;
    const file = await this.handedOver();
    // Completed means saved: the browser may still refuse the file or fail to write it.
    if (file.downloadId !== undefined) await this.deps.fileSaved?.(file.downloadId, file.fileName, this.abort.signal);
    const warning =
      failedChapters > 0
        ? {
            error: {
              code: firstCode,
              message: `${failedChapters} of ${totalChapters} chapters could not be downloaded and are marked as missing in the book (first: chapter ${failures[0]?.chapter}, ${failures[0]?.error.message}). Retry to fetch only those.`,
            },
          }
        : {};
    this.update(transition(this.task, 'completed', this.deps.now(), { ...file, ...warning }));
    this.log(failedChapters > 0 ? 'warn' : 'info', `Completed: ${completedChapters} chapters saved as ${file.fileName}${failedChapters ? `, ${failedChapters} missing` : ''}.`);
  }

  /**
   * The file in the browser's downloads: the one handed over before this worker was lost (its
   * download is followed again, never started twice), or a new one, kept on the task at once.
   */
  private async handedOver(): Promise<{ fileName: string; downloadId?: number }> {
    const { fileName, downloadId } = this.task;
    if (fileName !== undefined && downloadId !== undefined) return { fileName, downloadId };
    const { stats, ...file } = await this.deps.saveFile(this.task);
    if (stats) this.log('info', `File: ${stats}.`);
    this.throwIfStopped();
    this.update({ ...this.task, ...file });
    return file;
  }

  private async failures(): Promise<ChapterFailure[]> {
    return chapterFailures(await this.deps.store.failedChapters(this.task.id));
  }

  private end(error: unknown): void {
    if (this.stopReason === 'removed') return;
    if (isFinal(this.task.status)) return;
    const now = this.deps.now();
    if (this.stopReason === 'cancelled') {
      this.update(transition(this.task, 'cancelled', now, { error: { code: 'cancelled', message: 'The download was cancelled.' } }));
      this.log('info', 'Cancelled.');
      return;
    }
    const reason = this.abort.signal.aborted ? this.abort.signal.reason : error;
    const info = toErrorInfo(reason);
    this.update(fail(this.task, info, now));
    this.log('error', `Failed: ${info.message}`, info.code);
  }

  /** A limit cut something from the book: kept on the task (and shown), logged. */
  private cut(cut: Cut): void {
    this.log('warn', cut.message);
    this.progress({ ...this.task, warnings: withCut(this.task.warnings, cut) });
  }

  private observe(url: string, info: AttemptInfo): void {
    const retried = info.error && info.waitMs > 0;
    this.task = { ...this.task, attempts: (this.task.attempts ?? 0) + 1, retries: (this.task.retries ?? 0) + (retried ? 1 : 0) };
    if (retried) {
      this.log('warn', `Try ${info.attempt} of ${url} failed (${info.error!.message}); trying again in ${Math.ceil(info.waitMs / 1000)} s.`, info.error!.code);
    }
  }

  private log(level: TaskEvent['level'], message: string, code?: ErrorCode): void {
    if (this.stopReason === 'removed') return;
    const event: TaskEvent = { taskId: this.task.id, at: this.deps.now(), level, message, ...(code ? { code } : {}) };
    this.deps.store.addEvent(event).catch((error: unknown) => console.error('Could not log', event, error));
  }

  private throwIfStopped(): void {
    if (this.abort.signal.aborted) throw this.abort.signal.reason;
  }

  private beat(): void {
    this.deps.keepAlive();
    const now = this.deps.now();
    const startedAt = this.task.startedAt ?? now;
    if (now - startedAt > this.deps.settings.maxTaskMinutes * 60_000) this.stop('timeout');
    this.update({ ...this.task, heartbeatAt: now });
  }

  /** Keeps a chapter's progress in memory at once; writes and shows it within PROGRESS_EVERY_MS. */
  private progress(task: Task): void {
    if (this.stopReason === 'removed') return;
    this.task = task;
    this.progressTimer ??= setTimeout(() => this.update(this.task), PROGRESS_EVERY_MS);
  }

  /** Keeps the task in memory, writes it in order, and tells the pages; progress held back goes too. */
  private update(task: Task): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    if (this.stopReason === 'removed') return;
    this.task = { ...task, progress: task.status === 'completed' ? 100 : progressOf(task), heartbeatAt: task.heartbeatAt };
    const snapshot = this.task;
    this.saving = this.saving.then(() => this.deps.store.putTask(snapshot)).catch((error: unknown) => {
      // The task stays `running` in storage; the watchdog will find it without a runner.
      console.error('Could not save task', snapshot.id, error);
    });
    this.deps.publish(snapshot);
  }
}
