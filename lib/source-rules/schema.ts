// The shape of a source rule (docs/contract.md §7) as a valibot schema: what `source.import` accepts and
// what every file in sources/ must be. Selectors and regexes are compiled here, so a broken rule
// is refused at import, field by field, instead of failing halfway through a download.

import * as v from 'valibot';
import type { SourceRule } from '../contract';
import { parseSelector } from '../rule-reader';
import { isHttpUrl } from '../url';
import { isValidMatchPattern } from './match-pattern';
import { clause, ElementQuerySchema, QuerySchema, ReplacementsSchema, strict } from './query-schema';
import { compileRuleRegex, RuleRegexError } from './rule-regex';

const ID = /^[a-z0-9_-]+$/;
const MAX_SELECTOR = 2000;
const MAX_REGEX = 1000;

function text(what: string, max: number) {
  return v.pipe(
    v.string(`expected ${what}`),
    v.check((s) => s.trim().length > 0 && s.length <= max, `expected ${what} of 1 to ${max} characters`),
  );
}

function wholeNumber(min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, message),
  );
}

/** Why a selector cannot be used, or undefined. */
export function selectorProblem(selector: string): string | undefined {
  if (!selector.trim()) return 'expected a selector text, got an empty one';
  if (selector.length > MAX_SELECTOR) return `is longer than ${MAX_SELECTOR} characters`;
  try {
    parseSelector(selector);
    return undefined;
  } catch (error) {
    return clause(error instanceof Error ? error.message : String(error));
  }
}

/** Why a purify regex cannot be used, or undefined. Flags as `purify` compiles it. */
export function purifyProblem(source: string): string | undefined {
  if (!source) return 'expected a regex, got an empty text';
  if (source.length > MAX_REGEX) return `is longer than ${MAX_REGEX} characters`;
  try {
    compileRuleRegex(source, 'm');
    return undefined;
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    return error.message;
  }
}

function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label.trim());
    return true;
  } catch {
    return false;
  }
}

