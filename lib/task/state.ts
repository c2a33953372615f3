import type { Task, TaskStatus } from '../contract';
import { FINAL_STATUSES } from '../contract';
import { AppError } from '../errors';

// Which status may follow which. `running → queued` is a resume after the worker was lost;
// `completed → queued` is a retry of the chapters a finished book is missing. A task meets a
// wall running (or queued behind one on the same host), and leaves `waiting` by going on once
// the reader has cleared it, by failing at its deadline, or by being cancelled.
const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  queued: ['running', 'waiting', 'cancelled', 'failed'],
  running: ['completed', 'failed', 'cancelled', 'queued', 'waiting'],
  waiting: ['running', 'queued', 'failed', 'cancelled'],
  completed: ['queued'],
  failed: ['queued'],
  cancelled: ['queued'],
};

export function isFinal(status: TaskStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Returns the task in its new status; refuses moves the state machine does not allow. */
export function transition(task: Task, to: TaskStatus, now: number, patch: Partial<Task> = {}): Task {
  if (!NEXT[task.status].includes(to)) {
    throw new AppError('internal', `A task cannot go from "${task.status}" to "${to}".`);
  }
  const next: Task = { ...task, ...patch, status: to };
  // A waiting task always says what for and until when; no other task carries it.
  if (to === 'waiting' && !next.waitingFor)
    throw new AppError('internal', 'A task cannot wait without saying what it waits for.');
  if (to !== 'waiting') delete next.waitingFor;
  if (to === 'running') {
    next.startedAt = patch.startedAt ?? task.startedAt ?? now;
    next.heartbeatAt = now;
    delete next.error;
  }
  if (to === 'queued') {
    delete next.error;
    delete next.finishedAt;
  }
  if (isFinal(to)) next.finishedAt = now;
  if (to === 'completed') next.progress = 100;
  return next;
}

/**
 * Whole percent of chapters dealt with (saved, given up on, or found locked); 100 only once the
 * file is made. The one rule for every percentage shown: the task's `progress`, its card, the
 * toolbar badge.
 */
export function progressOf(
  task: Pick<Task, 'status' | 'totalChapters' | 'completedChapters' | 'failedChapters' | 'lockedChapters'>,
): number {
  if (task.status === 'completed') return 100;
  if (task.totalChapters <= 0) return 0;
  const dealtWith = task.completedChapters + task.failedChapters + (task.lockedChapters ?? 0);
  return Math.min(99, Math.floor((100 * dealtWith) / task.totalChapters));
}
