// Finds, in the rule builder's copy of a page, the element behind something the generic reader
// read as text: the heading that holds the title, the label that holds the author, the link of
// a chapter, the block that holds a chapter's text.

import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';
import { oneLine } from '../generic-reader/page';
import { httpUrl } from '../url';
import { isElement } from './css-names';

const SPACES = /[\s\u00a0\u3000\u200b]+/g;
const squeeze = (text: string) => text.replace(SPACES, '');
// How much of a line is enough to know it again.
const KEY_LENGTH = 16;

function textNodes(root: AnyNode): Text[] {
  const out: Text[] = [];
  // Its own stack: a page nested thousands deep is read, not overflowed.
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') out.push(node);
    else if (node.type === 'tag' || node.type === 'root')
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

function body($: CheerioAPI): AnyNode | undefined {
  return $('body').get(0) ?? $.root().get(0);
}

/** The smallest element whose whole text is `text` (spaces aside); headings first when `preferred` names them. */
export function elementWithText($: CheerioAPI, text: string, preferred?: string): Element | undefined {
  const want = oneLine(text);
  if (!want) return undefined;
  const heading = preferred
    ? $(preferred)
        .toArray()
        .find((el) => oneLine($(el).text()) === want)
    : undefined;
  if (heading && isElement(heading)) return heading;
  const root = body($);
  if (!root) return undefined;
  const key = squeeze(want).slice(0, KEY_LENGTH);
  for (const node of textNodes(root)) {
    if (!squeeze(node.data).includes(key)) continue;
    for (let el = node.parent; isElement(el); el = el.parent) {
      const own = oneLine($(el).text());
      if (own === want) return el;
      if (own.length > want.length) break;
    }
  }
  return undefined;
}

// What may stand before a name on its line: a label and its colon ("作者：", "Author: ").
const LABELLED = /[:：]\s*$/;
const MAX_LABEL_LINE = 80;

/** The element holding a name: the line that reads "作者：name" when there is one, else the element whose text is the name. */
export function elementWithName($: CheerioAPI, name: string): Element | undefined {
  const want = oneLine(name);
  const root = body($);
  if (!want || !root) return undefined;
  const key = squeeze(want).slice(0, KEY_LENGTH);
  for (const node of textNodes(root)) {
    if (!squeeze(node.data).includes(key)) continue;
    for (let el = node.parent; isElement(el) && el.name !== 'body'; el = el.parent) {
      const line = oneLine($(el).text());
      if (line.length > MAX_LABEL_LINE) break;
      if (line.endsWith(want) && LABELLED.test(line.slice(0, line.length - want.length))) return el;
    }
  }
  return elementWithText($, name);
}

/** The link on the page that leads to `url` with this title. */
export function linkTo($: CheerioAPI, base: string, url: string, title?: string): Element | undefined {
  const links = $('body a[href]').toArray().filter(isElement);
  const to = links.filter((a) => httpUrl(a.attribs.href, base) === url);
  return to.find((a) => title === undefined || oneLine($(a).text()) === oneLine(title)) ?? to[0];
}

function ancestors(node: AnyNode): Element[] {
  const out: Element[] = [];
  for (let el = node.parent; isElement(el); el = el.parent) out.push(el);
  return out;
}

/** The innermost element holding both the first and the last line of a text. */
export function elementWithLines($: CheerioAPI, lines: readonly string[]): Element | undefined {
  const first = lines.find((line) => squeeze(line));
  const last = [...lines].reverse().find((line) => squeeze(line));
  const root = body($);
  if (!first || !last || !root) return undefined;
  const nodes = textNodes(root);
  const holding = (line: string, fromEnd: boolean) => {
    const key = squeeze(line).slice(0, KEY_LENGTH);
    const has = (node: Text) => squeeze(node.data).includes(key);
    return fromEnd ? nodes.findLast(has) : nodes.find(has);
  };
  const a = holding(first, false);
  const b = holding(last, true);
  if (!a || !b) return undefined;
  const above = new Set(ancestors(b));
  return ancestors(a).find((el) => above.has(el));
}
