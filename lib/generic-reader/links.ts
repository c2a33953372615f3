// Finds a page's chapter list without a rule: the biggest group of same-shaped entries whose
// texts read like chapter titles. Entries are grouped by the look of their container (so a book's
// volumes, each its own <ul>, and a table's rows are one list), the path down to their link, and
// the kind of address they lead to (so a release table's "group" links stay out of its chapters).

import type { AnyNode, Element } from 'domhandler';
import type { TocEntry } from '../book-pages';
import { listHeadings } from './list-headings';
import { familyOf, listItems, named, shapeOf, type ListItem } from './link-items';
import { isNotChapterName } from './chapter-title';
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
  /** Found by its container's name or its numbered addresses, not by its names. */
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
const LIST_NAME =
  /chapter|(?:^|[-_])chap(?:[-_]|s?$)|(?:^|[-_])toc(?:$|[-_])|catalog|mulu|volume|episode|contents|capitulo|chuong/i;
// How far up from a list item a container's name is looked for.
const NAME_DEPTH = 4;
// Chapters published one after another get addresses counting by one: /n1234/1/, /n1234/2/ …
const MIN_SEQUENTIAL_LINKS = 3;
const SEQUENTIAL_SHARE = 0.7;

function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag';
}

// Classes that mark a row's state or stripe, not what it is: `<tr class="odd">` and `<tr class="even">` are one table.
const STATE_CLASSES = new Set([
  'odd',
  'even',
  'alt',
  'active',
  'current',
  'selected',
  'first',
  'last',
  'new',
  'hot',
  'vip',
  'free',
  'highlight',
  'in',
  'show',
  'open',
  'collapsed',
  'clearfix',
]);

/** A container's look: its tag and classes, numbers blurred ("volume-2" is "volume-#"), states left out. */
function look(node: AnyNode | null): string {
  if (!isElement(node)) return '';
  const classes = (node.attribs.class ?? '')
    .split(/\s+/)
    .filter((c) => c && !STATE_CLASSES.has(c.toLowerCase()))
    .map((c) => c.replace(/\d+/g, '#'))
    .sort();
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
  // Each run of cells is named once, when it ends: a page of thousands of links to one address
  // (a hostile one) would otherwise be named again at every cell, in quadratic time.
  let run: ListItem[] = [];
  const endRun = () => {
    if (run.length > 1) out.push(named({ ...run[0]!, names: run.flatMap((cell) => cell.names) }));
    else out.push(...run);
    run = [];
  };
  for (const item of items) {
    const first = run[0];
    if (first && (first.url !== item.url || first.item.parent !== item.item.parent)) endRun();
    run.push(item);
  }
  endRun();
  return out;
}

/** The number that tells entries apart, at the end of the address: `/n1234/7/`, `1007.html`, `?chapterid=7`. */
function lastNumber(url: string): { template: string; n: number } | undefined {
  const u = new URL(url);
  const segments = u.pathname.split('/');
  const tail = `${segments.filter(Boolean).pop() ?? ''}${u.search}`;
  const m = /(\d+)(?!.*\d)/.exec(tail);
  if (!m) return undefined;
  return { template: `${u.origin}${u.pathname}${u.search}`.replace(/\d+(?!.*\d)/, '#'), n: Number(m[1]) };
}

/** Addresses that count up (or down) by one from entry to entry, whatever the names say. */
function sequential(items: readonly ListItem[]): boolean {
  if (items.length < MIN_SEQUENTIAL_LINKS || items.every((i) => /^\d{1,4}$/.test(i.title))) return false; // a pager, not a list
  const numbers = items.map((i) => lastNumber(i.url));
  let ones = 0;
  for (let i = 1; i < numbers.length; i++) {
    const [a, b] = [numbers[i - 1], numbers[i]];
    if (a && b && a.template === b.template && Math.abs(b.n - a.n) === 1) ones += 1;
  }
  return ones >= SEQUENTIAL_SHARE * (numbers.length - 1);
}

/**
 * Whether an entry lives under the page: `/book/42/` lists `/book/42/1.html`, `/story/1` lists
 * `/story/2`, `?novelid=1` lists `?novelid=1&chapterid=2` — and not the sidebar's `/book/7/`.
 */
function underPage(page: GenericPage, url: string): boolean {
  const here = new URL(page.url);
  const there = new URL(url);
  if (here.origin !== there.origin) return false;
  const dir = here.pathname.replace(/[^/]*$/, '');
  if (dir === '/' && here.pathname === '/') return false; // a site's home page lists everything
  if (there.pathname === here.pathname)
    return [...here.searchParams].every(([k, v]) => there.searchParams.get(k) === v);
  return there.pathname.startsWith(dir);
}

/** Unnumbered names can still be a list of chapters: by a container named so, or addresses counting by one, under the page. */
function listByLayout(page: GenericPage, items: readonly ListItem[]): boolean {
  if (items.some((i) => isNotChapterName(i.title) || /^\d{4}[-/.年]/.test(i.title))) return false; // an archive by date
  if (!items.every((i) => underPage(page, i.url))) return false;
  return items.every(namedAsList) || sequential(items);
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
    // Navigation ("Next chapter", "目录") is never a chapter, whatever list it sits in.
    const items = mergeRows(members).filter((i) => !isNavText(i.title));
    if (new Set(items.map((i) => i.url)).size < MIN_GROUP_LINKS) continue;
    const chapterLike = items.filter((i) => i.chapterLike).length;
    if (chapterLike > 0 && chapterLike / items.length >= MIN_CHAPTER_SHARE)
      found.push({ items, chapterLike, byLayout: false });
    else if (listByLayout(page, items)) found.push({ items, chapterLike, byLayout: true });
  }
  // Most chapters first; on a tie the one living under the book's address (its chapters, not their
  // comments), then the longer list, then the later one (the full list follows "latest").
  const under = new Map(found.map((g) => [g, g.items.filter((i) => underPage(page, i.url)).length]));
  return found.sort(
    (a, b) =>
      b.chapterLike - a.chapterLike ||
      under.get(b)! - under.get(a)! ||
      b.items.length - a.items.length ||
      b.items[b.items.length - 1]!.order - a.items[a.items.length - 1]!.order,
  );
}

function kept(group: Group): ListItem[] {
  const keepAll = group.byLayout || group.chapterLike / group.items.length >= KEEP_ALL_SHARE;
  return keepAll ? group.items : group.items.filter((i) => i.chapterLike);
}

/** Every group of same-shaped links that reads like a chapter list, best first. */
export function chapterGroups(page: GenericPage): LinkGroup[] {
  return groups(page).map((g) => ({
    links: kept(g).map((i) => ({ title: i.title, url: i.url })),
    chapterLike: g.chapterLike,
  }));
}

/** The page's chapter list, or undefined when no group has `minChapters` chapter-like links. */
export function findChapterList(page: GenericPage, minChapters = 1): ChapterList | undefined {
  const best = groups(page)[0];
  if (!best || (!best.byLayout && best.chapterLike < minChapters)) return undefined;
  const items = kept(best);
  if (items.length === 0) return undefined;
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
