// Reads the three kinds of pages a source rule describes: book page, table of contents, chapter.
// Pure functions of (html, url, rule): fetching, retries and following links belong to the caller.
// A mandatory field that is missing means the rule no longer fits the site, hence code `parse`
// with a sentence naming the page and the selector; optional fields quietly stay undefined.

import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import type { SourceRule } from '../contract';
import { AppError } from '../errors';
import { cleanText, continuesPastPage, stripPageMark } from '../text/cleanup';
import type { BookInfo, ChapterPage, TocEntry, TocPage } from '../book-pages';
import { httpUrl, resolveUrl, withoutHash } from '../url';
import { extractValue, parseSelector, selectAll, selectElements, selectFirst } from './selector';

interface Page {
  $: CheerioAPI;
  /** What relative links resolve against: `<base href>` when the page has one. */
  base: string;
}

function loadPage(html: string, url: string): Page {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  return { $, base: (baseHref && resolveUrl(baseHref, url)) || url };
}

/** Titles and names are one line, even when the selector picks an element with blocks inside. */
function oneLine(value: string | undefined): string | undefined {
  const line = value?.replace(/\s*\n\s*/g, ' ').trim();
  return line || undefined;
}

function optional($: CheerioAPI, selector: string | undefined, base: string): string | undefined {
  return selector ? selectFirst($, null, selector, base) : undefined;
}

/** A link that points back at the page itself leads nowhere new. */
function elsewhere(link: string | undefined, url: string): string | undefined {
  return link && withoutHash(link) !== withoutHash(url) ? link : undefined;
}

