import { describe, expect, it } from 'vitest';
import './english';
import { progressBadge, taskBadge, taskShownIn } from '../../../lib/ui/toolbar';
import { strings } from '../../../lib/ui/strings';
import { makeTask } from './fixtures';

const book = (id: string, completed: number, total: number, extra = {}) =>
  makeTask({ id, status: 'running', title: `Book ${id}`, url: `http://site.test/book/${id}/`, completedChapters: completed, totalChapters: total, progress: total ? (completed / total) * 100 : 0, ...extra });

describe('progressBadge', () => {
  it('is empty when nothing runs', () => {
    expect(progressBadge([makeTask({ status: 'completed' }), makeTask({ id: 'q', status: 'queued' })], strings)).toBeNull();
  });

  it('shows the running task\'s percentage, and says what it is doing', () => {
    expect(progressBadge([book('a', 120, 500)], strings)).toEqual({ text: '24%', title: 'Downloading «Book a»: 120/500 chapters' });
    expect(progressBadge([book('a', 0, 0)], strings)).toEqual({ text: '0%', title: 'Downloading «Book a»: reading the table of contents' });
  });

  it('adds up several tasks, one line each, and counts the queue', () => {
    const badge = progressBadge([book('a', 50, 100), book('b', 0, 0), book('c', 25, 100), makeTask({ id: 'q', status: 'queued' })], strings)!;
    expect(badge.text).toBe('37%');
    expect(badge.title.split('\n')).toEqual([
      'Downloading 3 books: 37%',
      '«Book a»: 50/100 chapters',
      '«Book b»: reading the table of contents',
      '«Book c»: 25/100 chapters',
      '1 more waiting',
    ]);
  });
});

describe('the tab of a running task', () => {
  it('is the tab showing its book page, whatever the #fragment', () => {
    const tasks = [book('a', 1, 2), book('b', 1, 2, { status: 'completed' })];
    expect(taskShownIn('http://site.test/book/a/#top', tasks)?.id).toBe('a');
    expect(taskShownIn('http://site.test/book/b/', tasks)).toBeUndefined();
    expect(taskShownIn(undefined, tasks)).toBeUndefined();
    expect(taskBadge(tasks[0]!, strings)).toEqual({ text: '50%', title: 'Downloading «Book a»: 1/2 chapters' });
  });
});
