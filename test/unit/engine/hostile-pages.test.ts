// Pages built to hurt: each bad chapter fails alone, with a code and a sentence, and the book
// goes on.
import { describe, expect, it } from 'vitest';
import { HOSTILE_RULE } from '../../fixtures/site';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

async function download(book: string, settings = {}) {
  const service = await startService({ settings });
  expect((await service.send({ type: 'source.import', sources: HOSTILE_RULE })).ok).toBe(true);
  const { task } = await service.send({ type: 'task.start', url: `${site.origin}/hostile/${book}/`, sourceId: 'hostile', format: 'txt' });
  return { ...service, done: await service.waitForTask(task.id, service.ended, 60_000) };
}

describe('hostile pages', () => {
  it('fails a gzip bomb chapter alone with too_large, after reading no more than the limit and fetching it once', async () => {
    const { done } = await download('bomb');
    expect(done).toMatchObject({ status: 'completed', completedChapters: 3, failedChapters: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({ chapter: 2, error: { code: 'too_large', message: `${site.origin}/hostile/bomb/2.html is larger than 20 MB once unpacked, so it was not read. Raise "Largest page" in Settings if the site really has pages that big.` } }),
    ]);
    expect(site.hits('/hostile/bomb/2.html')).toBe(1);
  });

  it('takes the limit from the settings', async () => {
    const { done } = await download('bomb', { maxPageMB: 1 });
    expect(done.failures?.[0]?.error.message).toContain('is larger than 1 MB once unpacked');
  });
});
