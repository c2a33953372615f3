// legado's regexes are Java's (java.util.regex through Kotlin): the same as JavaScript's for what
// sources write, with a few differences this rewrites — leading inline flags `(?i)`, `\A`, `\Z`,
// `\z`, `\h`, `\Q…\E`, `\p{…}`, `$0` and `\$` in replacements — and the rest refused by name
// (possessive quantifiers, atomic groups, class intersections, flags in the middle). What the
// rules' linear-time engine cannot run (lookahead, backreferences) is refused too, in its words.

import type { Replacement } from '../contract';
import { compileRuleRegex, RuleRegexError } from '../source-rules/rule-regex';

export class UnsupportedRegex extends Error {}

const HORIZONTAL_SPACE = '[ \\t\\u00a0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';

function quoteLiteral(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}/-]/g, '\\$&');
}

/** A Java regex as JavaScript source and the flags it needs; throws UnsupportedRegex. */
export function javaRegex(source: string): { regex: string; flags: string } {
  let rest = source;
  let flags = '';
  const leading = /^\(\?([imsux]+)\)/.exec(rest);
  if (leading) {
    if (/[ux]/.test(leading[1]!))
      throw new UnsupportedRegex(`the flags (?${leading[1]}) of "${source}" have no JavaScript counterpart`);
    flags = [...new Set(leading[1]!)].join('');
    rest = rest.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    const next = rest[i + 1] ?? '';
    if (c === '\\') {
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        out += quoteLiteral(rest.slice(i + 2, end < 0 ? undefined : end));
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'Z' || next === 'z')) out += '$';
      else if (next === 'h') out += inClass ? HORIZONTAL_SPACE.slice(1, -1) : HORIZONTAL_SPACE;
      else if (next === 'p' || next === 'P') {
        const m = /^\{(?:Is|In)?([A-Za-z_]+)\}/.exec(rest.slice(i + 2));
        if (!m) throw new UnsupportedRegex(`"\\${next}" without {…} in "${source}"`);
        const name = m[1] === 'Han' ? 'Script=Han' : m[1]!;
        if (
          !/^(?:Script=Han|L|Lu|Ll|Lt|Lm|Lo|M|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf)$/.test(
            name,
          )
        ) {
          throw new UnsupportedRegex(`the class \\${next}{${m[1]}} of "${source}" has no JavaScript counterpart`);
        }
        out += `\\${next}{${name}}`;
        if (!flags.includes('u')) flags += 'u';
        i += 1 + m[0].length;
        continue;
      } else if (/[RXGZKe]/.test(next))
        throw new UnsupportedRegex(`"\\${next}" in "${source}" has no JavaScript counterpart`);
      else out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[')
        throw new UnsupportedRegex(`a class inside a class (union or intersection) in "${source}" is not supported`);
      if (c === '&' && next === '&')
        throw new UnsupportedRegex(`a class intersection "&&" in "${source}" is not supported`);
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal in Java.
      if (next === '^') out += rest[++i];
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && next === '?') {
      const kind = rest.slice(i + 2, i + 4);
      if (kind.startsWith('>')) throw new UnsupportedRegex(`the atomic group "(?>" in "${source}" is not supported`);
      if (/^[a-zA-Z-]/.test(kind) && !kind.startsWith('<'))
        throw new UnsupportedRegex(`inline flags inside "${source}" are not supported`);
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && next === '+') {
      throw new UnsupportedRegex(`the possessive quantifier "${c}+" in "${source}" is not supported`);
    }
    out += c;
  }
  try {
    new RegExp(out, flags);
  } catch (error) {
    throw new UnsupportedRegex(`"${source}" is not a regex JavaScript reads: ${(error as Error).message}`);
  }
  try {
    compileRuleRegex(out, flags);
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    throw new UnsupportedRegex(`"${source}" ${error.message}`);
  }
  return { regex: out, flags };
}

/** A Java replacement (`$1`, `${name}`, `\$`) as a JavaScript one (`$1`, `$<name>`, `$$`). */
export function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      const next = replacement[++i];
      if (next === undefined) throw new UnsupportedRegex(`the replacement "${replacement}" ends with a lone "\\"`);
      out += next === '$' ? '$$' : next;
    } else if (c === '$') {
      const rest = replacement.slice(i + 1);
      const group = /^\d+/.exec(rest);
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(rest);
      if (group) {
        out += group[0] === '0' ? '$&' : `$${group[0]}`;
        i += group[0].length;
      } else if (named) {
        out += `$<${named[1]}>`;
        i += named[0].length;
      } else {
        throw new UnsupportedRegex(`the replacement "${replacement}" has a "$" that names no group`);
      }
    } else {
      out += c;
    }
  }
  return out;
}

/** legado's `##regex##replacement[###]` as a replacement of ours; throws UnsupportedRegex. */
export function legadoReplacement(regex: string, replacement: string, first: boolean): Replacement {
  const { regex: source, flags } = javaRegex(regex);
  const by = javaReplacement(replacement);
  return { regex: source, ...(by ? { with: by } : {}), ...(flags ? { flags } : {}), ...(first ? { first: true } : {}) };
}
