import type { ErrorInfo } from '../contract';
import { AppError } from '../errors';
import { abortable, abortReason, sleep } from './abortable';
import { backoffDelay, PAGE_RETRY, type Backoff } from './backoff';
import type { HostLimits, HostScheduler } from './host-scheduler';
import { decodeHtml } from './charset';
import {
  cancelledMessage,
  clientStatusMessage,
  describeNetworkError,
  emptyPageMessage,
  invalidUrlMessage,
  longRetryAfterMessage,
  networkMessage,
  serverStatusMessage,
  statusLine,
  timeoutMessage,
} from './messages';
import { discardBody, readBody } from './read-body';
import { parseRetryAfter } from './retry-after';
import { wallError } from './wall-error';
import { detectWall, type Wall } from './walls';

export interface RawPage {
  /** Final URL after redirects; relative links on the page resolve against this. */
  url: string;
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  /** The body as text, when it is a page (not an image); decoded once, here. */
  html?: string;
  /** A locked chapter's page (paid, VIP): the readers decide what that means for what they read. */
  locked?: Wall;
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
  /** A body larger than this, once decompressed, fails the page `too_large` (never retried). */
  maxBytes?: number;
  /** `omit`: no cookies go with the request (a file from another site than the book's). */
  credentials?: RequestCredentials;
  signal: AbortSignal;
  /** The source's charset, which beats what the site claims (see charset.ts). */
  charset?: string;
  now?: () => number;
  /** The waits between tries; PAGE_RETRY unless a test shortens them. */
  backoff?: Backoff;
  /** Jitter source for the backoff; injectable so tests can pin it. */
  random?: () => number;
  onAttempt?: (info: AttemptInfo) => void;
}

/** Longer than this, a Retry-After is not worth holding a task (and its host) for. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

type Outcome = { ok: true; page: RawPage } | { ok: false; retry: boolean; error: AppError; retryAfterMs?: number };

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
    const waitMs = last
      ? 0
      : Math.max(backoffDelay(attempt, options.backoff ?? PAGE_RETRY, options.random), outcome.retryAfterMs ?? 0);
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
    // credentials: the reader's own cookies for the site (a cleared challenge, a sign-in) must
    // come along; Chromium sends them to hosts we have permission for even without it, and
    // 'include' says so for every browser. A file from another site (a cover) goes without them.
    const init: RequestInit = { signal: controller.signal, cache: 'no-store', credentials: o.credentials ?? 'include' };
    const response = await abortable(doFetch(url, init), controller.signal);
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
  const contentType = response.headers.get('content-type');

  if (status >= 200 && status < 300) {
    const bytes = await readBody(response, deadline, o.maxBytes === undefined ? undefined : { bytes: o.maxBytes, url });
    // Several sites answer a throttled client with an empty 200 instead of a 429.
    if (status === 200 && bytes.byteLength === 0) {
      o.scheduler.throttled(url);
      return { ok: false, retry: true, error: new AppError('http_status', emptyPageMessage(url, attempt)) };
    }
    const html = isPage(contentType) ? decodeHtml(bytes, { contentType, charset: o.charset }) : undefined;
    const wall = html === undefined ? null : wallOf(url, response, html);
    // A challenge or a sign-in page is no answer to retry: only the reader, in a tab, gets past it.
    if (wall && wall.kind !== 'locked')
      return { ok: false, retry: false, error: wallError({ ...wall, kind: wall.kind }, url) };
    o.scheduler.succeeded(url);
    const page: RawPage = {
      url: response.url || url,
      status,
      contentType,
      bytes,
      ...(html !== undefined ? { html } : {}),
      ...(wall ? { locked: wall } : {}),
      attempts: attempt,
    };
    return { ok: true, page };
  }

  // An error page is read only as far as it takes to tell whether it is a wall (a 403 or 503
  // challenge, a 401 sign-in); the rest of it would only be discarded.
  if (isPage(contentType) && status >= 400) {
    const head = await readBody(response, deadline, undefined, WALL_SNIFF_BYTES);
    const wall = wallOf(url, response, decodeHtml(head, { contentType, charset: o.charset }));
    if (wall && wall.kind !== 'locked')
      return { ok: false, retry: false, error: wallError({ ...wall, kind: wall.kind }, url) };
  } else {
    discardBody(response);
  }
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
    return {
      ok: false,
      retry: false,
      error: new AppError('http_status', longRetryAfterMessage(url, line, retryAfterMs)),
    };
  }
  if (throttling && retryAfterMs !== undefined) o.scheduler.pause(url, now + retryAfterMs);
  return {
    ok: false,
    retry: true,
    retryAfterMs,
    error: new AppError('http_status', serverStatusMessage(url, line, attempt)),
  };
}

// Wall pages are small; a challenge's markers sit well within this.
const WALL_SNIFF_BYTES = 256 * 1024;

/** Markup, or a type too vague to rule it out; images and other files are never walls. */
function isPage(contentType: string | null): boolean {
  if (!contentType) return true;
  return /^\s*(?:text\/|application\/(?:xhtml\+)?xml\b)/i.test(contentType);
}

function wallOf(asked: string, response: Response, html: string): Wall | null {
  return detectWall({
    requestedUrl: asked,
    url: response.url || asked,
    status: response.status,
    header: (name) => response.headers.get(name),
    html,
  });
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
