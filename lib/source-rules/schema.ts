// The shape of a source rule (contract §2) as a valibot schema: what `source.import` accepts and
// what every file in sources/ must be. Selectors and regexes are compiled here, so a broken rule
// is refused at import, field by field, instead of failing halfway through a download.

import * as v from 'valibot';
import type { SourceRule } from '../contract';
import { parseSelector } from '../rule-reader';
import { isHttpUrl } from '../url';
import { isValidMatchPattern } from './match-pattern';
import { compileRuleRegex, RuleRegexError } from './rule-regex';

const ID = /^[a-z0-9_-]+$/;
const MAX_SELECTOR = 2000;
const MAX_REGEX = 1000;
// A fixture page under test/fixtures/templates/: `biquge/book.html`, never leaving that folder.
const FIXTURE = /^[a-z0-9_-]+(?:\/[a-z0-9_-][a-z0-9_.-]*)+\.html$/i;

/** valibot's objectWithRest with a `never` rest: every unknown key is its own issue, with its path. */
function strict<E extends v.ObjectEntries>(entries: E): v.ObjectSchema<E, undefined> {
  const message = (issue: v.BaseIssue<unknown>) => {
    const key = issue.path?.[issue.path.length - 1]?.key;
    const entry = typeof key === 'string' ? (entries[key] as { message?: unknown } | undefined) : undefined;
    if (entry) return `missing, ${typeof entry.message === 'string' ? entry.message : 'expected an object'}`;
    return 'expected an object';
  };
  const schema = v.objectWithRest(entries, v.never('unknown field'), message);
  return schema as unknown as v.ObjectSchema<E, undefined>;
}

function text(what: string, max: number) {
  return v.pipe(
    v.string(`expected ${what}`),
    v.check((s) => s.trim().length > 0 && s.length <= max, `expected ${what} of 1 to ${max} characters`),
  );
}

function wholeNumber(min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return v.pipe(v.number(message), v.check((n) => Number.isInteger(n) && n >= min && n <= max, message));
}

/** Drops the sentence's own capital and full stop, so it reads inside a list of problems. */
function clause(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, '');
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
    compileRuleRegex(source, { multiline: true });
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

