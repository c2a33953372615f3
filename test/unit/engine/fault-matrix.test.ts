// The fault matrix of issue 3: every fault a site or the browser can throw at a download ends in
// a known state with a contract code, after a bounded number of tries that each have a deadline.
// The engine runs as in the worker, against the demo site over real HTTP on 127.0.0.1; only the
// waits between tries are the harness's short ones (QUICK_RETRY).
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../lib/contract';
import { chapterParagraphs } from '../../fixtures/site';
import { expectedTxtLines } from '../../fixtures/expected-txt';
import { poll } from '../../fixtures/poll';
import { startService, useDemoSite } from './service-harness';

const site = useDemoSite();

// A page gives up after 3 tries. Tries that must time out do so after 1 s (the least the settings
// allow); the others keep the default 30 s, so a busy machine cannot time out a page by chance.
const THREE_TRIES = { maxAttempts: 3 };
const ONE_SECOND_TRIES = { requestTimeoutMs: 1_000 };

async function download(url: string, options: { sourceId?: string; settings?: object } = {}) {
  const service = await startService({ settings: { ...THREE_TRIES, ...options.settings } });
  const { task: task0 } = await service.call({
    type: 'task.start',
    url,
    format: 'txt',
    ...(options.sourceId ? { sourceId: options.sourceId } : {}),
  });
  const task: Task = await service.waitForTask(task0.id, service.ended);
  return { ...service, task };
}

/** The demo site's log of one path's requests, in order. */
const triesOf = (path: RegExp) => site.requests().filter((r) => path.test(r.path));

const chapter = (n: number, book = '1') => new RegExp(`^/book/${book}/${n}\\.html$`);
const lines = (text: string) => text.replace(/\n$/, '').split('\n');

