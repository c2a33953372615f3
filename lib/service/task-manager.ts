import type { ChapterRange, Settings, Task } from '../contract';
import { AppError } from '../errors';
import type { SourceRegistry } from '../source-rules/registry';
import type { Store } from '../store/store';
import type { BytesLoader, PageLoader } from '../task/page-loader';
import type { ImageConverter } from '../task/cover';
import type { ProbeResult } from '../task/host-walls';
import { TaskOwnership } from '../task/ownership';
import { TaskRunner, type FileSaved, type SaveFile } from '../task/runner';
import { isFinal, transition } from '../task/state';
import type { ValidStart } from './validate-start';
import { WallWaits } from './wall-waits';

export interface TaskManagerDeps {
  store: Store;
  sources: SourceRegistry;
  load: PageLoader;
  loadBytes: BytesLoader;
  convertImage?: ImageConverter;
  saveFile: SaveFile;
  fileSaved?: FileSaved;
  keepAlive: () => void;
  now: () => number;
  newId: () => string;
  publish: (event: { task: Task } | { removedId: string }) => void;
  settings: () => Settings;
  /** One request to a page behind a wall (a challenge, a sign-in), to see whether it still stands. */
  probe: (url: string) => Promise<ProbeResult>;
  heartbeatMs?: number;
}

// A task whose worker keeps dying before it stores a single new chapter is not making
// progress; after this many such resumes it ends `interrupted` instead of looping forever.
export const MAX_RESUMES_WITHOUT_PROGRESS = 5;

/**
 * Owns the live runners of this worker. A task is `running` only while one of them advances
 * it; anything else claiming to run is an orphan of a lost worker and `recover` resolves it.
 * A task is written by its runner while one runs it, and by the manager otherwise (see
 * lib/task/ownership.ts); cancel and remove take the task back from its runner first.
 */
