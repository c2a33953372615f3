// Where an element sits in its document, as the indexes of element children from <html> down.
// The page's script finds a clicked element's path in the live page; the rule builder's panel
// finds the same element in its copy of the page (the page's markup as the browser serialised
// it), and sends back the paths of what a selector matches so the page can outline them.

import type { AnyNode, Element as NodeElement } from 'domhandler';
import type { ElementPath } from '../contract';

export type { ElementPath };

// A path deeper than any page nests its elements is not one to follow.
export const MAX_PATH_DEPTH = 4096;
/** The largest page markup the picker sends the panel (characters): what a page may cost it. */
export const MAX_SNAPSHOT = 5_000_000;

/** Whether a value from another frame is a path: a short list of small whole numbers. */
export function isElementPath(value: unknown): value is ElementPath {
  return (
    Array.isArray(value) &&
    value.length <= MAX_PATH_DEPTH &&
    value.every((n) => Number.isInteger(n) && n >= 0 && n < 1_000_000)
  );
}

function elementChildren(node: AnyNode): NodeElement[] {
  return 'children' in node
    ? (node.children as AnyNode[]).filter(
        (child): child is NodeElement => child.type === 'tag' || child.type === 'script' || child.type === 'style',
      )
    : [];
}

/** The path of a parsed element, from the document's <html>; undefined outside it. */
export function nodePath(el: NodeElement): ElementPath | undefined {
  const path: number[] = [];
  let node: NodeElement = el;
  while (node.parent && node.parent.type !== 'root') {
    const parent = node.parent as NodeElement;
    path.unshift(elementChildren(parent).indexOf(node));
    node = parent;
  }
  return node.name === 'html' ? path : undefined;
}

/** The parsed element at a path under `html`, or undefined when the copy has no such element. */
export function nodeAt(html: NodeElement, path: ElementPath): NodeElement | undefined {
  let node: NodeElement | undefined = html;
  for (const index of path) node = node && elementChildren(node)[index];
  return node;
}

/** The path of a live element, from `document.documentElement`. */
export function domPath(el: Element): ElementPath | undefined {
  const path: number[] = [];
  let node = el;
  while (node.parentElement) {
    path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
    node = node.parentElement;
  }
  return node === el.ownerDocument.documentElement ? path : undefined;
}

/** The live element at a path, or undefined. */
export function domAt(root: Element, path: ElementPath): Element | undefined {
  let node: Element | undefined = root;
  for (const index of path) node = node?.children[index];
  return node;
}
