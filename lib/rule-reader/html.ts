// How the rule reader parses a page, and the small text views of one element that query
// selectors take (`ownText`, `textNodes`). Every page a rule reads is loaded here, so the CSS
// of every selector understands the same pseudo-classes, `:containsOwn(text)` among them.

import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';

// ASCII whitespace and no-break spaces run together as one space, as JSoup normalises text.
const RUNS = /[\s\u00a0]+/g;

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** The element's own text, outside its child elements; `<br>` counts as a space. */
export function ownText(node: AnyNode): string {
  if (!isElement(node)) return node.type === 'text' ? node.data.replace(RUNS, ' ').trim() : '';
  let out = '';
  for (const child of node.children) {
    if (child.type === 'text') out += child.data;
    else if (isElement(child) && child.name.toLowerCase() === 'br') out += ' ';
  }
  return out.replace(RUNS, ' ').trim();
}

/** Each text node directly inside the element, trimmed, on its own line; empty ones left out. */
export function textNodes(node: AnyNode): string {
  if (!isElement(node)) return ownText(node);
  return node.children
    .flatMap((child) => (child.type === 'text' ? [child.data.replace(RUNS, ' ').trim()] : []))
    .filter(Boolean)
    .join('\n');
}

/** The argument of a text pseudo-class as written: quotes around it are not part of the text. */
function pseudoText(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  const quoted = /^(["'])([\s\S]*)\1$/.exec(text);
  return (quoted ? quoted[2]! : text).replace(RUNS, ' ').trim().toLowerCase();
}

/**
 * Pseudo-classes beyond css-select's own. `:containsOwn(text)`: the element's own text contains
 * `text`, ignoring case (as JSoup and legado read it).
 */
const PSEUDOS = {
  containsown: (el: Element, value?: string | null) => ownText(el).toLowerCase().includes(pseudoText(value)),
};

/** A page as the rule reader sees it. */
export function loadHtml(html: string): CheerioAPI {
  return load(html, { pseudos: PSEUDOS });
}
