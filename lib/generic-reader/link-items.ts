// The entries a page lists: every element that holds links to one address (a table row with the
// chapter's name and its date, a <li> with one link), named by its best link text. Links that
// are not <a> count too: some sites open chapters from `<b onclick="window.open('…')">`.

import type { AnyNode, Element } from 'domhandler';
import { httpUrl, withoutHash } from '../url';
import {
  isChapterTitle,
  isNotChapterName,
  isNumberOnlyTitle,
  isVolumeTitle,
  withoutTrailingDate,
} from './chapter-title';
import { isNavText } from './nav-text';
import { oneLine, type GenericPage } from './page';

export interface ListItem {
  /** The element that holds this entry's links and nothing that links elsewhere. */
  item: Element;
  /** The first link element inside it. */
  link: Element;
  url: string;
  /** What each of its links says, in order. */
  names: string[];
  /** The best name its links give. */
  title: string;
  /** Reads like a chapter (or a volume's page, such as 作品相关). */
  chapterLike: boolean;
  /** Document order of its first link. */
  order: number;
}

interface Link {
  el: Element;
  url: string;
  text: string;
  /** The `title` attribute: some sites put the clean name there and a date in the text. */
  hint: string;
}

// `onclick="window.open('/b/1.htm')"`, `location.href='…'`: the address a script opens.
const SCRIPTED = /(?:window\.open|location\.(?:assign|replace)|location(?:\.href)?\s*=)\s*\(?\s*['"]([^'"]{1,500})['"]/;
// An attribute longer than this is not a link worth reading.
const MAX_SCRIPT = 2_000;

function scriptedUrl(el: Element): string | undefined {
  const onclick = el.attribs.onclick;
  if (onclick && onclick.length <= MAX_SCRIPT) {
    const m = SCRIPTED.exec(onclick);
    if (m) return m[1];
  }
  return el.attribs['data-href'] ?? el.attribs['data-url'];
}

// Inside a link these run on with the words around them ("第<b>1</b>章"); every other element is a
// part of its own, shown apart by the site's CSS ("<span>1</span><strong>Chapter 1</strong><time>…").
const RUN_ON = new Set(['b', 'em', 'u', 's', 'font', 'sup', 'sub', 'abbr', 'a']);
// Nodes of one link read, at most.
const MAX_LINK_NODES = 500;

/** A link's words, its parts kept apart as the page shows them. */
function linkText(el: Element): string {
  let text = '';
  const stack: Array<AnyNode | ' '> = [...el.children].reverse();
  for (let visits = 0; stack.length > 0 && visits < MAX_LINK_NODES; visits++) {
    const node = stack.pop()!;
    if (node === ' ') text += ' ';
    else if (node.type === 'text') text += node.data;
    else if (node.type === 'tag') {
      const child = node as Element;
      const apart = !RUN_ON.has(child.name);
      if (apart) stack.push(' ');
      for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i]!);
      if (apart) text += ' ';
    }
  }
  return oneLine(text);
}

function pageLinks(page: GenericPage): Link[] {
  const { $, base, url } = page;
  const self = withoutHash(url);
  const links: Link[] = [];
  const add = (el: Element, raw: string | undefined) => {
    const href = httpUrl(raw, base);
    if (!href || withoutHash(href) === self) return;
    const text = linkText(el);
    const hint = oneLine(el.attribs.title);
    if (text || hint) links.push({ el, url: withoutHash(href), text, hint });
  };
  // One pass in document order over both kinds, so entries keep the page's order.
  for (const node of $('body a[href], body [onclick], body [data-href], body [data-url]').toArray()) {
    const el = node as Element;
    if (el.name === 'a' && el.attribs.href !== undefined) {
      add(el, el.attribs.href);
      continue;
    }
    // An element that holds real links is a row around them, not a link of its own.
    const scripted = el.name === 'a' ? undefined : scriptedUrl(el);
    if (scripted && $(el).find('a[href]').length === 0) add(el, scripted);
  }
  return links;
}

/** Which address each element's links lead to: one address, or MANY once they differ. */
const MANY = '\u0000many';

function owners(links: readonly Link[]): Map<AnyNode, string> {
  const owner = new Map<AnyNode, string>();
  for (const link of links) {
    for (let node: AnyNode | null = link.el; node; node = node.parent) {
      const known = owner.get(node);
      if (known === link.url || known === MANY) break; // its ancestors are marked already
      owner.set(node, known === undefined ? link.url : MANY);
    }
  }
  return owner;
}

/** The best name among an entry's link texts: no date, no count, number and name joined. */
export function bestName(texts: readonly string[]): string {
  const names = texts.map(withoutTrailingDate).filter((t) => t && !isNotChapterName(t) && !isNavText(t));
  if (names.length === 0) return texts.find(Boolean) ?? '';
  const number = names.find(isNumberOnlyTitle);
  const named = names.find((t) => !isNumberOnlyTitle(t) && !isChapterTitle(t));
  if (number && named) return `${number} ${named}`;
  return names.find((t) => isChapterTitle(t)) ?? names.reduce((a, b) => (b.length > a.length ? b : a));
}

/** A link's own name: its text without a trailing date, or its `title` when the text only adds to it ("1 Chapter 1: Name 2 years ago"). */
function linkName(link: Link): string {
  if (link.hint && link.text !== link.hint && link.text.includes(link.hint)) return link.hint;
  return withoutTrailingDate(link.text) || link.hint;
}

// A list's own item elements: climbing stops there, so a one-chapter volume stays one <li>.
const ITEM_TAGS = new Set(['li', 'dd', 'dt', 'tr', 'td', 'th', 'option']);

export function listItems(page: GenericPage): ListItem[] {
  const links = pageLinks(page);
  const owner = owners(links);
  const byItem = new Map<Element, { link: Link; names: string[]; order: number }>();
  links.forEach((link, order) => {
    let item = link.el;
    while (
      !ITEM_TAGS.has(item.name) &&
      item.parent &&
      item.parent.type === 'tag' &&
      item.parent.name !== 'body' &&
      owner.get(item.parent) === link.url
    )
      item = item.parent;
    const known = byItem.get(item);
    if (known) known.names.push(linkName(link));
    else byItem.set(item, { link, names: [linkName(link)], order });
  });
  return [...byItem].map(([item, { link, names, order }]) =>
    named({ item, link: link.el, url: link.url, names, order }),
  );
}

/** The item with its best name, and whether that reads like a chapter. */
export function named(item: Omit<ListItem, 'title' | 'chapterLike'>): ListItem {
  const title = bestName(item.names);
  return { ...item, title, chapterLike: isChapterTitle(title) || isVolumeTitle(title) };
}

/** The tag path from the list item down to its link, e.g. `dd>a` or `li>span>a`; a `<b onclick>` link counts as `a`. */
export function shapeOf(item: ListItem): string {
  const names: string[] = [];
  for (let node: AnyNode | null = item.link.parent; node && node !== item.item.parent; node = node.parent) {
    if (node.type === 'tag') names.unshift((node as Element).name);
  }
  return [...names, 'a'].join('>');
}

/** Chapters of one book share a host, a first path segment and a depth: `/extnu/N/` is not `/group/x/`. */
export function familyOf(url: string): string {
  // `url` is absolute (httpUrl made it): no need to parse it again.
  const m = /^[a-z]+:\/\/([^/?#]*)([^?#]*)/i.exec(url);
  const segments = (m?.[2] ?? '').split('/').filter(Boolean);
  return `${m?.[1] ?? ''}|${segments[0] ?? ''}|${segments.length}`;
}
