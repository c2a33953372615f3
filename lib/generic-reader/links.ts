// Finds a page's chapter list without a rule: the biggest group of same-shaped entries whose
// texts read like chapter titles. Entries are grouped by the look of their container (so a book's
// volumes, each its own <ul>, and a table's rows are one list), the path down to their link, and
// the kind of address they lead to (so a release table's "group" links stay out of its chapters).

import type { AnyNode, Element } from 'domhandler';
import type { TocEntry } from '../book-pages';
import { listHeadings } from './list-headings';
import { familyOf, listItems, named, shapeOf, type ListItem } from './link-items';
import { isNavText } from './nav-text';
import type { GenericPage } from './page';

export interface LinkGroup {
  /** In document order; titles are one line. */
  links: TocEntry[];
  /** How many of the links read like chapter titles. */
  chapterLike: number;
}

/** A page's chapter list, as the page shows it, and what was learnt finding it. */
export interface ChapterList {
  /** In document order, duplicates and all; `volume` set under a volume heading. */
  entries: TocEntry[];
  chapterLike: number;
  /** Found by its container's name ("chapters") alone: its names carry no numbers. */
  byLayout: boolean;
  /** Every entry sits under a "latest chapters" heading: the whole list is somewhere else. */
  latestOnly: boolean;
  /** Links of the group left out because they did not read like chapters. */
  dropped: number;
}

interface Group {
  items: ListItem[];
  chapterLike: number;
  byLayout: boolean;
}

// A group counts as a chapter list when at least this share of its links read like chapters.
const MIN_CHAPTER_SHARE = 0.5;
// Above this share every link of the group is kept (序章, an unnumbered "Afterword"); below it only
// the chapter-like links are, so a stray "comments" link per row stays out.
const KEEP_ALL_SHARE = 0.8;
// One link alone is a heading or a "read more", not a list.
const MIN_GROUP_LINKS = 2;
// A container named like this holds chapters even when their names carry no numbers.
const LIST_NAME = /chapter|(?:^|[-_])chap(?:[-_]|s?$)|(?:^|[-_])toc(?:$|[-_])|catalog|mulu|volume|episode|contents|capitulo|chuong/i;
// How far up from a list item a container's name is looked for.
const NAME_DEPTH = 4;

function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag';
}

/** A container's look: its tag and classes, numbers blurred ("volume-2" is "volume-#"). */
function look(node: AnyNode | null): string {
  if (!isElement(node)) return '';
  const classes = (node.attribs.class ?? '').split(/\s+/).filter(Boolean).map((c) => c.replace(/\d+/g, '#')).sort();
  return [node.name, ...classes].join('.');
}

function groupKey(item: ListItem): string {
  const container = item.item.parent;
  return `${look(container)}<${look(container?.parent ?? null)}|${shapeOf(item)}|${familyOf(item.url)}`;
}

function namedAsList(item: ListItem): boolean {
  let node: AnyNode | null = item.item.parent;
  for (let depth = 0; node && isElement(node) && depth < NAME_DEPTH; depth++, node = node.parent) {
    if (LIST_NAME.test(`${node.attribs.id ?? ''} ${node.attribs.class ?? ''}`)) return true;
  }
  return false;
}

/**
 * One entry per chapter: a row's cells that link to the same chapter (its name, its date; "Chương 1"
 * and "Đá Vận Khí") are one entry with the best name.
 */
function mergeRows(items: readonly ListItem[]): ListItem[] {
  const out: ListItem[] = [];
  for (const item of items) {
    const previous = out[out.length - 1];
    if (previous && previous.url === item.url && previous.item.parent === item.item.parent) {
      out[out.length - 1] = named({ ...previous, names: [...previous.names, ...item.names] });
    } else {
      out.push(item);
    }
  }
  return out;
}

function groups(page: GenericPage): Group[] {
  const byKey = new Map<string, ListItem[]>();
  for (const item of listItems(page)) {
    const key = groupKey(item);
    const members = byKey.get(key);
    if (members) members.push(item);
    else byKey.set(key, [item]);
  }
  const found: Group[] = [];
  for (const members of byKey.values()) {
    const items = mergeRows(members);
    if (new Set(items.map((i) => i.url)).size < MIN_GROUP_LINKS) continue;
    const chapterLike = items.filter((i) => i.chapterLike).length;
    if (chapterLike > 0 && chapterLike / items.length >= MIN_CHAPTER_SHARE) found.push({ items, chapterLike, byLayout: false });
    else if (chapterLike === 0 && items.every(namedAsList)) found.push({ items, chapterLike, byLayout: true });
  }
  // Most chapters first; on a tie the longer list, then the later one (the full list follows "latest").
  return found.sort(
    (a, b) =>
      b.chapterLike - a.chapterLike ||
      b.items.length - a.items.length ||
      b.items[b.items.length - 1]!.order - a.items[a.items.length - 1]!.order,
  );
}

function kept(group: Group): ListItem[] {
  const keepAll = group.byLayout || group.chapterLike / group.items.length >= KEEP_ALL_SHARE;
  return group.items.filter((i) => (keepAll ? !isNavText(i.title) : i.chapterLike));
}

/** Every group of same-shaped links that reads like a chapter list, best first. */
export function chapterGroups(page: GenericPage): LinkGroup[] {
  return groups(page).map((g) => ({ links: kept(g).map((i) => ({ title: i.title, url: i.url })), chapterLike: g.chapterLike }));
}

/** The page's chapter list, or undefined when no group has `minChapters` chapter-like links. */
export function findChapterList(page: GenericPage, minChapters = 1): ChapterList | undefined {
  const best = groups(page)[0];
  if (!best || (!best.byLayout && best.chapterLike < minChapters)) return undefined;
  const items = kept(best);
  const headings = listHeadings(page, items);
  const entries = items.map((item): TocEntry => {
    const volume = headings.volumeOf(item);
    return volume ? { title: item.title, url: item.url, volume } : { title: item.title, url: item.url };
  });
  return {
    entries,
    chapterLike: best.chapterLike,
    byLayout: best.byLayout,
    latestOnly: items.every((item) => headings.isLatest(item)),
    dropped: best.items.length - items.length,
  };
}
