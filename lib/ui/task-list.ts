// Pure operations on the popup's task list, which is always kept newest first.
import type { PortMessage, Task } from '../contract';

/** Newest first by `createdAt`; ties broken by id (descending) so the order is stable. */
export function compareTasks(a: Task, b: Task): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function sortTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort(compareTasks);
}

/** Replaces the task with the same id (or adds it), keeping newest-first order. Never mutates. */
export function upsertTask(tasks: readonly Task[], task: Task): Task[] {
  const rest = tasks.filter((t) => t.id !== task.id);
  const index = rest.findIndex((t) => compareTasks(task, t) < 0);
  if (index === -1) return [...rest, task];
  return [...rest.slice(0, index), task, ...rest.slice(index)];
}

/** Drops the task with this id; returns the same array when there is none. */
export function removeTask(tasks: readonly Task[], taskId: string): Task[] {
  if (!tasks.some((t) => t.id === taskId)) return tasks as Task[];
  return tasks.filter((t) => t.id !== taskId);
}

/** Applies one live message from the `tasks` port. */
export function applyPortMessage(tasks: readonly Task[], message: PortMessage): Task[] {
  if (message.type === 'task.updated') return upsertTask(tasks, message.task);
  return removeTask(tasks, message.taskId);
}

/** A list fetched with `task.list`, with the live messages that arrived while it was on its way applied on top. */
export function reconcile(list: readonly Task[], pending: readonly PortMessage[]): Task[] {
  return pending.reduce<Task[]>((acc, message) => applyPortMessage(acc, message), sortTasks(list));
}

/** Narrows whatever arrives on the port to the messages the popup understands. */
export function isPortMessage(value: unknown): value is PortMessage {
  if (!value || typeof value !== 'object') return false;
  const message = value as { type?: unknown; task?: unknown; taskId?: unknown };
  if (message.type === 'task.updated') {
    const task = message.task as { id?: unknown; createdAt?: unknown } | undefined;
    return !!task && typeof task === 'object' && typeof task.id === 'string' && typeof task.createdAt === 'number';
  }
  if (message.type === 'task.removed') return typeof message.taskId === 'string';
  return false;
}

/**
 * What "Clear completed & cancelled" removes. Failed tasks stay: they need a decision (retry,
 * or remove one by one), and clearing them would hide why a book never arrived.
 */
export function clearableTasks(tasks: readonly Task[]): Task[] {
  return tasks.filter((task) => task.status === 'completed' || task.status === 'cancelled');
}
