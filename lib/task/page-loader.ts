import type { Settings, SourceRule } from '../contract';
import { fetchPage, type AttemptInfo, type Backoff, type HostScheduler } from '../net';
import { decodeHtml } from '../net/charset';

export interface Page {
  /** The final URL after redirects: relative links resolve against it. */
  url: string;
  html: string;
}

/** Told of every HTTP try, so a task can count its tries and log the failed ones. */
export type AttemptObserver = (url: string, info: AttemptInfo) => void;

/**
 * What the loader needs of a source: the site's own politeness and charset. A rule list fetched
 * for a subscription has neither, and is loaded as politely as any page of its host.
 */
export type SiteManners = Pick<SourceRule, 'crawl' | 'charset'>;

/** Loads one page of a site as text, politely and with retries; what every reader step uses. */
export type PageLoader = (url: string, rule: SiteManners, signal: AbortSignal, observe?: AttemptObserver) => Promise<Page>;

/** The site's own limits may only make us gentler than the settings, never harsher. */
export function hostLimits(settings: Settings, rule: SiteManners): { concurrency: number; delayMs: number } {
  return {
    concurrency: Math.max(1, Math.min(settings.concurrency, rule.crawl?.concurrency ?? settings.concurrency)),
    delayMs: Math.max(settings.delayMs, rule.crawl?.delayMs ?? 0),
  };
}

/** Loads a file of a site (a cover image) as bytes, with the same politeness as pages. */
export type BytesLoader = (url: string, rule: SiteManners, signal: AbortSignal, observe?: AttemptObserver) => Promise<Uint8Array>;

interface LoaderDeps {
  fetch: typeof fetch;
  scheduler: HostScheduler;
  settings: () => Settings;
  /** The waits between a page's tries (fetchPage's default unless a test shortens them). */
  retry?: Backoff;
}

function fetchRaw(deps: LoaderDeps, url: string, rule: SiteManners, signal: AbortSignal, observe?: AttemptObserver) {
  const settings = deps.settings();
  return fetchPage(url, {
    fetch: deps.fetch,
    scheduler: deps.scheduler,
    limits: hostLimits(settings, rule),
    timeoutMs: settings.requestTimeoutMs,
    maxAttempts: settings.maxAttempts,
    backoff: deps.retry,
    signal,
    onAttempt: observe && ((info) => observe(url, info)),
  });
}

export function createPageLoader(deps: LoaderDeps): PageLoader {
  return async (url, rule, signal, observe) => {
    const raw = await fetchRaw(deps, url, rule, signal, observe);
    return { url: raw.url, html: decodeHtml(raw.bytes, { contentType: raw.contentType, charset: rule.charset }) };
  };
}

export function createBytesLoader(deps: LoaderDeps): BytesLoader {
  return async (url, rule, signal, observe) => (await fetchRaw(deps, url, rule, signal, observe)).bytes;
}
