// Where a book may lead the extension. The extension's requests carry the user's cookies for
// the site they go to (all of them, SameSite=Strict ones too: it has host permission for every
// site), so a list of links could otherwise make logged-in requests anywhere and put another
// site's text in the book. A book's pages are followed only on the site the book is on (its
// registrable domain, so `m.` and `www.` of one site are one site, while two blogs on one
// hosting domain such as blogspot.com are two), or, for a source's rule, wherever its own
// `matches` say the source reads.

import { getDomain } from 'tldts';
import type { SourceRule } from '../contract';
import { isGenericSource } from '../generic-reader/rule';
import { matchesPattern } from '../source-rules/match-pattern';

/** The site of an address: its registrable domain (public suffixes, private ones included), else its host. */
export function siteOf(url: string): string {
  const host = new URL(url).hostname;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** Whether `url` is where the book at `bookUrl`, read with `rule`, may lead. */
export function onBookSite(url: string, bookUrl: string, rule: SourceRule): boolean {
  if (siteOf(url) === siteOf(bookUrl)) return true;
  return !isGenericSource(rule) && rule.matches.some((pattern) => matchesPattern(pattern, url));
}

/** Why a link to `url` is not followed, or undefined when it is. */
export function offSiteLink(url: string, bookUrl: string, rule: SourceRule): string | undefined {
  if (onBookSite(url, bookUrl, rule)) return undefined;
  return `${url} is on another site than the book (${siteOf(bookUrl)}), so it was not opened: the extension sends your cookies to every site it opens. ${followWhere(rule)}`;
}

/** Why the answer to `url`, which the browser redirected to `final`, is not used; or undefined. */
export function offSiteRedirect(url: string, final: string, bookUrl: string, rule: SourceRule): string | undefined {
  if (onBookSite(final, bookUrl, rule)) return undefined;
  return `${url} redirected to ${final}, another site than the book (${siteOf(bookUrl)}), so its answer was not used. ${followWhere(rule)}`;
}

function followWhere(rule: SourceRule): string {
  return isGenericSource(rule)
    ? 'The generic reader follows links only within the site a book is on; import a source for the book to follow links elsewhere.'
    : `The source "${rule.id}" follows links only within the book's site and its own "matches"; add the other site there to follow them.`;
}
