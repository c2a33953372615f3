// Runs a source's test case on a fixture site (`site` in its `tests`) through the same readers a
// download uses, with pages served by the fixture site's page templates instead of the network.

import type { SourceRule } from '../../../lib/contract';
import { decodeHtml } from '../../../lib/net/charset';
import type { SourceTest } from '../../../lib/source-rules/schema';
import type { Page, PageLoader } from '../../../lib/task/page-loader';
import { bookReading } from '../../../lib/task/book-reader';
import { readBook, type BookPage } from '../../../lib/task/read-book';
import { readChapter } from '../../../lib/task/read-chapter';
import { respond } from '../../fixtures/site/pages';

export interface SourceTestRun {
  book: BookPage;
  chapter: { title: string; text: string };
}

interface Wire {
  bytes: Uint8Array;
  contentType: string;
}

/** Pages of fixture sites, by name: the demo site renders them from its page templates. */
const SITES: Record<string, (url: URL) => Wire | undefined> = {
  demo: (url) => {
    let answer = respond(url.pathname + url.search);
    for (let hops = 0; answer.status >= 300 && answer.status < 400 && hops < 5; hops++) {
      answer = respond(new URL(answer.headers.Location!, url).pathname);
    }
    return answer.status === 200
      ? { bytes: answer.body, contentType: answer.headers['Content-Type'] ?? '' }
      : undefined;
  },
};

/** A PageLoader over the test case's fixture site; a page it lacks fails with a sentence saying so. */
export function fixtureSiteLoader(rule: SourceRule, test: SourceTest): PageLoader {
  return async (url): Promise<Page> => {
    const site = SITES[test.site!];
    if (!site)
      throw new Error(
        `The test of "${rule.id}" names the fixture site "${test.site}", which does not exist (known: ${Object.keys(SITES).join(', ')}).`,
      );
    const wire = site(new URL(url));
    if (!wire) throw new Error(`The fixture site "${test.site}" has no page ${url}.`);
    return { url, html: decodeHtml(wire.bytes, { contentType: wire.contentType, charset: rule.charset }) };
  };
}

/** Reads the book, its whole table of contents and the first chapter, as a download would. */
export async function runSourceTest(rule: SourceRule, test: SourceTest): Promise<SourceTestRun> {
  const reading = bookReading(test.url!, rule, fixtureSiteLoader(rule, test), new AbortController().signal);
  const book = await readBook(test.url!, undefined, reading);
  const [first, second] = book.chapters;
  const chapter = await readChapter(first!, second?.url, reading);
  return { book, chapter };
}

/** The test's `contentIncludes`, always as a list. */
export function includes(test: SourceTest): string[] {
  const value = test.expect!.contentIncludes;
  return typeof value === 'string' ? [value] : value;
}
