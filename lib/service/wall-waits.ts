// The tasks waiting for the reader to get past a wall on their site: how they go on by
// themselves once the reader has, and how they end at their deadline. Nothing here runs a
// task: a waiting task has no runner, so the manager's side of ownership writes it (queued again
// once the wall is gone, failed at `waitingFor.until`), each decision inside the task's turn.
//
// Memory only (timers and the watched walls); the waiting tasks in the store are the truth, so a
// new worker, or the watchdog, picks every one of them up again with `recover`.

import type { Settings, Task, WaitingFor } from '../contract';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import { HostWalls, waitMs, type ProbeResult } from '../task/host-walls';
import type { TaskOwnership } from '../task/ownership';
import { transition } from '../task/state';

export interface WallWaitsDeps {
  store: Pick<Store, 'getTask' | 'tasksWithStatus' | 'addEvent'>;
  owners: TaskOwnership;
  now: () => number;
  settings: () => Settings;
  /** One request to a page behind a wall, to see whether it still stands. */
  probe: (url: string) => Promise<ProbeResult>;
  /** Queued tasks may start. */
  pump: () => void;
}

export class WallWaits {
  private readonly walls: HostWalls;
  private readonly deadlines = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: WallWaitsDeps) {
    this.walls = new HostWalls({ probe: deps.probe, cleared: (host) => void this.goOn(host) });
  }

  /** Every task written passes here: a waiting one is watched and has its deadline kept. */
  follow(task: Task): void {
    if (task.status !== 'waiting' || !task.waitingFor) {
      this.dropDeadline(task.id);
      return;
    }
    this.walls.watch(task.waitingFor);
    this.keepDeadline(task.id, task.waitingFor.until);
  }

  /** A new worker (or the watchdog): ends the waits past their deadline, watches the others again. */
  async recover(): Promise<void> {
    for (const task of await this.deps.store.tasksWithStatus('waiting')) {
      if (!task.waitingFor || this.deps.now() >= task.waitingFor.until) await this.expire(task.id);
      else this.follow(task);
    }
  }

  /**
   * `task.resume`: the reader says they are past the wall. The wall is checked at once; if it is
   * gone, every task waiting on that site goes on. The task as it is afterwards.
   */
  async resume(taskId: string): Promise<Task> {
    const task = await this.deps.store.getTask(taskId);
    if (!task)
      throw new AppError('unknown_task', `There is no task with the id "${taskId}"; it may have been removed.`);
    if (task.status !== 'waiting' || !task.waitingFor) {
      throw new AppError(
        'invalid_message',
        `The task "${task.title ?? task.url}" is ${task.status}, not waiting for you, so there is nothing to resume.`,
      );
    }
    this.walls.watch(task.waitingFor);
    if (await this.walls.nudge(task.waitingFor.host)) await this.goOn(task.waitingFor.host);
    return (await this.deps.store.getTask(taskId)) ?? task;
  }

  /** A page of `url`'s site finished loading in a tab: the reader may have got past its wall. */
  async pageLoaded(url: string): Promise<void> {
    const host = hostOf(url);
    if (host && this.walls.watching().includes(host)) await this.walls.nudge(host);
  }

  /**
   * A queued task about to start on a site whose wall still stands waits with the others instead
   * of meeting the wall itself. True when it now waits.
   */
  async waitBehindWall(task: Task): Promise<boolean> {
    const host = hostOf(task.url);
    const wall = host ? await this.standingWall(host) : undefined;
    if (!wall) return false;
    const since = this.deps.now();
    const waitingFor: WaitingFor = {
      kind: wall.kind,
      host: wall.host,
      url: wall.url,
      since,
      until: since + waitMs(this.deps.settings()),
    };
    await this.deps.owners.save(transition(task, 'waiting', since, { waitingFor }));
    await this.log(
      task.id,
      `Waiting with the other downloads from ${wall.host} until ${new Date(waitingFor.until).toISOString()}: the site wants you to ${wall.kind === 'login' ? 'sign in' : 'confirm you are human'} first.`,
    );
    return true;
  }

  /** A waiting task was cancelled or removed: its site is no longer watched once nothing waits there. */
  async left(task: Pick<Task, 'id' | 'waitingFor'>): Promise<void> {
    this.dropDeadline(task.id);
    if (task.waitingFor) await this.forgetIfUnwatched(task.waitingFor.host);
  }

  private async standingWall(host: string): Promise<WaitingFor | undefined> {
    if (!this.walls.watching().includes(host)) return undefined;
    const waiting = await this.deps.store.tasksWithStatus('waiting');
    return waiting.find((t) => t.waitingFor?.host === host)?.waitingFor;
  }

  /** The wall in front of `host` is gone: every task waiting on it is queued again, in order. */
  private async goOn(host: string): Promise<void> {
    const waiting = (await this.deps.store.tasksWithStatus('waiting'))
      .filter((t) => t.waitingFor?.host === host)
      .sort((a, b) => a.createdAt - b.createdAt);
    for (const { id } of waiting) {
      await this.deps.owners.exclusive(id, async () => {
        const task = await this.deps.store.getTask(id);
        if (task?.status !== 'waiting') return;
        await this.deps.owners.save(transition(task, 'queued', this.deps.now()));
        await this.log(id, `${host} lets the requests through again: going on from the stored chapters.`);
      });
    }
    this.deps.pump();
  }

  /** The deadline came: a task still waiting ends `failed` with its wall's code and sentence. */
  private async expire(taskId: string): Promise<void> {
    this.dropDeadline(taskId);
    const host = await this.deps.owners.exclusive(taskId, async () => {
      const task = await this.deps.store.getTask(taskId);
      if (task?.status !== 'waiting') return undefined;
      if (task.waitingFor && this.deps.now() < task.waitingFor.until) {
        this.follow(task); // woken early (a clock that moved): wait on
        return undefined;
      }
      await this.deps.owners.end(taskId, { kind: 'wall_timeout' });
      return task.waitingFor?.host;
    });
    if (host) await this.forgetIfUnwatched(host);
  }

  private async forgetIfUnwatched(host: string): Promise<void> {
    const waiting = await this.deps.store.tasksWithStatus('waiting');
    if (!waiting.some((t) => t.waitingFor?.host === host)) this.walls.forget(host);
  }

  private keepDeadline(taskId: string, until: number): void {
    this.dropDeadline(taskId);
    const timer = setTimeout(() => void this.expire(taskId), Math.max(0, until - this.deps.now()));
    // In Node (tests), a deadline alone must not keep the process alive; the watchdog enforces it too.
    (timer as { unref?: () => void }).unref?.();
    this.deadlines.set(taskId, timer);
  }

  private dropDeadline(taskId: string): void {
    clearTimeout(this.deadlines.get(taskId));
    this.deadlines.delete(taskId);
  }

  private log(taskId: string, message: string): Promise<void> {
    return this.deps.store.addEvent({ taskId, at: this.deps.now(), level: 'info', message });
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined; // not an address: no site to wait on
  }
}
