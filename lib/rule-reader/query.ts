// Query selectors (README "Query selectors"): the object form of a selector, for what one CSS
// selector cannot say. A path walks steps from the page (or a chapter element); each step finds
// elements inside every element the previous step found, that element itself included (as JSoup,
// and so legado, select), and may keep or drop positions of what it found. Several paths combine
// as alternatives (`firstOf`), in sequence (`all`) or interleaved (`zip`). The schema
// (lib/sources/schema.ts) has checked the shape, the CSS and the regexes before anything here runs.

import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { Position, QueryPath, QueryStep, SelectorQuery } from '../contract';
import { AppError } from '../errors';
import { describeSelector } from './describe-selector';
import { loadHtml, ownText, textNodes } from './html';
import { applyReplacements } from './replace';
import { elementText } from '../text/paragraphs';

/** A loaded page: its parsed tree and its source as received, which a step-less `html` path reads. */
export interface QueryPage {
  $: CheerioAPI;
  source: string;
}

/** The paths of a query, and how their results combine. */
export function queryPaths(query: SelectorQuery): { paths: QueryPath[]; combine: 'firstOf' | 'all' | 'zip' } {
  if ('firstOf' in query) return { paths: query.firstOf, combine: 'firstOf' };
  if ('all' in query) return { paths: query.all, combine: 'all' };
  if ('zip' in query) return { paths: query.zip, combine: 'zip' };
  return { paths: [query], combine: 'all' };
}

