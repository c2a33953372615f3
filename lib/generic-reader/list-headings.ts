// The headings inside a chapter list: volumes ("第一卷 …", "Volume 2"), kept as the sections of
// the book, and the "latest chapters" / "all chapters" captions that tell a sample of the newest
// chapters from the whole list.

import type { AnyNode, Element } from 'domhandler';
import { isNotChapterName, isVolumeTitle } from './chapter-title';
import type { ListItem } from './link-items';
import { oneLine, type GenericPage } from './page';

export interface ListHeadings {
  /** The volume heading the entry sits under, if any. */
  volumeOf(item: ListItem): string | undefined;
  /** The entry sits under a "latest chapters" heading. */
  isLatest(item: ListItem): boolean;
}

const LATEST = /最新|最近更新|latest|newest|recent|new chapters|mới nhất/i;
// Headings that start the whole list again after a "latest" block.
const WHOLE = /全部|正文|目录|目錄|章节列表|all chapters|table of contents|chapter list|contents/i;
const HEADING_TAGS = new Set(['dt', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'legend', 'summary']);
const HEADING_NAME = /vol|juan|section|title|head|caption/i;
const MAX_HEADING = 80;
// A list's surroundings looked at for headings, at most: a page cannot make this walk long.
const MAX_VISITS = 20_000;
// Only an element without blocks inside can be a heading; a block's text is not measured.
const BLOCKS = new Set([
  'div',
  'ul',
  'ol',
  'dl',
  'table',
  'tbody',
  'tr',
  'section',
  'article',
  'p',
  'li',
  'form',
  'nav',
]);

function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag';
}

/** The lowest element holding every item. */
function commonAncestor(items: readonly ListItem[]): Element | undefined {
  const chain = (el: Element) => {
    const out: Element[] = [];
    for (let node: AnyNode | null = el.parent; isElement(node); node = node.parent) out.push(node);
    return out;
  };
  let common = items[0] ? chain(items[0].item) : [];
  for (const item of items.slice(1)) {
    const ancestors = new Set(chain(item.item));
    common = common.filter((el) => ancestors.has(el));
  }
  return common[0];
}

function headingText(page: GenericPage, el: Element): string | undefined {
  if (el.children.some((c) => c.type === 'tag' && BLOCKS.has((c as Element).name))) return undefined;
  const text = oneLine(page.$(el).text());
  if (!text || text.length > MAX_HEADING || isNotChapterName(text)) return undefined;
  // A heading may be a link to its own folding panel (`#collapse-1`), never to another page.
  if (
    page
      .$(el)
      .find('a[href]')
      .toArray()
      .some((a) => !/^\s*(?:#|javascript:)/i.test((a as Element).attribs.href ?? ''))
  )
    return undefined;
  const named = HEADING_NAME.test(`${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`);
  if (
    HEADING_TAGS.has(el.name) ||
    named ||
    el.attribs.colspan ||
    isVolumeTitle(text) ||
    LATEST.test(text) ||
    WHOLE.test(text)
  )
    return text;
  return undefined;
}

/** A heading right before the list ("《书名》最新章节" above the <ul>). */
function caption(page: GenericPage, scope: Element): string | undefined {
  let node: AnyNode | null = scope;
  for (let depth = 0; isElement(node) && depth < 2; depth++, node = node.parent) {
    let previous = node.prev;
    while (previous && !isElement(previous)) previous = previous.prev;
    if (isElement(previous)) {
      const text = headingText(page, previous);
      if (text) return text;
    }
  }
  return undefined;
}

export function listHeadings(page: GenericPage, items: readonly ListItem[]): ListHeadings {
  const volumes = new Map<Element, string>();
  const latest = new Set<Element>();
  const scope = commonAncestor(items);
  if (!scope) return { volumeOf: () => undefined, isLatest: () => false };
  const itemSet = new Set(items.map((i) => i.item));
  const holdsItem = new Set<AnyNode>();
  for (const item of items)
    for (let node: AnyNode | null = item.item; node && node !== scope; node = node.parent) holdsItem.add(node);

  let inLatest = LATEST.test(caption(page, scope) ?? '');
  let volume: string | undefined;
  // Document order, without recursion: a stack of children still to visit.
  const stack: AnyNode[] = [...scope.children].reverse();
  for (let visits = 0; stack.length > 0 && visits < MAX_VISITS; visits++) {
    const node = stack.pop()!;
    // A table's column names ("Chapter Name", "Release Date") head columns, not volumes.
    if (!isElement(node) || node.name === 'thead') continue;
    if (itemSet.has(node)) {
      if (volume) volumes.set(node, volume);
      if (inLatest) latest.add(node);
      continue;
    }
    const heading = holdsItem.has(node) ? undefined : headingText(page, node);
    if (heading !== undefined) {
      if (LATEST.test(heading) && !isVolumeTitle(heading)) {
        inLatest = true;
        volume = undefined;
      } else {
        inLatest = false;
        volume = WHOLE.test(heading) && !isVolumeTitle(heading) ? undefined : heading;
      }
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return { volumeOf: (item) => volumes.get(item.item), isLatest: (item) => latest.has(item.item) };
}