const selector = v.pipe(
  v.string('expected a selector text'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? selectorProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

const purifyRegex = v.pipe(
  v.string('expected a regex text'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    const problem = dataset.typed ? purifyProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

const httpUrl = v.pipe(v.string('expected an http(s) URL'), v.check(isHttpUrl, 'expected an absolute http:// or https:// URL'));
const fixture = v.pipe(v.string('expected a fixture path'), v.regex(FIXTURE, 'expected a path like "biquge/book.html" under test/fixtures/templates/'));
const snippet = text('a text', 2000);

/**
 * One example of the source at work, as yt-dlp extractors carry `_TESTS`: the pages a reader
 * fetches (saved fixture pages, or a fixture site) and what must be read from them.
 */
export const SourceTestSchema = v.pipe(
  strict({
    name: v.optional(text('a description', 200)),
    /** The book page; must be matched by this source and by no other built-in source. */
    url: httpUrl,
    /** The book page's HTML, a path under test/fixtures/templates/. */
    fixture: v.optional(fixture),
    /** Every other page the reader fetches (table-of-contents pages, chapter pages): URL → fixture. */
    pages: v.optional(v.record(httpUrl, fixture, 'expected an object of URL → fixture path')),
    /** Or: serve every page from a fixture site of test/fixtures/ (only "demo" exists). */
    site: v.optional(v.pipe(v.string('expected a fixture site name'), v.regex(ID, 'expected a fixture site name like "demo"'))),
    /** How the fixture files are put on the wire: UTF-8 with a charset header, or GBK bytes without one. */
    encoding: v.optional(v.picklist(['utf-8', 'gbk'], 'expected "utf-8" or "gbk"')),
    expect: strict({
      title: text('the book title', 500),
      author: v.optional(text('the author', 500)),
      cover: v.optional(httpUrl),
      introIncludes: v.optional(snippet),
      /** Chapters in the whole table of contents, after duplicates are dropped. */
      chapters: wholeNumber(1, 100_000),
      /** Title of the first chapter in the table of contents (reading order). */
      firstChapter: text('a chapter title', 500),
      lastChapter: v.optional(text('a chapter title', 500)),
      /** The first chapter's title as its own page gives it (`chapter.title`). */
      chapterTitle: v.optional(text('a chapter title', 500)),
      /** Text the first chapter (all its pages) must contain. */
      contentIncludes: v.union([snippet, v.pipe(v.array(snippet), v.minLength(1))], 'expected a text or a list of texts'),
      /** Text purify must have removed from the first chapter. */
      contentExcludes: v.optional(v.array(snippet, 'expected a list of texts')),
    }),
  }),
  v.check(
    (t) => (t.fixture === undefined) !== (t.site === undefined) && !(t.site !== undefined && t.pages !== undefined),
    'expected either "fixture" (with optional "pages") or "site", not both',
  ),
);

export const SourceRuleSchema = strict({
  id: v.pipe(
    v.string('expected an id text'),
    v.check((s) => ID.test(s) && s.length <= 64, 'expected an id of lowercase letters, digits, "-" or "_" (at most 64)'),
  ),
  name: text('a name', 100),
  enabled: v.optional(v.boolean('expected true or false'), true),
  matches: v.pipe(
    v.array(
      v.pipe(v.string('expected a match pattern text'), v.check(isValidMatchPattern, 'expected a match pattern like "https://www.example.com/book/*"')),
      'expected a list of match patterns',
    ),
    v.check((list) => list.length >= 1 && list.length <= 100, 'expected 1 to 100 match patterns'),
  ),
  charset: v.optional(
    v.pipe(v.string('expected a charset name'), v.check(knownCharset, 'expected a character encoding the browser knows, like "gbk", "big5" or "utf-8"')),
  ),
  book: strict({
    title: selector,
    author: v.optional(selector),
    cover: v.optional(selector),
    intro: v.optional(selector),
    tocUrl: v.optional(selector),
  }),
  toc: strict({
    chapters: selector,
    pages: v.optional(selector),
    next: v.optional(selector),
    order: v.optional(v.picklist(['asc', 'desc'], 'expected "asc" or "desc"')),
  }),
  chapter: strict({
    title: v.optional(selector),
    content: selector,
    next: v.optional(selector),
    purify: v.optional(
      v.pipe(v.array(purifyRegex, 'expected a list of regexes'), v.check((list) => list.length <= 50, 'expected at most 50 regexes')),
    ),
  }),
  crawl: v.optional(
    strict({
      concurrency: v.optional(wholeNumber(1, 16)),
      delayMs: v.optional(wholeNumber(0, 60_000)),
    }),
  ),
  tests: v.optional(v.pipe(v.array(SourceTestSchema, 'expected a list of test cases'), v.check((list) => list.length <= 50, 'expected at most 50 test cases'))),
});

export type SourceTest = v.InferOutput<typeof SourceTestSchema>;
/** A rule as imported or as a file in sources/: contract §2 plus its own test cases. */
export type SourceFile = v.InferOutput<typeof SourceRuleSchema>;

// The schema and the contract's type must describe the same thing.
const _sameShape: (rule: SourceFile) => SourceRule = (rule) => rule;
void _sameShape;

/** Where a field name belongs, for "did you mean" hints on unknown keys. */
export const FIELD_PATHS: Record<string, string[]> = (() => {
  const paths: Record<string, string[]> = {};
  const sections = { '': SourceRuleSchema.entries, book: SourceRuleSchema.entries.book.entries, toc: SourceRuleSchema.entries.toc.entries, chapter: SourceRuleSchema.entries.chapter.entries };
  for (const [section, entries] of Object.entries(sections)) {
    for (const key of Object.keys(entries)) (paths[key.toLowerCase()] ??= []).push(section ? `${section}.${key}` : key);
  }
  paths.concurrency = ['crawl.concurrency'];
  paths.delayms = ['crawl.delayMs'];
  return paths;
})();
