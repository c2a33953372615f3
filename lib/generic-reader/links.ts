// Finds a page's chapter list without a rule: the biggest group of same-shaped links that share
// one container (a <ul>, <dl>, <div>, a table's rows) and whose texts read like chapter titles.

import type { AnyNode, Element } from 'domhandler';
import type { TocEntry } from '../book-pages';
import { chapterNumber, isChapterTitle, isNavText } from './chapter-title';
import { httpUrl, withoutHash } from '../url';
import { oneLine, type GenericPage } from './page';

export interface LinkGroup {
  /** In document order; titles are one line. */
  links: TocEntry[];
  /** How many of the links read like chapter titles. */
  chapterLike: number;
}

interface Found {
  entry: TocEntry;
  chapterLike: boolean;
  order: number;
}

interface Group {
  container: AnyNode;
  shape: string;
  found: Found[];
}

// A group counts as a chapter list when at least this share of its links read like chapters.
const MIN_CHAPTER_SHARE = 0.5;
// Above this share every link of the group is kept (序章, an unnumbered "Afterword"); below it only
// the chapter-like links are, so a stray "comments" link per row stays out.
const KEEP_ALL_SHARE = 0.8;
// One link alone in its container is a heading or a "read more", not a list.
const MIN_GROUP_LINKS = 2;

function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag';
}

/** How many usable links each element holds, counted once for the whole page. */
function linkCounts(anchors: Element[]): Map<AnyNode, number> {
  const counts = new Map<AnyNode, number>();
  for (const a of anchors) {
    for (let node: AnyNode | null = a; node; node = node.parent) counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return counts;
}

/** The tag path from the list item down to its link, e.g. `dd>a` or `li>span>a`. */
function shapeOf(item: Element, a: Element): string {
  const names: string[] = [];
  for (let node: AnyNode | null = a; node && node !== item.parent; node = node.parent) {
    if (isElement(node)) names.unshift(node.name);
  }
  return names.join('>');
}

function summarize(found: Found[]): LinkGroup {
  const chapterLike = found.filter((f) => f.chapterLike).length;
  const keepAll = chapterLike / found.length >= KEEP_ALL_SHARE;
  const links = found.filter((f) => (keepAll ? !isNavText(f.entry.title) : f.chapterLike)).map((f) => f.entry);
  return { links, chapterLike };
}

/** Sibling lists of one kind (volumes as separate <ul>s, table rows) are one table of contents. */
function mergeSiblings(groups: Group[]): Group[] {
  const byParent = new Map<string, Group[]>();
  const keys = new Map<AnyNode, number>();
  for (const group of groups) {
    const parent = group.container.parent;
    if (!parent || !isElement(group.container)) continue;
    const chapterLike = group.found.filter((f) => f.chapterLike).length;
    if (chapterLike === 0 || chapterLike / group.found.length < MIN_CHAPTER_SHARE) continue;
    if (!keys.has(parent)) keys.set(parent, keys.size);
    const key = `${keys.get(parent)}|${group.container.name}|${group.shape}`;
    const members = byParent.get(key);
    if (members) members.push(group);
    else byParent.set(key, [group]);
  }
  const merged: Group[] = [];
  for (const members of byParent.values()) {
    // Rows of a list, not a run of single links (one heading per blog post).
    if (members.length < 2 || members.every((m) => m.found.length < MIN_GROUP_LINKS)) continue;
    const found = members.flatMap((m) => m.found).sort((a, b) => a.order - b.order);
    merged.push({ container: members[0]!.container.parent!, shape: members[0]!.shape, found });
  }
  return merged;
}

/** Every group of same-shaped links that reads like a chapter list, best first. */
export function chapterGroups(page: GenericPage): LinkGroup[] {
  const { $, base, url } = page;
  const self = withoutHash(url);
  const anchors: Element[] = [];
  const entries = new Map<Element, TocEntry>();
  for (const node of $('body a[href]').toArray()) {
    const a = node as Element;
    const href = httpUrl(a.attribs.href, base);
    if (!href || withoutHash(href) === self) continue;
    const title = oneLine($(a).text());
    if (!title) continue;
    anchors.push(a);
    entries.set(a, { title, url: href });
  }
  const counts = linkCounts(anchors);
  const groups = new Map<AnyNode, Map<string, Group>>();
  anchors.forEach((a, order) => {
    // Climb through wrappers that hold only this link (<li>, <dd>, <td>, <span>) to the list item.
    let item = a;
    while (isElement(item.parent) && item.parent.name !== 'body' && counts.get(item.parent) === 1) item = item.parent;
    const container = item.parent;
    if (!container) return;
    const shape = shapeOf(item, a);
    const byShape = groups.get(container) ?? new Map<string, Group>();
    groups.set(container, byShape);
    const group = byShape.get(shape) ?? { container, shape, found: [] };
    byShape.set(shape, group);
    const entry = entries.get(a)!;
    group.found.push({ entry, chapterLike: isChapterTitle(entry.title), order });
  });
  const all = [...groups.values()].flatMap((byShape) => [...byShape.values()]);
  const candidates = [...all, ...mergeSiblings(all)]
    .filter((g) => {
      if (g.found.length < MIN_GROUP_LINKS) return false;
      const chapterLike = g.found.filter((f) => f.chapterLike).length;
      return chapterLike > 0 && chapterLike / g.found.length >= MIN_CHAPTER_SHARE;
    })
    .map((g) => ({ group: summarize(g.found), last: g.found[g.found.length - 1]!.order }));
  // Most chapters first; on a tie the longer list, then the later one (the full list follows "latest").
  candidates.sort(
    (a, b) => b.group.chapterLike - a.group.chapterLike || b.group.links.length - a.group.links.length || b.last - a.last,
  );
  return candidates.map((c) => c.group);
}

/** The page's chapter list, or undefined when no group has `minChapters` chapter-like links. */
export function findChapterList(page: GenericPage, minChapters = 1): TocEntry[] | undefined {
  const best = chapterGroups(page)[0];
  return best && best.chapterLike >= minChapters ? best.links : undefined;
}

/**
 * Duplicate URLs keep their last occurrence ("latest chapters" blocks come first), and a list
 * that counts down (newest first) is turned around.
 */
export function orderChapters(chapters: readonly TocEntry[]): TocEntry[] {
  const last = new Map<string, number>();
  chapters.forEach((c, i) => last.set(c.url, i));
  const kept = chapters.filter((c, i) => last.get(c.url) === i);
  let up = 0;
  let down = 0;
  let previous: number | undefined;
  for (const chapter of kept) {
    const n = chapterNumber(chapter.title);
    if (n === undefined) continue;
    if (previous !== undefined && n > previous) up += 1;
    if (previous !== undefined && n < previous) down += 1;
    previous = n;
  }
  return down > up * 2 ? kept.reverse() : kept;
}
