// Locked chapters (VIP, paid) are the site's answer, not its failure: listed with the site's
// words, fetched once and never retried, named in the book, counted apart from missing chapters;
// a book whose remaining chapters are all locked still completes.
import { describe, expect, it } from 'vitest';
import { LOCKED_NOTICE, chapterTitle } from '../../fixtures/site';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

describe('locked chapters', () => {
  it('are listed as locked with the reason, fetched once, named in the book, and the book completes', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/vip/`, format: 'txt' });
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({
      status: 'completed',
      completedChapters: 7,
      failedChapters: 0,
      lockedChapters: 3,
      retries: 0,
    });
    expect(done.error).toBeUndefined();
    expect(done.failures).toBeUndefined();
    expect(done.locked!.map((c) => [c.chapter, c.title])).toEqual([8, 9, 10].map((n) => [n, chapterTitle('vip', n)]));
    for (const locked of done.locked!) expect(locked.reason).toContain(LOCKED_NOTICE);
    for (let n = 8; n <= 10; n++) expect(site.hits(`/book/vip/${n}.html`), `chapter ${n}`).toBe(1);

    const lines = files.get(task.id)!.text.replace(/\n$/, '').split('\n');
    expect(lines.slice(0, expectedTxtLines(site.origin, 'vip', [1, 2, 3, 4, 5, 6, 7]).length)).toEqual(
      expectedTxtLines(site.origin, 'vip', [1, 2, 3, 4, 5, 6, 7]),
    );
    for (let n = 8; n <= 10; n++) {
      expect(lines).toContain(
        `[This chapter is locked: The site keeps this chapter for accounts or payment; it says: «${LOCKED_NOTICE}» ${site.origin}/book/vip/${n}.html]`,
      );
    }
    const { events } = await call({ type: 'task.log', taskId: task.id });
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^Completed: 7 chapters saved as .*, 3 locked by the site\.$/),
    );
  });

  it('a task whose every chapter is locked completes with them marked instead of failing', async () => {
    const { call, waitForTask, ended, files } = await startService();
    const { task } = await call({
      type: 'task.start',
      url: `${site.origin}/book/vip/`,
      format: 'epub',
      range: { from: 8 },
    });
    const done = await waitForTask(task.id, ended);
    expect(done).toMatchObject({
      status: 'completed',
      completedChapters: 0,
      failedChapters: 0,
      lockedChapters: 3,
      progress: 100,
    });
    expect(files.get(task.id)!.fileName).toMatch(/\.epub$/);
  });

  it('stay locked on a retry of the missing chapters: only those are fetched again', async () => {
    site.setFault(/^\/book\/vip\/2\.html$/, { kind: 'status', status: 404 });
    const { call, waitForTask, ended } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/vip/`, format: 'txt' });
    expect(await waitForTask(task.id, ended)).toMatchObject({
      status: 'completed',
      failedChapters: 1,
      lockedChapters: 3,
    });
    site.setFault(null);
    site.resetLog();
    await call({ type: 'task.retry', taskId: task.id });
    expect(await waitForTask(task.id, ended)).toMatchObject({
      status: 'completed',
      completedChapters: 7,
      failedChapters: 0,
      lockedChapters: 3,
    });
    expect(site.requests().map((r) => r.path)).toEqual(['/book/vip/2.html']);
  });
});
