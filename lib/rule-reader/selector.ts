// The selector mini-language of source rules (docs/contract.md §7): `css[@what][##regex##replacement]`.
// Rules are user data, so bad syntax becomes an `invalid_source` error naming the selector,
// never a crash deep inside a download.

import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { AppError } from '../errors';
import { compileRuleRegex, RuleRegexError, type RuleRegex } from '../source-rules/rule-regex';
import { elementText } from '../text/paragraphs';
import { resolveUrl } from '../url';
import { loadHtml } from './html';

export interface ParsedSelector {
  css: string;
  /** `text`, `html`, or an attribute name (`href`, `src`, `value`, `data-src`, ...). */
  what: string;
  /** Applied to each result, every match replaced; `replacement` then defaults to ''. */
  regex?: RuleRegex;
  replacement?: string;
}

const ATTRIBUTE_NAME = /^[a-z_:][-a-z0-9_:.]*$/i;
// Attributes whose values are links: resolved against the page so callers always get absolute URLs.
const URL_ATTRIBUTES = new Set(['href', 'src']);

/**
 * Positions of `@` and `##` outside brackets, parentheses and quotes, so that
 * `a[href*="@"]` or `a[title="##"]` stay CSS.
 */
function scan(s: string): { at: number[]; hashes: number } {
  const at: number[] = [];
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++; // a CSS escape: the next char is literal
    } else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '(') {
      depth++;
    } else if (c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && c === '#' && s[i + 1] === '#') {
      return { at, hashes: i };
    } else if (depth === 0 && c === '@') {
      at.push(i);
    }
  }
  return { at, hashes: -1 };
}

let emptyDocument: CheerioAPI | undefined;

/** Lets css-select compile the CSS now, so a typo fails at import rather than mid-download. */
export function checkCss(css: string, selector: string): void {
  emptyDocument ??= loadHtml('');
  try {
    emptyDocument(css);
  } catch (error) {
    throw new AppError(
      'invalid_source',
      `The selector "${selector}" has invalid CSS "${css}": ${(error as Error).message}.`,
    );
  }
}

function compileRegex(source: string, selector: string): RuleRegex {
  try {
    return compileRuleRegex(source);
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    throw new AppError('invalid_source', `The selector "${selector}" has a regex "${source}" that ${error.message}.`);
  }
}

function parse(selector: string): ParsedSelector {
  if (typeof selector !== 'string' || !selector.trim()) {
    throw new AppError('invalid_source', `A selector must be a non-empty string, got ${JSON.stringify(selector)}.`);
  }
  const { at, hashes } = scan(selector);
  const head = hashes < 0 ? selector : selector.slice(0, hashes);
  const lastAt = at[at.length - 1];
  const css = (lastAt === undefined ? head : head.slice(0, lastAt)).trim();
  const what =
    lastAt === undefined
      ? 'text'
      : head
          .slice(lastAt + 1)
          .trim()
          .toLowerCase();
  if (!css) throw new AppError('invalid_source', `The selector "${selector}" has no CSS part before "@" or "##".`);
  if (!ATTRIBUTE_NAME.test(what)) {
    throw new AppError(
      'invalid_source',
      `The selector "${selector}" asks for "@${what}", which is not text, html or an attribute name.`,
    );
  }
  checkCss(css, selector);
  if (hashes < 0) return { css, what };
  const tail = selector.slice(hashes + 2);
  const split = tail.indexOf('##');
  const source = split < 0 ? tail : tail.slice(0, split);
  const replacement = split < 0 ? '' : tail.slice(split + 2);
  if (!source) throw new AppError('invalid_source', `The selector "${selector}" has an empty regex after "##".`);
  return { css, what, regex: compileRegex(source, selector), replacement };
}

// Rules are few and reused for every page of a book: parse each selector once.
const cache = new Map<string, ParsedSelector>();

/** Throws AppError('invalid_source') on bad syntax, CSS or regex. */
export function parseSelector(selector: string): ParsedSelector {
  let parsed = cache.get(selector);
  if (!parsed) {
    parsed = Object.freeze(parse(selector)); // shared by every caller: nobody may edit it
    cache.set(selector, parsed);
  }
  return parsed;
}

/**
 * What one element yields: the regex sees the raw value as written in the page (what a rule
 * author looks at), then links are made absolute. Undefined when there is nothing.
 */
export function extractValue($: CheerioAPI, el: AnyNode, parsed: ParsedSelector, pageUrl: string): string | undefined {
  let value: string | undefined;
  if (parsed.what === 'text') value = elementText($, el);
  else if (parsed.what === 'html') value = $(el).html() ?? undefined;
  else value = (el as Element).attribs?.[parsed.what];
  if (value === undefined) return undefined;
  if (parsed.regex) value = parsed.regex.replace(value, parsed.replacement ?? '');
  value = value.trim();
  if (!value) return undefined;
  if (URL_ATTRIBUTES.has(parsed.what)) value = resolveUrl(value, pageUrl) ?? value;
  return value;
}

type Root = AnyNode | Cheerio<AnyNode> | null | undefined;

/**
 * The elements the CSS part matches, inside `root` or the whole document; with `withRoot`, `root`
 * itself first when it matches too (a selector read inside a chapter element).
 */
export function selectElements($: CheerioAPI, root: Root, css: string, withRoot = false): AnyNode[] {
  if (!root) return $(css).toArray();
  const inside = $(root).find(css).toArray();
  return withRoot ? [...$(root).filter(css).toArray(), ...inside] : inside;
}

/** Every non-empty result, in document order. */
export function selectAll($: CheerioAPI, root: Root, selector: string, pageUrl: string, withRoot = false): string[] {
  const parsed = parseSelector(selector);
  const out: string[] = [];
  for (const el of selectElements($, root, parsed.css, withRoot)) {
    const value = extractValue($, el, parsed, pageUrl);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** The first non-empty result, or undefined when nothing matches. */
export function selectFirst(
  $: CheerioAPI,
  root: Root,
  selector: string,
  pageUrl: string,
  withRoot = false,
): string | undefined {
  const parsed = parseSelector(selector);
  for (const el of selectElements($, root, parsed.css, withRoot)) {
    const value = extractValue($, el, parsed, pageUrl);
    if (value !== undefined) return value;
  }
  return undefined;
}
