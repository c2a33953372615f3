// Runs one of a source's own test cases (`tests` in sources/*.json) through the same readers a
// download uses, with pages served from saved fixtures instead of the network.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceRule } from '../../../lib/contract';
import { decodeHtml } from '../../../lib/net/charset';
import type { SourceTest } from '../../../lib/source-rules/schema';
import type { Page, PageLoader } from '../../../lib/task/page-loader';
import { bookReading } from '../../../lib/task/book-reader';
import { readBook, type BookPage } from '../../../lib/task/read-book';
import { readChapter } from '../../../lib/task/read-chapter';
import { encodeGbk } from '../../fixtures/site';
import { respond } from '../../fixtures/site/pages';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../fixtures/templates/', import.meta.url));

export interface SourceTestRun {
  book: BookPage;
  chapter: { title: string; text: string };
  /** Every URL the readers asked for, in order. */
  fetched: string[];
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
    return answer.status === 200 ? { bytes: answer.body, contentType: answer.headers['Content-Type'] ?? '' } : undefined;
  },
};

function stripHash(url: string): string {
  return url.split('#')[0]!;
}

/** A PageLoader over the test case's fixtures; a URL without one fails with a sentence saying so. */
export function fixtureLoader(rule: SourceRule, test: SourceTest, fetched: string[] = []): PageLoader {
  const files = new Map<string, string>();
  if (test.fixture) files.set(stripHash(test.url), test.fixture);
  for (const [url, file] of Object.entries(test.pages ?? {})) files.set(stripHash(url), file);
  return async (url): Promise<Page> => {
    fetched.push(url);
    let wire: Wire | undefined;
    if (test.site) {
      const site = SITES[test.site];
      if (!site) throw new Error(`The test of "${rule.id}" names the fixture site "${test.site}", which does not exist (known: ${Object.keys(SITES).join(', ')}).`);
      wire = site(new URL(url));
    } else {
      const file = files.get(stripHash(url));
      if (!file) throw new Error(`The test of "${rule.id}" (${test.url}) fetched ${url}, which has no fixture: add it to "pages".`);
      const text = readFileSync(TEMPLATES_DIR + file, 'utf8');
      // GBK bytes with no charset header: the page's own <meta> has to be found and believed.
      // encodeGbk knows only the demo site's characters (gbk-table.ts) and names any other.
      wire = test.encoding === 'gbk' ? { bytes: encodeGbk(text), contentType: 'text/html' } : { bytes: Buffer.from(text, 'utf8'), contentType: 'text/html; charset=utf-8' };
    }
    if (!wire) throw new Error(`The fixture site "${test.site}" has no page ${url}.`);
    return { url, html: decodeHtml(wire.bytes, { contentType: wire.contentType, charset: rule.charset }) };
  };
}

/** Reads the book, its whole table of contents and the first chapter, as a download would. */
export async function runSourceTest(rule: SourceRule, test: SourceTest): Promise<SourceTestRun> {
  const fetched: string[] = [];
  const load = fixtureLoader(rule, test, fetched);
  const reading = bookReading(test.url, rule, load, new AbortController().signal);
  const book = await readBook(test.url, undefined, reading);
  const [first, second] = book.chapters;
  const chapter = await readChapter(first!, second?.url, reading);
  return { book, chapter, fetched };
}

/** The test's `contentIncludes`, always as a list. */
export function includes(test: SourceTest): string[] {
  const value = test.expect.contentIncludes;
  return typeof value === 'string' ? [value] : value;
}
