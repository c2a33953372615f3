// One step of legado's default rule syntax (between two `@`) as one query step. A step names
// what to find inside the current element — `class.x`, `tag.x`, `id.x`, `text.x` (own text
// contains x), `children`, or JSoup CSS — and optionally which of them to keep:
//   legacy positions  `tag.li.0`, `tag.li.-1`, `tag.li.0:2:5` (a list), `tag.li!0` (all but)
//   bracket positions `tag.li[0]`, `tag.li[-1:0]` (a range, backwards), `tag.li[1:9:2]`,
//                     `tag.li[!0, -1]`, `[0]` alone (the children)
// Read from the end, as legado does: a suffix that is not a position list leaves the whole step
// CSS (`a[href]`).

import type { Position, QueryStep } from '../contract';
import { cssIdentifier, cssString, jsoupCss, UnsupportedCss } from './jsoup-css';

interface Positions {
  /** What comes before the positions. */
  before: string;
  mode: 'pick' | 'drop' | 'none';
  positions: Position[];
}

const NONE = (before: string): Positions => ({ before, mode: 'none', positions: [] });

/** `a.0`, `a.-1:3`, `a!0`: numbers separated by `:`, after a `.` (keep) or `!` (drop). */
function legacyPositions(step: string): Positions {
  const found: number[] = [];
  let digits = '';
  let minus = false;
  for (let i = step.length - 1; i >= 0; i--) {
    const c = step[i]!;
    if (c === ' ') continue;
    if (c >= '0' && c <= '9') digits = c + digits;
    else if (c === '-') minus = true;
    else if (c === '.' || c === '!' || c === ':') {
      if (!digits) return NONE(step);
      found.unshift(minus ? -Number(digits) : Number(digits));
      if (c !== ':') return { before: step.slice(0, i), mode: c === '!' ? 'drop' : 'pick', positions: found };
      digits = '';
      minus = false;
    } else break;
  }
  return NONE(step);
}

/** `a[0]`, `a[-1:0]`, `a[1:9:2, -1]`, `a[!0]`: a bracket of positions and ranges at the end. */
function bracketPositions(step: string): Positions {
  const found: Position[] = [];
  let parts: (number | undefined)[] = [];
  let digits = '';
  let minus = false;
  for (let i = step.length - 2; i >= 0; i--) {
    let c = step[i]!;
    if (c === ' ') continue;
    if (c >= '0' && c <= '9') {
      digits = c + digits;
      continue;
    }
    if (c === '-') {
      minus = true;
      continue;
    }
    const current = digits ? (minus ? -Number(digits) : Number(digits)) : undefined;
    digits = '';
    minus = false;
    if (c === ':') {
      parts.push(current);
      continue;
    }
    if (parts.length === 0) {
      if (current === undefined) return NONE(step);
      found.unshift(current);
    } else {
      // Read backwards: the last part pushed is the range's end, a first of two is its step.
      const range: { from?: number; to?: number; step?: number } = {};
      if (current !== undefined) range.from = current;
      const to = parts[parts.length - 1];
      if (to !== undefined) range.to = to;
      if (parts.length === 2 && parts[0] !== undefined && parts[0] !== 1) range.step = parts[0];
      if (parts.length > 2 || (parts.length === 2 && parts[0] === undefined)) return NONE(step);
      found.unshift(range);
      parts = [];
    }
    let drop = false;
    if (c === '!') {
      drop = true;
      do c = step[--i] ?? '';
      while (i > 0 && c === ' ');
    }
    if (c === '[') return { before: step.slice(0, i), mode: drop ? 'drop' : 'pick', positions: found };
    if (c !== ',' || drop) return NONE(step);
  }
  return NONE(step);
}

/** The CSS a step's head stands for. */
function headCss(before: string): string {
  const head = before.trim();
  if (!head) return '> *';
  const [kind, name] = head.split('.');
  switch (kind) {
    case 'children':
      return '> *';
    case 'class':
    case 'tag':
    case 'id':
    case 'text':
      if (!name) throw new UnsupportedCss(`"${head}" names no ${kind}`);
      if (kind === 'class') return `.${cssIdentifier(name)}`;
      if (kind === 'id') return `#${cssIdentifier(name)}`;
      if (kind === 'tag') {
        if (!/^[a-z][a-z0-9-]*$/i.test(name)) throw new UnsupportedCss(`"${name}" is not a tag name`);
        return name.toLowerCase();
      }
      return `:containsOwn(${/^[^()"'\\]+$/.test(name) ? name : cssString(name)})`;
    default:
      return jsoupCss(head);
  }
}

/** The query step for one step of a default-syntax chain; throws UnsupportedCss. */
export function jsoupStep(step: string): QueryStep {
  const text = step.trim();
  const parsed = text.endsWith(']') ? bracketPositions(text) : legacyPositions(text);
  for (const position of parsed.positions) {
    if (typeof position === 'object' && position.step !== undefined && position.step < 1) {
      throw new UnsupportedCss(
        `the range step ${position.step} in "${text}" counts from the list's length, which is not supported`,
      );
    }
  }
  const css = headCss(parsed.before);
  if (parsed.mode === 'pick') return { css, pick: parsed.positions };
  if (parsed.mode === 'drop') return { css, drop: parsed.positions };
  return { css };
}
