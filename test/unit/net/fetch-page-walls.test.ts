// Walls as fetchPage meets them: a challenge or a sign-in is thrown at once as a WallError (no
// retry gets past it), a locked chapter comes back as a page that says so, and files and
// ordinary error pages are left to the usual rules.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/errors';
import { fetchPage, type FetchPageOptions } from '../../../lib/net/fetch-page';
import { HostScheduler } from '../../../lib/net/host-scheduler';
import { WallError } from '../../../lib/net/wall-error';

const ASKED = 'http://novel.test:8080/book/1/3.html';
const CHALLENGE =
  '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><form id="challenge-form"></form></body></html>';

let scheduler: HostScheduler;

beforeEach(() => {
  scheduler = new HostScheduler();
});

function answering(make: () => Response) {
  const fetchFn = vi.fn(async () => make());
  const options: FetchPageOptions = {
    fetch: fetchFn as unknown as typeof fetch,
    scheduler,
    limits: { concurrency: 2, delayMs: 0 },
    timeoutMs: 5_000,
    maxAttempts: 4,
    signal: new AbortController().signal,
    random: () => 0,
  };
  return { fetchFn, options };
}

function response(body: BodyInit, status: number, headers: Record<string, string> = {}, finalUrl?: string): Response {
  const res = new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
  if (finalUrl) Object.defineProperty(res, 'url', { value: finalUrl });
  return res;
}

async function thrown(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('fetchPage and walls', () => {
  it.each([403, 503, 200])(
    'a challenge answered with %i is a WallError at the first try, never retried',
    async (status) => {
      const { fetchFn, options } = answering(() =>
        response(CHALLENGE, status, { 'cf-mitigated': 'challenge', 'retry-after': '1' }),
      );
      const error = await thrown(fetchPage(ASKED, options));
      expect(error).toBeInstanceOf(WallError);
      expect(error).toMatchObject({ code: 'challenge', kind: 'challenge', host: 'novel.test:8080', url: ASKED });
      expect(error.message).toBe(
        `${ASKED} answered with an anti-bot check (Cloudflare) instead of the page. Open it in a tab and confirm you are human; the download goes on by itself.`,
      );
      expect(fetchFn).toHaveBeenCalledTimes(1);
      // A wall is not throttling: the host is neither paused nor slowed for it.
      expect(Object.values(scheduler.snapshot()).map((host) => [host.pausedUntil, host.effectiveConcurrency])).toEqual([
        [null, 2],
      ]);
    },
  );

  it('a 401, and a redirect to a sign-in page, are sign-in walls', async () => {
    const unauthorized = answering(() => response('<h1>Unauthorized</h1>', 401));
    expect(await thrown(fetchPage(ASKED, unauthorized.options))).toMatchObject({
      code: 'login_required',
      kind: 'login',
    });
    expect(unauthorized.fetchFn).toHaveBeenCalledTimes(1);

    const redirected = answering(() =>
      response('<form><input name=u></form>', 200, {}, 'http://novel.test:8080/login?return=%2Fbook%2F1%2F3.html'),
    );
    const error = await thrown(fetchPage(ASKED, redirected.options));
    expect(error).toMatchObject({ code: 'login_required', url: ASKED });
    expect(error.message).toBe(
      `${ASKED} needs you to be signed in on novel.test:8080. Sign in on the site in a tab; the download goes on by itself.`,
    );
  });

  it('a locked chapter is a page, decoded once, that says it is locked', async () => {
    const { options } = answering(() =>
      response(
        '<html><head><title>第3章</title></head><body><div id="content">本章为VIP章节，订阅后即可阅读。</div></body></html>',
        200,
      ),
    );
    const page = await fetchPage(ASKED, options);
    expect(page.html).toContain('本章为VIP章节');
    expect(page.locked).toMatchObject({ kind: 'locked', marker: 'locked-zh' });
    expect(page.locked!.evidence).toContain('本章为VIP章节');
  });

  it('an ordinary page has its text and no wall; a file is not read as a page', async () => {
    const ordinary = answering(() =>
      response('<html><head><title>第3章</title></head><body><p>正文</p></body></html>', 200),
    );
    const page = await fetchPage(ASKED, ordinary.options);
    expect(page.html).toContain('正文');
    expect(page.locked).toBeUndefined();
    const image = answering(() => response(CHALLENGE, 200, { 'content-type': 'image/png' }));
    const file = await fetchPage(ASKED, image.options);
    expect(file.html).toBeUndefined();
    expect(new TextDecoder().decode(file.bytes)).toBe(CHALLENGE);
  });

  it('a plain 403 stays an HTTP refusal, read only as far as telling it is no wall', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode('<p>Forbidden. '.repeat(1_000) + '</p>'));
      },
    });
    const { fetchFn, options } = answering(() => response(endless, 403));
    const error = await thrown(fetchPage(ASKED, options));
    expect(error).not.toBeInstanceOf(WallError);
    expect(error).toMatchObject({ code: 'http_status' });
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(pulled).toBeLessThan(40);
  });
});
