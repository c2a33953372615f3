import type { ErrorCode, Settings, SourceRule, Task, TaskEvent, WaitingFor } from '../contract';
import { toErrorInfo } from '../errors';
import { WallError } from '../net/wall-error';
import type { Store } from '../store/store';
import type { TocEntry } from '../book-pages';
import type { BookRecord } from '../store/schema';
import type { AttemptInfo } from '../net';
import { bookReading, type BookReading } from './book-reader';
import { hostLimits, type BytesLoader, type PageLoader } from './page-loader';
import { readBook } from './read-book';
import { MAX_FAILURES_IN_A_ROW, tooManyMissing } from './missing-chapters';
import { readChapter } from './read-chapter';
import { waitMs } from './host-walls';
import type { ImageConverter } from './cover';
import { epubCoreImage, sniffImage } from '../file/epub/image';
import { fileLimitError } from '../file/file-limits';
import { FileNotSaved } from '../file/file-saved';
import { TaskEnd, type Ending } from './endings';
import type { TaskLease } from './ownership';
import { progressOf, transition } from './state';
import type { FilePart } from '../file/parts';
import { saveBookFiles } from './files-to-make';
import { onBookSite } from './site-policy';
import { withCut, type Cut } from './warnings';

/**
 * Hands the finished book (or the part of it named, 1-based: a volume, N chapters, the new
 * chapters of an update) to the browser; the offscreen document does the work in Chrome.
 */
export type SaveFile = (
  task: Task,
  part?: FilePart,
) => Promise<{ fileName: string; downloadId?: number; stats?: string }>;

/**
 * Resolves once the browser has written the whole file of a download, throws FileNotSaved when
 * it did not (interrupted, cancelled, forgotten); the signal ends the wait.
 */
export type FileSaved = (downloadId: number, fileName: string, signal: AbortSignal) => Promise<void>;

