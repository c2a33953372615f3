import type { Settings, SourceRule } from '../contract';
import { fetchPage, type AttemptInfo, type HostScheduler } from '../net';
import { decodeHtml } from '../source';

export interface Page {
  /** The final URL after redirects: relative links resolve against it. */
  url: string;
  html: string;
}

/** Told of every HTTP try, so a task can count its tries and log the failed ones. */
export type AttemptObserver = (url: string, info: AttemptInfo) => void;

/** Loads one page of a site as text, politely and with retries; what every reader step uses. */
export type PageLoader = (url: string, rule: SourceRule, signal: AbortSignal, observe?: AttemptObserver) => Promise<Page>;

/** The site's own limits may only make us gentler than the settings, never harsher. */
export function hostLimits(settings: Settings, rule: SourceRule): { concurrency: number; delayMs: number } {
  return {
    concurrency: Math.max(1, Math.min(settings.concurrency, rule.crawl?.concurrency ?? settings.concurrency)),
    delayMs: Math.max(settings.delayMs, rule.crawl?.delayMs ?? 0),
  };
}

export function createPageLoader(deps: {
  fetch: typeof fetch;
  scheduler: HostScheduler;
  settings: () => Settings;
}): PageLoader {
  return async (url, rule, signal, observe) => {
    const settings = deps.settings();
    const raw = await fetchPage(url, {
      fetch: deps.fetch,
      scheduler: deps.scheduler,
      limits: hostLimits(settings, rule),
      timeoutMs: settings.requestTimeoutMs,
      maxAttempts: settings.maxAttempts,
      signal,
      onAttempt: observe && ((info) => observe(url, info)),
    });
    return { url: raw.url, html: decodeHtml(raw.bytes, { contentType: raw.contentType, charset: rule.charset }) };
  };
}
