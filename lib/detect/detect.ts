// What a web page is, for the toolbar button and the popup: a book page of an enabled source,
// an unknown site's table of contents the generic reader can download, or neither.
// Pure: (html or a parsed document, url, sources) => PageInfo. No fetching, no state.

import type { CheerioAPI } from 'cheerio/slim';
import type { PageInfo, SourceRule } from '../contract';
import { genericPage, isGenericSource } from '../generic-reader';
import { assessPage, pageReading } from '../generic-reader/assess';
import { finishToc, parseBook, parseTocPage } from '../rule-reader';
import { findSource } from '../source-rules/match-pattern';
import { MIN_TOC_CHAPTERS } from './limits';

// A book page whose list is elsewhere shows at least this many of its chapters (the newest).
const MIN_BOOK_SAMPLE = 3;

/** The enabled source made for this URL's site (never the generic reader), if any. */
export function siteSource<T extends SourceRule>(sources: readonly T[], url: string): T | undefined {
  return findSource(
    sources.filter((s) => !isGenericSource(s)),
    url,
  );
}

/** The generic reader applies unless the user switched it off. */
export function genericEnabled(sources: readonly SourceRule[]): boolean {
  return sources.find(isGenericSource)?.enabled ?? true;
}

function asBook(html: string, url: string, rule: SourceRule): PageInfo | undefined {
  try {
    const book = parseBook(html, url, rule);
    // The list lives on another page: a book all the same, its length unknown here.
    const chapters = book.tocUrl ? 0 : finishToc(parseTocPage(html, url, rule).chapters, rule, url).length;
    return {
      kind: 'book',
      url,
      sourceId: rule.id,
      title: book.title,
      ...(book.author ? { author: book.author } : {}),
      chapters,
    };
  } catch {
    return undefined; // a chapter page or a search page of the same site: not a book page
  }
}

/**
 * An unknown site's page as the generic reader sees it: a table of contents with enough chapters,
 * or a book page that shows a few and links to the whole list. Chapter pages and the rest are none.
 */
function asGeneric($: CheerioAPI, url: string): PageInfo | undefined {
  const assessment = assessPage($, url);
  const { title, author } = assessment;
  if (!title) return undefined;
  const reading = pageReading(assessment);
  const named = { url, sourceId: 'generic' as const, title, ...(author ? { author } : {}), reading };
  if (assessment.kind === 'toc' && assessment.chapters >= MIN_TOC_CHAPTERS)
    return { kind: 'toc', ...named, chapters: assessment.chapters };
  // A page whose list is elsewhere is a book when it shows some chapters or says it is a novel's.
  const declared = $('meta[property^="og:novel:"]').length > 0;
  if (assessment.kind === 'book' && (assessment.chapters >= MIN_BOOK_SAMPLE || declared))
    return { kind: 'book', ...named, chapters: 0 };
  return undefined;
}

export function detectPage(page: string | CheerioAPI, url: string, sources: readonly SourceRule[]): PageInfo {
  const none: PageInfo = { kind: 'none', url };
  if (!/^https?:\/\//i.test(url)) return none;
  const source = siteSource(sources, url);
  if (source) {
    const book = asBook(typeof page === 'string' ? page : page.html(), url, source);
    if (book) return book;
  }
  if (!genericEnabled(sources)) return none;
  const $ = typeof page === 'string' ? genericPage(page, url).$ : page;
  return asGeneric($, url) ?? none;
}
