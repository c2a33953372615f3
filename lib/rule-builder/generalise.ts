// From one element the reader clicked to selectors that pick the same kind of element across the
// page and across the site: the book's title, one chapter link standing for the whole list, the
// chapter's text. Each pick gives a ladder of choices from narrow to wide, so the reader can
// widen or narrow the proposal without writing CSS.

import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { childElements, compound, isElement, stableClasses } from './css-names';
import { listLadder } from './list-ladder';
import { countOf, firstMatchSelector, idSelector } from './unique-selector';

/**
 * `text`: one element whose text is the value (a title, an author); `link`: one link (a next
 * page); `list`: one of many links (the chapter list); `block`: the element holding a chapter's
 * text, clicked anywhere inside.
 */
export type PickKind = 'text' | 'link' | 'list' | 'block';

export interface Choice {
  css: string;
  /** Elements the CSS matches on the page. */
  count: number;
}

export interface Ladder {
  /** Narrow to wide; never empty. */
  choices: Choice[];
  /** The one proposed. */
  proposed: number;
}

// Tags that hold one paragraph (or part of one) of a text rather than the text.
const PARAGRAPH_TAGS = new Set(['p', 'span', 'font', 'b', 'strong', 'em', 'i', 'u', 'small', 'big']);
// How many levels above the clicked element a ladder offers.
const MAX_LEVELS = 6;

/** The link a click meant: the link it landed in, or the one link inside what it landed on. */
export function clickedLink($: CheerioAPI, el: Element): Element | undefined {
  for (let node: Element | null = el; isElement(node); node = isElement(node.parent) ? node.parent : null) {
    if (node.name === 'a' && node.attribs.href !== undefined) return node;
  }
  const inside = $(el).find('a[href]').toArray().filter(isElement);
  return inside.length === 1 ? inside[0] : undefined;
}

function choice($: CheerioAPI, css: string | undefined): Choice | undefined {
  return css ? { css, count: countOf($, css) } : undefined;
}

/** The element and its ancestors below <body>, nearest first. */
function levels(el: Element): Element[] {
  const out: Element[] = [];
  for (
    let node: Element | null = el;
    isElement(node) && out.length < MAX_LEVELS;
    node = isElement(node.parent) ? node.parent : null
  ) {
    if (node.name === 'body' || node.name === 'html') break;
    out.push(node);
  }
  return out;
}

function sameKindSiblings(el: Element): Element[] {
  const parent = el.parent;
  if (!isElement(parent)) return [el];
  const shape = compound(el);
  return childElements(parent).filter((sibling) => compound(sibling) === shape);
}

/**
 * The element holding a text, from a click on one of its paragraphs (or on the text itself):
 * up through paragraphs among paragraphs and through wrappers with no name that hold nothing
 * else, to the first element that is neither.
 */
export function textContainer($: CheerioAPI, el: Element): Element {
  let node = el;
  while (isElement(node.parent) && node.parent.name !== 'body' && !idSelector($, node)) {
    const paragraphs = sameKindSiblings(node).filter((sibling) => $(sibling).text().trim() !== '');
    const wrapper = childElements(node.parent).length === 1 && stableClasses(node).length === 0;
    if (!PARAGRAPH_TAGS.has(node.name) && paragraphs.length < 2 && !wrapper) break;
    node = node.parent;
  }
  return node;
}

function oneElementLadder($: CheerioAPI, elements: Element[], proposedElement: Element): Ladder {
  const choices: Choice[] = [];
  let proposed = 0;
  for (const el of elements) {
    const found = choice($, firstMatchSelector($, el));
    if (!found || choices.some((c) => c.css === found.css)) continue;
    // A chain of positions names one page's element, not the site's: offered only when proposed.
    if (el !== proposedElement && (found.css.match(/:nth-of-type/g)?.length ?? 0) > 1) continue;
    if (el === proposedElement) proposed = choices.length;
    choices.push(found);
  }
  return { choices, proposed };
}

/** The choices for what the reader clicked, narrow to wide, with one proposed. */
export function generalise($: CheerioAPI, clicked: Element, kind: PickKind): Ladder | undefined {
  if (kind === 'list' || kind === 'link') {
    const link = clickedLink($, clicked);
    if (!link) return undefined;
    if (kind === 'list') return listLadder($, link);
    const only = choice($, firstMatchSelector($, link));
    return only && { choices: [only], proposed: 0 };
  }
  const container = kind === 'block' ? textContainer($, clicked) : clicked;
  const ladder = oneElementLadder(
    $,
    [...levels(clicked).filter((el) => el !== container && $(container).find(el).length > 0), ...levels(container)],
    container,
  );
  return ladder.choices.length ? ladder : undefined;
}
