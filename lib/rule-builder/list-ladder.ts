// The chapter list from one of its links: the row the link stands for, the list that holds the
// rows, then wider choices (the list's volumes, a wider region, every such row on the page).
// A row may hold other links (a date, the translator's name): rows are found by what repeats,
// and the link is the one of the kind the reader clicked, in the cell they clicked.

import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { childElements, compound, isElement, stableClasses, tagName } from './css-names';
import type { Choice, Ladder } from './generalise';
import { anchors, countOf, firstMatchSelector, idSelector, onlyIs, tagPath } from './unique-selector';

// A class shared by this share of a list's rows (or of their links) is part of what a row is.
const SHARED_CLASS = 0.8;

function links(el: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.name === 'a' && node.attribs.href !== undefined) out.push(node);
    stack.push(...childElements(node));
  }
  return out;
}

/** The element's tag with the stable classes (nearly) all of its peers share. */
function sharedCompound(el: Element, peers: Element[]): string {
  const tag = tagName(el) ?? '*';
  const shared = stableClasses(el).filter(
    (name) => peers.filter((peer) => stableClasses(peer).includes(name)).length >= peers.length * SHARED_CLASS,
  );
  return (
    tag +
    shared
      .slice(0, 2)
      .map((name) => `.${name}`)
      .join('')
  );
}

const CELLS = new Set(['td', 'th']);

/**
 * Two rows of one list share their tag; classes may differ row by row (a score, a state). Table
 * cells are the exception: a cell beside a cell of another class (a date) is another column.
 */
function sameKind(a: Element, b: Element): boolean {
  return a.name === b.name && (!CELLS.has(a.name) || compound(a) === compound(b));
}

/** The row and the rows beside it of its kind. */
function peerRows(row: Element): Element[] {
  return isElement(row.parent) ? childElements(row.parent).filter((r) => sameKind(r, row)) : [row];
}

/** Whether `el` holds a link of the same kind as `link`. */
const holdsLinkLike = (el: Element, link: Element) => links(el).some((a) => compound(a) === compound(link));

/**
 * The row a chapter link stands for: the nearest element (the link itself, its <dd>, its <tr>)
 * that repeats beside elements of its kind holding links of the same kind. A table cell beside
 * cells of other kinds (a date, the translator's name) is a column, not a row.
 */
function rowOf(link: Element): Element {
  let node = link;
  while (isElement(node.parent) && node.parent.name !== 'body') {
    if (
      childElements(node.parent).some((other) => other !== node && sameKind(other, node) && holdsLinkLike(other, link))
    )
      return node;
    node = node.parent;
  }
  return node;
}

/** The element at the same place as `el` in each of `rows` (el being inside `row`). */
function samePlace(row: Element, el: Element, rows: Element[]): Element[] {
  const steps: number[] = [];
  for (let node = el; node !== row; node = node.parent as Element)
    steps.unshift(childElements(node.parent as Element).indexOf(node));
  return rows.flatMap((other) => {
    let node: Element | undefined = other;
    for (const i of steps) node = node && childElements(node)[i];
    return node && node.name === el.name ? [node] : [];
  });
}

/** `dd > a`, `tr.chapter-row > td:nth-of-type(1) > a`: from a row down to its link, a position only where the row holds links of that kind beside it. */
function rowPath(row: Element, link: Element): string {
  const rows = peerRows(row);
  const steps: string[] = [];
  for (let node: Element = link; ; node = node.parent as Element) {
    if (node === row) {
      steps.unshift(sharedCompound(row, rows));
      break;
    }
    const parent = node.parent as Element;
    const same = childElements(parent).filter((sibling) => sibling.name === node.name);
    const crowded = same.some((sibling) => sibling !== node && holdsLinkLike(sibling, link));
    const name = node === link ? sharedCompound(link, samePlace(row, link, rows)) : (tagName(node) ?? '*');
    steps.unshift(name + (crowded ? `:nth-of-type(${same.indexOf(node) + 1})` : ''));
  }
  return steps.join(' > ');
}

/** A selector for the one element holding the rows, named by its own id or class or by a region above it. */
function listSelector($: CheerioAPI, list: Element): string | undefined {
  const id = idSelector($, list);
  if (id) return id;
  const own = compound(list)!;
  if (stableClasses(list).length && onlyIs($, own, list)) return own;
  for (const anchor of anchors($, list)) if (onlyIs($, `${anchor} ${own}`, list)) return `${anchor} ${own}`;
  if (onlyIs($, own, list)) return own;
  return firstMatchSelector($, list) ?? tagPath(list);
}

export function listLadder($: CheerioAPI, link: Element): Ladder {
  const row = rowOf(link);
  const list = row.parent;
  let path = rowPath(row, link);
  // Rows that open their chapter by a script (`<b onclick>`) instead of a link: the rows are the
  // chapters then, as long as a row's text is its link's; the reader takes a row's address either way.
  const linkless = peerRows(row).filter((r) => !holdsLinkLike(r, link));
  if (
    row !== link &&
    linkless.length &&
    linkless.every((r) => $(r).is('[onclick]') || $(r).find('[onclick]').length) &&
    $(row).text().trim() === $(link).text().trim()
  ) {
    path = sharedCompound(row, peerRows(row));
  }
  if (!isElement(list) || list.name === 'body')
    return { choices: [{ css: path, count: countOf($, path) }], proposed: 0 };
  const target = $(path).toArray().includes(link) ? link : row;

  const candidates: Array<{ css: string; volumes?: boolean }> = [];
  const exact = listSelector($, list);
  if (exact) candidates.push({ css: `${exact} > ${path}` });
  // Volumes: the same kind of list again, each with rows of the same shape.
  const kind = compound(list)!;
  const lists = $(kind).toArray().filter(isElement);
  const siblingsOnly = lists.every((other) => other.parent === list.parent);
  if (lists.length > 1 && (stableClasses(list).length > 0 || siblingsOnly))
    candidates.push({ css: `${kind} > ${path}`, volumes: true });
  // Wider still: the same rows in the region around the list, then anywhere, then without their classes.
  const bare = path.replace(/\.[\w-]+/g, '');
  const region = isElement(list.parent) && list.parent.name !== 'body' ? listSelector($, list.parent) : undefined;
  if (region) candidates.push({ css: `${region} ${path}` }, { css: `${region} ${bare}` });
  candidates.push({ css: path }, { css: bare });

  const choices: Choice[] = [];
  let proposed: Choice | undefined;
  for (const candidate of candidates) {
    const found = $(candidate.css).toArray();
    if (!found.includes(target)) continue;
    const choice = { css: candidate.css, count: found.length };
    if (choices.some((c) => c.count === choice.count)) continue; // the same links by another name
    choices.push(choice);
    if (candidate.volumes || !proposed) proposed = choice;
  }
  choices.sort((a, b) => a.count - b.count);
  return { choices, proposed: Math.max(0, choices.indexOf(proposed!)) };
}
