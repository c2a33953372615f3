// Every regex a source rule brings (a selector's `##regex##`, `chapter.purify`, a query's and
// `chapter.replace`'s replacements, and so every regex a legado source is translated into) runs
// here, in RE2 (re2js): time linear in the text whatever the pattern, because a JavaScript RegExp cannot
// be stopped once it runs and an MV3 service worker cannot start a Worker to run it in. A rule
// such as `\s*\s*\s*\s*x` on a line of 400 ideographic spaces would otherwise freeze the worker.
//
// Rules are written in JavaScript's syntax (with the flags i, m, s and u at most), and mean what
// they mean there: the pattern is translated, so `\s` still takes U+3000 and `&nbsp;`, `.` still
// stops at any line end (without `s`), `\u3000`, `\u{…}` (with `u`) and `{` keep their
// JavaScript meaning; `i` folds case as RE2 does (Unicode's simple folding), and with `m`, `^` and
// `$` take \n alone as a line end (chapter text is one paragraph a line, split on \n). What a linear engine cannot do is refused
// at import, with a sentence: backreferences (`\1`, `\k<name>`) and lookahead (`(?=`, `(?!`);
// lookbehind without captures inside is kept. One extension: `\p{…}` is a Unicode class, as in
// RE2 and legado's rules (plain JavaScript would read it as the letter p).

import { RE2JS } from 're2js';

export interface RuleRegex {
  readonly source: string;
  /**
   * Every match replaced (only the first with `first`); `$1`, `$<name>`, `$&`, `` $` ``, `$'` and
   * `$$` as in String.replace.
   */
  replace(text: string, replacement: string, first?: 'first'): string;
  /** The text of the first match, or undefined when there is none. */
  firstMatch(text: string): string | undefined;
}

/** The flags a rule's regex may carry. */
export const RULE_REGEX_FLAGS = /^[imsu]*$/;

/** A rule's regex that cannot be used: `message` says why, in words a rule author acts on. */
export class RuleRegexError extends Error {
  override name = 'RuleRegexError';
}

// JavaScript's \s: ASCII whitespace, NBSP, the Unicode spaces, line and paragraph separators, BOM.
const SPACE_RANGES: Array<[number, number]> = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const MAX_CODE = 0x10ffff;

function complement(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE) out.push([next, MAX_CODE]);
  return out;
}

const hex = (code: number) => `\\x{${code.toString(16)}}`;
const classBody = (ranges: Array<[number, number]>) =>
  ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const SPACE = classBody(SPACE_RANGES);
const NOT_SPACE = classBody(complement(SPACE_RANGES));
const ANY = classBody([[0, MAX_CODE]]);
// JavaScript's `.`: anything but a line end.
const DOT = `[^${classBody([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
])}]`;

const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Translates a JavaScript pattern into RE2's syntax, or throws RuleRegexError. */
function translate(source: string, flags: string): string {
  const dot = flags.includes('s') ? `[${ANY}]` : DOT;
  const unicode = flags.includes('u');
  let out = '';
  let i = 0;
  const s = source;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      const [text, length] = escape(s, i, false, unicode);
      out += text;
      i += length;
    } else if (c === '[') {
      const [text, length] = characterClass(s, i, unicode);
      out += text;
      i += length;
    } else if (c === '(') {
      if (s.startsWith('(?=', i) || s.startsWith('(?!', i)) {
        throw new RuleRegexError(
          `uses a lookahead "${s.slice(i, i + 3)}…)", which the extension's regex engine does not support (it keeps every rule fast); match the text itself instead`,
        );
      }
      out += '(';
      i += 1;
    } else if (c === '.') {
      out += dot;
      i += 1;
    } else if (c === '{') {
      const quantifier = QUANTIFIER.exec(s.slice(i));
      out += quantifier ? quantifier[0] : '\\{';
      i += quantifier ? quantifier[0].length : 1;
    } else if (c === '}' || c === ']') {
      out += `\\${c}`;
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** One escape at `s[at] === '\\'`: its RE2 text and how many characters it took. */
function escape(s: string, at: number, inClass: boolean, unicode: boolean): [string, number] {
  const next = s[at + 1];
  if (next === undefined) throw new RuleRegexError('ends with a lone "\\"');
  switch (next) {
    case 's':
      return [inClass ? SPACE : `[${SPACE}]`, 2];
    case 'S':
      return [inClass ? NOT_SPACE : `[${NOT_SPACE}]`, 2];
    case 'b':
      return [inClass ? hex(8) : '\\b', 2];
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'B':
    case 't':
    case 'n':
    case 'r':
    case 'f':
    case 'v':
      return [`\\${next}`, 2];
    case 'u': {
      const point = unicode ? /^\{([0-9a-fA-F]{1,6})\}/.exec(s.slice(at + 2)) : null;
      if (point) return [hex(parseInt(point[1]!, 16)), 2 + point[0].length];
      const unit = /^[0-9a-fA-F]{4}/.exec(s.slice(at + 2));
      if (!unit) return ['u', 2];
      const code = parseInt(unit[0], 16);
      const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(s.slice(at + 6));
      if (code >= 0xd800 && code <= 0xdbff && low)
        return [hex(0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00)), 12];
      if (code >= 0xd800 && code <= 0xdfff)
        throw new RuleRegexError(
          `names half of a character ("\\u${unit[0]}"); write the whole character, or \\u escapes for both halves`,
        );
      return [hex(code), 6];
    }
    case 'x': {
      const byte = /^[0-9a-fA-F]{2}/.exec(s.slice(at + 2));
      return byte ? [hex(parseInt(byte[0], 16)), 4] : ['x', 2];
    }
    case 'c': {
      const letter = s[at + 2];
      return letter && /[A-Za-z]/.test(letter) ? [hex(letter.charCodeAt(0) % 32), 3] : ['\\\\c', 2];
    }
    case 'p':
    case 'P': {
      // `\p{Script=Han}` (JavaScript with u) and `\p{Han}` (RE2, legado) are one class to RE2.
      const named = /^\{(?:(Script|sc|General_Category|gc)=)?([A-Za-z_]+)\}/.exec(s.slice(at + 2));
      return named ? [`\\${next}{${named[2]}}`, 2 + named[0].length] : [`\\${next}`, 2];
    }
    case 'k':
      if (s[at + 2] === '<')
        throw new RuleRegexError(
          `uses a backreference "${s.slice(at, s.indexOf('>', at) + 1)}", which the extension's regex engine does not support (it keeps every rule fast)`,
        );
      return ['k', 2];
    default:
      break;
  }
  if (next === '0' && !/[0-9]/.test(s[at + 2] ?? '')) return [hex(0), 2];
  if (/[0-9]/.test(next)) {
    throw new RuleRegexError(
      `uses a backreference or octal escape "\\${next}", which the extension's regex engine does not support (it keeps every rule fast)`,
    );
  }
  if (ASCII_PUNCTUATION.test(next)) return [`\\${next}`, 2];
  // JavaScript reads any other escaped character (a letter, a CJK character) as itself.
  const char = String.fromCodePoint(s.codePointAt(at + 1)!);
  return [char, 1 + char.length];
}

