import type { ErrorInfo } from '../contract';
import { AppError } from '../errors';
import { abortable, abortReason, sleep } from './abortable';
import { backoffDelay, PAGE_RETRY, type Backoff } from './backoff';
import type { HostLimits, HostScheduler } from './host-scheduler';
import {
  cancelledMessage,
  clientStatusMessage,
  describeNetworkError,
  challengeMessage,
  emptyPageMessage,
  invalidUrlMessage,
  longRetryAfterMessage,
  networkMessage,
  serverStatusMessage,
  statusLine,
  timeoutMessage,
} from './messages';
import { isChallengePage } from './challenge';
import { discardBody, readBody } from './read-body';
import { parseRetryAfter } from './retry-after';

export interface RawPage {
  /** Final URL after redirects; relative links on the page resolve against this. */
  url: string;
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  /** The try that succeeded, 1-based. */
  attempts: number;
}

export interface AttemptInfo {
  attempt: number;
  /** Absent when this try succeeded. */
  error?: ErrorInfo;
  /** How long we wait before the next try; 0 when there is none. */
  waitMs: number;
}

export interface FetchPageOptions {
  fetch: typeof fetch;
  scheduler: HostScheduler;
  limits: HostLimits;
  /** Per try, headers and body together. */
  timeoutMs: number;
  /** Tries in total, the first one included. */
  maxAttempts: number;
  signal: AbortSignal;
  now?: () => number;
  /** The waits between tries; PAGE_RETRY unless a test shortens them. */
  backoff?: Backoff;
  /** Jitter source for the backoff; injectable so tests can pin it. */
  random?: () => number;
  onAttempt?: (info: AttemptInfo) => void;
}

/** Longer than this, a Retry-After is not worth holding a task (and its host) for. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

type Outcome =
  | { ok: true; page: RawPage }
  | { ok: false; retry: boolean; error: AppError; retryAfterMs?: number };

/**
 * One page, politely (a scheduler slot per try) and persistently (retries with backoff and the
 * site's Retry-After), but always in bounded time: every try has a deadline and the caller's
 * signal ends everything at once.
 */
export async function fetchPage(url: string, options: FetchPageOptions): Promise<RawPage> {
  const { signal, scheduler } = options;
  if (!isHttpUrl(url)) throw new AppError('invalid_url', invalidUrlMessage(url));
  if (signal.aborted) throw cancelled(url);
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts) || 1);

  for (let attempt = 1; ; attempt++) {
    let outcome: Outcome;
    try {
      outcome = await scheduler.run(url, options.limits, signal, () => attemptOnce(url, attempt, options));
    } catch (error) {
      if (signal.aborted) throw cancelled(url);
      throw error;
    }
    if (outcome.ok) {
      options.onAttempt?.({ attempt, waitMs: 0 });
      return outcome.page;
    }
    const last = !outcome.retry || attempt >= maxAttempts;
    const waitMs = last ? 0 : Math.max(backoffDelay(attempt, options.backoff ?? PAGE_RETRY, options.random), outcome.retryAfterMs ?? 0);
    options.onAttempt?.({ attempt, error: outcome.error.toInfo(), waitMs });
    if (last) throw outcome.error;
    try {
      await sleep(waitMs, signal);
    } catch {
      throw cancelled(url);
    }
  }
}

/** One try, run inside the host's slot so throttle feedback lands while the host is known busy. */
async function attemptOnce(url: string, attempt: number, o: FetchPageOptions): Promise<Outcome> {
  if (o.signal.aborted) throw cancelled(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      controller.abort(new DOMException(`No complete answer within ${o.timeoutMs} ms`, 'TimeoutError'));
    },
    Math.max(1, o.timeoutMs),
  );
  const onCallerAbort = () => controller.abort(abortReason(o.signal));
  o.signal.addEventListener('abort', onCallerAbort, { once: true });
  try {
    // Called unbound: `options.fetch(...)` would run the browser's fetch with `this` = options,
    // which throws "Illegal invocation" — a TypeError we would mistake for a network error.
    const doFetch = o.fetch;
    // no-store: every page is kept in IndexedDB the moment it arrives, so a copy in the browser's
    // HTTP cache (written to disk for each of 2,000 chapters) is only cost, and a stale cached
    // page must never stand in for a retry.
    const response = await abortable(doFetch(url, { signal: controller.signal, cache: 'no-store' }), controller.signal);
    return await judge(url, attempt, response, controller.signal, o);
  } catch (error) {
    if (o.signal.aborted) throw cancelled(url);
    if (timedOut) {
      return { ok: false, retry: true, error: new AppError('timeout', timeoutMessage(url, o.timeoutMs, attempt)) };
    }
    // fetch reports DNS failures, refused and reset connections (also mid-body) as TypeError.
    if (error instanceof TypeError) {
      const message = networkMessage(url, describeNetworkError(error), attempt);
      return { ok: false, retry: true, error: new AppError('network', message) };
    }
    throw error;
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onCallerAbort);
  }
}

async function judge(
  url: string,
  attempt: number,
  response: Response,
  deadline: AbortSignal,
  o: FetchPageOptions,
): Promise<Outcome> {
  const { status } = response;
  const line = statusLine(status, response.statusText);

  if (status >= 200 && status < 300) {
    const bytes = await readBody(response, deadline);
    // Several sites answer a throttled client with an empty 200 instead of a 429.
    if (status === 200 && bytes.byteLength === 0) {
      o.scheduler.throttled(url);
      return { ok: false, retry: true, error: new AppError('http_status', emptyPageMessage(url, attempt)) };
    }
    if (isChallengePage(bytes)) {
      o.scheduler.throttled(url);
      return { ok: false, retry: true, error: new AppError('http_status', challengeMessage(url, attempt)) };
    }
    o.scheduler.succeeded(url);
    const page: RawPage = {
      url: response.url || url,
      status,
      contentType: response.headers.get('content-type'),
      bytes,
      attempts: attempt,
    };
    return { ok: true, page };
  }

  discardBody(response);
  const retryable = status === 408 || status === 429 || status >= 500;
  if (!retryable) {
    return { ok: false, retry: false, error: new AppError('http_status', clientStatusMessage(url, line, status)) };
  }

  const now = (o.now ?? Date.now)();
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  const throttling = status === 429 || status === 503;
  if (throttling) o.scheduler.throttled(url);
  if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
    // Not paused for that long either: other chapters would sit queued for an hour; instead
    // each fails on its own first answer, quickly and with the same explanation.
    return { ok: false, retry: false, error: new AppError('http_status', longRetryAfterMessage(url, line, retryAfterMs)) };
  }
  if (throttling && retryAfterMs !== undefined) o.scheduler.pause(url, now + retryAfterMs);
  return {
    ok: false,
    retry: true,
    retryAfterMs,
    error: new AppError('http_status', serverStatusMessage(url, line, attempt)),
  };
}

function cancelled(url: string): AppError {
  return new AppError('cancelled', cancelledMessage(url));
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
