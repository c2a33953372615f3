import type { Settings, SourceRule } from '../contract';
import { fetchPage, type AttemptInfo, type Backoff, type HostScheduler } from '../net';
import { decodeHtml } from '../net/charset';
import type { ProbedPages } from '../net/probed-pages';
import type { Wall } from '../net/walls';

export interface Page {
  /** The final URL after redirects: relative links resolve against it. */
  url: string;
  html: string;
  /** The site says this page is a locked chapter (paid, VIP), and why. */
  locked?: Wall;
}

/** Told of every HTTP try, so a task can count its tries and log the failed ones. */
export type AttemptObserver = (url: string, info: AttemptInfo) => void;

/**
 * What the loader needs of a source: the site's own politeness and charset. A rule list fetched
 * for a subscription has neither, and is loaded as politely as any page of its host.
 */
export type SiteManners = Pick<SourceRule, 'crawl' | 'charset'>;

/** Loads one page of a site as text, politely and with retries; what every reader step uses. */
export type PageLoader = (
  url: string,
  rule: SiteManners,
  signal: AbortSignal,
  observe?: AttemptObserver,
) => Promise<Page>;

/** The site's own limits may only make us gentler than the settings, never harsher. */
export function hostLimits(settings: Settings, rule: SiteManners): { concurrency: number; delayMs: number } {
  return {
    concurrency: Math.max(1, Math.min(settings.concurrency, rule.crawl?.concurrency ?? settings.concurrency)),
    delayMs: Math.max(settings.delayMs, rule.crawl?.delayMs ?? 0),
  };
}

/**
 * Loads a file of a site (a cover image) as bytes, with the same politeness as pages;
 * `withoutCookies` for a file on another site than the book's.
 */
export type BytesLoader = (
  url: string,
  rule: SiteManners,
  signal: AbortSignal,
  options?: { observe?: AttemptObserver; withoutCookies?: boolean },
) => Promise<Uint8Array>;

interface LoaderDeps {
  fetch: typeof fetch;
  scheduler: HostScheduler;
  settings: () => Settings;
  /** Pages a wall probe fetched: the first load of such a page takes it instead of a second request. */
  probed?: ProbedPages;
  /** The waits between a page's tries (fetchPage's default unless a test shortens them). */
  retry?: Backoff;
}

async function fetchRaw(
  deps: LoaderDeps,
  url: string,
  rule: SiteManners,
  signal: AbortSignal,
  observe?: AttemptObserver,
  credentials?: RequestCredentials,
) {
  const probed = deps.probed?.take(url);
  if (probed) return probed;
  const settings = deps.settings();
  return fetchPage(url, {
    fetch: deps.fetch,
    scheduler: deps.scheduler,
    limits: hostLimits(settings, rule),
    timeoutMs: settings.requestTimeoutMs,
    maxAttempts: settings.maxAttempts,
    maxBytes: settings.maxPageMB * 1_048_576,
    credentials,
    backoff: deps.retry,
    signal,
    charset: rule.charset,
    onAttempt: observe && ((info) => observe(url, info)),
  });
}

export function createPageLoader(deps: LoaderDeps): PageLoader {
  return async (url, rule, signal, observe) => {
    const raw = await fetchRaw(deps, url, rule, signal, observe);
    const html = raw.html ?? decodeHtml(raw.bytes, { contentType: raw.contentType, charset: rule.charset });
    return { url: raw.url, html, ...(raw.locked ? { locked: raw.locked } : {}) };
  };
}

export function createBytesLoader(deps: LoaderDeps): BytesLoader {
  return async (url, rule, signal, options = {}) =>
    (await fetchRaw(deps, url, rule, signal, options.observe, options.withoutCookies ? 'omit' : undefined)).bytes;
}
