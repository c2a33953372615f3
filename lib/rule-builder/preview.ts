// What a field's selector catches on the page the reader is looking at, read by the same rule
// reader a download uses: the title and author it reads, how many chapters the list holds and
// their first and last names, the first lines of the text, where the next page leads. Also the
// elements it matches, so the page can outline them.

import type { ChapterPage } from '../book-pages';
import type { SourceRule } from '../contract';
import { AppError } from '../errors';
import { finishToc, parseChapterPage, parseTocPage } from '../rule-reader';
import { oneLine, optional } from '../rule-reader/field-values';
import { readElements, type Page } from '../rule-reader/read';
import { selectorProblem } from '../source-rules/schema';
import { isElement } from './css-names';
import { nodePath, type ElementPath } from './element-path';
import type { RuleField } from './fields';
import { looksNewestFirst } from './order';

export type Caught =
  | { field: 'title' | 'author'; value?: string }
  | { field: 'chapters'; count: number; first?: string; last?: string; firstUrl?: string; countsDown: boolean }
  | { field: 'content'; lines: string[]; length: number }
  | { field: 'next'; url?: string };

export interface Preview {
  caught?: Caught;
  /** Why the selector cannot be read (bad CSS, a regex that could run away) or read nothing a download needs. */
  problem?: string;
  /** The elements matched, at most MAX_OUTLINED, for the page to outline. */
  paths: ElementPath[];
  /** How many elements it matches in all. */
  matched: number;
}

export const MAX_OUTLINED = 500;
const SHOWN_LINES = 3;

/** A rule with only the field under test: the reader needs a whole rule, the rest goes unread. */
function ruleWith(field: RuleField, selector: string, newestFirst: boolean): SourceRule {
  const rule: SourceRule = {
    id: 'draft',
    name: 'draft',
    enabled: true,
    matches: ['<all_urls>'],
    book: { title: 'title' },
    toc: { chapters: 'a' },
    chapter: { content: 'body' },
  };
  if (field === 'title' || field === 'author') rule.book = { ...rule.book, [field]: selector };
  else if (field === 'chapters') rule.toc = { chapters: selector, ...(newestFirst ? { order: 'desc' as const } : {}) };
  else rule.chapter = { ...rule.chapter, [field]: selector };
  return rule;
}

/** The chapter page as a download reads it; undefined where it finds no text (the panel says it catches nothing). */
function chapterPage(page: Page, url: string, rule: SourceRule): ChapterPage | undefined {
  try {
    return parseChapterPage(page.source, url, rule, '');
  } catch (error) {
    if (error instanceof AppError && error.code === 'parse') return undefined;
    throw error;
  }
}

function catches(page: Page, url: string, field: RuleField, selector: string, newestFirst: boolean): Caught {
  const rule = ruleWith(field, selector, newestFirst);
  switch (field) {
    case 'title':
    case 'author':
      return { field, value: oneLine(optional(page, selector)) };
    case 'chapters': {
      const found = parseTocPage(page.source, url, rule).chapters;
      const list = found.length ? finishToc(found, rule, url) : [];
      const asListed = newestFirst ? [...list].reverse() : list;
      const [first] = list;
      return {
        field,
        count: list.length,
        first: first?.title,
        last: list[list.length - 1]?.title,
        firstUrl: first?.url,
        countsDown: looksNewestFirst(asListed),
      };
    }
    case 'content': {
      const text = chapterPage(page, url, rule)?.text ?? '';
      return { field, lines: text.split('\n').filter(Boolean).slice(0, SHOWN_LINES), length: text.length };
    }
    case 'next':
      return { field, url: chapterPage(page, url, { ...rule, chapter: { content: 'html', next: selector } })?.next };
  }
}

/** What `selector` catches as `field` on the page at `url`; `newestFirst` turns the chapter list around. */
export function preview(page: Page, url: string, field: RuleField, selector: string, newestFirst = false): Preview {
  const problem = selectorProblem(selector);
  if (problem) return { problem, paths: [], matched: 0 };
  const elements = readElements(page, selector).filter(isElement);
  const paths = elements
    .slice(0, MAX_OUTLINED)
    .map(nodePath)
    .filter((path) => path !== undefined);
  try {
    return { caught: catches(page, url, field, selector, newestFirst), paths, matched: elements.length };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { problem: error.message, paths, matched: elements.length };
  }
}
