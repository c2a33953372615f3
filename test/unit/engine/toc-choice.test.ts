// What the reader doubts is said in the task's log, and what the user chose in the popup
// (`task.start`'s `toc`: the contents page, the order) is what the download does.
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../lib/contract';
import { chapterTitle, oddChapterPath } from '../../fixtures/site';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

const titles = (id: string, numbers: number[]) => numbers.map((n) => chapterTitle(id, n));
const range = (from: number, to: number) =>
  Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i));

async function download(fields: Record<string, unknown>) {
  const service = await startService();
  const { task } = await service.call<'task.start'>({
    type: 'task.start',
    format: 'txt',
    ...fields,
  } as RequestOf<'task.start'>);
  const done = await service.waitForTask(task.id, service.ended);
  const { events } = await service.call({ type: 'task.log', taskId: task.id });
  const lines = service.files.get(task.id)?.text.split('\n') ?? [];
  /** The chapter titles in the file, in its order. */
  const chapters = lines.filter((line) => /^第\d+章 /.test(line));
  return { done, events, chapters };
}

describe('the table of contents a task reads', () => {
  it("keeps the page's order of a list it cannot order, and says so in the log", async () => {
    const { done, events, chapters } = await download({ url: `${site.origin}/odd/mist/` });
    expect(done.status).toBe('completed');
    expect(chapters).toEqual(titles('mist', range(1, 12)));
    expect(events.some((e) => e.level === 'warn' && /disagree about which way the list runs/.test(e.message))).toBe(
      true,
    );
  });

  it('turns the list around when told it runs newest first, and keeps the choice on the task', async () => {
    const { done, events, chapters } = await download({ url: `${site.origin}/odd/mist/`, toc: { order: 'desc' } });
    expect(done).toMatchObject({ status: 'completed', toc: { order: 'desc' } });
    expect(chapters).toEqual(titles('mist', range(12, 1)));
    expect(events.some((e) => /turned around, as chosen/.test(e.message))).toBe(true);
  });

  it("follows a book page's link to the whole list when the page shows only the newest chapters", async () => {
    const { done, events, chapters } = await download({ url: `${site.origin}/odd/latest/` });
    expect(done).toMatchObject({ status: 'completed', totalChapters: 8 });
    expect(chapters).toEqual(titles('latest', range(1, 8)));
    expect(
      events.some(
        (e) =>
          e.message ===
          `The book page lists only 3 chapters; the whole list was read from ${site.origin}/odd/latest/list/.`,
      ),
    ).toBe(true);
  });

  it('reads the list from the page the user chose: this page, or another', async () => {
    const here = await download({ url: `${site.origin}/odd/latest/`, toc: { url: `${site.origin}/odd/latest/` } });
    expect(here.chapters).toEqual(titles('latest', [6, 7, 8]));
    expect(
      here.events.some((e) => e.message === `The chapter list is read from ${site.origin}/odd/latest/, as chosen.`),
    ).toBe(true);
    const there = await download({
      url: `${site.origin}/odd/mist/${oddChapterPath('mist', 1).split('/').pop()}`,
      toc: { url: `${site.origin}/odd/mist/` },
    });
    expect(there.done).toMatchObject({ status: 'completed', title: '雾中之城', totalChapters: 12 });
  });

  it.each([
    ['a list', { toc: [] }, 'invalid_message'],
    ['an unknown order', { toc: { order: 'newest' } }, 'invalid_message'],
    ['an unknown field', { toc: { reverse: true } }, 'invalid_message'],
    ['a contents page that is no web address', { toc: { url: 'list.html' } }, 'invalid_url'],
  ])('refuses %s as the table-of-contents choice and creates nothing', async (_, fields, code) => {
    const { send } = await startService();
    const answer = await send({ type: 'task.start', url: `${site.origin}/odd/mist/`, ...fields });
    expect(answer).toMatchObject({ ok: false, error: { code } });
    expect(await send({ type: 'task.list' })).toEqual({ ok: true, tasks: [] });
  });
});
