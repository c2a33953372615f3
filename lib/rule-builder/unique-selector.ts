// A selector whose first match is one given element, built from what names it (its id, its
// classes, a stable ancestor's) so that it finds the same kind of element on the site's other
// pages. A position (`:nth-of-type`) is the last resort, used on one step only where it can.

import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { compound, isElement, ownText, stableClasses, stableId, tagName } from './css-names';

// How far up to look for an ancestor that names the region ("#info", "div.book-meta").
const MAX_ANCHOR_DEPTH = 6;
// A label before a value, e.g. "作者：", "Author:".
const LABEL = /^([^\s:：()"'\\[\]]{1,10})\s*[:：]/;
// A link's short words ("下一页", "Next") that a pseudo-class can hold as they are.
const LINK_WORDS = /^[^\s()"'\\[\],:：][^()"'\\[\],:：]{0,11}$/;

function matches($: CheerioAPI, css: string): Element[] {
  try {
    return $(css).toArray().filter(isElement);
  } catch {
    return []; // a name that is not CSS after all: no match, another form is tried
  }
}

export function firstIs($: CheerioAPI, css: string, el: Element): boolean {
  return matches($, css)[0] === el;
}

export function onlyIs($: CheerioAPI, css: string, el: Element): boolean {
  const found = matches($, css);
  return found.length === 1 && found[0] === el;
}

export function countOf($: CheerioAPI, css: string): number {
  return matches($, css).length;
}

/** `#id` when the page has one element with that stable id. */
export function idSelector($: CheerioAPI, el: Element): string | undefined {
  const id = stableId(el);
  return id && onlyIs($, `#${id}`, el) ? `#${id}` : undefined;
}

/** Ancestors that name a region of the page, nearest first, as CSS. */
export function anchors($: CheerioAPI, el: Element): string[] {
  const out: string[] = [];
  let node = el.parent;
  for (let depth = 0; isElement(node) && depth < MAX_ANCHOR_DEPTH; depth++, node = node.parent) {
    if (node.name === 'body' || node.name === 'html') break;
    const id = idSelector($, node);
    if (id) {
      out.push(id);
      break; // an id names the region; nothing above it says more
    }
    if (stableClasses(node).length) out.push(compound(node)!);
  }
  return out;
}

/** `:containsOwn(作者)` for an element whose own text starts with a label; `:containsOwn(下一页)` for a link's few words. */
export function textPseudo(el: Element): string {
  const text = ownText(el);
  const label = LABEL.exec(text)?.[1];
  if (label) return `:containsOwn(${label})`;
  return el.name === 'a' && LINK_WORDS.test(text) ? `:containsOwn(${text})` : '';
}

/** `body > div:nth-of-type(2) > p`: the tag path from `from` (or body) down, positions only where a tag repeats. */
export function tagPath(el: Element, from?: Element): string | undefined {
  const steps: string[] = [];
  let node: Element = el;
  while (node !== from && isElement(node.parent)) {
    const tag = tagName(node);
    if (!tag) return undefined;
    const parent: Element = node.parent;
    const same = parent.children.filter((child): child is Element => isElement(child) && child.name === node.name);
    steps.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
    if (parent.name === 'body' && !from) {
      steps.unshift('body');
      break;
    }
    node = parent;
  }
  return steps.length ? steps.join(' > ') : undefined;
}

/** A selector whose first match is `el`; undefined only for elements CSS cannot name. */
export function firstMatchSelector($: CheerioAPI, el: Element): string | undefined {
  const id = idSelector($, el);
  if (id) return id;
  const own = compound(el);
  if (!own) return undefined;
  const label = textPseudo(el);
  const tails = label ? [own, own + label] : [own];
  // A region the page names by id is the surest anchor; then the element alone; then a class.
  const around = anchors($, el);
  const ordered = [
    ...around.filter((a) => a.startsWith('#')).map((a) => `${a} `),
    '',
    ...around.filter((a) => !a.startsWith('#')).map((a) => `${a} `),
  ];
  for (const anchor of ordered) {
    for (const tail of tails) {
      const css = anchor + tail;
      if (firstIs($, css, el)) return css;
    }
  }
  // One position, at the last step, under the nearest anchor when there is one.
  const parent = el.parent;
  if (isElement(parent)) {
    const same = parent.children.filter((child): child is Element => isElement(child) && child.name === el.name);
    const positioned = `${compound(el, false)}:nth-of-type(${same.indexOf(el) + 1})`;
    const parentCss = parent.name === 'body' ? 'body' : (idSelector($, parent) ?? firstMatchSelector($, parent));
    if (parentCss) {
      const css = `${parentCss} > ${positioned}`;
      if (firstIs($, css, el)) return css;
    }
  }
  return tagPath(el);
}
