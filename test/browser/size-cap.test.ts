// A gzip bomb (0.3 MB on the wire, 300 MB once unpacked) as a chapter: the worker reads 20 MB of
// it at most, fails that chapter alone with too_large, fetches it once, and the extension's
// process stays small. Before, it read all of it (the process grew by gigabytes), twice, and
// failed the chapter as parse.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { BOMB_MB, HOSTILE_RULE } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';
import { extensionProcessPeakMB } from './process-memory';

const { site, ext } = useSiteAndExtension();

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

describe('a chapter over the size limit', () => {
  it(`fails alone with too_large while the extension's process stays far below the bomb's ${BOMB_MB} MB`, async () => {
    await ext.call({ type: 'source.import', sources: HOSTILE_RULE });
    const before = extensionProcessPeakMB(ext.profileDir);
    const { task } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/hostile/bomb/`,
      sourceId: 'hostile',
      format: 'txt',
    });
    const done = await ext.waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 3, failedChapters: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({ chapter: 2, error: expect.objectContaining({ code: 'too_large' }) }),
    ]);
    expect(site.hits('/hostile/bomb/2.html')).toBe(1);
    const peak = extensionProcessPeakMB(ext.profileDir);
    // Generous: the 20 MB read and its copies, over whatever the process held before.
    expect(peak - before).toBeLessThan(BOMB_MB);
    expect(peak).toBeLessThan(1_000);
  });
});
