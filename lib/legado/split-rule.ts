// Splitting a legado rule the way its reader does: at `&&`, `||` or `%%` (whichever comes first
// sets the kind; the others are then plain text) and at `@` between the steps of a chain, but
// never inside `[…]` or `(…)`, where CSS, XPath and indexes keep those characters as their own.

export type Combinator = '&&' | '||' | '%%';

export class UnbalancedRule extends Error {}

/** Where each top-level position of `rule` sits: outside any `[…]`/`(…)` group or not. */
function topLevel(rule: string): boolean[] {
  const top: boolean[] = [];
  const closers: string[] = [];
  let quote = '';
  for (let i = 0; i < rule.length; i++) {
    const c = rule[i]!;
    top[i] = closers.length === 0;
    if (closers.length === 0) {
      if (c === '[') closers.push(']');
      else if (c === '(') closers.push(')');
      continue;
    }
    // Inside a group quotes hold brackets, and a backslash outside quotes escapes the next character.
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '\\') {
      top[++i] = false;
    } else if (c === '[') {
      closers.push(']');
    } else if (c === '(') {
      closers.push(')');
    } else if (c === closers[closers.length - 1]) {
      closers.pop();
    }
  }
  if (closers.length || quote)
    throw new UnbalancedRule(`"${rule}" has a "${closers[0] ?? quote}" that is never closed`);
  return top;
}

function splitAt(rule: string, top: boolean[], separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= rule.length - separator.length; i++) {
    if (top[i] && rule.startsWith(separator, i)) {
      parts.push(rule.slice(start, i));
      i += separator.length - 1;
      start = i + 1;
    }
  }
  parts.push(rule.slice(start));
  return parts;
}

/** The alternatives of a rule and how they combine; one part and no combinator when there are none. */
export function splitAlternatives(rule: string): { parts: string[]; combinator?: Combinator } {
  const top = topLevel(rule);
  for (let i = 0; i < rule.length - 1; i++) {
    if (!top[i]) continue;
    const two = rule.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '%%') return { parts: splitAt(rule, top, two), combinator: two };
  }
  return { parts: [rule] };
}

/** The steps of a default-syntax chain, leading `@` and blanks dropped. */
export function splitChain(rule: string): string[] {
  const trimmed = rule.replace(/^[@\s]+/, '');
  return splitAt(trimmed, topLevel(trimmed), '@');
}
