import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { progressOf, transition } from '../../../lib/task/state';

const task = (status: Task['status']): Task => ({
  id: 't',
  url: 'http://x/',
  sourceId: 'demo',
  format: 'txt',
  status,
  totalChapters: 10,
  completedChapters: 0,
  failedChapters: 0,
  progress: 0,
  createdAt: 1,
  resumes: 0,
  resumesWithoutProgress: 0,
});

describe('task state machine', () => {
  it('allows the moves of a download', () => {
    const running = transition(task('queued'), 'running', 100);
    expect(running).toMatchObject({ status: 'running', startedAt: 100, heartbeatAt: 100 });
    const done = transition(running, 'completed', 200);
    expect(done).toMatchObject({ status: 'completed', finishedAt: 200, progress: 100 });
  });

  it('keeps the first start time when a task resumes', () => {
    const resumed = transition({ ...task('queued'), startedAt: 50 }, 'running', 100);
    expect(resumed.startedAt).toBe(50);
  });

  it.each([
    ['completed', 'running'],
    ['failed', 'completed'],
    ['cancelled', 'running'],
    ['queued', 'completed'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(() => transition(task(from), to, 1)).toThrow(/cannot go/);
  });

  it('clears the error when a failed task is queued again', () => {
    const failed = { ...task('failed'), error: { code: 'network' as const, message: 'x' }, finishedAt: 5 };
    const queued = transition(failed, 'queued', 10);
    expect(queued.error).toBeUndefined();
    expect(queued.finishedAt).toBeUndefined();
  });

  it('waits with what it waits for, and drops it when it goes on, fails or is cancelled', () => {
    const waitingFor = { kind: 'challenge' as const, host: 'x', url: 'http://x/1', since: 10, until: 1_810 };
    const waiting = transition(transition(task('queued'), 'running', 5), 'waiting', 10, { waitingFor });
    expect(waiting).toMatchObject({ status: 'waiting', waitingFor });
    expect(transition(task('queued'), 'waiting', 10, { waitingFor }).status).toBe('waiting');
    for (const to of ['running', 'queued', 'failed', 'cancelled'] as const) {
      const next = transition(waiting, to, 20);
      expect(next.status).toBe(to);
      expect(next.waitingFor).toBeUndefined();
    }
    expect(() => transition(task('running'), 'waiting', 10)).toThrow(/what it waits for/);
    expect(() => transition(waiting, 'completed', 20)).toThrow(/cannot go/);
  });

  it('counts progress over chapters dealt with and keeps 100 for a made file', () => {
    const counts = (
      completedChapters: number,
      failedChapters: number,
      totalChapters: number,
      status: Task['status'] = 'running',
    ) => ({ status, completedChapters, failedChapters, totalChapters });
    expect(progressOf(counts(0, 0, 0))).toBe(0);
    expect(progressOf(counts(3, 1, 8))).toBe(50);
    expect(progressOf(counts(3, 0, 3))).toBe(99);
    expect(progressOf(counts(0, 4, 8, 'failed'))).toBe(50);
    expect(progressOf(counts(11, 1, 12, 'completed'))).toBe(100);
  });
});
