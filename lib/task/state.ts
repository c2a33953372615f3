import type { Task, TaskStatus } from '../contract';
import { FINAL_STATUSES } from '../contract';
import { AppError } from '../errors';

// Which status may follow which. `running → queued` is a resume after the worker was lost;
// `completed → queued` is a retry of the chapters a finished book is missing.
const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  queued: ['running', 'cancelled', 'failed'],
  running: ['completed', 'failed', 'cancelled', 'queued'],
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
 * Whole percent of chapters dealt with (saved or given up on); 100 only once the file is made.
 * The one rule for every percentage shown: the task's `progress`, its card, the toolbar badge.
 */
export function progressOf(task: Pick<Task, 'status' | 'totalChapters' | 'completedChapters' | 'failedChapters'>): number {
  if (task.status === 'completed') return 100;
  if (task.totalChapters <= 0) return 0;
  return Math.min(99, Math.floor((100 * (task.completedChapters + task.failedChapters)) / task.totalChapters));
}