/** The positions a pick or drop list names in a list of `length` items, in its order, each once. */
export function positionsIn(list: readonly Position[], length: number): number[] {
  const out = new Set<number>();
  if (length === 0) return [];
  for (const position of list) {
    if (typeof position === 'number') {
      const i = position < 0 ? position + length : position;
      if (i >= 0 && i < length) out.add(i);
      continue;
    }
    let start = position.from ?? 0;
    let end = position.to ?? length - 1;
    if (start < 0) start += length;
    if (end < 0) end += length;
    // A range wholly before or wholly after the list names nothing; one that overlaps it is cut to it.
    if ((start < 0 && end < 0) || (start >= length && end >= length)) continue;
    start = Math.min(Math.max(start, 0), length - 1);
    end = Math.min(Math.max(end, 0), length - 1);
    const step = position.step ?? 1;
    if (end >= start) for (let i = start; i <= end; i += step) out.add(i);
    else for (let i = start; i >= end; i -= step) out.add(i);
  }
  return [...out];
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

// Steps search inside every element the previous step found, and those may nest. Searching an
// element costs about its size times the page's depth (CSS matching walks up to the search's
// root for each candidate), so on a page of deeply nested elements overlapping searches grow
// without bound. Past this much work for one read, a query gives up rather than hold the worker
// (about a second; a real page's queries use a few percent of it).
export const MAX_QUERY_WORK = 50_000_000;

interface Shape {
  /** Nodes in each node's subtree, itself included. */
  sizes: Map<AnyNode, number>;
  /** The page's deepest nesting. */
  depth: number;
}

const shapes = new WeakMap<AnyNode, Shape>();

/** Measured once per page, without recursion: a hostile page may nest very deep. */
function shapeOf(node: AnyNode): Shape {
  let top = node;
  while (top.parent) top = top.parent;
  let shape = shapes.get(top);
  if (!shape) {
    const sizes = new Map<AnyNode, number>();
    let depth = 0;
    const stack: Array<[AnyNode, number, boolean]> = [[top, 0, false]];
    while (stack.length) {
      const [n, level, counted] = stack.pop()!;
      const children = 'children' in n ? n.children : [];
      depth = Math.max(depth, level);
      if (counted)
        sizes.set(
          n,
          children.reduce((total, child) => total + sizes.get(child)!, 1),
        );
      else
        stack.push([n, level, true], ...children.map((child): [AnyNode, number, boolean] => [child, level + 1, false]));
    }
    shape = { sizes, depth };
    shapes.set(top, shape);
  }
  return shape;
}

/** The work one read of a query may do; `spend` throws once it is used up. */
class Budget {
  private used = 0;
  constructor(private readonly query: SelectorQuery) {}
  spend(node: AnyNode): void {
    const { sizes, depth } = shapeOf(node);
    this.used += (sizes.get(node) ?? 1) * (depth + 1);
    if (this.used > MAX_QUERY_WORK) {
      throw new AppError(
        'parse',
        `The selector ${describeSelector(this.query)} asks too much of this page: its steps search inside elements that nest deeply. The source may not fit the site.`,
      );
    }
  }
}

/** What one step finds in one element: its matches inside it, itself first when it matches too. */
function stepMatches($: CheerioAPI, context: AnyNode, css: string, budget: Budget): AnyNode[] {
  budget.spend(context);
  const inside = $(context).find(css).toArray();
  // `> x` names children: the context itself is never one of them.
  if (/^\s*>/.test(css) || !isElement(context) || !$(context).is(css)) return inside;
  return [context, ...inside];
}

function applyStep($: CheerioAPI, contexts: AnyNode[], step: QueryStep, budget: Budget): AnyNode[] {
  const out: AnyNode[] = [];
  for (const context of contexts) {
    const found = stepMatches($, context, step.css, budget);
    if (step.pick) {
      for (const i of positionsIn(step.pick, found.length)) out.push(found[i]!);
    } else if (step.drop) {
      const dropped = new Set(positionsIn(step.drop, found.length));
      found.forEach((node, i) => dropped.has(i) || out.push(node));
    } else {
      out.push(...found);
    }
  }
  return out;
}

function pathElements($: CheerioAPI, context: AnyNode, path: QueryPath, budget: Budget): AnyNode[] {
  return (path.steps ?? []).reduce((nodes, step) => applyStep($, nodes, step, budget), [context]);
}

/** Outer HTML without scripts and styles, which legado's `@html` leaves out. */
function outerHtml($: CheerioAPI, node: AnyNode): string {
  if (!isElement(node) && node.type !== 'root') return $.html(node);
  const copy = $(node).clone();
  copy.find('script, style').remove();
  return node.type === 'root' ? (copy.html() ?? '') : $.html(copy);
}

function takeValues(page: QueryPage, context: AnyNode, path: QueryPath, nodes: AnyNode[], budget: Budget): string[] {
  const { $ } = page;
  // Every take reads each node's whole subtree (its text, its HTML).
  for (const node of nodes) budget.spend(node);
  const take = path.take ?? 'text';
  if (take === 'html') {
    // A path without steps on the page itself reads the page as it came, as legado's `##…` alone does.
    if (nodes.length === 1 && nodes[0] === context && context.type === 'root' && !path.steps?.length)
      return page.source ? [page.source] : [];
    const html = nodes.map((node) => outerHtml($, node)).join('\n');
    return html ? [html] : [];
  }
  const values: string[] = [];
  for (const node of nodes) {
    let value: string | undefined;
    if (take === 'text') value = elementText($, node);
    else if (take === 'ownText') value = ownText(node);
    else if (take === 'textNodes') value = textNodes(node);
    else value = isElement(node) ? node.attribs[take] : undefined;
    if (!value) continue;
    // An attribute is a link or a name: blank ones and repeats say nothing new.
    if (take !== 'text' && take !== 'ownText' && take !== 'textNodes' && (!value.trim() || values.includes(value)))
      continue;
    values.push(value);
  }
  return values;
}

/** Interleaves lists: the first list's first item, the second's first, …, then everyone's second. */
function zip<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const first = lists[0] ?? [];
  for (let i = 0; i < first.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

function combine<T>(query: SelectorQuery, each: (path: QueryPath) => T[], keepEmpty: boolean): T[] {
  const { paths, combine: how } = queryPaths(query);
  const results: T[][] = [];
  for (const path of paths) {
    const found = each(path);
    if (found.length || keepEmpty) results.push(found);
    if (how === 'firstOf' && found.length) return found;
  }
  if (how === 'firstOf') return [];
  return how === 'zip' ? zip(results) : results.flat();
}

/** The elements a query finds (its `take` and `replace` play no part). */
export function queryElements(page: QueryPage, context: AnyNode, query: SelectorQuery): AnyNode[] {
  const budget = new Budget(query);
  // legado's element lists keep an empty first alternative when interleaving; its value lists do not.
  return combine(query, (path) => pathElements(page.$, context, path, budget), true);
}

function rawValues(page: QueryPage, context: AnyNode, query: SelectorQuery): string[] {
  const budget = new Budget(query);
  return combine(
    query,
    (path) => takeValues(page, context, path, pathElements(page.$, context, path, budget), budget),
    false,
  );
}

function takesHtml(query: SelectorQuery): boolean {
  return queryPaths(query).paths.some((path) => path.take === 'html');
}

/**
 * One text: every value, one a line, then the replacements over the whole. HTML taken by the
 * query is then read as text (paragraphs kept), as legado formats it for reading.
 */
export function queryText(page: QueryPage, context: AnyNode, query: SelectorQuery): string | undefined {
  const values = rawValues(page, context, query);
  if (!values.length) return undefined;
  let text = applyReplacements(values.join('\n'), query.replace);
  if (takesHtml(query)) {
    const $ = loadHtml(text);
    text = elementText($, $.root()[0]!);
  }
  return text.trim() ? text : undefined;
}

/** The first value, then the replacements: what a link or a cover is read from. */
export function queryFirst(page: QueryPage, context: AnyNode, query: SelectorQuery): string | undefined {
  const [value] = rawValues(page, context, query);
  if (value === undefined) return undefined;
  const replaced = applyReplacements(value, query.replace).trim();
  return replaced || undefined;
}

/** Every value, each replaced: a list of links. */
export function queryList(page: QueryPage, context: AnyNode, query: SelectorQuery): string[] {
  return rawValues(page, context, query)
    .map((value) => applyReplacements(value, query.replace).trim())
    .filter(Boolean);
}