export function parseBook(html: string, url: string, rule: SourceRule): BookInfo {
  const { $, base } = loadPage(html, url);
  const title = oneLine(selectFirst($, null, rule.book.title, base));
  if (!title) {
    throw new AppError(
      'parse',
      `The book page ${url} has no title: selector "${rule.book.title}" found nothing. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  return {
    title,
    author: oneLine(optional($, rule.book.author, base)),
    cover: httpUrl(optional($, rule.book.cover, base), base),
    intro: optional($, rule.book.intro, base),
    tocUrl: httpUrl(optional($, rule.book.tocUrl, base), base),
  };
}

// Some sites write a few chapter links as `<b onclick="window.open('…')">` to trip up scrapers.
const ONCLICK_URL = /(?:window\.open\s*\(|location(?:\.href)?\s*=)\s*['"]([^'"]+)['"]/;

/** The address an entry links to: its href (a selector may stop at the row, `#list dd`), or the page its onclick opens. */
function linkOf($: CheerioAPI, el: AnyNode): string | undefined {
  const link = $(el).is('[href]') ? $(el) : $(el).find('a[href]').first();
  if (link.length) return link.attr('href');
  const clickable = $(el).is('[onclick]') ? $(el) : $(el).find('[onclick]').first();
  return ONCLICK_URL.exec(clickable.attr('onclick') ?? '')?.[1];
}

/**
 * Each element the chapters selector matches is one chapter. `@text`/`@html` (the default) means
 * the title is the element's text, the URL its href; another `@attr` names where the URL is
 * (`option@value`). The `##regex##` applies to whichever of the two the `@` picked.
 */
function tocEntries($: CheerioAPI, selector: string, base: string): TocEntry[] {
  const parsed = parseSelector(selector);
  const urlFromWhat = parsed.what !== 'text' && parsed.what !== 'html';
  const titlePart = { ...parsed, what: 'text', regex: urlFromWhat ? undefined : parsed.regex };
  const entries: TocEntry[] = [];
  for (const el of selectElements($, null, parsed.css)) {
    let raw: string | undefined;
    if (urlFromWhat) {
      raw = extractValue($, el, parsed, base);
    } else {
      raw = linkOf($, el);
    }
    const url = httpUrl(raw, base);
    if (!url) continue; // a heading or placeholder in the list, not a chapter
    const title = oneLine(extractValue($, el, titlePart, base)) ?? '';
    entries.push({ title, url });
  }
  return entries;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function parseTocPage(html: string, url: string, rule: SourceRule): TocPage {
  const { $, base } = loadPage(html, url);
  const pages = rule.toc.pages
    ? unique(
        selectAll($, null, rule.toc.pages, base)
          .map((p) => httpUrl(p, base))
          .filter((p): p is string => p !== undefined),
      )
    : [];
  return {
    chapters: tocEntries($, rule.toc.chapters, base),
    pages,
    next: elsewhere(httpUrl(optional($, rule.toc.next, base), base), url),
  };
}

/**
 * The whole table of contents from the chapters of all its pages, in reading order.
 * Duplicate URLs keep the last occurrence: the "latest chapters" block sits above the full list.
 */
export function finishToc(chapters: readonly TocEntry[], rule: SourceRule, tocUrl: string): TocEntry[] {
  const last = new Map<string, number>();
  chapters.forEach((c, i) => last.set(c.url, i));
  const kept = chapters.filter((c, i) => last.get(c.url) === i);
  if (rule.toc.order === 'desc') kept.reverse();
  if (kept.length === 0) {
    throw new AppError(
      'parse',
      `The table of contents ${tocUrl} lists no chapters: selector "${rule.toc.chapters}" found nothing. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  return kept;
}

const purifyCache = new Map<string, RegExp>();

function purifyRegex(source: string, rule: SourceRule): RegExp {
  let re = purifyCache.get(source);
  if (!re) {
    try {
      // Multiline so `^...$` removes whole lines of site boilerplate.
      re = new RegExp(source, 'gm');
    } catch (error) {
      throw new AppError('invalid_source', `The source "${rule.id}" has an invalid purify regex "${source}": ${(error as Error).message}.`);
    }
    purifyCache.set(source, re);
  }
  return re;
}

function purify(text: string, rule: SourceRule): string {
  const regexes = (rule.chapter.purify ?? []).map((source) => purifyRegex(source, rule));
  // One paragraph at a time: a regex never sees more than a line, so a slow pattern stays
  // bounded by the longest paragraph, and no pattern can join two paragraphs by eating a break.
  return text
    .split('\n')
    .map((line) => regexes.reduce((out, re) => out.replace(re, ''), line))
    // Removed ads leave blank or padded lines behind.
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean)
    .join('\n');
}

export function parseChapterPage(html: string, url: string, rule: SourceRule, tocTitle: string): ChapterPage {
  const { $, base } = loadPage(html, url);
  // Several matches (`#content p`) are several paragraphs of one text.
  const found = selectAll($, null, rule.chapter.content, base);
  const text = cleanText(purify(found.join('\n'), rule));
  if (!text) {
    const why = found.length === 0 ? 'found nothing' : 'found only empty text (after purify)';
    throw new AppError(
      'parse',
      `The chapter page ${url} has no text: selector "${rule.chapter.content}" ${why}. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  const title = oneLine(optional($, rule.chapter.title, base));
  // A title marked "(1/2)" goes on whatever its link says (some sites label page 2 "下一章").
  const goesOn = title !== undefined && continuesPastPage(title);
  return {
    title: title ? stripPageMark(title) : tocTitle,
    text,
    next: !goesOn && leadsToNextChapter($, rule) ? undefined : elsewhere(httpUrl(optional($, rule.chapter.next, base), base), url),
  };
}

// Otherwise a "next page" link that says it goes to the next chapter (or nowhere) ends this chapter.
const NEXT_CHAPTER_TEXT = /下一章|下一节|下一回|没有了|next chapter/i;

function leadsToNextChapter($: CheerioAPI, rule: SourceRule): boolean {
  if (!rule.chapter.next) return false;
  const link = selectElements($, null, parseSelector(rule.chapter.next).css)[0];
  return link !== undefined && NEXT_CHAPTER_TEXT.test($(link).text());
}
