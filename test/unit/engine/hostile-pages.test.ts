// Pages built to hurt: each bad chapter fails alone, with a code and a sentence, and the book
// goes on.
import { describe, expect, it } from 'vitest';
import { ENDLESS_PAGES, HOSTILE_RULE } from '../../fixtures/site';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

async function download(
  book: string,
  settings = {},
  fetch?: typeof globalThis.fetch,
  range?: { from: number; to: number },
) {
  const service = await startService({ settings, fetch });
  await service.call({ type: 'source.import', sources: HOSTILE_RULE });
  const { task } = await service.call({
    type: 'task.start',
    url: `${site.origin}/hostile/${book}/`,
    sourceId: 'hostile',
    format: 'txt',
    range,
  });
  return { ...service, done: await service.waitForTask(task.id, service.ended, 60_000) };
}

describe('hostile pages', () => {
  it('fails a gzip bomb chapter alone with too_large, after reading no more than the limit and fetching it once', async () => {
    const { done } = await download('bomb');
    expect(done).toMatchObject({ status: 'completed', completedChapters: 3, failedChapters: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({
        chapter: 2,
        error: {
          code: 'too_large',
          message: `${site.origin}/hostile/bomb/2.html is larger than 20 MB once unpacked, so it was not read. Raise "Largest page" in Settings if the site really has pages that big.`,
        },
      }),
    ]);
    expect(site.hits('/hostile/bomb/2.html')).toBe(1);
  });

  it('reads a chapter nested 10,000 elements deep, text and all', async () => {
    const { done, files } = await download('deep');
    expect(done).toMatchObject({ status: 'completed', completedChapters: 3, failedChapters: 0 });
    expect(files.get(done.id)!.text).toContain('\n深处的文字。\n浅处的文字。\n');
  });

  it('fails a chapter alone when reading it throws an unexpected error; only storage ends the task', async () => {
    // Anything the engine did not foresee, as a stack overflow deep inside a library would be.
    const unexpected: typeof fetch = (input, init) =>
      String(input).endsWith('/hostile/deep/2.html')
        ? Promise.reject(new RangeError('Maximum call stack size exceeded'))
        : fetch(input, init);
    const { done } = await download('deep', {}, unexpected);
    expect(done).toMatchObject({ status: 'completed', completedChapters: 2, failedChapters: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({
        chapter: 2,
        error: { code: 'internal', message: 'Unexpected error: Maximum call stack size exceeded' },
      }),
    ]);
  });

  it('takes the limit from the settings', async () => {
    const { done } = await download('bomb', { maxPageMB: 1 });
    expect(done.failures?.[0]?.error.message).toContain('is larger than 1 MB once unpacked');
  });

  it('cuts a chapter that goes on past 50 pages, and says so on the task and in its log', async () => {
    const { done, call } = await download('endless-chapter');
    const message = `The chapter «第2章» ${site.origin}/hostile/endless-chapter/2.html goes on past 50 pages; only its first 50 are in the book.`;
    expect(done).toMatchObject({
      status: 'completed',
      completedChapters: 3,
      warnings: [{ code: 'chapter_pages_cut', count: 1, message }],
    });
    expect(site.hits(/^\/hostile\/endless-chapter\/2(_\d+)?\.html$/)).toBe(50);
    const { events } = await call({ type: 'task.log', taskId: done.id, limit: 200 });
    expect(events.filter((e) => e.level === 'warn').map((e) => e.message)).toContain(message);
  });

  it(`cuts a table of contents that goes on past 500 pages (of ${ENDLESS_PAGES}), and says so`, async () => {
    const { done } = await download('endless-toc', {}, undefined, { from: 1, to: 2 });
    expect(done).toMatchObject({
      status: 'completed',
      warnings: [
        {
          code: 'toc_pages_cut',
          count: 1,
          message: `The table of contents ${site.origin}/hostile/endless-toc/ goes on past 500 pages; only the chapters on its first 500 pages are in the book.`,
        },
      ],
    });
    expect(site.hits(/^\/hostile\/endless-toc\/(index_\d+\.html)?$/)).toBe(500);
  });
});

describe("links and redirects that leave the book's site", () => {
  it('does not open a chapter linked on another site: that chapter fails off_site, the rest is read', async () => {
    const { done } = await download('offsite-link');
    expect(done).toMatchObject({ status: 'completed', completedChapters: 2, failedChapters: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({ chapter: 2, error: expect.objectContaining({ code: 'off_site' }) }),
    ]);
    expect(done.failures![0]!.error.message).toMatch(
      /^http:\/\/localhost:\d+\/book\/1\/1\.html is on another site than the book \(127\.0\.0\.1\), so it was not opened/,
    );
    expect(site.hits('/book/1/1.html')).toBe(0);
  });

  it("follows it when the source's own matches cover that site", async () => {
    const service = await startService();
    const rule = { ...HOSTILE_RULE, matches: [...HOSTILE_RULE.matches, 'http://localhost/book/*'] };
    await service.send({ type: 'source.import', sources: rule });
    const { task } = await service.call({
      type: 'task.start',
      url: `${site.origin}/hostile/offsite-link/`,
      sourceId: 'hostile',
      format: 'txt',
    });
    expect(await service.waitForTask(task.id, service.ended)).toMatchObject({
      status: 'completed',
      completedChapters: 3,
      failedChapters: 0,
    });
    expect(site.hits('/book/1/1.html')).toBe(1);
  });

  it('does not use the answer of a redirect to another site, and does not ask again', async () => {
    const { done } = await download('offsite-redirect');
    expect(done).toMatchObject({ status: 'completed', completedChapters: 2, failedChapters: 1 });
    expect(done.failures![0]!.error).toMatchObject({
      code: 'off_site',
      message: expect.stringMatching(
        /\/hostile\/offsite-redirect\/2\.html redirected to http:\/\/localhost:\d+\/book\/1\/1\.html, another site/,
      ),
    });
    expect(site.hits('/hostile/offsite-redirect/2.html')).toBe(1);
  });

  it("fetches a cover from another site without cookies, one from the book's site with them", async () => {
    const credentials = new Map<string, RequestCredentials | undefined>();
    const recording: typeof fetch = (input, init) => {
      credentials.set(String(input), init?.credentials);
      return fetch(input, init);
    };
    const service = await startService({ fetch: recording });
    await service.send({ type: 'source.import', sources: HOSTILE_RULE });
    const { task } = await service.call({
      type: 'task.start',
      url: `${site.origin}/hostile/offsite-link/`,
      sourceId: 'hostile',
      format: 'epub',
    });
    await service.waitForTask(task.id, service.ended);
    const cover = `${site.origin.replace('127.0.0.1', 'localhost')}/cover/1.png`;
    expect(credentials.has(cover)).toBe(true);
    expect(credentials.get(cover)).toBe('omit');
    expect(credentials.get(`${site.origin}/hostile/offsite-link/`)).toBe('include');
  });
});
