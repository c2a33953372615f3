import { describe, expect, it } from 'vitest';
import { Store } from '../../../lib/store/store';
import { openOldDatabase } from '../../fixtures/old-database';

const locked = (taskId: string, index: number) => ({
  taskId,
  index,
  title: `第${index + 1}章`,
  url: `http://x/${index + 1}.html`,
  error: { code: 'locked' as const, message: '本章为VIP章节' },
  lockedTask: taskId,
});

describe('locked chapters in the store', () => {
  it('are found by their own index, apart from chapters given up on, and kept by a retry', async () => {
    const store = await Store.open(`locked-${Math.random()}`);
    await store.putChapter({ taskId: 't', index: 0, title: 'a', url: 'http://x/1.html', text: 'text' });
    await store.putChapter({
      taskId: 't',
      index: 1,
      title: 'b',
      url: 'http://x/2.html',
      error: { code: 'network', message: 'no' },
      failedTask: 't',
    });
    await store.putChapter(locked('t', 3));
    await store.putChapter(locked('t', 2));
    await store.putChapter(locked('other', 2));
    expect(await store.chapterIndexes('t')).toEqual({
      stored: new Set([0, 1, 2, 3]),
      failed: new Set([1]),
      locked: new Set([2, 3]),
    });
    expect((await store.lockedChapters('t')).map((c) => c.index)).toEqual([2, 3]);
    expect(await store.clearFailedChapters('t')).toBe(1);
    expect((await store.chapterIndexes('t')).locked).toEqual(new Set([2, 3]));
    store.close();
  });

  it('a database made by version 1 gains the index (version 3) and keeps its chapters', async () => {
    const name = `v1-${Math.random()}`;
    const v1 = await openOldDatabase(name, 1);
    await v1.put('chapters', { taskId: 't', index: 0, title: 'a', url: 'http://x/1.html', text: 'kept' });
    v1.close();
    const store = await Store.open(name);
    await store.putChapter(locked('t', 1));
    expect(await store.chapterIndexes('t')).toEqual({
      stored: new Set([0, 1]),
      failed: new Set(),
      locked: new Set([1]),
    });
    store.close();
  });
});
