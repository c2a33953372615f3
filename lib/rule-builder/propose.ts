// What the rule builder proposes before the reader clicks anything: where the generic reader
// finds the title, the author, the chapter list, the chapter's text and its next page, turned
// into selectors. On a site the generic reader reads well, the reader only confirms.

import { chapterGroups, genericPage, readGenericBook } from '../generic-reader';
import { isNextPageText } from '../generic-reader/nav-text';
import { readChapterText } from '../generic-reader/content';
import { AppError } from '../errors';
import type { Page } from '../rule-reader/read';
import { isElement } from './css-names';
import { choiceFor, type FieldChoice } from './field-choice';
import type { RuleField } from './fields';
import { elementWithLines, elementWithName, elementWithText, linkTo } from './locate';

export type Proposals = Partial<Record<RuleField, FieldChoice>>;

const META_TITLE = 'meta[property="og:novel:book_name"]@content';
const META_AUTHOR = 'meta[property="og:novel:author"]@content';

function metaSays(page: Page, property: string, value: string): boolean {
  return (page.$(`meta[property="${property}"]`).attr('content') ?? '').trim() === value;
}

function bookInfo(page: Page, url: string) {
  try {
    return readGenericBook(page.source, url);
  } catch (error) {
    if (error instanceof AppError) return undefined; // no title the generic reader believes: the reader picks one
    throw error;
  }
}

/** The book page's title, author and chapter list, as the generic reader finds them. */
export function proposeBookFields(page: Page, url: string): Proposals {
  const out: Proposals = {};
  const book = bookInfo(page, url);
  if (book) {
    const heading = elementWithText(page.$, book.title, 'h1, h2, h3');
    const title = heading && choiceFor(page, 'title', heading, 'generic');
    if (title) out.title = title;
    else if (metaSays(page, 'og:novel:book_name', book.title)) out.title = { selector: META_TITLE, origin: 'generic' };
    if (book.author) {
      const label = elementWithName(page.$, book.author);
      const author = label && choiceFor(page, 'author', label, 'generic');
      if (author) out.author = author;
      else if (metaSays(page, 'og:novel:author', book.author))
        out.author = { selector: META_AUTHOR, origin: 'generic' };
    }
  }
  const list = chapterGroups(genericPage(page.source, url))[0]?.links;
  // A link from the middle: the "latest chapters" block above a list repeats its end.
  const middle = list?.[Math.floor(list.length / 2)];
  const link = middle && linkTo(page.$, page.base, middle.url, middle.title);
  const chapters = link && choiceFor(page, 'chapters', link, 'generic');
  if (chapters) out.chapters = chapters;
  return out;
}

/** The chapter page's text and its next-page link, as the generic reader finds them. */
export function proposeChapterFields(page: Page, url: string): Proposals {
  const out: Proposals = {};
  const chapter = readChapterText(genericPage(page.source, url), '');
  const lines = chapter.text.split('\n');
  const block = chapter.text ? elementWithLines(page.$, lines) : undefined;
  const content = block && choiceFor(page, 'content', block, 'generic');
  if (content) out.content = content;
  const next = page
    .$('body a[href]')
    .toArray()
    .find((a) => isNextPageText(page.$(a).text()));
  const nextChoice = isElement(next) ? choiceFor(page, 'next', next, 'generic') : undefined;
  if (nextChoice) out.next = nextChoice;
  return out;
}
