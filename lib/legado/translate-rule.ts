// One legado rule (a string of legado's rule language) as one of our query selectors, read the
// way legado reads it for that field — or a LegadoRuleError saying why it cannot be. The layers,
// outermost first, as legado's reader peels them: scripts and templates (refused), the mode
// prefix (`@css:`, `@@`, `@XPath:`/`//`, `@Json:`/`$.`), `##regex##replacement[###]`, then
// `&&`/`||`/`%%` alternatives, then each alternative's chain of `@` steps and what it takes.

import type { LegadoIssueCode, QueryPath, Replacement, SelectorQuery } from '../contract';
import { legadoReplacement, UnsupportedRegex } from './java-regex';
import { jsoupCss, UnsupportedCss } from './jsoup-css';
import { jsoupStep } from './jsoup-step';
import { splitAlternatives, splitChain, UnbalancedRule, type Combinator } from './split-rule';
import { UnsupportedXPath, xpathPath } from './xpath';

/**
 * What a field reads: one text or link on the page, a list of links, the chapter elements, or a
 * text or link inside one chapter element.
 */
export type RuleKind = 'text' | 'link' | 'list' | 'elements' | 'item-text' | 'item-link';

export class LegadoRuleError extends Error {
  constructor(
    readonly code: LegadoIssueCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TranslatedRule {
  selector: SelectorQuery;
  /** A chapter list written `-…`: legado reverses it. */
  reverse?: boolean;
  notes: string[];
}

// Attribute names as pages write them (`href`, `data-src`, `xml:lang`); anything else after the
// last `@` is a selector legado would read as an attribute name and find nothing for.
const ATTRIBUTE_NAME = /^[a-z_][-a-z0-9_]*(?::[-a-z0-9_]+)?$/i;
const TAKES: Record<string, string> = {
  text: 'text',
  textnodes: 'textNodes',
  owntext: 'ownText',
  html: 'html',
  all: 'html',
};
const COMBINE: Record<Combinator, 'firstOf' | 'all' | 'zip'> = { '||': 'firstOf', '&&': 'all', '%%': 'zip' };

/** Refuses what only a script or the app's state can evaluate; strips `@put`, which only stores. */
function refuseScripts(rule: string, notes: string[]): string {
  const js = /<js>[\s\S]*?<\/js>|@js:/i.exec(rule);
  if (js) throw new LegadoRuleError('javascript', `uses JavaScript (${js[0].startsWith('<') ? '<js>' : '@js:'})`);
  if (rule.includes('{{'))
    throw new LegadoRuleError('template', 'uses a {{…}} template, which legado evaluates as JavaScript');
  if (/@get:\{/i.test(rule)) throw new LegadoRuleError('variables', 'uses @get: variables that another rule saves');
  if (/(?<![\w.-])java\.[A-Za-z]\w*\s*\(/.test(rule)) throw new LegadoRuleError('javascript', 'calls java. functions');
  // The URL option `"webView": true` (written into a link by a replacement).
  if (/["']?webView["']?\s*:/i.test(rule)) throw new LegadoRuleError('web-view', 'needs a web view');
  const stripped = rule.replace(/@put:\{[^}]+?\}/gi, '');
  if (stripped !== rule) notes.push('its @put: (a variable for other rules) is left out');
  return stripped.trim();
}

function unsupported(error: unknown): LegadoRuleError {
  if (error instanceof LegadoRuleError) return error;
  if (
    error instanceof UnsupportedCss ||
    error instanceof UnsupportedXPath ||
    error instanceof UnsupportedRegex ||
    error instanceof UnbalancedRule
  ) {
    return new LegadoRuleError('unsupported', `uses syntax this extension does not read: ${error.message}`);
  }
  throw error;
}

function takeOf(last: string): string {
  const known = TAKES[last.trim().toLowerCase()];
  if (known) return known;
  const take = last.trim().toLowerCase();
  if (!ATTRIBUTE_NAME.test(take))
    throw new UnsupportedCss(
      `"${last.trim()}" is not text, html or an attribute name, so legado reads nothing with it (is an "@" missing?)`,
    );
  return take;
}

function defaultPath(chain: string, kind: RuleKind): QueryPath {
  const segments = splitChain(chain).map((s) => s.trim());
  if (segments.some((s) => !s)) throw new UnsupportedCss(`"${chain}" has an empty step`);
  if (kind === 'elements') return { steps: segments.map(jsoupStep) };
  const take = takeOf(segments.pop()!);
  return { ...(segments.length ? { steps: segments.map(jsoupStep) } : {}), take };
}

function cssPath(rule: string, kind: RuleKind): QueryPath {
  if (kind === 'elements') return { steps: [{ css: jsoupCss(rule) }] };
  const at = rule.lastIndexOf('@');
  if (at < 0) throw new UnsupportedCss(`"@css:${rule}" does not say what to take after "@"`);
  return { steps: [{ css: jsoupCss(rule.slice(0, at)) }], take: takeOf(rule.slice(at + 1)) };
}

function modeOf(rule: string): { mode: 'default' | 'css' | 'xpath'; body: string } {
  if (/^@css:/i.test(rule)) return { mode: 'css', body: rule.slice(5).trim() };
  if (rule.startsWith('@@')) return { mode: 'default', body: rule.slice(2) };
  if (/^@xpath:/i.test(rule)) return { mode: 'xpath', body: rule.slice(7) };
  if (/^@json:/i.test(rule) || rule.startsWith('$.') || rule.startsWith('$[')) {
    throw new LegadoRuleError('json-path', 'uses JSONPath: it reads a JSON API, not a page');
  }
  if (rule.startsWith('/')) return { mode: 'xpath', body: rule };
  return { mode: 'default', body: rule };
}

function pathsOf(body: string, mode: 'default' | 'css' | 'xpath', kind: RuleKind): SelectorQuery {
  const { parts, combinator } = splitAlternatives(body);
  const paths = parts.map((part) => {
    const text = part.trim();
    if (!text) throw new UnsupportedCss(`"${body}" has an empty alternative`);
    if (mode === 'css') return cssPath(text, kind);
    if (mode === 'xpath') {
      const path = xpathPath(text, kind !== 'item-text' && kind !== 'item-link');
      return kind === 'elements' ? { steps: path.steps ?? [] } : path;
    }
    return defaultPath(text, kind);
  });
  return combinator ? ({ [COMBINE[combinator]]: paths } as SelectorQuery) : paths[0]!;
}

/** Our selector for a legado rule read as `kind`; throws LegadoRuleError. */
export function translateRule(raw: string, kind: RuleKind): TranslatedRule {
  const notes: string[] = [];
  let rule = refuseScripts(raw, notes);
  let reverse = false;
  if (kind === 'elements') {
    if (rule.startsWith('-')) {
      reverse = true;
      rule = rule.slice(1);
    }
    if (rule.startsWith('+')) rule = rule.slice(1);
    if (rule.startsWith(':')) throw new LegadoRuleError('regex-list', 'reads the list with an all-in-one regex (":…")');
  }
  try {
    const { mode, body: withRegex } = modeOf(rule.trim());
    const [body = '', regex, replacement = '', ...more] = withRegex.split('##');
    if (/\$\d{1,2}/.test(body) && mode !== 'xpath')
      throw new LegadoRuleError('regex-list', 'takes $1-style groups of an all-in-one regex list');
    let replace: Replacement[] | undefined;
    if (regex !== undefined) {
      if (kind === 'elements') notes.push('its ##… part is left out, as legado ignores it on a list');
      else replace = [legadoReplacement(regex, replacement, more.length > 0)];
    }
    let selector: SelectorQuery;
    if (body.trim()) selector = pathsOf(body.trim(), mode, kind);
    else if (replace && kind !== 'elements')
      selector = { take: 'html' }; // `##…` alone reads the page (or element) source
    else throw new LegadoRuleError('missing', 'is empty');
    if (replace) selector = { ...selector, replace };
    return { selector, ...(reverse ? { reverse } : {}), notes };
  } catch (error) {
    throw unsupported(error);
  }
}
