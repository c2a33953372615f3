// Reads the three kinds of pages a source rule describes: book page, table of contents, chapter.
// Pure functions of (html, url, rule): fetching, retries and following links belong to the caller.
// A mandatory field that is missing means the rule no longer fits the site, hence code `parse`
// with a sentence naming the page and the selector; optional fields quietly stay undefined.

import { load, type CheerioAPI } from 'cheerio/slim';
import type { SourceRule } from '../contract';
import { AppError } from '../errors';
import { compileRuleRegex, RuleRegexError, type RuleRegex } from '../source-rules/rule-regex';
import { cleanText, stripPageMark } from '../text/cleanup';
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
      // A selector may stop at the row (`#list dd`) rather than its link.
      const link = $(el).is('[href]') ? $(el) : $(el).find('a[href]').first();
      raw = link.attr('href');
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

function purifyRegex(source: string, rule: SourceRule): RuleRegex {
  try {
    // Multiline so `^...$` removes whole lines of site boilerplate.
    return compileRuleRegex(source, { multiline: true });
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    throw new AppError('invalid_source', `The source "${rule.id}" has a purify regex "${source}" that ${error.message}.`);
  }
}

function purify(text: string, rule: SourceRule): string {
  const regexes = (rule.chapter.purify ?? []).map((source) => purifyRegex(source, rule));
  // One paragraph at a time: no pattern can join two paragraphs by eating a break.
  return text
    .split('\n')
    .map((line) => regexes.reduce((out, re) => re.replace(out, ''), line))
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
  return {
    title: title ? stripPageMark(title) : tocTitle,
    text,
    next: leadsToNextChapter($, rule) ? undefined : elsewhere(httpUrl(optional($, rule.chapter.next, base), base), url),
  };
}

// A "next page" link that says it goes to the next chapter (or nowhere) ends this chapter.
const NEXT_CHAPTER_TEXT = /下一章|下一节|下一回|没有了|next chapter/i;

function leadsToNextChapter($: CheerioAPI, rule: SourceRule): boolean {
  if (!rule.chapter.next) return false;
  const link = selectElements($, null, parseSelector(rule.chapter.next).css)[0];
  return link !== undefined && NEXT_CHAPTER_TEXT.test($(link).text());
}
