import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/errors';
import { fetchPage, type FetchPageOptions } from '../../../lib/net/fetch-page';
import { HostScheduler } from '../../../lib/net/host-scheduler';
import { flush, peek } from './helpers';

const URL_ = 'http://novel.test/book/1/ch1.html';

type FakeFetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A fetch that plays the given answers in order; a function entry may inspect the request. */
function scripted(...answers: Array<Response | Error | ((init?: RequestInit) => Promise<Response>)>) {
  const calls: Array<{ url: string; at: number; init?: RequestInit }> = [];
  const fn = vi.fn<FakeFetch>(async (input, init) => {
    calls.push({ url: input, at: Date.now(), init });
    const next = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(init);
    return next!.clone();
  });
  return { fn, calls };
}

function html(body: string, init: ResponseInit = {}) {
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=gbk' }, ...init });
}

/** Never answers and ignores its signal, like a wedged connection or a careless fake. */
const hang = () => new Promise<Response>(() => undefined);

let scheduler: HostScheduler;
let caller: AbortController;

function options(fetchFn: FakeFetch, extra: Partial<FetchPageOptions> = {}): FetchPageOptions {
  return {
    fetch: fetchFn as typeof fetch,
    scheduler,
    limits: { concurrency: 3, delayMs: 0 },
    timeoutMs: 30_000,
    maxAttempts: 4,
    signal: caller.signal,
    random: () => 0.5, // backoff without jitter: 500, 1000, 2000 ms
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2024, 0, 1, 12, 0, 0));
  scheduler = new HostScheduler();
  caller = new AbortController();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('fetchPage success', () => {
  it('returns bytes, status, content type and final URL, and leaves no timer behind', async () => {
    const response = html('<h1>第一章</h1>');
    Object.defineProperty(response, 'url', { value: 'http://novel.test/book/1/ch1-final.html' });
    const f = scripted(() => Promise.resolve(response));
    const page = await fetchPage(URL_, options(f.fn));
    expect(new TextDecoder().decode(page.bytes)).toBe('<h1>第一章</h1>');
    expect(page).toMatchObject({
      url: 'http://novel.test/book/1/ch1-final.html',
      status: 200,
      contentType: 'text/html; charset=gbk',
      attempts: 1,
    });
    expect(f.calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
    // Chapters go to IndexedDB; the browser's HTTP cache would only keep a second copy on disk.
    expect(f.calls[0]?.init?.cache).toBe('no-store');
    expect(vi.getTimerCount()).toBe(0);
    expect(scheduler.snapshot()['novel.test']?.active).toBe(0);
  });

  it('calls the injected fetch unbound, as a browser fetch requires', async () => {
    let seenThis: unknown = 'not called';
    const fn = function (this: unknown) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- what `this` was is the point of the test
      seenThis = this;
      return Promise.resolve(html('x'));
    };
    await fetchPage(URL_, options(fn as FakeFetch));
    expect(seenThis).toBeUndefined();
  });
});

