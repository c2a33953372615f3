// JSoup's CSS dialect (what legado's `@css:` rules and CSS steps are written in) rewritten into
// the CSS our reader runs (css-select plus `:containsOwn`). Where the two read a selector
// differently, the meaning JSoup gives it wins:
//   :contains(x)         case-insensitive in JSoup       → :icontains(x)
//   :eq(n) :lt(n) :gt(n) the element's index among its siblings, not in the result list
//                                                        → :nth-child(…)
//   [a=v] [a^=v] …       values compared ignoring case   → [a="v" i] …
//   [a~=regex]           a regex search, not a word      → [a*="text"] when the regex is plain text
// What has no counterpart (`:matches(regex)`, `:containsData`, `[^prefix]`, …) is refused by name.

import { AttributeAction, parse, SelectorType, stringify, type Selector as CssToken } from 'css-what';
import { checkCss } from '../rule-reader/selector';

export class UnsupportedCss extends Error {}

const REFUSED_PSEUDOS = new Set([
  'matches',
  'matchesown',
  'matcheswholetext',
  'matcheswholeowntext',
  'containsdata',
  'containswholetext',
  'containswholeowntext',
  'matchtext',
]);
const REGEX_META = /[\\^$.|?*+()[\]{}]/;

function positional(name: string, data: string): CssToken {
  const n = Number(data.trim());
  if (!Number.isInteger(n) || n < 0) throw new UnsupportedCss(`:${name}(${data}) needs a whole number`);
  // JSoup counts siblings from 0; nth-child counts from 1.
  const css =
    name === 'eq'
      ? `:nth-child(${n + 1})`
      : name === 'gt'
        ? `:nth-child(n+${n + 2})`
        : n === 0
          ? ':not(*)'
          : `:nth-child(-n+${n})`;
  return parse(css)[0]![0]!;
}

function rewriteToken(token: CssToken): CssToken {
  if (token.type === SelectorType.Pseudo) {
    const name = token.name.toLowerCase();
    if (REFUSED_PSEUDOS.has(name))
      throw new UnsupportedCss(`the JSoup pseudo-class :${token.name} has no counterpart here`);
    if (Array.isArray(token.data)) return { ...token, data: token.data.map((list) => list.map(rewriteToken)) };
    const data = token.data ?? '';
    if (name === 'contains') return { ...token, name: 'icontains', data: data.trim() };
    if (name === 'containsown') return { ...token, name: 'containsOwn', data: data.trim() };
    if (name === 'eq' || name === 'lt' || name === 'gt') return positional(name, data);
    return token;
  }
  if (token.type === SelectorType.Attribute) {
    // `#id` and `.class` come back as attributes with their own case rule: leave them be.
    if (token.ignoreCase === 'quirks') return token;
    if (token.action === AttributeAction.Element) {
      if (REGEX_META.test(token.value)) throw new UnsupportedCss(`[${token.name}~=${token.value}] is a regex in JSoup`);
      return { ...token, action: AttributeAction.Any, ignoreCase: null };
    }
    if (token.action === AttributeAction.Exists) return token;
    return { ...token, ignoreCase: true };
  }
  return token;
}

/** Our CSS for a JSoup selector; throws UnsupportedCss naming what it cannot say. */
export function jsoupCss(css: string): string {
  const source = css.trim();
  if (/\[\s*\^/.test(source)) throw new UnsupportedCss(`"${source}" uses JSoup's [^prefix] attribute-name selector`);
  let tokens: CssToken[][];
  try {
    tokens = parse(source);
  } catch (error) {
    throw new UnsupportedCss(`"${source}" is not CSS this extension reads: ${(error as Error).message}`);
  }
  const ours = stringify(tokens.map((list) => list.map(rewriteToken)));
  try {
    checkCss(ours, source);
  } catch (error) {
    throw new UnsupportedCss((error as Error).message.replace(/\.$/, ''));
  }
  return ours;
}

/** `text` as a CSS identifier (a class or id name). */
export function cssIdentifier(text: string): string {
  return [...text]
    .map((c, i) => {
      if (/[A-Za-z_\u0080-\uffff-]/.test(c) && !(i === 0 && c === '-' && text.length === 1)) return c;
      if (/[0-9]/.test(c)) return i === 0 ? `\\3${c} ` : c;
      return `\\${c}`;
    })
    .join('');
}

/** `text` as a quoted CSS string. */
export function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

// cheerio's jQuery-style positions count in the result list; JSoup has no such pseudo-classes.
const JQUERY_POSITIONS = new Set(['eq', 'first', 'last', 'gt', 'lt', 'even', 'odd', 'nth']);

function exportToken(token: CssToken): CssToken {
  if (token.type === SelectorType.Pseudo) {
    if (JQUERY_POSITIONS.has(token.name))
      throw new UnsupportedCss(`the position :${token.name} counts in the result list, which JSoup cannot say`);
    if (Array.isArray(token.data)) return { ...token, data: token.data.map((list) => list.map(exportToken)) };
    if (token.name === 'icontains') return { ...token, name: 'contains' };
    return token;
  }
  // JSoup compares attribute values ignoring case already, and knows no ` i` flag.
  if (token.type === SelectorType.Attribute && token.ignoreCase === true) return { ...token, ignoreCase: null };
  return token;
}

/** JSoup CSS for our CSS (the way back of jsoupCss); throws UnsupportedCss. */
export function exportCss(css: string): string {
  const out = stringify(parse(css.trim()).map((list) => list.map(exportToken)));
  // css-what writes pseudo-class names in lower case; JSoup spells its own in camel case.
  return out.replace(/:containsown\(/g, ':containsOwn(');
}
