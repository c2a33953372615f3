import { describe, expect, it } from 'vitest';
import {
  applyPortMessage,
  clearableTasks,
  isPortMessage,
  reconcile,
  removeTask,
  sortTasks,
  upsertTask,
} from '../../../lib/ui/task-list';
import { makeTask } from './fixtures';

const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id);

describe('sortTasks', () => {
  it('orders newest first by createdAt with a stable tie-break, without mutating', () => {
    const input = [
      makeTask({ id: 'a', createdAt: 1 }),
      makeTask({ id: 'c', createdAt: 3 }),
      makeTask({ id: 'b', createdAt: 3 }),
      makeTask({ id: 'd', createdAt: 2 }),
    ];
    expect(ids(sortTasks(input))).toEqual(['c', 'b', 'd', 'a']);
    expect(ids(input)).toEqual(['a', 'c', 'b', 'd']);
  });
});

describe('upsertTask', () => {
  const list = [
    makeTask({ id: 'c', createdAt: 30 }),
    makeTask({ id: 'b', createdAt: 20 }),
    makeTask({ id: 'a', createdAt: 10 }),
  ];

  it('puts a new task in its newest-first place', () => {
    expect(ids(upsertTask(list, makeTask({ id: 'n', createdAt: 40 })))).toEqual(['n', 'c', 'b', 'a']);
    expect(ids(upsertTask(list, makeTask({ id: 'm', createdAt: 15 })))).toEqual(['c', 'b', 'm', 'a']);
    expect(ids(upsertTask(list, makeTask({ id: 'o', createdAt: 1 })))).toEqual(['c', 'b', 'a', 'o']);
    expect(ids(upsertTask([], makeTask({ id: 'x' })))).toEqual(['x']);
  });

  it('replaces an existing task in place and keeps one copy', () => {
    const next = upsertTask(list, makeTask({ id: 'b', createdAt: 20, status: 'running', completedChapters: 5 }));
    expect(ids(next)).toEqual(['c', 'b', 'a']);
    expect(next[1]).toMatchObject({ status: 'running', completedChapters: 5 });
    expect(list[1]!.status).toBe('queued');
  });
});

describe('removeTask', () => {
  it('drops the task by id and leaves others alone', () => {
    const list = [makeTask({ id: 'b', createdAt: 2 }), makeTask({ id: 'a', createdAt: 1 })];
    expect(ids(removeTask(list, 'b'))).toEqual(['a']);
    expect(removeTask(list, 'zz')).toBe(list);
  });
});

describe('applyPortMessage', () => {
  it('applies task.updated and task.removed', () => {
    let list = [makeTask({ id: 'a', createdAt: 1 })];
    list = applyPortMessage(list, { type: 'task.updated', task: makeTask({ id: 'b', createdAt: 2 }) });
    expect(ids(list)).toEqual(['b', 'a']);
    list = applyPortMessage(list, { type: 'task.removed', taskId: 'a' });
    expect(ids(list)).toEqual(['b']);
  });
});

describe('reconcile', () => {
  it('sorts the fetched list and replays live messages that arrived meanwhile', () => {
    const fetched = [makeTask({ id: 'a', createdAt: 1 }), makeTask({ id: 'b', createdAt: 2, status: 'running' })];
    const result = reconcile(fetched, [
      { type: 'task.updated', task: makeTask({ id: 'b', createdAt: 2, status: 'completed', progress: 100 }) },
      { type: 'task.updated', task: makeTask({ id: 'c', createdAt: 3 }) },
      { type: 'task.removed', taskId: 'a' },
    ]);
    expect(ids(result)).toEqual(['c', 'b']);
    expect(result[1]!.status).toBe('completed');
  });
});

describe('isPortMessage', () => {
  it('accepts only well-formed live messages', () => {
    expect(isPortMessage({ type: 'task.updated', task: makeTask() })).toBe(true);
    expect(isPortMessage({ type: 'task.removed', taskId: 'x' })).toBe(true);
    expect(isPortMessage({ type: 'task.updated' })).toBe(false);
    expect(isPortMessage({ type: 'task.updated', task: { id: 1 } })).toBe(false);
    expect(isPortMessage({ type: 'task.removed' })).toBe(false);
    expect(isPortMessage({ type: 'hello' })).toBe(false);
    expect(isPortMessage(null)).toBe(false);
    expect(isPortMessage('task.updated')).toBe(false);
  });
});

describe('clearableTasks', () => {
  it('clears completed and cancelled tasks and keeps failed, queued and running ones', () => {
    const tasks = (['queued', 'running', 'completed', 'failed', 'cancelled'] as const).map((status) =>
      makeTask({ id: status, status }),
    );
    expect(clearableTasks(tasks).map((task) => task.id)).toEqual(['completed', 'cancelled']);
  });
});
