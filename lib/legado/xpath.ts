// The simple XPath legado sources use (read by JsoupXpath), as one CSS step and what to take:
//   //meta[@property='og:novel:author']/@content   → meta[property="og:novel:author"], take content
//   //div[@id="list"]/dl/dt[last()]/following-sibling::dd/a
//                                                   → div[id="list"] > dl > dt:last-of-type ~ dd > a
// Steps: `//` (anywhere inside), `/` (a child), `following-sibling::`, `*`, `.`; predicates:
// positions (`[2]`, `[-1]`, `[last()]`, `[last()-1]`, counted among same-tag siblings as
// JsoupXpath does), `@a`, `@a='v'`, `@a!='v'`, `contains(@a,'v')`, `starts-with(@a,'v')`,
// `not(…)`, `and`. Endings: `/@attr`, `/text()`, `//text()`, `/html()`, `/outerHtml()`,
// `/allText()`; none means the element's HTML. Anything else is refused by name.

import type { QueryPath } from '../contract';
import { cssString } from './jsoup-css';

export class UnsupportedXPath extends Error {}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?|^\*/;
const ENDINGS: Record<string, string> = {
  'text()': 'textNodes',
  'html()': 'html',
  'outerHtml()': 'html',
  'allText()': 'text',
};

class Reader {
  pos = 0;
  constructor(readonly src: string) {}
  get rest(): string {
    return this.src.slice(this.pos);
  }
  skipSpace(): void {
    while (this.src[this.pos] === ' ') this.pos++;
  }
  eat(token: string): boolean {
    this.skipSpace();
    if (!this.rest.startsWith(token)) return false;
    this.pos += token.length;
    return true;
  }
  expect(token: string): void {
    if (!this.eat(token)) throw new UnsupportedXPath(`expected "${token}" at "${this.rest}" in ${this.src}`);
  }
  name(): string {
    this.skipSpace();
    const m = NAME.exec(this.rest);
    if (!m) throw new UnsupportedXPath(`expected a name at "${this.rest}" in ${this.src}`);
    this.pos += m[0].length;
    return m[0];
  }
  literal(): string {
    this.skipSpace();
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'")
      throw new UnsupportedXPath(`expected a quoted text at "${this.rest}" in ${this.src}`);
    const end = this.src.indexOf(quote, this.pos + 1);
    if (end < 0) throw new UnsupportedXPath(`a quote is never closed in ${this.src}`);
    const value = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }
  integer(): number | undefined {
    this.skipSpace();
    const m = /^-?\d+/.exec(this.rest);
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

function attribute(name: string, op: string, value: string): string {
  return `[${name}${op}${cssString(value)}]`;
}

/** One condition inside `[…]`, as CSS. */
function condition(r: Reader): string {
  const parts = [term(r)];
  while (r.eat(' and ') || r.eat('and ')) parts.push(term(r));
  return parts.join('');
}

function term(r: Reader): string {
  const position = r.integer();
  if (position !== undefined) {
    if (position === 0) throw new UnsupportedXPath(`position 0 names nothing in ${r.src}`);
    return position > 0 ? `:nth-of-type(${position})` : `:nth-last-of-type(${-position})`;
  }
  if (r.eat('last()')) {
    if (!r.eat('-')) return ':last-of-type';
    const back = r.integer();
    if (back === undefined || back < 0) throw new UnsupportedXPath(`expected a number after "last()-" in ${r.src}`);
    return `:nth-last-of-type(${back + 1})`;
  }
  if (r.eat('not(')) {
    const inner = condition(r);
    r.expect(')');
    return `:not(${inner})`;
  }
  for (const [fn, op] of [
    ['contains(', '*='],
    ['starts-with(', '^='],
  ] as const) {
    if (!r.eat(fn)) continue;
    r.expect('@');
    const name = r.name();
    r.expect(',');
    const value = r.literal();
    r.expect(')');
    return attribute(name, op, value);
  }
  if (r.eat('@')) {
    const name = r.name();
    if (r.eat('!=')) return `:not(${attribute(name, '=', r.literal())})`;
    if (r.eat('=')) return attribute(name, '=', r.literal());
    return `[${name}]`;
  }
  throw new UnsupportedXPath(`the predicate "${r.rest.split(']')[0]}" is not supported in ${r.src}`);
}

/**
 * The query path for an XPath. `atPage`: it is read on a whole page (a leading `/` is the
 * document's root element), not inside a chapter element (where it is that element's child).
 */
export function xpathPath(xpath: string, atPage: boolean): QueryPath {
  const r = new Reader(xpath.trim());
  let css = '';
  let take: string | undefined;
  let first = true;
  while (r.pos < r.src.length) {
    const separator = r.eat('//') ? '//' : r.eat('/') ? '/' : '';
    if (!first && !separator) throw new UnsupportedXPath(`expected "/" at "${r.rest}" in ${xpath}`);
    if (r.eat('@')) {
      take = r.name().toLowerCase();
      break;
    }
    const ending = Object.keys(ENDINGS).find((e) => r.rest.startsWith(e));
    if (ending) {
      r.pos += ending.length;
      take = separator === '//' && ending === 'text()' ? 'text' : ENDINGS[ending];
      break;
    }
    if (r.eat('.')) {
      if (r.rest.startsWith('.')) throw new UnsupportedXPath(`".." (a parent) is not supported in ${xpath}`);
      first = false;
      continue;
    }
    // How this step relates to the one before: anywhere inside it, its child, or a later sibling.
    let prefix: string;
    let root = false;
    if (first) {
      root = atPage && separator === '/';
      prefix = separator === '//' || (atPage && separator === '') || root ? '' : '> ';
    } else {
      prefix = separator === '//' ? ' ' : ' > ';
    }
    if (r.eat('following-sibling::')) {
      if (first) throw new UnsupportedXPath(`following-sibling:: needs a step before it in ${xpath}`);
      prefix = ' ~ ';
    } else if (!r.eat('child::') && /^[a-z-]+::/.test(r.rest)) {
      throw new UnsupportedXPath(`the axis "${r.rest.split('::')[0]}::" is not supported in ${xpath}`);
    }
    first = false;
    const name = r.name();
    let step = name === '*' ? '*' : name.toLowerCase();
    while (r.eat('[')) {
      step += condition(r);
      r.expect(']');
    }
    css += prefix + step + (root ? ':root' : '');
  }
  if (r.pos < r.src.length) throw new UnsupportedXPath(`"${r.rest}" after the end of ${xpath} is not supported`);
  const trimmed = css.trim();
  if (!trimmed && take === undefined) throw new UnsupportedXPath(`${xpath} selects nothing`);
  return { ...(trimmed ? { steps: [{ css: trimmed }] } : {}), take: take ?? 'html' };
}
