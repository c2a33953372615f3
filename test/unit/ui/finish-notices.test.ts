import { describe, expect, it } from 'vitest';
import './english';
import { createFinishWatcher, finishNotice } from '../../../lib/ui/finish-notices';
import { strings } from '../../../lib/ui/strings';
import { makeTask } from './fixtures';

describe('createFinishWatcher', () => {
  it('announces each completed or failed end once', () => {
    const isNews = createFinishWatcher(1_000);
    expect(isNews(makeTask({ status: 'running' }))).toBeNull();
    expect(isNews(makeTask({ status: 'completed', finishedAt: 2_000 }))).toBe('completed');
    expect(isNews(makeTask({ status: 'completed', finishedAt: 2_000, downloadId: 3 }))).toBeNull();
    expect(isNews(makeTask({ status: 'cancelled', finishedAt: 2_500 }))).toBeNull();
    // Retried, then failed: a new end.
    expect(isNews(makeTask({ status: 'failed', finishedAt: 3_000 }))).toBe('failed');
  });

  it('leaves alone tasks that had ended before the worker started', () => {
    const isNews = createFinishWatcher(10_000);
    expect(isNews(makeTask({ status: 'completed', finishedAt: 9_999 }))).toBeNull();
    expect(isNews(makeTask({ id: 'other', status: 'failed', finishedAt: 10_000 }))).toBe('failed');
  });
});

describe('finishNotice', () => {
  it('says what arrived and where', () => {
    const task = makeTask({
      status: 'completed',
      title: '演示之书',
      completedChapters: 12,
      fileName: '演示之书 - 示例作者.txt',
    });
    expect(finishNotice(task, strings)).toEqual({
      title: 'Download finished',
      message: '«演示之书», 12 chapters, saved as 演示之书 - 示例作者.txt',
    });
    expect(finishNotice({ ...task, failedChapters: 2, fileName: undefined }, strings).message).toBe(
      '«演示之书», 12 chapters\n2 chapters could not be downloaded.',
    );
  });

  it('announces an update by its new chapters', () => {
    const task = makeTask({
      status: 'completed',
      title: '连载之书20',
      completedChapters: 23,
      fileName: 'x.epub',
      update: { from: 21, to: 22, part: false },
    });
    expect(finishNotice(task, strings)).toEqual({ title: 'New chapters', message: '«连载之书20»: 2 new chapters' });
    expect(finishNotice({ ...task, update: { from: 23, to: 23, part: true } }, strings).message).toBe(
      '«连载之书20»: 1 new chapter',
    );
  });

  it("gives the worker's reason for a failure", () => {
    const task = makeTask({ status: 'failed', error: { code: 'network', message: 'Could not reach http://x/.' } });
    expect(finishNotice(task, strings)).toEqual({
      title: 'Download failed',
      message: '«http://127.0.0.1:8080/book/1»: Could not reach http://x/.',
    });
  });
});
