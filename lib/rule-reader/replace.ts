// Regex replacements of query selectors and of `chapter.replace`: every match rewritten (a
// selector's `##regex##replacement`), or, with `first`, the value cut down to its first match
// rewritten (legado's `###`). The regexes run in the rules' one linear-time engine
// (lib/source-rules/rule-regex.ts); a regex it cannot run is an `invalid_source` error.

import type { Replacement } from '../contract';
import { AppError } from '../errors';
import { compileRuleRegex, RuleRegexError, type RuleRegex } from '../source-rules/rule-regex';

/** The compiled regex of a replacement; throws AppError('invalid_source') naming it. */
export function replacementRegex(replacement: Replacement): RuleRegex {
  try {
    return compileRuleRegex(replacement.regex, replacement.flags ?? '');
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    throw new AppError('invalid_source', `The replacement regex "${replacement.regex}" ${error.message}.`);
  }
}

export function applyReplacement(value: string, replacement: Replacement): string {
  const re = replacementRegex(replacement);
  const by = replacement.with ?? '';
  if (!replacement.first) return re.replace(value, by);
  const match = re.firstMatch(value);
  // The match alone, rewritten: `$1` and friends refer to its groups.
  return match === undefined ? '' : re.replace(match, by, 'first');
}

export function applyReplacements(value: string, replacements: readonly Replacement[] | undefined): string {
  return (replacements ?? []).reduce(applyReplacement, value);
}