export interface RunnerDeps {
  /** The runner's only way to write its task: refused once the task ended or was taken back. */
  lease: TaskLease;
  /** What the runner reads; it writes through its lease alone. */
  store: Pick<Store, 'getBook' | 'chapterIndexes'>;
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
  settings: Settings;
  /** How often the heartbeat is written and the worker kept alive (must stay under 30 s). */
  heartbeatMs?: number;
}

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
  private failuresInARow = 0;
  /** The first wall a chapter met: no worker takes another chapter, and the task waits once those in flight are stored. */
  private wall: WallError | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  /** The book's reader and loader, bound to this task's signal and telling it of every HTTP try. */
  private readonly reading: BookReading;

  constructor(
    task: Task,
    private readonly rule: SourceRule,
    private readonly deps: RunnerDeps,
  ) {
    this.task = task;
    this.reading = bookReading(task.url, rule, deps.load, this.abort.signal, {
      observe: (at, info) => this.observe(at, info),
      cut: (cut) => this.cut(cut),
    });
  }

  /**
   * Aborts the requests in flight. The manager calls it once it has taken the task back, so the
   * runner's unwinding writes nothing.
   */
  stop(): void {
    if (!this.abort.signal.aborted) this.abort.abort(new TaskEnd({ kind: 'cancelled' }));
  }

  async run(): Promise<void> {
    this.heartbeat = setInterval(() => this.beat(), this.deps.heartbeatMs ?? 10_000);
    try {
      this.update(transition(this.task, 'running', this.deps.now()));
      this.log(
        'info',
        this.task.resumes > 0 && this.task.completedChapters + this.task.failedChapters > 0
          ? `Resumed (resume ${this.task.resumes}).`
          : 'Started.',
      );
      this.deps.keepAlive();
      const book = await this.bookRecord();
      await this.downloadChapters(book);
      this.throwIfStopped();
      await this.finish(book);
    } catch (error) {
      await this.end(error);
    } finally {
      clearInterval(this.heartbeat);
      clearTimeout(this.progressTimer);
    }
    await this.deps.lease.settled();
  }

  private async bookRecord(): Promise<BookRecord> {
    const stored = await this.deps.store.getBook(this.task.id);
    if (stored) {
      this.update({ ...this.task, title: stored.title, author: stored.author, totalChapters: stored.chapters.length });
      return stored;
    }
    const { notes, ...read } = await readBook(this.task.url, this.task.range, this.reading, this.task.toc);
    const limit = fileLimitError(read.chapters, this.task.format, this.task.url, this.deps.settings);
    if (limit) throw limit;
    const book: BookRecord = { taskId: this.task.id, ...read };
    for (const note of notes) this.log(note.level, note.message);
    if (book.cover && this.task.format === 'epub') book.coverImage = await this.coverImage(book.cover);
    this.throwIfStopped();
    await this.deps.lease.putBook(book);
    this.update({ ...this.task, title: book.title, author: book.author, totalChapters: book.chapters.length });
    this.log(
      'info',
      `Read «${book.title}» by ${book.author || 'an unknown author'}: ${book.chapters.length} chapters.`,
    );
    return book;
  }

  /** The cover is optional: a site that will not give it costs the book its cover, nothing more. */
  private async coverImage(url: string): Promise<Uint8Array | undefined> {
    let bytes: Uint8Array;
    try {
      // A cover may live on another site (an image host): it is fetched, but without cookies.
      const withoutCookies = !onBookSite(url, this.task.url, this.rule);
      bytes = await this.deps.loadBytes(url, this.rule, this.abort.signal, {
        observe: (at, info) => this.observe(at, info),
        withoutCookies,
      });
    } catch (error) {
      this.throwIfStopped();
      const info = toErrorInfo(error);
      // A wall in front of the cover stands in front of the chapters too: wait, do not lose the cover.
      if (info.code === 'storage' || error instanceof WallError) throw error;
      this.log('warn', `The cover ${url} could not be fetched, so the book has none: ${info.message}`, info.code);
      return undefined;
    }
    return epubCoreImage(bytes) ? bytes : this.convertedCover(url, bytes);
  }

  /** A cover in a type EPUB readers may not show, redrawn as a JPEG; or none, said in the log. */
  private async convertedCover(url: string, bytes: Uint8Array): Promise<Uint8Array | undefined> {
    const found = sniffImage(bytes)?.mediaType ?? 'not a PNG, JPEG or GIF';
    if (!this.deps.convertImage) {
      this.log(
        'warn',
        `The cover ${url} is ${found}, which EPUB readers do not all show, and it cannot be converted here, so the book has none.`,
        'parse',
      );
      return undefined;
    }
    try {
      const jpeg = await this.deps.convertImage(bytes);
      this.log('info', `The cover ${url} is ${found}; it was redrawn as a JPEG, which every EPUB reader shows.`);
      return jpeg;
    } catch (error) {
      this.throwIfStopped();
      const reason = error instanceof Error ? error.message : String(error);
      this.log(
        'warn',
        `The cover ${url} is ${found} and could not be redrawn as a JPEG (${reason}), so the book has none.`,
        'parse',
      );
      return undefined;
    }
  }

  private async downloadChapters(book: BookRecord): Promise<void> {
    const { stored, failed, locked } = await this.deps.store.chapterIndexes(this.task.id);
    this.update({
      ...this.task,
      completedChapters: stored.size - failed.size - locked.size,
      failedChapters: failed.size,
      lockedChapters: locked.size,
    });
    // Chapters the reader freed are in the files made before: never fetched again.
    const first = book.freedBefore ?? 0;
    const pending = book.chapters
      .map((_, index) => index)
      .filter((index) => index >= first && !stored.has(index))
      [Symbol.iterator]();
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
    if (this.wall) throw new TaskEnd(this.waitingFor(this.wall));
  }

  /** One of the task's parallel workers: takes the next chapter until none is left. */
  private async work(pending: Iterator<number>, chapters: TocEntry[]): Promise<void> {
    // A wall stops the taking of chapters, not the chapters already on their way: what the site
    // gave before it is stored, so it is never fetched again.
    for (
      let next = this.wall ? undefined : pending.next();
      next && !next.done;
      next = this.wall ? undefined : pending.next()
    ) {
      const index = next.value;
      this.throwIfStopped();
      const entry = chapters[index]!;
      try {
        const chapter = await readChapter(entry, chapters[index + 1]?.url, this.reading);
        this.throwIfStopped();
        await this.deps.lease.putChapter({ taskId: this.task.id, index, url: entry.url, ...chapter });
        this.failuresInARow = 0;
        this.progress({ ...this.task, completedChapters: this.task.completedChapters + 1, resumesWithoutProgress: 0 });
      } catch (error) {
        this.throwIfStopped();
        // A wall stands in front of every chapter: the task will wait for the reader.
        if (error instanceof WallError) {
          this.wall ??= error;
          return;
        }
        const info = toErrorInfo(error);
        // A full or broken store fails the whole task: nothing more could be kept anyway. Any
        // other error, an unexpected one included, is this chapter's page's: it fails alone
        // (and ten in a row end the task, below).
        if (info.code === 'storage') throw error;
        if (info.code === 'locked') {
          // The site's answer, not a failure: kept with its reason, never fetched again.
          await this.deps.lease.putChapter({
            taskId: this.task.id,
            index,
            url: entry.url,
            title: entry.title,
            error: info,
            lockedTask: this.task.id,
          });
          this.progress({ ...this.task, lockedChapters: (this.task.lockedChapters ?? 0) + 1 });
          this.log('info', `Chapter ${index + 1} «${entry.title}» is locked: ${info.message}`, info.code);
          continue;
        }
        await this.deps.lease.putChapter({
          taskId: this.task.id,
          index,
          url: entry.url,
          title: entry.title,
          error: info,
          failedTask: this.task.id,
        });
        this.progress({ ...this.task, failedChapters: this.task.failedChapters + 1 });
        this.log('error', `Gave up on chapter ${index + 1} «${entry.title}»: ${info.message}`, info.code);
        this.failuresInARow += 1;
        if (this.failuresInARow >= MAX_FAILURES_IN_A_ROW) throw new TaskEnd({ kind: 'missing_in_a_row', last: info });
        // Once more chapters are lost than the book may miss, finishing it is pointless.
        if (tooManyMissing(this.task.failedChapters, this.task.totalChapters, this.deps.settings)) {
          throw new TaskEnd({
            kind: 'too_many_missing',
            maxPercent: this.deps.settings.maxFailedChapterPercent,
            last: info,
          });
        }
      }
    }
  }

  private async finish(book: BookRecord): Promise<void> {
    const { completedChapters, failedChapters, totalChapters } = this.task;
    // A book whose chapters are all locked is still a book: it names each one and why.
    if (completedChapters === 0 && !this.task.lockedChapters && totalChapters > 0)
      throw new TaskEnd({ kind: 'nothing_saved' });
    if (tooManyMissing(failedChapters, totalChapters, this.deps.settings)) {
      throw new TaskEnd({ kind: 'too_many_missing', maxPercent: this.deps.settings.maxFailedChapterPercent });
    }
    await this.deps.lease.settled();
    const file = await this.handedOver(book);
    // Completed means saved: the browser may still refuse the file or fail to write it, and
    // until it says, the task keeps running (its file name and download on it).
    if (file.downloadId !== undefined) await this.fileSaved(file.downloadId, file.fileName);
    await this.endWith({ kind: 'completed', file });
  }

  /**
   * The task's file in the browser's downloads: the one handed over before this worker was lost
   * (its download is followed again, never started twice), or new ones, the last (the newest
   * chapters) kept on the task at once. Parts before the last are each waited for as they go.
   */
  private async handedOver(book: BookRecord): Promise<{ fileName: string; downloadId?: number }> {
    const { fileName, downloadId } = this.task;
    if (fileName !== undefined && downloadId !== undefined) return { fileName, downloadId };
    const file = await saveBookFiles(this.task, book, {
      settings: this.deps.settings,
      saveFile: (task, part) => this.notSavedEnds(() => this.deps.saveFile(task, part)),
      fileSaved: (id, name) => this.fileSaved(id, name),
      log: (message) => this.log('info', message),
      throwIfStopped: () => this.throwIfStopped(),
    });
    this.update({ ...this.task, ...file });
    return file;
  }

  /** Waits for the browser to write the file; without a browser to ask, handed over is saved. */
  private async fileSaved(downloadId: number, fileName: string): Promise<void> {
    const { fileSaved } = this.deps;
    if (fileSaved) await this.notSavedEnds(() => fileSaved(downloadId, fileName, this.abort.signal));
  }

  /** A file the browser did not save ends the task with its own ending (Retry rebuilds only the file). */
  private async notSavedEnds<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FileNotSaved)
        throw new TaskEnd({ kind: 'file_not_saved', fileName: error.fileName, problem: error.problem });
      throw error;
    }
  }

  /** Why the runner stopped: the first reason wins, even if a sibling threw something else after. */
  private async end(error: unknown): Promise<void> {
    const reason = this.abort.signal.aborted ? this.abort.signal.reason : error;
    if (reason instanceof TaskEnd) return this.endWith(reason.ending);
    // The book page, its table of contents or its cover behind a wall: the task waits as well.
    if (reason instanceof WallError) return this.endWith(this.waitingFor(reason));
    await this.endWith({ kind: 'error', error: toErrorInfo(reason) });
  }

  /** The task waits for the reader to get past `wall`, for `challengeWaitMinutes` at most. */
  private waitingFor(wall: WallError): Extract<Ending, { kind: 'waiting' }> {
    const since = this.deps.now();
    const until = since + waitMs(this.deps.settings);
    const waitingFor: WaitingFor = { kind: wall.kind, host: wall.host, url: wall.url, since, until };
    return { kind: 'waiting', wall: waitingFor, message: wall.message };
  }

  /** Ends the task through the lease: once, and only while the runner still holds it. */
  private async endWith(ending: Ending): Promise<void> {
    clearTimeout(this.progressTimer);
    const ended = await this.deps.lease.end(this.task, ending);
    if (ended) this.task = ended;
  }

  /** A limit cut something from the book: kept on the task (and shown), logged. */
  private cut(cut: Cut): void {
    this.log('warn', cut.message);
    this.progress({ ...this.task, warnings: withCut(this.task.warnings, cut) });
  }

  private observe(url: string, info: AttemptInfo): void {
    const retried = info.error && info.waitMs > 0;
    this.task = {
      ...this.task,
      attempts: (this.task.attempts ?? 0) + 1,
      retries: (this.task.retries ?? 0) + (retried ? 1 : 0),
    };
    if (retried) {
      this.log(
        'warn',
        `Try ${info.attempt} of ${url} failed (${info.error!.message}); trying again in ${Math.ceil(info.waitMs / 1000)} s.`,
        info.error!.code,
      );
    }
  }

  private log(level: TaskEvent['level'], message: string, code?: ErrorCode): void {
    this.deps.lease.log({ level, message, ...(code ? { code } : {}) });
  }

  private throwIfStopped(): void {
    // A runner whose task was taken back stops at its next step, whether it was told or not.
    if (!this.deps.lease.held) this.stop();
    if (this.abort.signal.aborted) throw this.abort.signal.reason;
  }

  private beat(): void {
    // A runner whose task was taken back keeps nothing alive, even if it is stuck.
    if (!this.deps.lease.held) {
      clearInterval(this.heartbeat);
      return;
    }
    this.deps.keepAlive();
    const now = this.deps.now();
    const startedAt = this.task.startedAt ?? now;
    if (now - startedAt > this.deps.settings.maxTaskMinutes * 60_000) {
      // Ended at once, not after the unwinding: a step that ignores the signal cannot hold it.
      const timeout: Ending = { kind: 'timeout', maxTaskMinutes: this.deps.settings.maxTaskMinutes };
      this.abort.abort(new TaskEnd(timeout));
      void this.endWith(timeout);
      return;
    }
    this.update({ ...this.task, heartbeatAt: now });
  }

  /** Keeps a chapter's progress in memory at once; writes and shows it within PROGRESS_EVERY_MS. */
  private progress(task: Task): void {
    this.task = task;
    this.progressTimer ??= setTimeout(() => this.update(this.task), PROGRESS_EVERY_MS);
  }

  /** Keeps the task in memory and writes it through the lease; progress held back goes too. */
  private update(task: Task): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.task = { ...task, progress: progressOf(task) };
    this.deps.lease.write(this.task);
  }
}