describe('fault matrix: network', () => {
  it('DNS failure → failed/network after its 3 tries', async () => {
    const { task } = await download('http://nonexistent-site.invalid/book/1/', { sourceId: 'demo' });
    expect(task).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(task.error!.message).toContain('(3 tries)');
  });

  it('connection refused → failed/network after its 3 tries', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { task } = await download(`http://127.0.0.1:${closedPort}/book/1/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(task.error!.message).toContain(`127.0.0.1:${closedPort}`);
    expect(task.error!.message).toContain('(3 tries)');
  });

  it('connection reset mid-body twice on a chapter → completed with every chapter', async () => {
    site.setFault(chapter(5), { kind: 'reset', times: 2 });
    const { task, files } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', completedChapters: 12, failedChapters: 0 });
    expect(site.hits(chapter(5))).toBe(3);
    expect(lines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, '1'));
  });

  it('connection reset on every try of the book page → failed/network after 3 tries', async () => {
    site.setFault(/^\/book\/1\/$/, { kind: 'reset' });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'network' } });
    expect(site.hits(/^\/book\/1\/$/)).toBe(3);
  });

  it('redirect loop on the book page → failed/network', async () => {
    site.setFault(/^\/book\/1\/$/, { kind: 'redirect' });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'network' } });
  });

  it('a response that never comes → the chapter fails timeout after 3 tries of 1 s, the book completes with a warning', async () => {
    site.setFault(chapter(7), { kind: 'hang' });
    const { task } = await download(`${site.origin}/book/1/`, { settings: ONE_SECOND_TRIES });
    expect(task).toMatchObject({
      status: 'completed',
      completedChapters: 11,
      failedChapters: 1,
      error: { code: 'timeout' },
    });
    expect(task.failures).toEqual([
      expect.objectContaining({
        chapter: 7,
        url: `${site.origin}/book/1/7.html`,
        error: expect.objectContaining({ code: 'timeout' }),
      }),
    ]);
    const tries = triesOf(chapter(7));
    expect(tries).toHaveLength(3);
    // Each try waited out its deadline before the next began (less a margin for a request's way
    // to the site, which the engine's clock for the try includes).
    for (let i = 1; i < tries.length; i++) expect(tries[i]!.at - tries[i - 1]!.at).toBeGreaterThanOrEqual(900);
  });

  it('a body that trickles for minutes → timeout like a hang', async () => {
    site.setFault(chapter(2), { kind: 'trickle', intervalMs: 100 });
    const { task } = await download(`${site.origin}/book/1/`, { settings: ONE_SECOND_TRIES });
    expect(task).toMatchObject({ status: 'completed', failedChapters: 1, error: { code: 'timeout' } });
    expect(task.failures?.[0]?.chapter).toBe(2);
  });
});

describe('fault matrix: HTTP answers', () => {
  it('404 on the book page → failed/http_status at once (1 request)', async () => {
    const { task } = await download(`${site.origin}/book/none/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'http_status' } });
    expect(task.error!.message).toContain('404');
    expect(site.hits('/book/none/')).toBe(1);
  });

  it('404 on one chapter → completed with a warning naming it; retry fetches only that chapter', async () => {
    site.setFault(chapter(4), { kind: 'status', status: 404 });
    const { task, send, waitForTask, ended } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({
      status: 'completed',
      completedChapters: 11,
      failedChapters: 1,
      error: { code: 'http_status' },
    });
    expect(task.failures).toEqual([expect.objectContaining({ chapter: 4, title: expect.stringMatching(/^第4章/) })]);
    site.setFault(null);
    site.resetLog();
    await send({ type: 'task.retry', taskId: task.id });
    const retried = await waitForTask(task.id, (t) => ended(t) && t.failedChapters === 0);
    expect(retried.status).toBe('completed');
    expect(retried.failures).toBeUndefined();
    expect(site.requests().map((r) => r.path)).toEqual(['/book/1/4.html']);
  });

  it.each([500, 502, 503])('%i that recovers after 2 tries → completed, no chapter lost', async (status) => {
    site.setFault(chapter(3), { kind: 'status', status, times: 2 });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', completedChapters: 12, failedChapters: 0, retries: 2 });
    expect(site.hits(chapter(3))).toBe(3);
  });

  it('503 that never recovers on the book page → failed/http_status after 3 tries', async () => {
    site.setFault(/^\/book\/1\/$/, { kind: 'status', status: 503 });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'http_status' } });
    expect(task.error!.message).toContain('(3 tries)');
    expect(site.hits(/^\/book\/1\/$/)).toBe(3);
  });

  it('503 that never recovers on every chapter → failed/http_status when too many chapters fail', async () => {
    site.setFault(/^\/book\/1\/\d+\.html$/, { kind: 'status', status: 503 });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'http_status' }, completedChapters: 0 });
  });

  it('429 with Retry-After in seconds → waits that long, then completed', async () => {
    site.setFault(chapter(6), { kind: 'status', status: 429, times: 1, retryAfter: 1 });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', failedChapters: 0 });
    const tries = triesOf(chapter(6));
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('429 with Retry-After as an HTTP date → waits until then, then completed', async () => {
    const until = new Date(Date.now() + 2_500).toUTCString(); // whole seconds: 1.5–2.5 s ahead
    site.setFault(chapter(6), { kind: 'status', status: 429, times: 1, retryAfter: until });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', failedChapters: 0 });
    const tries = triesOf(chapter(6));
    expect(tries[1]!.at).toBeGreaterThanOrEqual(Date.parse(until) - 10);
  });

  it('200 with an empty body twice (throttling) → retried, completed with every chapter', async () => {
    site.setFault(chapter(8), { kind: 'empty', times: 2 });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', failedChapters: 0 });
    expect(site.hits(chapter(8))).toBe(3);
  });

  it('200 with an empty body for ever → failed/http_status saying the site sends empty pages', async () => {
    site.setFault(/^\/book\/1\/\d+\.html$/, { kind: 'empty' });
    const { task } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'http_status' } });
    expect(task.error!.message).toMatch(/empty page/);
  });

  it('an anti-bot "Just a moment..." page once → the task waits, the probe soon after gets the page, completed; never stored as text', async () => {
    site.setFault(chapter(9), { kind: 'challenge', times: 1 });
    const { task, files, send } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', failedChapters: 0, retries: 0 });
    const { events } = (await send({ type: 'task.log', taskId: task.id })) as { events: { message: string }[] };
    expect(events.map((e) => e.message)).toContainEqual(expect.stringMatching(/^Waiting for you until /));
    expect(files.get(task.id)!.text).not.toContain('Just a moment');
    expect(lines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, '1'));
    // Asked once with the wall, once by the probe (whose page the task then took): never twice for the text.
    expect(site.hits(chapter(9))).toBe(2);
  });
});

