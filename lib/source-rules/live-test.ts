// A rule's live test case (a book page on the web, as a rule made on the page keeps the page it
// was made on) against what `source.test` read from it now. A serialised book grows, so its
// chapter count is a floor and its last chapter is not compared; everything else must still hold.

import type { TocEntry } from '../book-pages';
import type { SourceTestCase, SourceTestExpectation } from '../contract';

export type LiveTestCase = SourceTestCase & { url: string; expect: SourceTestExpectation };

/** A test case read from the web rather than from saved pages or a fixture site. */
export function isLiveTest(test: SourceTestCase): test is LiveTestCase {
  return test.realPage === undefined && test.site === undefined && test.url !== undefined && test.expect !== undefined;
}

export interface LiveReading {
  title: string;
  author: string;
  chapters: readonly TocEntry[];
  /** The first chapter's whole text. */
  firstChapterText: string;
}

/** Every way the reading differs from the expectation, as sentences; empty when it holds. */
export function liveTestProblems(expect: SourceTestExpectation, reading: LiveReading): string[] {
  const problems: string[] = [];
  const differs = (what: string, expected: string, found: string) => {
    if (expected !== found) problems.push(`The ${what} reads "${found}" where the test case expects "${expected}".`);
  };
  differs('title', expect.title, reading.title);
  if (expect.author !== undefined) differs('author', expect.author, reading.author);
  if (reading.chapters.length < expect.chapters) {
    problems.push(
      `The table of contents lists ${reading.chapters.length} chapters where the test case found ${expect.chapters}.`,
    );
  }
  differs('first chapter', expect.firstChapter, reading.chapters[0]?.title ?? '');
  const includes = typeof expect.contentIncludes === 'string' ? [expect.contentIncludes] : expect.contentIncludes;
  for (const text of includes) {
    if (!reading.firstChapterText.includes(text))
      problems.push(`The first chapter's text no longer contains "${text}".`);
  }
  for (const text of expect.contentExcludes ?? []) {
    if (reading.firstChapterText.includes(text))
      problems.push(`The first chapter's text contains "${text}", which the test case says must be gone.`);
  }
  return problems;
}
