// One way to read a rule's field, whichever form its selector has: the string form
// (`css@what##regex##replacement`, the first non-empty match) or a query object (README "Query
// selectors", read as legado reads its rules). `root` is the chapter element a per-chapter
// selector reads inside, itself included; null is the whole page.

import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import type { Selector } from '../contract';
import { loadHtml } from './html';
import { queryElements, queryFirst, queryList, queryText } from './query';
import { resolveUrl } from '../url';
import { parseSelector, selectAll, selectElements, selectFirst } from './selector';

export interface Page {
  $: CheerioAPI;
  /** What relative links resolve against: `<base href>` when the page has one. */
  base: string;
  /** The page as received, which a query may read as it is. */
  source: string;
}

export function loadPage(html: string, url: string): Page {
  const $ = loadHtml(html);
  const baseHref = $('base[href]').first().attr('href');
  return { $, base: (baseHref && resolveUrl(baseHref, url)) || url, source: html };
}

function context(page: Page, root: AnyNode | null): AnyNode {
  return root ?? page.$.root()[0]!;
}

/** A name, a title, an intro: the string form's first match, or a query's values joined. */
export function readText(page: Page, root: AnyNode | null, selector: Selector): string | undefined {
  if (typeof selector === 'string') return selectFirst(page.$, root, selector, page.base, root !== null);
  return queryText(page, context(page, root), selector);
}

/** A link or a cover: the first value. */
export function readLink(page: Page, root: AnyNode | null, selector: Selector): string | undefined {
  if (typeof selector === 'string') return selectFirst(page.$, root, selector, page.base, root !== null);
  return queryFirst(page, context(page, root), selector);
}

/** Every value: the pages of a table of contents. */
export function readAll(page: Page, selector: Selector): string[] {
  if (typeof selector === 'string') return selectAll(page.$, null, selector, page.base);
  return queryList(page, context(page, null), selector);
}

/** Chapter text: every match of the string form, one a line, or a query's text. */
export function readContent(page: Page, selector: Selector): { text: string; found: number } {
  if (typeof selector === 'string') {
    const found = selectAll(page.$, null, selector, page.base);
    return { text: found.join('\n'), found: found.length };
  }
  const text = queryText(page, context(page, null), selector);
  return { text: text ?? '', found: text === undefined ? 0 : 1 };
}

/** The elements a selector points at on the whole page. */
export function readElements(page: Page, selector: Selector): AnyNode[] {
  if (typeof selector === 'string') return selectElements(page.$, null, parseSelector(selector).css);
  return queryElements(page, context(page, null), selector);
}