describe('fetchPage retries', () => {
  it('retries a 500 and then succeeds, with backoff between tries', async () => {
    const f = scripted(new Response('oops', { status: 500 }), html('ok'));
    const attempts: unknown[] = [];
    const p = fetchPage(URL_, options(f.fn, { onAttempt: (info) => attempts.push(info) }));
    await flush();
    expect(f.fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(f.fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const page = await p;
    expect(f.fn).toHaveBeenCalledTimes(2);
    expect(page.attempts).toBe(2);
    expect(attempts).toEqual([
      {
        attempt: 1,
        error: { code: 'http_status', message: expect.stringContaining('HTTP 500 Internal Server Error') },
        waitMs: 500,
      },
      { attempt: 2, waitMs: 0 },
    ]);
  });

  it('waits as long as a given backoff says between tries, instead of PAGE_RETRY', async () => {
    const f = scripted(new Response('oops', { status: 500 }), new Response('oops', { status: 500 }), html('ok'));
    const attempts: Array<{ waitMs: number }> = [];
    const backoff = { baseMs: 20, capMs: 30, jitter: 0 };
    const p = fetchPage(URL_, options(f.fn, { backoff, onAttempt: (info) => attempts.push(info) }));
    await flush();
    await vi.advanceTimersByTimeAsync(19);
    expect(f.fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(30);
    expect((await p).attempts).toBe(3);
    expect(attempts.map((a) => a.waitMs)).toEqual([20, 30, 0]);
  });

  it('fails a 404 at once with http_status after one call', async () => {
    const f = scripted(new Response('nope', { status: 404 }));
    const error = await failure(fetchPage(URL_, options(f.fn)));
    expect(error.code).toBe('http_status');
    expect(error.message).toContain(`${URL_} answered HTTP 404 Not Found.`);
    expect(f.fn).toHaveBeenCalledTimes(1);
  });

  it('gives up on network errors after maxAttempts calls with code network', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
    });
    const f = scripted(refused);
    const p = failure(fetchPage(URL_, options(f.fn)));
    await vi.runAllTimersAsync();
    const error = await p;
    expect(error.code).toBe('network');
    expect(error.message).toBe(
      `Could not reach ${URL_}: connect ECONNREFUSED 127.0.0.1:9 (4 tries). Check the address and your connection.`,
    );
    expect(f.fn).toHaveBeenCalledTimes(4);
    // 500 + 1000 + 2000 ms of backoff between the four calls.
    expect(f.calls.map((c) => c.at - f.calls[0]!.at)).toEqual([0, 500, 1500, 3500]);
  });

  it('does not retry errors that are not network failures', async () => {
    const f = scripted(new RangeError('bug in a fake'));
    await expect(fetchPage(URL_, options(f.fn))).rejects.toBeInstanceOf(RangeError);
    expect(f.fn).toHaveBeenCalledTimes(1);
  });

  it('times out a request that never answers, per attempt', async () => {
    const f = scripted(hang);
    const p = failure(fetchPage(URL_, options(f.fn, { timeoutMs: 1000, maxAttempts: 2 })));
    await vi.advanceTimersByTimeAsync(999);
    expect(f.fn).toHaveBeenCalledTimes(1);
    expect(f.calls[0]?.init?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.calls[0]?.init?.signal?.aborted).toBe(true); // a real fetch drops the connection
    expect(scheduler.snapshot()['novel.test']?.active).toBe(0); // the slot is not held while waiting
    await vi.advanceTimersByTimeAsync(500); // backoff
    expect(f.fn).toHaveBeenCalledTimes(2);
    expect(await peek(p)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000);
    const error = await p;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `The site did not answer ${URL_} within 1 s (2 tries). Retry, or raise the timeout in Settings.`,
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out a body that keeps trickling, and cancels the stream', async () => {
    let cancelled = false;
    let interval: ReturnType<typeof setInterval> | undefined;
    const trickle = () =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('<html>'));
              interval = setInterval(() => controller.enqueue(new TextEncoder().encode('.')), 100);
            },
            cancel() {
              cancelled = true;
              clearInterval(interval);
            },
          }),
          { status: 200 },
        ),
      );
    const f = scripted(trickle);
    const p = failure(fetchPage(URL_, options(f.fn, { timeoutMs: 1000, maxAttempts: 1 })));
    await vi.advanceTimersByTimeAsync(999);
    expect(await peek(p)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = await p;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('(1 try)');
    await flush();
    expect(cancelled).toBe(true);
  });

  it('retries an empty 200 and then takes the real page', async () => {
    const f = scripted(new Response('', { status: 200 }), html('正文'));
    const p = fetchPage(URL_, options(f.fn));
    await vi.runAllTimersAsync();
    const page = await p;
    expect(f.fn).toHaveBeenCalledTimes(2);
    expect(new TextDecoder().decode(page.bytes)).toBe('正文');
  });

  it('reports a page that stays empty as http_status naming the empty page', async () => {
    const f = scripted(new Response(null, { status: 200 }));
    const p = failure(fetchPage(URL_, options(f.fn, { maxAttempts: 3 })));
    await vi.runAllTimersAsync();
    const error = await p;
    expect(error.code).toBe('http_status');
    expect(error.message).toContain('empty page (3 tries)');
    expect(f.fn).toHaveBeenCalledTimes(3);
  });

  it('ends with http_status naming status and tries when 5xx persists', async () => {
    const f = scripted(new Response('', { status: 502, statusText: '' }));
    const p = failure(fetchPage(URL_, options(f.fn, { maxAttempts: 2 })));
    await vi.runAllTimersAsync();
    const error = await p;
    expect(error.code).toBe('http_status');
    expect(error.message).toContain(`${URL_} answered HTTP 502 Bad Gateway (2 tries).`);
    expect(f.fn).toHaveBeenCalledTimes(2);
  });
});

describe('fetchPage size limit', () => {
  it('fails a page over maxBytes with too_large on the first try, never again, and frees its slot', async () => {
    const f = scripted(html('x'.repeat(5_000)));
    const p = failure(fetchPage(URL_, options(f.fn, { maxBytes: 1_000 })));
    await vi.runAllTimersAsync();
    const error = await p;
    expect(error.code).toBe('too_large');
    expect(error.message).toContain(URL_);
    expect(f.fn).toHaveBeenCalledTimes(1);
    expect(scheduler.snapshot()['novel.test']?.active ?? 0).toBe(0);
  });
});