const selectorText = v.pipe(
  v.string('expected a selector text or a query object'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? selectorProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

const isObject = (input: unknown) => typeof input === 'object' && input !== null && !Array.isArray(input);
// `message` is what `strict` says when the field is missing.
const SELECTOR_MESSAGE = { message: 'expected a selector text or a query object' };
/** The string form, or a query object (README "Query selectors"). */
const selector = Object.assign(
  v.lazy((input: unknown) => (isObject(input) ? QuerySchema : selectorText)),
  SELECTOR_MESSAGE,
);
/** What selects chapter elements: a query here takes and replaces nothing. */
const elementSelector = Object.assign(
  v.lazy((input: unknown) => (isObject(input) ? ElementQuerySchema : selectorText)),
  SELECTOR_MESSAGE,
);

const purifyRegex = v.pipe(
  v.string('expected a regex text'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? purifyProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

const httpUrl = v.pipe(
  v.string('expected an http(s) URL'),
  v.check(isHttpUrl, 'expected an absolute http:// or https:// URL'),
);
const snippet = text('a text', 2000);

/**
 * One example of the source at work, as yt-dlp extractors carry `_TESTS`. A saved page of the
 * real site (`realPage`: its id in ../shared/real-pages, whose manifest says what a correct
 * reader gets from it); a book of a fixture site served locally (`url`, `site`, `expect`); or a
 * live book page (`url`, `expect`, no `site`), as a rule made on the page carries the page it was
 * made on: `source.test` reads it from the web and compares.
 */
export const SourceTestSchema = v.pipe(
  strict({
    name: v.optional(text('a description', 200)),
    /** A page of ../shared/real-pages by its manifest id; must be matched by this source and by no other built-in source. */
    realPage: v.optional(
      v.pipe(
        v.string('expected a page id'),
        v.regex(ID, 'expected a page id of ../shared/real-pages like "biquge-info-toc"'),
      ),
    ),
    /**
     * With `realPage`, for a book page showing only part of its chapter list: where the rule goes
     * for the whole list (a page the saved pages do not hold, so only the address is checked).
     */
    tocUrl: v.optional(httpUrl),
    /** The book page; must be matched by this source and by no other built-in source. */
    url: v.optional(httpUrl),
    /** Serve every page from a fixture site of test/fixtures/ (only "demo" exists); without it, `url` is read from the web. */
    site: v.optional(
      v.pipe(v.string('expected a fixture site name'), v.regex(ID, 'expected a fixture site name like "demo"')),
    ),
    expect: v.optional(
      strict({
        title: text('the book title', 500),
        author: v.optional(text('the author', 500)),
        cover: v.optional(httpUrl),
        introIncludes: v.optional(snippet),
        /** Chapters in the whole table of contents, after duplicates are dropped; for a live page, at least this many. */
        chapters: wholeNumber(1, 100_000),
        /** Title of the first chapter in the table of contents (reading order). */
        firstChapter: text('a chapter title', 500),
        lastChapter: v.optional(text('a chapter title', 500)),
        /** The first chapter's title as its own page gives it (`chapter.title`). */
        chapterTitle: v.optional(text('a chapter title', 500)),
        /** Text the first chapter (all its pages) must contain. */
        contentIncludes: v.union(
          [snippet, v.pipe(v.array(snippet), v.minLength(1))],
          'expected a text or a list of texts',
        ),
        /** Text purify must have removed from the first chapter. */
        contentExcludes: v.optional(v.array(snippet, 'expected a list of texts')),
      }),
    ),
  }),
  v.check(
    (t) =>
      t.realPage !== undefined
        ? t.url === undefined && t.site === undefined && t.expect === undefined
        : t.tocUrl === undefined && t.url !== undefined && t.expect !== undefined,
    'expected either "realPage" (with optional "tocUrl") or "url" and "expect" (with "site" for a fixture site, without for the live page), not both',
  ),
);

export const SourceRuleSchema = strict({
  id: v.pipe(
    v.string('expected an id text'),
    v.check(
      (s) => ID.test(s) && s.length <= 64,
      'expected an id of lowercase letters, digits, "-" or "_" (at most 64)',
    ),
  ),
  name: text('a name', 100),
  enabled: v.optional(v.boolean('expected true or false'), true),
  matches: v.pipe(
    v.array(
      v.pipe(
        v.string('expected a match pattern text'),
        v.check(isValidMatchPattern, 'expected a match pattern like "https://www.example.com/book/*"'),
      ),
      'expected a list of match patterns',
    ),
    v.check((list) => list.length >= 1 && list.length <= 100, 'expected 1 to 100 match patterns'),
  ),
  charset: v.optional(
    v.pipe(
      v.string('expected a charset name'),
      v.check(knownCharset, 'expected a character encoding the browser knows, like "gbk", "big5" or "utf-8"'),
    ),
  ),
  book: strict({
    title: selector,
    author: v.optional(selector),
    cover: v.optional(selector),
    intro: v.optional(selector),
    tocUrl: v.optional(selector),
  }),
  toc: strict({
    chapters: elementSelector,
    title: v.optional(selector),
    url: v.optional(selector),
    pages: v.optional(selector),
    next: v.optional(selector),
    order: v.optional(v.picklist(['asc', 'desc'], 'expected "asc" or "desc"')),
  }),
  chapter: strict({
    title: v.optional(selector),
    content: selector,
    next: v.optional(selector),
    purify: v.optional(
      v.pipe(
        v.array(purifyRegex, 'expected a list of regexes'),
        v.check((list) => list.length <= 50, 'expected at most 50 regexes'),
      ),
    ),
    replace: v.optional(ReplacementsSchema),
  }),
  crawl: v.optional(
    strict({
      concurrency: v.optional(wholeNumber(1, 16)),
      delayMs: v.optional(wholeNumber(0, 60_000)),
    }),
  ),
  tests: v.optional(
    v.pipe(
      v.array(SourceTestSchema, 'expected a list of test cases'),
      v.check((list) => list.length <= 50, 'expected at most 50 test cases'),
    ),
  ),
});

export type SourceTest = v.InferOutput<typeof SourceTestSchema>;
/** A rule as imported or as a file in sources/: a SourceRule plus its own test cases. */
export type SourceFile = v.InferOutput<typeof SourceRuleSchema>;

// The schema and the contract's type must describe the same thing.
const _sameShape: (rule: SourceFile) => SourceRule = (rule) => rule;
void _sameShape;

/** Where a field name belongs, for "did you mean" hints on unknown keys. */
export const FIELD_PATHS: Record<string, string[]> = (() => {
  const paths: Record<string, string[]> = {};
  const sections = {
    '': SourceRuleSchema.entries,
    book: SourceRuleSchema.entries.book.entries,
    toc: SourceRuleSchema.entries.toc.entries,
    chapter: SourceRuleSchema.entries.chapter.entries,
  };
  for (const [section, entries] of Object.entries(sections)) {
    for (const key of Object.keys(entries)) (paths[key.toLowerCase()] ??= []).push(section ? `${section}.${key}` : key);
  }
  paths.concurrency = ['crawl.concurrency'];
  paths.delayms = ['crawl.delayMs'];
  return paths;
})();
