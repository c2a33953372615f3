// Regex replacements of query selectors and of `chapter.replace`: every match rewritten (a
// selector's `##regex##replacement`), or, with `first`, the value cut down to its first match
// rewritten (legado's `###`). Compiled once per rule; a bad regex is an `invalid_source` error.

import type { Replacement } from '../contract';
import { AppError } from '../errors';

export const REPLACEMENT_FLAGS = /^[imsu]*$/;

const cache = new Map<string, RegExp>();

/** The compiled regex of a replacement; throws AppError('invalid_source') naming it. */
export function replacementRegex(replacement: Replacement): RegExp {
  const flags = `${replacement.first ? '' : 'g'}${replacement.flags ?? ''}`;
  const key = `${flags}/${replacement.regex}`;
  let re = cache.get(key);
  if (!re) {
    if (!REPLACEMENT_FLAGS.test(replacement.flags ?? '')) {
      throw new AppError('invalid_source', `The replacement flags "${replacement.flags}" are not any of i, m, s and u.`);
    }
    try {
      re = new RegExp(replacement.regex, flags);
    } catch (error) {
      throw new AppError('invalid_source', `The replacement regex "${replacement.regex}" is not valid: ${(error as Error).message}.`);
    }
    cache.set(key, re);
  }
  return re;
}

export function applyReplacement(value: string, replacement: Replacement): string {
  const re = replacementRegex(replacement);
  const by = replacement.with ?? '';
  if (!replacement.first) return value.replace(re, by);
  const match = re.exec(value);
  // The match alone, rewritten: `$1` and friends refer to its groups.
  return match ? match[0].replace(re, by) : '';
}

export function applyReplacements(value: string, replacements: readonly Replacement[] | undefined): string {
  return (replacements ?? []).reduce(applyReplacement, value);
}
