// Where an exported source applies, in legado's terms: `bookSourceUrl` (the site, legado's key
// for the source) and `bookUrlPattern` (a regex of book-page URLs, from our match patterns).

/** What legado cannot say about one of our rules. */
export class NotExportable extends Error {}

const PATTERN = /^(\*|https?):\/\/([^/]+)(\/.*)$/;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** The site of the first http(s) match pattern: `https://x.com` for `*://*.x.com/book/*`. */
export function legadoSiteOf(matches: readonly string[]): string {
  for (const pattern of matches) {
    const m = PATTERN.exec(pattern);
    if (!m || m[2] === '*') continue;
    const host = m[2]!.replace(/^\*\./, '').replace(/:\*$/, '');
    return `${m[1] === 'http' ? 'http' : 'https'}://${host}`;
  }
  throw new NotExportable('no match pattern names one site, and legado keys a source by its site');
}

/** One regex for every http(s) pattern; a pattern without a port matches any, as ours do. */
export function legadoBookUrlPattern(matches: readonly string[]): string {
  const parts = matches.flatMap((pattern) => {
    const m = PATTERN.exec(pattern);
    if (!m) return [];
    const [, scheme, authority, path] = m as unknown as [string, string, string, string];
    const [hostPart, port] = authority.split(/:(?=[^:]*$)/) as [string, string | undefined];
    const host =
      hostPart === '*'
        ? '[^/:]+'
        : hostPart.startsWith('*.')
          ? `(?:[^/:]+\\.)?${escapeRegex(hostPart.slice(2))}`
          : escapeRegex(hostPart);
    const portPart = port && port !== '*' ? `:${port}` : '(?::\\d+)?';
    const pathPart = path.split('*').map(escapeRegex).join('.*');
    return [`${scheme === '*' ? 'https?' : scheme}://${host}${portPart}${pathPart}`];
  });
  return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
}
