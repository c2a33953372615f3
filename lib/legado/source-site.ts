// Where an imported legado source applies, from its `bookSourceUrl`: our id, its match patterns
// and its politeness. legado keys a source by that URL, so the id is made from it alone and stays
// the same however often the same list is imported again.

import type { SourceRule } from '../contract';
import { shortHash } from '../text/short-hash';

/** The site's URL: `bookSourceUrl` without a `#comment` or `,{options}` after it; undefined if not http(s). */
export function siteUrl(bookSourceUrl: string): URL | undefined {
  const bare = bookSourceUrl.split('#')[0]!.split(',{')[0]!.trim();
  if (!URL.canParse(bare)) return undefined;
  const url = new URL(bare);
  return /^https?:$/.test(url.protocol) && url.hostname ? url : undefined;
}

/**
 * `legado-<host>`, plus a tag of the whole `bookSourceUrl` when it says more than the site's
 * origin (a path, a port), so two sources for one host keep apart.
 */
export function legadoSourceId(bookSourceUrl: string, site: URL): string {
  const slug = site.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const plain = site.port === '' && (site.pathname === '/' || site.pathname === '') && !site.search;
  const tag = plain ? '' : `-${shortHash(bookSourceUrl.trim())}`;
  return `legado-${slug.slice(0, 64 - 'legado-'.length - tag.length)}${tag}`;
}

/** The id a legado source gets when it is imported, whether or not it can be; undefined without an http(s) site. */
export function legadoIdFor(bookSourceUrl: string): string | undefined {
  const site = siteUrl(bookSourceUrl);
  return site && legadoSourceId(bookSourceUrl, site);
}

const IP_OR_LOCAL = /^(?:\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]|localhost)$/i;

/**
 * The site's host on http and https (and any port). `www.x.com` and `x.com` serve the same pages,
 * so each brings the other; `m.x.com` and other subdomains are left out, because a mobile site's
 * markup is not the one the rules were written for.
 */
export function legadoMatches(site: URL): string[] {
  const host = site.hostname.toLowerCase();
  const hosts = [host];
  if (!IP_OR_LOCAL.test(host)) {
    if (host.startsWith('www.')) hosts.push(host.slice(4));
    else if (host.split('.').length === 2) hosts.push(`www.${host}`);
  }
  return hosts.map((h) => `*://${h}/*`);
}

/**
 * legado's `concurrentRate`: `1000` is one request a second; `20/60000` at most 20 a minute. Both
 * become one request at a time with that gap between them, on average.
 */
export function legadoCrawl(rate: unknown): { crawl?: SourceRule['crawl']; note?: string } {
  if (rate === undefined || rate === null || rate === '' || rate === '0') return {};
  const text = String(rate).trim();
  const single = /^(\d+)$/.exec(text);
  const windowed = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const gap = single
    ? Number(single[1])
    : windowed && Number(windowed[1]) > 0
      ? Math.ceil(Number(windowed[2]) / Number(windowed[1]))
      : undefined;
  if (gap === undefined) return { note: `concurrentRate "${text}" is not a rate this extension reads: left out` };
  if (gap === 0) return {};
  return { crawl: { concurrency: 1, delayMs: Math.min(gap, 60_000) } };
}

/** A charset named in the URL options of the source's search or explore URL (`,{"charset":"gbk"}`). */
export function legadoCharset(...urls: unknown[]): string | undefined {
  for (const url of urls) {
    if (typeof url !== 'string') continue;
    const m = /["']charset["']\s*:\s*["']([\w-]+)["']/i.exec(url);
    if (!m) continue;
    try {
      return new TextDecoder(m[1]!).encoding;
    } catch {
      continue; // a charset the browser does not know is no hint at all
    }
  }
  return undefined;
}
