// Who may write a task, at every moment. While a runner runs a task it holds the task's lease,
// and the lease is its only way to the task's record, chapters and log. Otherwise the manager
// writes the task. A lease ends once: with the runner's own ending, or when the manager takes the
// task back (cancel, remove). From then on it refuses every write, so a runner that was stuck and
// wakes up late cannot overwrite what the manager wrote, nor put back what remove deleted.

import type { Task, TaskEvent } from '../contract';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import type { BookRecord, ChapterRecord } from '../store/schema';
import { endTask, type Ending } from './endings';
import { chapterFailures, lockedChapters } from './missing-chapters';
import { isFinal } from './state';

export interface OwnershipDeps {
  store: Store;
  publish: (task: Task) => void;
  now: () => number;
}

export class TaskOwnership {
  private readonly leases = new Map<string, TaskLease>();
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: OwnershipDeps) {}

  /** Hands a task to a runner; it must not have one already. */
  lease(taskId: string): TaskLease {
    if (this.leases.has(taskId)) throw new AppError('internal', `The task "${taskId}" already has a runner.`);
    const lease = new TaskLease(taskId, this.deps, () => {
      if (this.leases.get(taskId) === lease) this.leases.delete(taskId);
    });
    this.leases.set(taskId, lease);
    return lease;
  }

  isLeased(taskId: string): boolean {
    return this.leases.has(taskId);
  }

  /**
   * Takes a task back from its runner, if one holds it. The runner's writes are refused from this
   * moment on (the call closes the lease before it returns), and those it had already made have
   * landed when the promise resolves; that takes storage round trips, never the runner's will.
   */
  takeBack(taskId: string): Promise<void> {
    return this.leases.get(taskId)?.revoke() ?? Promise.resolve();
  }

  /** The manager's write of a task no runner holds. */
  async save(task: Task): Promise<void> {
    if (this.leases.has(task.id))
      throw new AppError('internal', `The task "${task.id}" has a runner; only the runner may write it.`);
    await this.deps.store.putTask(task);
    this.deps.publish(task);
  }

  /**
   * The manager ends a task no runner holds (take it back first). A task that has ended already
   * is left as it is and returned: a task ends once.
   */
  async end(taskId: string, ending: Ending): Promise<Task> {
    if (this.leases.has(taskId))
      throw new AppError('internal', `The task "${taskId}" has a runner; only the runner may end it.`);
    const task = await this.deps.store.getTask(taskId);
    if (!task)
      throw new AppError('unknown_task', `There is no task with the id "${taskId}"; it may have been removed.`);
    return writeEnding(this.deps, task, ending);
  }

  /**
   * Runs the manager's decisions about one task one at a time (read, decide, write), so a cancel
   * and a start, or a cancel and a recovery, cannot both act on what they read before the other wrote.
   */
  exclusive<T>(taskId: string, work: () => Promise<T>): Promise<T> {
    const turn = (this.turns.get(taskId) ?? Promise.resolve()).then(work);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(taskId, settled);
    void settled.then(() => {
      if (this.turns.get(taskId) === settled) this.turns.delete(taskId);
    });
    return turn;
  }
}

/** A runner's right to write one task, until it ends the task or the manager takes it back. */
export class TaskLease {
  private open = true;
  /** The task's record, written in the order the runner gave it. */
  private records: Promise<void> = Promise.resolve();
  /** Chapters, the book and log lines on their way to storage. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private ending: Promise<unknown> = Promise.resolve();

  constructor(
    readonly taskId: string,
    private readonly deps: OwnershipDeps,
    private readonly release: () => void,
  ) {}

  /** False once the runner ended the task or the manager took it back. */
  get held(): boolean {
    return this.open;
  }

  /** Writes the task's record and shows it to the pages; false (nothing written) without the lease. */
  write(task: Task): boolean {
    if (!this.open) return false;
    this.deps.publish(task);
    this.records = this.records
      .then(() => this.deps.store.putTask(task))
      .catch((error: unknown) => {
        // The task stays `running` in storage; the watchdog will find it without a runner.
        console.error('Could not save task', task.id, error);
      });
    return true;
  }

  /** Stores a chapter; false (nothing stored) without the lease. */
  putChapter(chapter: ChapterRecord): Promise<boolean> {
    return this.track(() => this.deps.store.putChapter(chapter));
  }

  putBook(book: BookRecord): Promise<boolean> {
    return this.track(() => this.deps.store.putBook(book));
  }

  /** Adds a line to the task's log; a lost line is worth a console message, not the task. */
  log(event: Omit<TaskEvent, 'taskId' | 'at'>): void {
    const line: TaskEvent = { taskId: this.taskId, at: this.deps.now(), ...event };
    this.track(() => this.deps.store.addEvent(line)).catch((error: unknown) =>
      console.error('Could not log', line, error),
    );
  }

  /** Every write made so far has landed (or failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([this.records, ...this.inFlight]);
  }

  /**
   * The runner's own ending, its last write: once what is in flight has landed, the ending is
   * written from the stored chapters. Undefined when the lease had ended already (the manager
   * took the task back, or the runner ended it before), or when storage refused the ending.
   */
  async end(task: Task, ending: Ending): Promise<Task | undefined> {
    if (!this.open) return undefined;
    this.close();
    const written = this.settled().then(() => writeEnding(this.deps, task, ending));
    this.ending = written.catch(() => undefined);
    try {
      return await written;
    } catch (error) {
      // The task stays `running` in storage; the watchdog will find it without a runner.
      console.error('Could not end task', task.id, error);
      return undefined;
    }
  }

  /** The manager takes the task back: see TaskOwnership.takeBack. */
  async revoke(): Promise<void> {
    this.close();
    await this.ending;
    await this.settled();
  }

  private close(): void {
    this.open = false;
    this.release();
  }

  private async track(work: () => Promise<void>): Promise<boolean> {
    if (!this.open) return false;
    const write = work();
    this.inFlight.add(write);
    try {
      await write;
    } finally {
      this.inFlight.delete(write);
    }
    return true;
  }
}

/** Counts the stored chapters, ends the task with them and logs the ending; a task ends once. */
async function writeEnding(deps: OwnershipDeps, task: Task, ending: Ending): Promise<Task> {
  if (isFinal(task.status)) return task;
  const { stored, failed, locked } = await deps.store.chapterIndexes(task.id);
  const failures = chapterFailures(await deps.store.failedChapters(task.id));
  const lockedList = locked.size ? lockedChapters(await deps.store.lockedChapters(task.id)) : [];
  const counts = {
    completed: stored.size - failed.size - locked.size,
    failed: failed.size,
    failures,
    locked: locked.size,
    lockedList,
  };
  const { task: ended, log } = endTask(task, ending, counts, deps.now());
  await deps.store.putTask(ended);
  deps.publish(ended);
  await deps.store.addEvent({ taskId: task.id, at: deps.now(), ...log });
  return ended;
}