/** A `[...]` class starting at `s[at]`: its RE2 text and length. */
function characterClass(s: string, at: number, unicode: boolean): [string, number] {
  let i = at + 1;
  const negated = s[i] === '^';
  if (negated) i += 1;
  // `[]` matches nothing and `[^]` anything, in JavaScript; RE2 reads `]` there as a character.
  if (s[i] === ']') return [negated ? `[${ANY}]` : `[^${ANY}]`, i + 1 - at];
  let body = '';
  while (i < s.length && s[i] !== ']') {
    if (s[i] === '\\') {
      const [text, length] = escape(s, i, true, unicode);
      body += text;
      i += length;
    } else if (s[i] === '[') {
      body += '\\[';
      i += 1;
    } else {
      body += s[i];
      i += 1;
    }
  }
  if (i >= s.length) throw new RuleRegexError('has a "[" without its "]"');
  return [`[${negated ? '^' : ''}${body}]`, i + 1 - at];
}

/** `replacement` for one match, with String.replace's `$` patterns. */
function expand(replacement: string, match: RegExpMatchArray, input: string): string {
  if (!replacement.includes('$')) return replacement;
  const index = match.index ?? 0;
  return replacement.replace(
    /\$(\$|&|`|'|<([^>]*)>|(\d\d?))/g,
    (whole, what: string, name: string | undefined, digits: string | undefined) => {
      if (what === '$') return '$';
      if (what === '&') return match[0];
      if (what === '`') return input.slice(0, index);
      if (what === "'") return input.slice(index + match[0].length);
      if (name !== undefined) return match.groups ? (match.groups[name] ?? '') : whole;
      const groups = match.length - 1;
      const two = Number(digits);
      if (digits!.length === 2 && two >= 1 && two <= groups) return match[two] ?? '';
      const one = Number(digits![0]);
      if (one >= 1 && one <= groups) return (match[one] ?? '') + digits!.slice(1);
      return whole;
    },
  );
}

class Re2Regex implements RuleRegex {
  constructor(
    readonly source: string,
    private readonly re: RE2JS,
  ) {}

  replace(text: string, replacement: string, first?: 'first'): string {
    // The DFA answers "any match?" fastest, and most lines have none.
    if (!this.re.test(text)) return text;
    let out = '';
    let last = 0;
    for (const match of this.re.matchAll(text)) {
      const index = match.index ?? 0;
      out += text.slice(last, index) + expand(replacement, match, text);
      last = index + match[0].length;
      if (first) break;
    }
    return out + text.slice(last);
  }

  firstMatch(text: string): string | undefined {
    if (!this.re.test(text)) return undefined;
    for (const match of this.re.matchAll(text)) return match[0];
    return undefined;
  }
}

const cache = new Map<string, RuleRegex>();

/**
 * The one way a rule's regex is compiled. `flags`, any of JavaScript's `i`, `m` (`^` and `$` also
 * match at line ends, as purify wants), `s` and `u`; matching is always global. Throws
 * RuleRegexError with the reason when the pattern cannot be used.
 */
export function compileRuleRegex(source: string, flags = ''): RuleRegex {
  const key = `${flags}/${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (!RULE_REGEX_FLAGS.test(flags))
    throw new RuleRegexError(`has the flags "${flags}"; only i, m, s and u are allowed`);
  try {
    new RegExp(source, flags); // JavaScript's own syntax check and wording
  } catch (error) {
    throw new RuleRegexError(`is not a valid regex: ${lowerFirst((error as Error).message)}`);
  }
  const re2Flags =
    RE2JS.LOOKBEHINDS |
    (flags.includes('m') ? RE2JS.MULTILINE : 0) |
    (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) |
    (flags.includes('s') ? RE2JS.DOTALL : 0);
  let re: RE2JS;
  try {
    re = RE2JS.compile(translate(source, flags), re2Flags);
  } catch (error) {
    if (error instanceof RuleRegexError) throw error;
    throw new RuleRegexError(
      `cannot run in the extension's regex engine (which keeps every rule fast): ${(error as Error).message.replace(/^error parsing regexp: /, '')}`,
    );
  }
  const compiled = new Re2Regex(source, re);
  cache.set(key, compiled);
  return compiled;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
