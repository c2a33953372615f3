// What the rule reader makes of a field's raw value: links that can be fetched, one-line names,
// and where a "next" selector leads.

import type { Selector } from '../contract';
import { readAll, readLink, readText, type Page } from './read';
import { httpUrl, withoutHash } from '../url';

/** Titles and names are one line, even when the selector picks an element with blocks inside. */
export function oneLine(value: string | undefined): string | undefined {
  const line = value?.replace(/\s*\n\s*/g, ' ').trim();
  return line || undefined;
}

export function optional(page: Page, selector: Selector | undefined): string | undefined {
  return selector === undefined ? undefined : readText(page, null, selector);
}

export function optionalLink(page: Page, selector: Selector | undefined): string | undefined {
  return selector === undefined ? undefined : httpUrl(readLink(page, null, selector), page.base);
}

/** A link that points back at the page itself leads nowhere new. */
export function elsewhere(link: string | undefined, url: string): string | undefined {
  return link && withoutHash(link) !== withoutHash(url) ? link : undefined;
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Where a "next" selector leads. The string form: its first link. A query, as legado reads it:
 * one link (other than this page) is the next page in a chain; several are all the other pages.
 */
export function nextLinks(page: Page, selector: Selector | undefined, url: string): { next?: string; pages: string[] } {
  if (selector === undefined) return { pages: [] };
  if (typeof selector === 'string') return { next: elsewhere(optionalLink(page, selector), url), pages: [] };
  const links = unique(readAll(page, selector).flatMap((link) => httpUrl(link, page.base) ?? [])).filter((link) =>
    elsewhere(link, url),
  );
  return links.length > 1 ? { pages: links } : { next: links[0], pages: [] };
}
