// A rule from what the reader picked: its id and the pages it reads from the book page's address,
// its fields from the picked selectors, and, once a test has read the book, that book as its live
// test case, so `source.test` can tell later whether the site still fits the rule.

import type { SourceRuleInput, SourceTestCase, SourceTestReport } from '../contract';
import { REQUIRED_FIELDS, type RuleField } from './fields';

export type FieldSelectors = Partial<Record<RuleField, string>>;

export interface RuleDraft {
  /** The book page the rule was made on. */
  bookUrl: string;
  selectors: FieldSelectors;
  /** The site lists its chapters newest first. */
  newestFirst?: boolean;
  /** Default: `site-<host>`. */
  id?: string;
  /** Default: the host. */
  name?: string;
  /** Default: every page of the host, on http and https. */
  matches?: string[];
}

const MAX_ID = 64;
// Limits of the test case's texts (lib/source-rules/schema.ts).
const MAX_NAME = 500;
const MAX_SNIPPET = 200;

/** `site-www-example-com` for https://www.example.com/book/1. */
export function ruleIdFor(bookUrl: string): string {
  const host = new URL(bookUrl).hostname
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `site-${host}`.slice(0, MAX_ID);
}

/** The rule reads every page of the site it was made on: one site, one layout. */
export function matchesFor(bookUrl: string): string[] {
  return [`*://${new URL(bookUrl).hostname}/*`];
}

/** The fields a rule cannot do without that are still empty. */
export function missingFields(selectors: FieldSelectors): RuleField[] {
  return REQUIRED_FIELDS.filter((field) => !selectors[field]?.trim());
}

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * The book as the test read it, as a live test case: what a later test must find again. Undefined
 * when the reading has no first chapter title or text to hold on to.
 */
export function liveTestCase(bookUrl: string, report: SourceTestReport): SourceTestCase | undefined {
  const firstChapter = report.firstChapters[0]?.title.trim() || report.firstChapter.title.trim();
  const firstLine = report.firstChapter.text
    .split('\n')
    .find((line) => line.trim())
    ?.trim();
  const title = report.book.title.trim();
  if (!firstChapter || !firstLine || !title) return undefined;
  const author = report.book.author.trim();
  return {
    name: 'The page the rule was made on',
    url: bookUrl,
    expect: {
      title: cut(title, MAX_NAME),
      ...(author ? { author: cut(author, MAX_NAME) } : {}),
      chapters: report.chapters,
      firstChapter: cut(firstChapter, MAX_NAME),
      contentIncludes: cut(firstLine, MAX_SNIPPET),
    },
  };
}

/** The rule the picks make, with its live test case when a test has read the book. */
export function assembleRule(draft: RuleDraft, tested?: SourceTestReport): SourceRuleInput {
  const { selectors } = draft;
  const optional = (field: RuleField) => {
    const value = selectors[field]?.trim();
    return value ? value : undefined;
  };
  const test = tested && liveTestCase(draft.bookUrl, tested);
  const author = optional('author');
  const next = optional('next');
  return {
    id: draft.id ?? ruleIdFor(draft.bookUrl),
    name: draft.name ?? new URL(draft.bookUrl).hostname,
    matches: draft.matches ?? matchesFor(draft.bookUrl),
    book: { title: optional('title') ?? '', ...(author ? { author } : {}) },
    toc: { chapters: optional('chapters') ?? '', ...(draft.newestFirst ? { order: 'desc' as const } : {}) },
    chapter: { content: optional('content') ?? '', ...(next ? { next } : {}) },
    ...(test ? { tests: [test] } : {}),
  };
}
