// Which parts of an element make a selector that still fits the site's next page: ids and
// classes that name what a thing is ("content", "chapter-list"), not where it happens to be
// ("post-81723", "odd", "active") nor what a CSS build tool called it ("sc-bdVaJa", "title_x8k2p").

import type { AnyNode, Element } from 'domhandler';

const IDENTIFIER = /^[A-Za-z][\w-]*$/;
const TAG = /^[a-z][a-z0-9-]*$/;
// A number of three digits or more belongs to one book, chapter or post.
const NUMBERED = /\d{3,}/;
// Prefixes of generated class names (styled-components, styled-jsx, emotion, Svelte).
const GENERATED_PREFIX = /^(?:css|sc|jsx|emotion|svelte|tw)-/i;
// A part of a class that mixes letters and digits over five characters is a hash: `title_x8k2p`.
const HASH_PART = /^(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}$/i;
// Classes that say how a thing looks or what state it is in, which the same kind of thing on the
// next row or the next page may not share.
const STATE_WORDS = new Set([
  'active',
  'current',
  'cur',
  'on',
  'selected',
  'hover',
  'focus',
  'odd',
  'even',
  'first',
  'last',
  'clearfix',
  'clear',
  'hidden',
  'hide',
  'show',
  'open',
  'visible',
  'fl',
  'fr',
  'left',
  'right',
  'pull-left',
  'pull-right',
  'new',
  'read',
  'visited',
  'disabled',
  'is-active',
  'is-current',
  'highlight',
  'center',
]);

export function isElement(node: AnyNode | null | undefined): node is Element {
  return node?.type === 'tag';
}

/** The element's tag as CSS can name it, or undefined for names CSS would need escapes for. */
export function tagName(el: Element): string | undefined {
  const name = el.name.toLowerCase();
  return TAG.test(name) ? name : undefined;
}

function isStableName(name: string): boolean {
  if (!IDENTIFIER.test(name) || name.length > 40 || NUMBERED.test(name) || GENERATED_PREFIX.test(name)) return false;
  return !name.split(/[-_]+/).some((part) => HASH_PART.test(part));
}

/** The id when it names the element's role rather than one page's item. */
export function stableId(el: Element): string | undefined {
  const id = el.attribs.id?.trim();
  return id && isStableName(id) ? id : undefined;
}

/** The classes that name what the element is, in the page's order. */
export function stableClasses(el: Element): string[] {
  const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
  return [...new Set(classes)].filter((name) => isStableName(name) && !STATE_WORDS.has(name.toLowerCase()));
}

/** `tag.class.class`: the tag and up to two stable classes. */
export function compound(el: Element, withClasses = true): string | undefined {
  const tag = tagName(el);
  if (!tag) return undefined;
  const classes = withClasses ? stableClasses(el).slice(0, 2) : [];
  return tag + classes.map((name) => `.${name}`).join('');
}

/** The element's own text outside its children: where a label such as "作者：" sits. */
export function ownText(el: Element): string {
  return el.children
    .map((child) => (child.type === 'text' ? child.data : ''))
    .join('')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** The element children of a node. */
export function childElements(node: AnyNode): Element[] {
  return 'children' in node ? (node.children as AnyNode[]).filter(isElement) : [];
}