export class TaskManager {
  private readonly runners = new Map<string, TaskRunner>();
  private readonly owners: TaskOwnership;
  /** Tasks waiting for the reader to get past a wall on their site. */
  private readonly walls: WallWaits;
  private pumping: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TaskManagerDeps) {
    const publish = (task: Task) => {
      this.walls.follow(task);
      deps.publish({ task });
    };
    this.owners = new TaskOwnership({ store: deps.store, publish, now: deps.now });
    this.walls = new WallWaits({
      store: deps.store,
      owners: this.owners,
      now: deps.now,
      settings: deps.settings,
      probe: deps.probe,
      pump: () => void this.pump(),
    });
  }

  get liveRunners(): number {
    return this.runners.size;
  }

  isLive(id: string): boolean {
    return this.runners.has(id);
  }

  /** A new task, queued; `known` when its book is stored already (a book continued from a file). */
  async create(start: ValidStart, known?: Pick<Task, 'id' | 'title' | 'author' | 'totalChapters'>): Promise<Task> {
    const range: ChapterRange | undefined = start.range;
    const task: Task = {
      id: known?.id ?? this.deps.newId(),
      url: start.url,
      sourceId: start.source.id,
      format: start.format,
      status: 'queued',
      totalChapters: 0,
      completedChapters: 0,
      failedChapters: 0,
      progress: 0,
      createdAt: this.deps.now(),
      resumes: 0,
      resumesWithoutProgress: 0,
      ...(range ? { range } : {}),
      ...(known ? { title: known.title, author: known.author, totalChapters: known.totalChapters } : {}),
      ...(start.toc ? { toc: start.toc } : {}),
    };
    await this.owners.save(task);
    void this.pump();
    return task;
  }

  async get(id: unknown): Promise<Task> {
    if (typeof id !== 'string') throw new AppError('unknown_task', `${JSON.stringify(id)} is not a task id.`);
    const task = await this.deps.store.getTask(id);
    if (!task) throw new AppError('unknown_task', `There is no task with the id "${id}"; it may have been removed.`);
    return task;
  }

  async list(): Promise<Task[]> {
    const tasks = await this.deps.store.listTasks();
    return tasks.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Ends a queued or running task `cancelled` at once, even if its runner is stuck. */
  async cancel(id: unknown): Promise<Task> {
    const { id: taskId } = await this.get(id);
    return this.owners.exclusive(taskId, async () => {
      const task = await this.get(taskId);
      if (isFinal(task.status)) {
        throw new AppError(
          'invalid_message',
          `The task "${task.title ?? task.url}" has already ended (${task.status}); there is nothing to cancel.`,
        );
      }
      await this.takeBack(taskId);
      // The runner may have ended the task itself just before: then that ending stands.
      const ended = await this.owners.end(taskId, { kind: 'cancelled' });
      await this.walls.left(task);
      return ended;
    });
  }

  /** `task.resume`: a waiting task's wall is checked at once; see WallWaits.resume. */
  async resume(id: unknown): Promise<Task> {
    const { id: taskId } = await this.get(id);
    return this.walls.resume(taskId);
  }

  /** A page finished loading in a tab: a wall on its site may be gone. */
  pageLoaded(url: string): Promise<void> {
    return this.walls.pageLoaded(url);
  }

  async retry(id: unknown): Promise<Task> {
    const { id: taskId } = await this.get(id);
    const queued = await this.owners.exclusive(taskId, async () => {
      const task = await this.get(taskId);
      const retryable =
        task.status === 'failed' ||
        task.status === 'cancelled' ||
        (task.status === 'completed' && task.failedChapters > 0);
      if (!retryable) {
        throw new AppError(
          'invalid_message',
          `The task "${task.title ?? task.url}" is ${task.status}; only failed or cancelled downloads (or books with missing chapters) can be retried.`,
        );
      }
      // A file the browser did not save is only built and saved again; otherwise the chapters
      // given up on are fetched again.
      if (task.error?.code !== 'file') await this.deps.store.clearFailedChapters(task.id);
      const next = transition(task, 'queued', this.deps.now(), { failedChapters: 0, resumesWithoutProgress: 0 });
      delete next.startedAt;
      delete next.failures;
      delete next.fileName;
      delete next.downloadId;
      // An update that did not end goes on as an update; a finished one is over.
      if (task.status === 'completed') delete next.update;
      await this.owners.save(next);
      return next;
    });
    void this.pump();
    return queued;
  }

  /**
   * Runs a finished book again for the chapters a check added (library.update): queued with the
   * range of its new chapters, fetching only those, then making the whole book or a part file.
   */
  async update(id: unknown, part: boolean): Promise<Task> {
    const { id: taskId } = await this.get(id);
    const queued = await this.owners.exclusive(taskId, async () => {
      const task = await this.get(taskId);
      if (!isFinal(task.status))
        throw new AppError(
          'invalid_message',
          `«${task.title ?? task.url}» is ${task.status}; update it once that ends.`,
        );
      const book = await this.deps.store.getBook(taskId);
      const { stored } = await this.deps.store.chapterIndexes(taskId);
      const first = book
        ? book.chapters.findIndex((_, index) => index >= (book.freedBefore ?? 0) && !stored.has(index))
        : -1;
      if (!book || first < 0)
        throw new AppError(
          'invalid_message',
          `«${task.title ?? task.url}» has no new chapters to fetch; check it for new chapters first.`,
        );
      const update = { from: first + 1, to: book.chapters.length, part: part || book.freedBefore !== undefined };
      const next = transition(task, 'queued', this.deps.now(), {
        update,
        totalChapters: book.chapters.length,
        resumesWithoutProgress: 0,
      });
      delete next.startedAt;
      delete next.fileName;
      delete next.downloadId;
      await this.owners.save(next);
      return next;
    });
    void this.pump();
    return queued;
  }

  /**
   * Runs `work` on a finished task, with no runner and no other decision about it under way (a
   * check's writes, freeing its chapters); refused while the task is queued or running.
   */
  async whileIdle<T>(id: string, work: (task: Task) => Promise<T>): Promise<T> {
    return this.owners.exclusive(id, async () => {
      const task = await this.get(id);
      if (!isFinal(task.status) || this.owners.isLeased(id))
        throw new AppError(
          'invalid_message',
          `«${task.title ?? task.url}» is ${task.status}; try again once that ends.`,
        );
      return work(task);
    });
  }

  /** Drops a task with its chapters and log; a runner still at it is refused every later write. */
  async remove(id: unknown): Promise<void> {
    const { id: taskId } = await this.get(id);
    await this.owners.exclusive(taskId, async () => {
      const task = await this.deps.store.getTask(taskId);
      await this.takeBack(taskId);
      await this.deps.store.deleteTask(taskId);
      if (task) await this.walls.left(task);
    });
    this.deps.publish({ removedId: taskId });
  }

  /**
   * Takes a task back from its runner, which is told to stop but not waited for: its writes are
   * refused from now on, so it may unwind (or stay stuck) without harm, and its slot is free.
   */
  private async takeBack(taskId: string): Promise<void> {
    const released = this.owners.takeBack(taskId);
    const runner = this.runners.get(taskId);
    if (runner) {
      this.runners.delete(taskId);
      runner.stop();
      void this.pump();
    }
    await released;
  }

  /**
   * Resolves every task that claims to run with no live runner here: resumed from its stored
   * chapters, or ended `timeout`/`interrupted` when resuming is no longer reasonable.
   */
  async recover(): Promise<number> {
    const settings = this.deps.settings();
    let recovered = 0;
    for (const orphan of await this.deps.store.tasksWithStatus('running')) {
      try {
        if (await this.owners.exclusive(orphan.id, () => this.resolveOrphan(orphan.id, settings))) recovered += 1;
      } catch (error) {
        // A full disk refuses this write as it refused the runner's last one: the task stays
        // `running` in storage, and the next watchdog run tries again. The others go on.
        console.error('Could not resolve a task found without a runner', orphan.id, error);
      }
    }
    // Waiting tasks are no orphans: they have no runner by design. Their walls are watched again
    // and their deadlines kept, or they end at once if it has passed.
    await this.walls.recover();
    await this.pump();
    return recovered;
  }

  /**
   * One task found `running` without a runner, in its turn: resumed, or ended when resuming is
   * pointless. False when, read again, it needs nothing (a cancel or a runner came first).
   */
  private async resolveOrphan(taskId: string, settings: Settings): Promise<boolean> {
    const task = await this.deps.store.getTask(taskId);
    if (!task || task.status !== 'running' || this.owners.isLeased(task.id)) return false;
    const now = this.deps.now();
    const log = (message: string) => this.deps.store.addEvent({ taskId: task.id, at: now, level: 'warn', message });
    if (now - (task.startedAt ?? task.createdAt) > settings.maxTaskMinutes * 60_000) {
      await log('Found running without a runner after its time limit.');
      await this.owners.end(task.id, { kind: 'timeout', maxTaskMinutes: settings.maxTaskMinutes });
    } else if (task.resumesWithoutProgress >= MAX_RESUMES_WITHOUT_PROGRESS) {
      await log('Found running without a runner once too often without progress.');
      await this.owners.end(task.id, { kind: 'interrupted' });
    } else {
      await this.owners.save(
        transition(task, 'queued', now, {
          resumes: task.resumes + 1,
          resumesWithoutProgress: task.resumesWithoutProgress + 1,
        }),
      );
      await log('Found running without a runner (the worker was stopped); queued to resume from its stored chapters.');
    }
    return true;
  }

  /** Starts queued tasks, oldest first, while there is room. Serialized: no task starts twice. */
  pump(): Promise<void> {
    this.pumping = this.pumping
      .then(() => this.startQueued())
      .catch((error: unknown) => {
        console.error('Could not start queued tasks', error);
      });
    return this.pumping;
  }

  private async startQueued(): Promise<void> {
    const room = this.deps.settings().maxRunningTasks - this.runners.size;
    if (room <= 0) return;
    const queued = (await this.deps.store.tasksWithStatus('queued')).sort((a, b) => a.createdAt - b.createdAt);
    for (const task of queued.slice(0, room)) await this.launch(task);
  }

  private launch(queued: Task): Promise<void> {
    return this.owners.exclusive(queued.id, async () => {
      // Re-read: a cancel may have landed since the queue was listed.
      const task = await this.deps.store.getTask(queued.id);
      if (!task || task.status !== 'queued' || this.owners.isLeased(task.id)) return;
      const source = await this.deps.sources.get(task.sourceId);
      if (!source) {
        await this.owners.end(task.id, { kind: 'source_gone' });
        return;
      }
      if (await this.walls.waitBehindWall(task)) {
        void this.pump(); // it took no runner: another queued task may have its room
        return;
      }
      const runner = new TaskRunner(task, source, {
        lease: this.owners.lease(task.id),
        store: this.deps.store,
        load: this.deps.load,
        loadBytes: this.deps.loadBytes,
        convertImage: this.deps.convertImage,
        saveFile: this.deps.saveFile,
        fileSaved: this.deps.fileSaved,
        keepAlive: this.deps.keepAlive,
        now: this.deps.now,
        settings: this.deps.settings(),
        heartbeatMs: this.deps.heartbeatMs,
      });
      this.runners.set(task.id, runner);
      void runner.run().finally(() => {
        if (this.runners.get(task.id) === runner) this.runners.delete(task.id);
        void this.pump();
      });
    });
  }
}
