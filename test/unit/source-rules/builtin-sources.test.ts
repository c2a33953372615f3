// The house rules of sources/ (the built-in sources, for real sites) and of test/fixtures/sources/
// (the demo site's, which tests import), and every source's own test cases, as every yt-dlp
// extractor carries `_TESTS`: a rule for a real site is read on that site's saved pages in
// ../shared/real-pages and must agree with their manifest; a demo rule reads a demo-site book.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SOURCES } from '../../../lib/source-rules/builtin';
import { matchesPattern } from '../../../lib/source-rules/match-pattern';
import type { SourceFile } from '../../../lib/source-rules/schema';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';
import { realPage, realPages } from '../../fixtures/real-pages';
import { DEMO_SOURCES_DIR } from '../../fixtures/sources';
import { realPageProblems } from './run-real-page-test';
import { includes, runSourceTest } from './run-source-test';

function readRules(dir: string) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, rule: JSON.parse(readFileSync(dir + name, 'utf8')) as SourceFile }));
}

const builtIn = readRules(fileURLToPath(new URL('../../../sources/', import.meta.url)));
const demo = readRules(DEMO_SOURCES_DIR);
const files = [...builtIn, ...demo];

const cases = files.flatMap(({ rule }) =>
  (rule.tests ?? []).map((test, i) => ({
    id: rule.id,
    rule,
    test,
    label: `${rule.id} #${i + 1}: ${test.name ?? test.realPage ?? test.url}`,
  })),
);
const realCases = cases.filter(({ test }) => test.realPage !== undefined);
const siteCases = cases.filter(({ test }) => test.site !== undefined);

/** The ids of the sources among `files` whose patterns match the URL (the generic reader, matching every page on purpose, is not among them). */
function matching(url: string): string[] {
  return files
    .filter(({ rule }) => rule.matches.some((pattern) => matchesPattern(pattern, url)))
    .map(({ rule }) => rule.id);
}

describe('sources/ conventions', () => {
  it('has the built-in sources the extension bundles, and none of the demo site', () => {
    expect(builtIn.length).toBeGreaterThan(1);
    expect(BUILTIN_SOURCES.map((rule) => rule.id).sort()).toEqual(builtIn.map(({ rule }) => rule.id).sort());
    for (const { rule } of builtIn) {
      for (const pattern of rule.matches)
        expect(pattern, `${rule.id} matches a local address`).not.toMatch(/^[^:]*:\/\/(?:127\.0\.0\.1|localhost)[:/]/);
    }
  });

  it.each(files)('$name is valid against the schema', ({ rule }) => {
    expect(ruleProblems(rule)).toEqual([]);
  });

  it.each(files)('$name is named by its id', ({ name, rule }) => {
    expect(name).toBe(`${rule.id}.json`);
  });

  it('gives every source a unique id and a unique name', () => {
    const ids = files.map(({ rule }) => rule.id);
    const names = files.map(({ rule }) => rule.name.trim().toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
  });

  // Patterns are globs: an address made from each (`*` as a path, `*.` as `www.`) must be that source's alone.
  it('gives no two sources a pattern for the same pages', () => {
    const clashes = files.flatMap(({ rule }) =>
      rule.matches.flatMap((pattern) => {
        const url = pattern.replace(/^\*:/, 'https:').replace('://*.', '://www.').replaceAll('*', 'x');
        const others = matching(url).filter((id) => id !== rule.id);
        return others.length ? [`${rule.id}'s ${pattern} (${url}) is also matched by ${others.join(', ')}`] : [];
      }),
    );
    expect(clashes).toEqual([]);
  });

  it('tests built-in sources on saved real pages only, and demo sources on the demo site', () => {
    for (const { rule } of builtIn)
      for (const test of rule.tests ?? []) expect(test.realPage, `${rule.id}: ${test.name ?? test.url}`).toBeDefined();
    for (const { rule } of demo) {
      expect(rule.tests?.length ?? 0, `${rule.id} has no test`).toBeGreaterThan(0);
      for (const test of rule.tests ?? []) expect(test.site, `${rule.id}: ${test.name ?? test.realPage}`).toBe('demo');
    }
  });

  // A source for a site of which a page is saved is tested on it: the one check no fixture of ours can stand in for.
  it('tests every built-in source on each saved page of its site', () => {
    const untested = realPages().flatMap((page) =>
      matching(page.url)
        .filter((id) => !realCases.some((c) => c.id === id && c.test.realPage === page.id))
        .map((id) => `${id} has no test on ${page.id} (${page.url})`),
    );
    expect(untested).toEqual([]);
  });
});

describe.each(realCases)('$label', ({ id, rule, test }) => {
  it("is the only source whose patterns match the saved page's address", () => {
    expect(matching(realPage(test.realPage!).url)).toEqual([id]);
  });

  it('reads the saved page as its manifest says a correct reader does', () => {
    expect(realPageProblems(rule, test)).toEqual([]);
  });
});

describe.each(siteCases)('$label', ({ id, rule, test }) => {
  it('is matched by its own source and by no other source', () => {
    expect(matching(test.url!)).toEqual([id]);
  });

  it('reads the book, the whole table of contents and the first chapter as expected', async () => {
    const { book, chapter } = await runSourceTest(rule, test);
    const expected = test.expect!;
    expect(book.title).toBe(expected.title);
    if (expected.author !== undefined) expect(book.author).toBe(expected.author);
    if (expected.cover !== undefined) expect(book.cover).toBe(expected.cover);
    if (expected.introIncludes !== undefined) expect(book.intro).toContain(expected.introIncludes);
    expect(book.chapters).toHaveLength(expected.chapters);
    expect(book.chapters[0]!.title).toBe(expected.firstChapter);
    if (expected.lastChapter !== undefined) expect(book.chapters.at(-1)!.title).toBe(expected.lastChapter);
    expect(new Set(book.chapters.map((c) => c.url)).size).toBe(book.chapters.length);
    if (expected.chapterTitle !== undefined) expect(chapter.title).toBe(expected.chapterTitle);
    for (const snippet of includes(test)) expect(chapter.text).toContain(snippet);
    for (const snippet of expected.contentExcludes ?? []) expect(chapter.text).not.toContain(snippet);
    // Paragraphs stay paragraphs: one per line, none empty.
    expect(chapter.text.split('\n').every((line) => line.trim().length > 0)).toBe(true);
  });
});