describe('how many missing chapters a book may have', () => {
  it('maxFailedChapterPercent (10 %): 4 of 40 missing → completed with a warning listing them', async () => {
    site.setFault(/^\/book\/gen-40\/[1-4]\.html$/, { kind: 'status', status: 404 });
    const { task } = await download(`${site.origin}/book/gen-40/`);
    expect(task).toMatchObject({ status: 'completed', completedChapters: 36, failedChapters: 4 });
    expect(task.failures?.map((f) => f.chapter)).toEqual([1, 2, 3, 4]);
  });

  it('5 of 40 missing → failed with the first cause, stopping early', async () => {
    site.setFault(/^\/book\/gen-40\/[1-5]\.html$/, { kind: 'status', status: 404 });
    const { task } = await download(`${site.origin}/book/gen-40/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'http_status' } });
    expect(task.error!.message).toMatch(/more than the 10% allowed/);
  });

  it('a task that fails on missing chapters ends its log with "Failed:" and stores nothing after it', async () => {
    site.setFault(/^\/book\/gen-40\/\d+\.html$/, { kind: 'status', status: 404 });
    const { task, call, store, untilIdle } = await download(`${site.origin}/book/gen-40/`);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'http_status' } });
    const storedAtEnd = (await store.chapterIndexes(task.id)).stored.size;
    // Chapters still in flight when the task failed must not log or store afterwards: once its
    // runner has unwound, nothing of the task is left to do either.
    await untilIdle();
    const { events } = await call({ type: 'task.log', taskId: task.id });
    const messages = events.map((e) => e.message);
    expect(messages.at(-1)).toMatch(/^Failed: /);
    expect(messages.filter((m) => m.startsWith('Gave up on chapter'))).toHaveLength(storedAtEnd);
    expect((await store.chapterIndexes(task.id)).stored.size).toBe(storedAtEnd);
    expect(task.failedChapters).toBe(storedAtEnd);
  });

  it('a short book may always miss one chapter: 1 of 5 missing → completed', async () => {
    site.setFault(/^\/book\/gen-5\/3\.html$/, { kind: 'status', status: 404 });
    const { task } = await download(`${site.origin}/book/gen-5/`);
    expect(task).toMatchObject({ status: 'completed', completedChapters: 4, failedChapters: 1 });
  });
});

describe('fault matrix: content', () => {
  it('truncated HTML on a chapter → fetched again, stored whole', async () => {
    site.setFault(chapter(10), { kind: 'truncate', times: 1 });
    const { task, files } = await download(`${site.origin}/book/1/`);
    expect(task).toMatchObject({ status: 'completed', failedChapters: 0 });
    expect(site.hits(chapter(10))).toBe(2);
    expect(files.get(task.id)!.text).toContain(chapterParagraphs('1', 10).at(-1)!);
  });

  it('a GBK book whose header claims utf-8 → decoded right from its <meta>', async () => {
    site.setFault(/^\/book\/2\//, { kind: 'charset', charset: 'utf-8' });
    const { task, files } = await download(`${site.origin}/book/2/`);
    expect(task.status).toBe('completed');
    expect(lines(files.get(task.id)!.text)).toEqual(expectedTxtLines(site.origin, '2'));
  });

  it('an empty chapter list → failed/parse naming the selector, with no chapter request', async () => {
    const service = await startService({ settings: THREE_TRIES });
    const rule = {
      id: 'demo-empty-toc',
      name: 'Demo with a wrong list',
      matches: ['http://127.0.0.1/nothing/*'],
      book: { title: '#info h1' },
      toc: { chapters: '#no-such-list a' },
      chapter: { content: '#content' },
    };
    expect((await service.send({ type: 'source.import', sources: rule })).ok).toBe(true);
    const { task } = await service.call({
      type: 'task.start',
      url: `${site.origin}/book/1/`,
      sourceId: 'demo-empty-toc',
      format: 'txt',
    });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'parse' } });
    expect(done.error!.message).toContain('#no-such-list a');
    expect(site.hits(/\.html$/)).toBe(0);
  });

  it('a content selector that finds nothing → every chapter fails parse → failed/parse', async () => {
    const service = await startService({ settings: THREE_TRIES });
    const rule = {
      id: 'demo-no-content',
      name: 'Demo with a wrong content selector',
      matches: ['http://127.0.0.1/nothing/*'],
      book: { title: '#info h1' },
      toc: { chapters: '#list dd a' },
      chapter: { content: '#no-such-content' },
    };
    await service.send({ type: 'source.import', sources: rule });
    const { task } = await service.call({
      type: 'task.start',
      url: `${site.origin}/book/1/`,
      sourceId: 'demo-no-content',
      format: 'txt',
    });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'parse' }, completedChapters: 0 });
    expect(done.error!.message).toContain('#no-such-content');
  });
});

describe('fault matrix: storage and the user', () => {
  it('IndexedDB quota exceeded → failed/storage saying what to do', async () => {
    const service = await startService({ settings: THREE_TRIES });
    // A chapter is stored in a transaction with its storage count: the chapters store refuses it.
    type Tx = { objectStore(name: string): { put: (...args: unknown[]) => Promise<unknown> } };
    const db = (service.store as unknown as { db: { transaction: (names: string | string[], mode?: string) => Tx } })
      .db;
    const transaction = db.transaction.bind(db);
    db.transaction = (names, mode) => {
      const tx = transaction(names, mode);
      const objectStore = tx.objectStore.bind(tx);
      tx.objectStore = (name) => {
        const store = objectStore(name);
        if (name === 'chapters')
          store.put = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
        return store;
      };
      return tx;
    };
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    const done = await service.waitForTask(task.id, service.ended);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'storage' } });
    expect(done.error!.message).toMatch(/no room|Free disk space/);
  });

  // Requests that hang until their 10-minute deadline must not hold the answer: they are aborted,
  // not awaited (the test would time out otherwise).
  it('cancel during a hanging fetch → cancelled, the requests aborted, no request after', async () => {
    site.setFault(/\.html$/, { kind: 'hang' });
    const service = await startService({ settings: { requestTimeoutMs: 600_000 } });
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    await service.waitForTask(task.id, () => site.pending() >= 3);
    const answer = await service.call({ type: 'task.cancel', taskId: task.id });
    expect(answer.task.status).toBe('cancelled');
    const seen = site.hits();
    await service.untilIdle();
    await poll(
      async () => site.pending(),
      (pending) => pending === 0,
      { what: 'the hanging requests to be aborted' },
    );
    expect(site.hits()).toBe(seen);
  });

  it('remove during a hanging fetch → gone with its chapters, the request aborted, no request after', async () => {
    site.setFault(chapter(3), { kind: 'hang' });
    const service = await startService({ settings: { requestTimeoutMs: 600_000 } });
    const { task } = await service.call({ type: 'task.start', url: `${site.origin}/book/1/`, format: 'txt' });
    await service.waitForTask(task.id, (t) => t.completedChapters >= 2 && site.pending() >= 1);
    expect((await service.send({ type: 'task.remove', taskId: task.id })).ok).toBe(true);
    const seen = site.hits();
    await service.untilIdle();
    await poll(
      async () => site.pending(),
      (pending) => pending === 0,
      { what: 'the hanging request to be aborted' },
    );
    expect(site.hits()).toBe(seen);
    expect((await service.refusal({ type: 'task.get', taskId: task.id })).code).toBe('unknown_task');
    expect((await service.store.chapterIndexes(task.id)).stored.size).toBe(0);
  });
});
