// WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)
// decide which source reads a URL. Per the contract a pattern without a port matches any port,
// so local test servers on random ports match `http://127.0.0.1/book/*`. Patterns come from
// imported rules and run against the URL of every page the user visits, so a path glob is
// matched by finding its literal pieces left to right, in time linear in the URL, never by a
// backtracking RegExp (`/*a*a*a*a*a*a*a*b` took one 5 s on a 60-character path).

import type { SourceRule } from '../contract';

interface CompiledPattern {
  schemes: string[] | 'all';
  /** undefined: any host. */
  host?: { name: string; subdomains: boolean };
  /** undefined: any port. */
  port?: string;
  path: Glob;
}

/** A path glob: the literal pieces between its `*`s. */
type Glob = string[];

const ALL_URLS_SCHEMES = ['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:'];
const PATTERN = /^(\*|https?|wss?|ftp|file):\/\/([^/]*)(\/.*)$/;
const MAX_PATTERN = 2_000;

/** Whether `text` is the glob's pieces in order, with anything between them. */
function globMatches(pieces: Glob, text: string): boolean {
  const first = pieces[0]!;
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // Placing each middle piece as early as it fits leaves the most room for the rest, so one
  // left-to-right pass decides.
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = text.indexOf(pieces[i]!, at);
    if (found < 0 || found + pieces[i]!.length > end) return false;
    at = found + pieces[i]!.length;
  }
  return true;
}

/** Splits `host[:port]`, minding IPv6 literals like `[::1]:8080`. */
function splitHostPort(authority: string): { host: string; port?: string } | undefined {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return undefined;
    const rest = authority.slice(end + 1);
    if (rest && !rest.startsWith(':')) return undefined;
    return { host: authority.slice(0, end + 1), port: rest ? rest.slice(1) : undefined };
  }
  const colon = authority.lastIndexOf(':');
  if (colon < 0) return { host: authority };
  return { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

function compile(pattern: string): CompiledPattern | undefined {
  if (pattern === '<all_urls>') return { schemes: 'all', path: ['', ''] };
  if (pattern.length > MAX_PATTERN) return undefined;
  const m = PATTERN.exec(pattern);
  if (!m) return undefined;
  const [, scheme = '', authority = '', path = ''] = m;
  const schemes = scheme === '*' ? ['http:', 'https:'] : [`${scheme}:`];
  if (scheme === 'file') {
    return authority ? undefined : { schemes, path: path.split('*') };
  }
  const split = splitHostPort(authority);
  if (!split || !split.host) return undefined;
  const { host } = split;
  let port = split.port;
  if (port !== undefined) {
    if (port === '*') port = undefined;
    else if (!/^\d{1,5}$/.test(port)) return undefined;
  }
  if (host === '*') return { schemes, port, path: path.split('*') };
  const subdomains = host.startsWith('*.');
  const name = (subdomains ? host.slice(2) : host).toLowerCase();
  // A `*` anywhere else in the host is not a match pattern (Chrome rejects it too).
  if (!name || name.includes('*')) return undefined;
  return { schemes, host: { name, subdomains }, port, path: path.split('*') };
}

const cache = new Map<string, CompiledPattern | null>();

function compiled(pattern: string): CompiledPattern | undefined {
  let entry = cache.get(pattern);
  if (entry === undefined) {
    entry = compile(pattern) ?? null;
    cache.set(pattern, entry);
  }
  return entry ?? undefined;
}

export function isValidMatchPattern(pattern: string): boolean {
  return typeof pattern === 'string' && compiled(pattern) !== undefined;
}

/** False for invalid patterns and unparsable URLs rather than throwing: matching is a question. */
export function matchesPattern(pattern: string, url: string): boolean {
  const p = compiled(pattern);
  if (!p) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (p.schemes === 'all') return ALL_URLS_SCHEMES.includes(u.protocol);
  if (!p.schemes.includes(u.protocol)) return false;
  if (p.host) {
    const hostname = u.hostname.toLowerCase();
    const ok = hostname === p.host.name || (p.host.subdomains && hostname.endsWith(`.${p.host.name}`));
    if (!ok) return false;
  }
  // URL drops default ports ('' for :80 on http), so compare against the effective port.
  if (p.port !== undefined && effectivePort(u) !== p.port) return false;
  // Chrome matches the path pattern against path plus query, never the fragment.
  return globMatches(p.path, u.pathname + u.search);
}

function effectivePort(u: URL): string {
  if (u.port) return u.port;
  return { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' }[u.protocol] ?? '';
}

/** The first enabled source with a pattern matching the URL: list order is priority order. */
export function findSource<T extends SourceRule>(sources: readonly T[], url: string): T | undefined {
  return sources.find((s) => s.enabled && s.matches.some((p) => matchesPattern(p, url)));
}
