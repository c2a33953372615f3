import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { bookInfo } from '../../fixtures/site';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

const fileLines = (text: string) => text.replace(/\n$/, '').split('\n');

describe('downloading a book in the engine', () => {
  it('downloads the demo book as TXT with every chapter in order, line by line', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    expect(['queued', 'running']).toContain(task.status);
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({
      status: 'completed',
      title: '演示之书',
      author: '示例作者',
      totalChapters: 12,
      completedChapters: 12,
      failedChapters: 0,
      progress: 100,
    });
    expect(done.fileName).toBe('演示之书 - 示例作者.txt');
    expect(fileLines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, '1'));
  });

  it.each(['2', '3'])('decodes the GBK book %s (charset in the header or only in <meta>)', async (id) => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/${id}/`, format: 'txt' });
    const done = await waitForTask(task.id, ended);
    expect(done.status).toBe('completed');
    expect(done.title).toBe(bookInfo(id).title);
    expect(fileLines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, id));
  });

  it('honours the chapter range', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({
      type: 'task.start',
      url: `${site.origin}/book/1/`,
      format: 'txt',
      range: { from: 3, to: 5 },
    });
    const done = await waitForTask(task.id, ended);
    expect(done.totalChapters).toBe(3);
    expect(fileLines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, '1', [3, 4, 5]));
    expect(site.hits('/book/1/1.html')).toBe(0);
  });

  it('ends a task on a host that does not resolve as failed/network after its tries', async () => {
    const { call, waitForTask, ended } = await startService({ settings: { maxAttempts: 2 } });
    const { task } = await call({
      type: 'task.start',
      url: 'http://nonexistent-site.invalid/book/123',
      sourceId: 'demo',
      format: 'txt',
    });
    const done = await waitForTask(task.id, ended);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('network');
    expect(done.error?.message).toContain('nonexistent-site.invalid');
    expect(done.error?.message).toContain('(2 tries)');
  });

  it('fails a book page that answers 404 at once with http_status', async () => {
    const { call, waitForTask, ended } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/no-such-book/`, format: 'txt' });
    const done = await waitForTask(task.id, ended);
    expect(done.error?.code).toBe('http_status');
    expect(site.hits('/book/no-such-book/')).toBe(1);
  });

  it('keeps going past a chapter that stays broken and reports it as a warning', async () => {
    const { send, call, waitForTask, ended, files } = await startService({ settings: { maxAttempts: 2 } });
    site.setFault(/^\/book\/1\/4\.html$/, { kind: 'status', status: 404 });
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 11, failedChapters: 1 });
    expect(done.error?.message).toMatch(/1 of 12 chapters/);
    expect(files.get(task.id)!.text).toContain(`[This chapter is missing:`);

    // Retry fetches only the missing chapter.
    site.setFault(null);
    site.resetLog();
    await send({ type: 'task.retry', taskId: task.id });
    const retried = await waitForTask(task.id, (t) => ended(t) && t.failedChapters === 0);
    expect(retried).toMatchObject({ status: 'completed', completedChapters: 12 });
    expect(site.hits(/^\/book\/1\/\d+\.html$/)).toBe(1);
    expect(fileLines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, '1'));
  });

  it('cancel stops fetching at once and the site sees no further chapter requests', async () => {
    const { call, waitForTask, untilIdle } = await startService();
    site.setLatency(50);
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-300/`, format: 'txt' });
    await waitForTask(task.id, (t) => t.completedChapters >= 5);
    const answer = await call({ type: 'task.cancel', taskId: task.id });
    expect(answer.task.status).toBe('cancelled');
    const chapterHits = () => site.hits(/^\/book\/gen-300\/\d+\.html$/);
    const atCancel = chapterHits();
    // The requests in flight are aborted and nothing waits for a slot: the engine is done with the task.
    await untilIdle();
    expect(chapterHits()).toBe(atCancel);
    expect(atCancel).toBeLessThan(300);
    expect((await call({ type: 'task.get', taskId: task.id })).task.status).toBe('cancelled');
  });

  it('remove during a download drops the task and its chapters', async () => {
    const { send, refusal, call, waitForTask, untilIdle, store } = await startService();
    site.setLatency(30);
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-200/`, format: 'txt' });
    await waitForTask(task.id, (t) => t.completedChapters >= 3);
    expect((await send({ type: 'task.remove', taskId: task.id })).ok).toBe(true);
    await untilIdle();
    expect((await refusal({ type: 'task.get', taskId: task.id })).code).toBe('unknown_task');
    expect((await store.chapterIndexes(task.id)).stored.size).toBe(0);
  });

  it('keeps the worker alive with extension calls while it downloads', async () => {
    const { call, waitForTask, ended, keepAlives } = await startService({ heartbeatMs: 20 });
    site.setLatency(20);
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-30/`, format: 'txt' });
    const done = await waitForTask(task.id, ended);
    expect(done.status).toBe('completed');
    expect(keepAlives()).toBeGreaterThan(3);
    expect(done.heartbeatAt).toBeGreaterThanOrEqual(done.startedAt!);
  });

  // One write and one message a chapter is IPC that competes with the requests (bench/throughput.ts).
  it('publishes progress a few times a second, not once a chapter, and still ends exact', async () => {
    const { call, service, waitForTask, ended } = await startService();
    const updates: Task[] = [];
    const unsubscribe = service.subscribe((event) => {
      if ('task' in event) updates.push(event.task);
    });
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/gen-300/`, format: 'txt' });
    const started = Date.now();
    const done = await waitForTask(task.id, ended, 30_000);
    const seconds = (Date.now() - started) / 1000;
    unsubscribe();
    expect(done.status).toBe('completed');
    expect(done.completedChapters).toBe(300);
    const mine = updates.filter((update) => update.id === task.id);
    // Four a second, plus the status changes, the book and a heartbeat; never one a chapter.
    expect(mine.length).toBeLessThan(4 * seconds + 12);
    expect(mine.length).toBeLessThan(100);
    const counts = mine.map((update) => update.completedChapters);
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // never backwards
    expect(mine.at(-1)).toMatchObject({ status: 'completed', completedChapters: 300, progress: 100 });
  });
});
