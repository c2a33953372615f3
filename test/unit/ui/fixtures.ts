import type { Task } from '../../../lib/contract';

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    url: 'http://127.0.0.1:8080/book/1',
    sourceId: 'demo',
    format: 'epub',
    status: 'queued',
    totalChapters: 0,
    completedChapters: 0,
    failedChapters: 0,
    progress: 0,
    createdAt: 1000,
    resumes: 0,
    resumesWithoutProgress: 0,
    ...overrides,
  };
}