describe('fetchPage Retry-After', () => {
  it('waits at least Retry-After seconds, pauses the host for everyone and throttles it', async () => {
    const f = scripted(new Response('slow down', { status: 429, headers: { 'retry-after': '2' } }), html('ok'));
    const t0 = Date.now();
    const p = fetchPage(URL_, options(f.fn));
    await flush();
    expect(scheduler.snapshot()['novel.test']).toMatchObject({ pausedUntil: t0 + 2000, effectiveConcurrency: 1 });

    const other = scripted(html('other'));
    const q = fetchPage('http://novel.test/book/1/ch2.html', options(other.fn));
    await vi.advanceTimersByTimeAsync(1900);
    expect(f.fn).toHaveBeenCalledTimes(1);
    expect(other.fn).not.toHaveBeenCalled();
    // After the pause, starts are paced (no success yet to learn a rate from: 250 ms apart).
    await vi.advanceTimersByTimeAsync(400);
    await Promise.all([p, q]);
    expect(f.calls[1]!.at - t0).toBeGreaterThanOrEqual(2000);
    expect(other.calls[0]!.at - t0).toBeGreaterThanOrEqual(2000);
  });

  it('understands an HTTP-date Retry-After on a 503', async () => {
    const t0 = Date.now();
    const until = new Date(t0 + 3000).toUTCString();
    const f = scripted(new Response('', { status: 503, headers: { 'retry-after': until } }), html('ok'));
    const p = fetchPage(URL_, options(f.fn));
    await vi.advanceTimersByTimeAsync(2900);
    expect(f.fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    await p;
    expect(f.fn).toHaveBeenCalledTimes(2);
    expect(f.calls[1]!.at - t0).toBe(3000);
  });

  it('uses the longer backoff when Retry-After is shorter, and does not pause without the header', async () => {
    const f = scripted(
      new Response('', { status: 503 }),
      new Response('', { status: 503, headers: { 'retry-after': '0' } }),
      html('ok'),
    );
    const p = fetchPage(URL_, options(f.fn));
    await flush();
    expect(scheduler.snapshot()['novel.test']?.pausedUntil).toBeNull();
    await vi.runAllTimersAsync();
    await p;
    expect(f.calls.map((c) => c.at - f.calls[0]!.at)).toEqual([0, 500, 1500]);
  });

  it('does not wait for a Retry-After over 10 minutes: fails at once, saying how long', async () => {
    const f = scripted(new Response('', { status: 429, headers: { 'retry-after': '3600' } }));
    const error = await failure(fetchPage(URL_, options(f.fn)));
    expect(error.code).toBe('http_status');
    expect(error.message).toContain('HTTP 429 Too Many Requests and asks to wait 60 minutes');
    expect(f.fn).toHaveBeenCalledTimes(1);
    expect(scheduler.snapshot()['novel.test']?.pausedUntil).toBeNull();
  });
});

describe('fetchPage cancel', () => {
  it('rejects with cancelled at once when the caller aborts during a fetch, and calls no more', async () => {
    const f = scripted(hang);
    const p = fetchPage(URL_, options(f.fn));
    await flush();
    expect(f.fn).toHaveBeenCalledTimes(1);
    caller.abort();
    // No fake time passes: the rejection must not depend on any timer.
    expect(await peek(p)).toBe('rejected');
    const error = await failure(p);
    expect(error.code).toBe('cancelled');
    expect(error.message).toContain(URL_);
    expect(f.calls[0]?.init?.signal?.aborted).toBe(true);
    expect(scheduler.snapshot()['novel.test']?.active).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.fn).toHaveBeenCalledTimes(1);
  });

  it('cancels during the wait between tries', async () => {
    const f = scripted(new Response('', { status: 500 }));
    const p = fetchPage(URL_, options(f.fn));
    await vi.advanceTimersByTimeAsync(200);
    caller.abort();
    expect((await failure(p)).code).toBe('cancelled');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.fn).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels while queued behind a paused host without ever calling fetch', async () => {
    scheduler.pause(URL_, Date.now() + 60_000);
    const f = scripted(html('ok'));
    const p = fetchPage(URL_, options(f.fn));
    await vi.advanceTimersByTimeAsync(1000);
    caller.abort();
    expect((await failure(p)).code).toBe('cancelled');
    expect(f.fn).not.toHaveBeenCalled();
    expect(scheduler.snapshot()['novel.test']).toMatchObject({ queued: 0, active: 0 });
  });

  it('does nothing for a signal that is already aborted', async () => {
    const f = scripted(html('ok'));
    caller.abort();
    expect((await failure(fetchPage(URL_, options(f.fn)))).code).toBe('cancelled');
    expect(f.fn).not.toHaveBeenCalled();
  });
});

describe('fetchPage input', () => {
  it('rejects a URL it cannot fetch with invalid_url', async () => {
    const f = scripted(html('ok'));
    expect((await failure(fetchPage('javascript:alert(1)', options(f.fn)))).code).toBe('invalid_url');
    expect((await failure(fetchPage('/relative', options(f.fn)))).code).toBe('invalid_url');
    expect(f.fn).not.toHaveBeenCalled();
  });
});
