import type { ChapterRange, Settings, Task } from '../contract';
import { AppError } from '../errors';
import type { SourceRegistry } from '../source-rules/registry';
import type { Store } from '../store/store';
import type { BytesLoader, PageLoader } from '../task/page-loader';
import type { ImageConverter } from '../task/cover';
import { TaskRunner, type FileSaved, type SaveFile } from '../task/runner';
import { fail, isFinal, transition } from '../task/state';
import type { ValidStart } from './validate-start';

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
  heartbeatMs?: number;
}

// A task whose worker keeps dying before it stores a single new chapter is not making
// progress; after this many such resumes it ends `interrupted` instead of looping forever.
export const MAX_RESUMES_WITHOUT_PROGRESS = 5;
// How long cancel and remove wait for a runner to let go before they act anyway.
const STOP_WAIT_MS = 2_000;

/**
 * Owns the live runners of this worker. A task is `running` only while one of them advances
 * it; anything else claiming to run is an orphan of a lost worker and `recover` resolves it.
 */
export class TaskManager {
  private readonly runners = new Map<string, { runner: TaskRunner; done: Promise<Task> }>();
  private pumping: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TaskManagerDeps) {}

  get liveRunners(): number {
    return this.runners.size;
  }

  isLive(id: string): boolean {
    return this.runners.has(id);
  }

  async create(start: ValidStart): Promise<Task> {
    const range: ChapterRange | undefined = start.range;
    const task: Task = {
      id: this.deps.newId(),
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
    };
    await this.save(task);
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

  async cancel(id: unknown): Promise<Task> {
    const task = await this.get(id);
    if (isFinal(task.status)) {
      throw new AppError('invalid_message', `The task "${task.title ?? task.url}" has already ended (${task.status}); there is nothing to cancel.`);
    }
    const live = this.runners.get(task.id);
    if (live) {
      live.runner.stop('cancelled');
      await withDeadline(live.done, STOP_WAIT_MS);
      const after = await this.get(task.id);
      if (isFinal(after.status)) return after;
    }
    const cancelled = transition(await this.get(task.id), 'cancelled', this.deps.now(), {
      error: { code: 'cancelled', message: 'The download was cancelled.' },
    });
    await this.save(cancelled);
    return cancelled;
  }

  async retry(id: unknown): Promise<Task> {
    const task = await this.get(id);
    const retryable = task.status === 'failed' || task.status === 'cancelled' || (task.status === 'completed' && task.failedChapters > 0);
    if (!retryable) {
      throw new AppError('invalid_message', `The task "${task.title ?? task.url}" is ${task.status}; only failed or cancelled downloads (or books with missing chapters) can be retried.`);
    }
    // A file the browser did not save is only built and saved again; otherwise the chapters
    // given up on are fetched again.
    if (task.error?.code !== 'file') await this.deps.store.clearFailedChapters(task.id);
    const queued = transition(task, 'queued', this.deps.now(), { failedChapters: 0, resumesWithoutProgress: 0 });
    delete queued.startedAt;
    delete queued.failures;
    delete queued.fileName;
    delete queued.downloadId;
    await this.save(queued);
    void this.pump();
    return queued;
  }

  async remove(id: unknown): Promise<void> {
    const task = await this.get(id);
    const live = this.runners.get(task.id);
    if (live) {
      live.runner.stop('removed');
      await withDeadline(live.done, STOP_WAIT_MS);
    }
    await this.deps.store.deleteTask(task.id);
    this.deps.publish({ removedId: task.id });
  }

  /**
   * Resolves every task that claims to run with no live runner here: resumed from its stored
   * chapters, or ended `timeout`/`interrupted` when resuming is no longer reasonable.
   */
  async recover(): Promise<number> {
    const settings = this.deps.settings();
    const now = this.deps.now();
    let recovered = 0;
    for (const task of await this.deps.store.tasksWithStatus('running')) {
      if (this.runners.has(task.id)) continue;
      try {
        await this.resolveOrphan(task, settings, now);
        recovered += 1;
      } catch (error) {
        // A full disk refuses this write as it refused the runner's last one: the task stays
        // `running` in storage, and the next watchdog run tries again. The others go on.
        console.error('Could not resolve a task found without a runner', task.id, error);
      }
    }
    await this.pump();
    return recovered;
  }

  /** One task found `running` without a runner: resumed, or ended when resuming is pointless. */
  private async resolveOrphan(task: Task, settings: Settings, now: number): Promise<void> {
    const log = (level: 'warn' | 'error', message: string, code?: 'timeout' | 'interrupted') =>
      this.deps.store.addEvent({ taskId: task.id, at: now, level, message, ...(code ? { code } : {}) });
    const ranFor = now - (task.startedAt ?? task.createdAt);
    if (ranFor > settings.maxTaskMinutes * 60_000) {
      await this.save(fail(task, {
        code: 'timeout',
        message: `The download ran longer than the ${settings.maxTaskMinutes} minutes allowed. Retry to continue from the stored chapters, or raise the limit in Settings.`,
      }, now));
      await log('error', 'Found without a runner after its time limit: ended as timeout.', 'timeout');
    } else if (task.resumesWithoutProgress >= MAX_RESUMES_WITHOUT_PROGRESS) {
      await this.save(fail(task, {
        code: 'interrupted',
        message: `The browser stopped the download ${task.resumesWithoutProgress} times in a row before it could store another chapter. Retry to continue from the ${task.completedChapters} stored chapters.`,
      }, now));
      await log('error', 'Found without a runner once too often without progress: ended as interrupted.', 'interrupted');
    } else {
      await this.save(transition(task, 'queued', now, {
        resumes: task.resumes + 1,
        resumesWithoutProgress: task.resumesWithoutProgress + 1,
      }));
      await log('warn', `Found running without a runner (the worker was stopped); queued to resume from its stored chapters.`);
    }
  }

  /** Starts queued tasks, oldest first, while there is room. Serialized: no task starts twice. */
  pump(): Promise<void> {
    this.pumping = this.pumping.then(() => this.startQueued()).catch((error: unknown) => {
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

  private async launch(queued: Task): Promise<void> {
    // Re-read: a cancel may have landed since the queue was listed.
    const task = await this.deps.store.getTask(queued.id);
    if (!task || task.status !== 'queued' || this.runners.has(task.id)) return;
    const source = await this.deps.sources.get(task.sourceId);
    if (!source) {
      await this.save(fail(task, { code: 'unknown_source', message: `The book source "${task.sourceId}" no longer exists, so this download cannot go on.` }, this.deps.now()));
      return;
    }
    const runner = new TaskRunner(task, source, {
      store: this.deps.store,
      load: this.deps.load,
      loadBytes: this.deps.loadBytes,
      convertImage: this.deps.convertImage,
      saveFile: this.deps.saveFile,
      fileSaved: this.deps.fileSaved,
      keepAlive: this.deps.keepAlive,
      now: this.deps.now,
      publish: (updated) => this.deps.publish({ task: updated }),
      settings: this.deps.settings(),
      heartbeatMs: this.deps.heartbeatMs,
    });
    const done = runner.run().finally(() => {
      if (this.runners.get(task.id)?.runner === runner) this.runners.delete(task.id);
      void this.pump();
    });
    this.runners.set(task.id, { runner, done });
  }

  private async save(task: Task): Promise<void> {
    await this.deps.store.putTask(task);
    this.deps.publish({ task });
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
