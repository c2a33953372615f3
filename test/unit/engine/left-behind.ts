// What a worker that stopped mid-download leaves in storage, for the tests of the next worker: a
// task of the demo's book 1 (12 chapters) at `origin`, its book record, and the chapters it had
// stored. The task's status and anything else the test needs come in `patch`.
import { randomUUID } from 'node:crypto';
import type { Task } from '../../../lib/contract';
import { Store } from '../../../lib/store/store';
import { chapterParagraphs, chapterTitle } from '../../fixtures/site';

export async function leftBehind(
  dbName: string,
  origin: string,
  patch: Partial<Task>,
  storedChapters: number[],
): Promise<Task> {
  const store = await Store.open(dbName);
  const id = randomUUID();
  const chapters = Array.from({ length: 12 }, (_, i) => ({
    title: chapterTitle('1', i + 1),
    url: `${origin}/book/1/${i + 1}.html`,
  }));
  const task: Task = {
    id,
    url: `${origin}/book/1/`,
    sourceId: 'demo',
    format: 'txt',
    status: 'running',
    title: '演示之书',
    author: '示例作者',
    totalChapters: 12,
    completedChapters: storedChapters.length,
    failedChapters: 0,
    progress: 10,
    createdAt: Date.now() - 60_000,
    startedAt: Date.now() - 60_000,
    heartbeatAt: Date.now() - 50_000,
    resumes: 0,
    resumesWithoutProgress: 0,
    ...patch,
  };
  await store.putTask(task);
  await store.putBook({ taskId: id, title: '演示之书', author: '示例作者', chapters });
  for (const n of storedChapters) {
    await store.putChapter({
      taskId: id,
      index: n - 1,
      title: chapterTitle('1', n),
      url: chapters[n - 1]!.url,
      text: chapterParagraphs('1', n).join('\n'),
    });
  }
  store.close();
  return task;
}
