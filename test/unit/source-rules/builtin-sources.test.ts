// The house rules of sources/, and every built-in source's own test cases (as every yt-dlp
// extractor carries `_TESTS`): each file is a valid rule, carries at least one example, reads
// its fixture pages to what the example expects, and owns its example URLs alone.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../lib/source-rules/match-pattern';
import { BUILTIN_SOURCES } from '../../../lib/source-rules/builtin';
import type { SourceFile } from '../../../lib/source-rules/schema';
import { ruleProblems } from '../../../lib/source-rules/validate-rule';
import { includes, runSourceTest, TEMPLATES_DIR } from './run-source-test';

const SOURCES_DIR = fileURLToPath(new URL('../../../sources/', import.meta.url));

const files = readdirSync(SOURCES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, rule: JSON.parse(readFileSync(SOURCES_DIR + name, 'utf8')) as SourceFile }));

const cases = files.flatMap(({ rule }) => (rule.tests ?? []).map((test, i) => ({ id: rule.id, rule, test, label: `${rule.id} #${i + 1}: ${test.name ?? test.url}` })));

describe('sources/ conventions', () => {
  it('has the built-in sources the extension bundles', () => {
    expect(files.length).toBeGreaterThan(1);
    expect(BUILTIN_SOURCES.map((rule) => rule.id).sort()).toEqual(files.map(({ rule }) => rule.id).sort());
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

  it.each(files)('$name carries at least one test case, each with existing fixtures', ({ rule }) => {
    expect(rule.tests?.length ?? 0).toBeGreaterThan(0);
    for (const test of rule.tests ?? []) {
      for (const fixture of [test.fixture, ...Object.values(test.pages ?? {})]) {
        if (fixture) expect(existsSync(TEMPLATES_DIR + fixture), `${rule.id}: ${fixture} is missing`).toBe(true);
      }
    }
  });

  it('uses every fixture page under test/fixtures/templates/', () => {
    const used = new Set(cases.flatMap(({ test }) => [test.fixture, ...Object.values(test.pages ?? {})]));
    const onDisk = readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => f.replaceAll('\\', '/'));
    expect(onDisk.filter((f) => !used.has(f))).toEqual([]);
  });
});

describe.each(cases)('$label', ({ id, rule, test }) => {
  // Among the files of sources/: the generic reader (lib/generic-reader) matches every page on purpose.
  it('is matched by its own source and by no other built-in source', () => {
    const matching = files.filter(({ rule: other }) => other.matches.some((pattern) => matchesPattern(pattern, test.url)));
    expect(matching.map(({ rule: other }) => other.id)).toEqual([id]);
  });

  it('reads the book, the whole table of contents and the first chapter as expected', async () => {
    const { book, chapter, fetched } = await runSourceTest(rule, test);
    const expected = test.expect;
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
    // Every saved page the case lists is one the readers really asked for.
    for (const url of Object.keys(test.pages ?? {})) expect(fetched).toContain(url);
  });
});
