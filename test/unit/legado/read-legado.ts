// Reads a page with a legado rule the way the translated rule will be read in a download: the
// rule is translated for its field's kind, then read by the rule reader's own field functions.

import type { AnyNode } from 'domhandler';
import type { Selector } from '../../../lib/contract';
import { translateRule, type RuleKind } from '../../../lib/legado';
import { loadPage, readAll, readElements, readLink, readText, type Page } from '../../../lib/rule-reader/read';
import { elementText } from '../../../lib/text/paragraphs';

export const PAGE = 'https://novel.test/book/1/';

export function selectorOf(rule: string, kind: RuleKind): Selector {
  return translateRule(rule, kind).selector;
}

/** One text (name, author, intro, content, title), as a text field reads it. */
export function readTextRule(rule: string, html: string): string | undefined {
  return readText(loadPage(html, PAGE), null, selectorOf(rule, 'text'));
}

/** One link (tocUrl, coverUrl). */
export function readLinkRule(rule: string, html: string): string | undefined {
  return readLink(loadPage(html, PAGE), null, selectorOf(rule, 'link'));
}

/** Every value (nextTocUrl, nextContentUrl). */
export function readListRule(rule: string, html: string): string[] {
  return readAll(loadPage(html, PAGE), selectorOf(rule, 'list'));
}

/** The chapter elements (chapterList), each shown by its text. */
export function readElementsRule(rule: string, html: string): string[] {
  const page = loadPage(html, PAGE);
  return readElements(page, selectorOf(rule, 'elements')).map((el) => elementText(page.$, el));
}

/** chapterName or chapterUrl read inside each element of a chapterList. */
export function readInsideEach(
  listRule: string,
  itemRule: string,
  kind: 'item-text' | 'item-link',
  html: string,
): (string | undefined)[] {
  const page: Page = loadPage(html, PAGE);
  const item = selectorOf(itemRule, kind);
  return readElements(page, selectorOf(listRule, 'elements')).map((el: AnyNode) =>
    kind === 'item-text' ? readText(page, el, item) : readLink(page, el, item),
  );
}
