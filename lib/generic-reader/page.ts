// The parsed page every heuristic works on, and small helpers they share.

import { load, type CheerioAPI } from 'cheerio/slim';
import { resolveUrl } from '../url';

export interface GenericPage {
  $: CheerioAPI;
  /** The page's own address. */
  url: string;
  /** What relative links resolve against: `<base href>` when the page has one. */
  base: string;
}

/** Parses HTML, or reuses a document the caller already parsed. */
export function genericPage(html: string | CheerioAPI, url: string): GenericPage {
  const $ = typeof html === 'string' ? load(html) : html;
  const baseHref = $('base[href]').first().attr('href');
  return { $, url, base: (baseHref && resolveUrl(baseHref, url)) || url };
}

/** One line: runs of whitespace (and &nbsp;) become one space. */
export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** The first non-empty `<meta property|name=…>` content among the names, one line. */
export function metaContent($: CheerioAPI, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = oneLine($(`meta[property="${name}"], meta[name="${name}"]`).first().attr('content'));
    if (value) return value;
  }
  return undefined;
}
