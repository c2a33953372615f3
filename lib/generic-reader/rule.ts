// The generic reader as a book source: listed, enabled and disabled like any other, so users
// see it in Options → Sources and can switch it off. Its selectors are never used (the reader
// for this id is heuristic, see reader.ts); they only describe what the heuristics look for.

import type { SourceRule } from '../contract';
import { findSource } from '../source-rules/match-pattern';
import { GENERIC_SOURCE_ID, isGenericSource } from './source-id';

export { GENERIC_SOURCE_ID, isGenericSource };

export const genericRule: SourceRule = {
  id: GENERIC_SOURCE_ID,
  name: 'Generic reader',
  enabled: true,
  matches: ['<all_urls>'],
  book: { title: 'h1', author: 'meta[property="og:novel:author"]@content' },
  toc: { chapters: 'a[href]' },
  chapter: { title: 'h1', content: 'body' },
  // Sites no rule describes are sites nobody measured: ask gently.
  crawl: { concurrency: 2 },
};

/** The built-in rules with the generic reader added (once). */
export function withGeneric(builtIn: readonly SourceRule[]): SourceRule[] {
  return builtIn.some(isGenericSource) ? [...builtIn] : [...builtIn, genericRule];
}

/**
 * The source that reads a URL: the first enabled source made for the site, in list order, and
 * only when none is, the generic reader (if enabled). It matches every page, so it must never
 * shadow a source the user imported after it.
 */
export function matchSource<T extends SourceRule>(sources: readonly T[], url: string): T | undefined {
  return (
    findSource(
      sources.filter((s) => !isGenericSource(s)),
      url,
    ) ?? findSource(sources.filter(isGenericSource), url)
  );
}
