// Reads the three kinds of pages a source rule describes: book page, table of contents, chapter.
// Pure functions of (html, url, rule): fetching, retries and following links belong to the caller.
// A mandatory field that is missing means the rule no longer fits the site, hence code `parse`
// with a sentence naming the page and the selector; optional fields quietly stay undefined.

import type { AnyNode } from 'domhandler';
import type { BookInfo, ChapterPage, TocEntry, TocPage } from '../book-pages';
import type { Selector, SourceRule } from '../contract';
import { AppError } from '../errors';
import { compileRuleRegex, RuleRegexError, type RuleRegex } from '../source-rules/rule-regex';
import { cleanText, continuesPastPage, stripPageMark } from '../text/cleanup';
import { elementText } from '../text/paragraphs';
import { httpUrl } from '../url';
import { describeSelector } from './describe-selector';
import { nextLinks, oneLine, optional, optionalLink, unique } from './field-values';
import { loadPage, readAll, readContent, readElements, readLink, readText, type Page } from './read';
import { applyReplacements } from './replace';
import { extractValue, parseSelector } from './selector';

export function parseBook(html: string, url: string, rule: SourceRule): BookInfo {
  const page = loadPage(html, url);
  const title = oneLine(readText(page, null, rule.book.title));
  if (!title) {
    throw new AppError(
      'parse',
      `The book page ${url} has no title: selector "${describeSelector(rule.book.title)}" found nothing. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  return {
    title,
    author: oneLine(optional(page, rule.book.author)),
    cover: optionalLink(page, rule.book.cover),
    intro: optional(page, rule.book.intro),
    tocUrl: optionalLink(page, rule.book.tocUrl),
  };
}

/**
 * Each element the chapters selector matches is one chapter. Without `toc.title`/`toc.url`, a
 * string selector's `@text`/`@html` (the default) means the title is the element's text, the URL
 * its href; another `@attr` names where the URL is (`option@value`), and the `##regex##` applies to
 * whichever of the two the `@` picked.
 */
function tocEntries(page: Page, rule: SourceRule): TocEntry[] {
  const { chapters, title: titleSelector, url: urlSelector } = rule.toc;
  const parsed = typeof chapters === 'string' ? parseSelector(chapters) : undefined;
  const urlFromWhat = parsed !== undefined && parsed.what !== 'text' && parsed.what !== 'html';
  const titlePart = parsed && { ...parsed, what: 'text', regex: urlFromWhat ? undefined : parsed.regex };
  const entries: TocEntry[] = [];
  for (const el of readElements(page, chapters)) {
    const url = httpUrl(chapterLink(page, el, urlSelector, urlFromWhat ? parsed : undefined), page.base);
    if (!url) continue; // a heading or placeholder in the list, not a chapter
    let title: string | undefined;
    if (titleSelector !== undefined) {
      title = oneLine(readText(page, el, titleSelector));
      if (!title) continue; // legado's rule too: an element without a title is no chapter
    } else {
      title = oneLine(titlePart ? extractValue(page.$, el, titlePart, page.base) : elementText(page.$, el));
    }
    entries.push({ title: title ?? '', url });
  }
  return entries;
}

// Some sites write a few chapter links as `<b onclick="window.open('…')">` to trip up scrapers.
const ONCLICK_URL = /(?:window\.open\s*\(|location(?:\.href)?\s*=)\s*['"]([^'"]+)['"]/;

function chapterLink(
  page: Page,
  el: AnyNode,
  urlSelector: Selector | undefined,
  fromWhat: ReturnType<typeof parseSelector> | undefined,
): string | undefined {
  if (fromWhat) return extractValue(page.$, el, fromWhat, page.base);
  const { $ } = page;
  // A selector may stop at the row (`#list dd`) rather than its link.
  const found =
    urlSelector !== undefined
      ? readLink(page, el, urlSelector)
      : $(el).is('[href]')
        ? $(el).attr('href')
        : $(el).find('a[href]').first().attr('href');
  if (found) return found;
  // The row's link may be an onclick instead, whatever the rule says of its href.
  const clickable = $(el).is('[onclick]') ? $(el) : $(el).find('[onclick]').first();
  return ONCLICK_URL.exec(clickable.attr('onclick') ?? '')?.[1];
}

export function parseTocPage(html: string, url: string, rule: SourceRule): TocPage {
  const page = loadPage(html, url);
  const listed =
    rule.toc.pages === undefined ? [] : readAll(page, rule.toc.pages).flatMap((p) => httpUrl(p, page.base) ?? []);
  const { next, pages } = nextLinks(page, rule.toc.next, url);
  return { chapters: tocEntries(page, rule), pages: unique([...listed, ...pages]), next };
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
      `The table of contents ${tocUrl} lists no chapters: selector "${describeSelector(rule.toc.chapters)}" found nothing. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  return kept;
}

function purifyRegex(source: string, rule: SourceRule): RuleRegex {
  try {
    // Multiline so `^...$` removes whole lines of site boilerplate.
    return compileRuleRegex(source, 'm');
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    throw new AppError(
      'invalid_source',
      `The source "${rule.id}" has a purify regex "${source}" that ${error.message}.`,
    );
  }
}

function purify(text: string, rule: SourceRule): string {
  const regexes = (rule.chapter.purify ?? []).map((source) => purifyRegex(source, rule));
  // One paragraph at a time: no pattern can join two paragraphs by eating a break.
  return (
    text
      .split('\n')
      .map((line) => regexes.reduce((out, re) => re.replace(out, ''), line))
      // Removed ads leave blank or padded lines behind.
      .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
      .filter(Boolean)
      .join('\n')
  );
}

export function parseChapterPage(html: string, url: string, rule: SourceRule, tocTitle: string): ChapterPage {
  const page = loadPage(html, url);
  // Several matches (`#content p`) are several paragraphs of one text.
  const found = readContent(page, rule.chapter.content);
  const text = cleanText(purify(found.text, rule));
  if (!text) {
    const why = found.found === 0 ? 'found nothing' : 'found only empty text (after purify)';
    throw new AppError(
      'parse',
      `The chapter page ${url} has no text: selector "${describeSelector(rule.chapter.content)}" ${why}. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  const title = oneLine(optional(page, rule.chapter.title));
  // A title marked "(1/2)" goes on whatever its link says (some sites label page 2 "下一章").
  const goesOn = title !== undefined && continuesPastPage(title);
  const { next, pages } =
    !goesOn && leadsToNextChapter(page, rule)
      ? { next: undefined, pages: [] }
      : nextLinks(page, rule.chapter.next, url);
  return {
    title: title ? stripPageMark(title) : tocTitle,
    text,
    next,
    ...(pages.length ? { pages } : {}),
  };
}

/**
 * The whole chapter, all its pages joined, after `chapter.replace` (legado's replaceRegex, which
 * sees the whole text at once): one paragraph a line, no blank lines.
 */
export function finishChapter(text: string, rule: SourceRule, url: string): string {
  if (!rule.chapter.replace?.length) return text;
  const replaced = cleanText(applyReplacements(text, rule.chapter.replace));
  if (!replaced) {
    throw new AppError(
      'parse',
      `The chapter ${url} has no text left after the source's chapter.replace. The source "${rule.id}" may no longer fit the site.`,
    );
  }
  return replaced;
}

// Otherwise a "next page" link that says it goes to the next chapter (or nowhere) ends this chapter.
const NEXT_CHAPTER_TEXT = /下一章|下一节|下一回|没有了|next chapter/i;

function leadsToNextChapter(page: Page, rule: SourceRule): boolean {
  if (rule.chapter.next === undefined) return false;
  const link = readElements(page, rule.chapter.next)[0];
  return link !== undefined && NEXT_CHAPTER_TEXT.test(page.$(link).text());
}
