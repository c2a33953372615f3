// Runs a source's `realPage` test case: the saved page of the real site, read with the rule as a
// download reads it (the same BookReader), compared with what its manifest says a correct reader
// gets. Nothing else is fetched: a contents page is read alone, a chapter page without its next page.

import type { TocEntry } from '../../../lib/book-pages';
import type { SourceRule } from '../../../lib/contract';
import type { SourceTest } from '../../../lib/source-rules/schema';
import { readerFor } from '../../../lib/task/book-reader';
import { withoutHash } from '../../../lib/url';
import { expectedChapterList, expectedLines, realPage, realPageHtml, type RealPage } from '../../fixtures/real-pages';

// What a chapter page is called when the rule takes its title from the table of contents.
const TITLE_FROM_TOC = '(the title from the table of contents)';

/** Every way the rule's reading differs from the manifest's, one sentence each; empty when it agrees. */
export function realPageProblems(rule: SourceRule, test: SourceTest): string[] {
  const page = realPage(test.realPage!);
  try {
    return page.kind === 'chapter' ? chapterProblems(rule, page) : contentsProblems(rule, test, page);
  } catch (error) {
    return [`reading ${page.id} failed: ${error instanceof Error ? error.message : String(error)}`];
  }
}

function same(what: string, found: unknown, expected: unknown): string[] {
  return found === expected ? [] : [`${what}: found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`];
}

function contentsProblems(
  rule: SourceRule,
  test: SourceTest,
  page: Extract<RealPage, { kind: 'toc' | 'book' }>,
): string[] {
  const reader = readerFor(rule);
  const html = realPageHtml(page);
  const expected = page.expected;
  const book = reader.parseBook(html, page.url);
  const problems = [...same('title', book.title, expected.title)];
  if (expected.author !== null) problems.push(...same('author', book.author, expected.author));
  const tocUrl = book.tocUrl && withoutHash(book.tocUrl) !== withoutHash(page.url) ? book.tocUrl : undefined;
  if (test.tocUrl !== undefined) {
    if (expected.tocComplete)
      problems.push(`the manifest says ${page.id} holds its whole chapter list, so the test names no "tocUrl"`);
    return [...problems, ...same('tocUrl', tocUrl, test.tocUrl)];
  }
  if (tocUrl)
    return [
      ...problems,
      `the rule leaves the page for its chapter list at ${tocUrl}, which ../shared/real-pages does not hold`,
    ];
  const toc = reader.parseTocPage(html, page.url);
  const chapters = reader.finishToc(toc.chapters, page.url);
  problems.push(...listProblems(chapters, expectedChapterList(page)));
  const next = toc.next ?? toc.pages.find((p) => withoutHash(p) !== withoutHash(page.url));
  if (expected.next === null) problems.push(...same('next contents page', next, undefined));
  else if (toc.next !== expected.next && !toc.pages.includes(expected.next))
    problems.push(...same('next contents page', next, expected.next));
  return problems;
}

function listProblems(found: TocEntry[], expected: { chapters: TocEntry[]; optional: TocEntry[] }): string[] {
  const optional = new Set(expected.optional.map((c) => c.url));
  const kept = found.filter((c) => !optional.has(c.url));
  const problems = same('chapters', kept.length, expected.chapters.length);
  const at = expected.chapters.findIndex((c, i) => kept[i]?.url !== c.url || kept[i]?.title !== c.title);
  if (at >= 0)
    problems.push(
      `chapter ${at + 1}: found ${JSON.stringify(kept[at] ?? null)}, expected ${JSON.stringify(expected.chapters[at])}`,
    );
  return problems;
}

function chapterProblems(rule: SourceRule, page: Extract<RealPage, { kind: 'chapter' }>): string[] {
  const expected = page.expected;
  const reader = readerFor(rule);
  const read = reader.parseChapterPage(realPageHtml(page), page.url, TITLE_FROM_TOC);
  // The page is the whole chapter here: finished as a download finishes one (`chapter.replace`).
  const part = { ...read, text: reader.finishChapter(read.text, page.url) };
  // Without `chapter.title` the title comes from the contents page, which its own test checks.
  const problems = rule.chapter.title ? same('title', part.title, expected.title) : [];
  const { lines, optional } = expectedLines(page);
  const found = part.text.split('\n').filter((line) => !optional.includes(line));
  problems.push(...same('paragraphs', found.length, lines.length));
  const at = lines.findIndex((line, i) => found[i] !== line);
  if (at >= 0)
    problems.push(
      `paragraph ${at + 1}: found ${JSON.stringify(found[at] ?? null)}, expected ${JSON.stringify(lines[at])}`,
    );
  for (const leak of expected.mustNotContain)
    if (part.text.includes(leak)) problems.push(`the text contains "${leak}"`);
  problems.push(...same('next page of the chapter', part.next, expected.next ?? undefined));
  return problems;
}
