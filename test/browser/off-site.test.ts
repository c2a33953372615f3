// What the extension sends where, in the browser: the user's cookies go with the book's pages on
// its own site; a chapter linked on another site is not opened; a cover there comes without them.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../lib/contract';
import { HOSTILE_RULE } from '../fixtures/site';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

describe('a book that links to another site', () => {
  it("sends cookies only to the book's site, never opens the other site's chapter, and fetches its cover without cookies", async () => {
    const other = site.origin.replace('127.0.0.1', 'localhost');
    // The reader is signed in on both sites (the same server under two names: two sites).
    for (const origin of [site.origin, other]) {
      const tab = await ext.openTab(`${origin}/`);
      await tab.evaluate(() => (document.cookie = 'session=secret; path=/; SameSite=Strict'));
      await tab.close();
    }
    await ext.call({ type: 'source.import', sources: HOSTILE_RULE });
    site.resetLog();
    const { task } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/hostile/offsite-link/`,
      sourceId: 'hostile',
      format: 'epub',
    });
    const done = await ext.waitForTask(task.id, ended);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 2, failedChapters: 1 });
    expect(done.failures![0]!.error.code).toBe('off_site');

    const requests = site.requests();
    const book = requests.filter((r) => r.path.startsWith('/hostile/offsite-link/'));
    expect(book.length).toBe(3);
    for (const request of book) expect(request.cookie).toBe('session=secret');
    expect(requests.filter((r) => r.path === '/book/1/1.html')).toEqual([]);
    expect(requests.filter((r) => r.path === '/cover/1.png')).toEqual([
      expect.not.objectContaining({ cookie: expect.anything() }),
    ]);
  });
});
