// A site no enabled source knows is read by the generic reader: here the demo site with the
// `demo` source switched off must still give the same book, line for line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookInfo, chapterParagraphs, chapterTitle, startDemoSite, type DemoSite } from '../../fixtures/site';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { startService } from './service-harness';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(async () => {
  await site.close();
});

const fileLines = (text: string) => text.replace(/\n$/, '').split('\n');

async function serviceWithoutDemo() {
  const service = await startService();
  expect((await service.send({ type: 'source.setEnabled', sourceId: 'demo', enabled: false })).ok).toBe(true);
  return service;
}

describe('downloading through the generic reader', () => {
  it.each(['1', '2', '3', 'en'])(
    'downloads demo book %s with no rule, with the same chapters and paragraphs',
    async (id) => {
      const { call, waitForTask, ended, files } = await serviceWithoutDemo();
      const { task } = await call({ type: 'task.start', url: `${site.origin}/book/${id}/`, format: 'txt' });
      expect(task.sourceId).toBe('generic');
      const done = await waitForTask(task.id, ended);
      const book = bookInfo(id);
      expect(done).toMatchObject({
        status: 'completed',
        title: book.title,
        author: book.author,
        totalChapters: book.chapterCount,
        completedChapters: book.chapterCount,
        failedChapters: 0,
      });
      const lines = fileLines(files.get(task.id)!.text);
      for (let n = 1; n <= book.chapterCount; n++) {
        const at = lines.indexOf(chapterTitle(id, n));
        expect(at, `chapter ${n}'s title`).toBeGreaterThan(0);
        expect(lines.slice(at + 2, at + 2 + chapterParagraphs(id, n).length)).toEqual(chapterParagraphs(id, n));
      }
      // Ad lines included: the generic reader knows the common ones, so the file is the rule's file.
      expect(lines).toEqual(expectedTxtLines(site.origin, id));
    },
  );

  it('fails a page that is not a novel with parse and a sentence saying so', async () => {
    const { call, waitForTask, ended } = await serviceWithoutDemo();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/`, format: 'txt' });
    expect(task.sourceId).toBe('generic');
    const done = await waitForTask(task.id, ended);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('parse');
    expect(done.error?.message).toMatch(/does not look like a novel's table of contents/);
  });

  it('leaves sites that have a source to that source', async () => {
    const { call, waitForTask, ended } = await startService();
    const { task } = await call({ type: 'task.start', url: `${site.origin}/book/en/`, format: 'txt' });
    expect(task.sourceId).toBe('demo');
    expect((await waitForTask(task.id, ended)).status).toBe('completed');
  });
});
