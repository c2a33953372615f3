// Turns valibot's issues into the sentence a user reads: every bad field by its path, e.g.
// `The source "x" is not valid: toc.chapters: missing, expected a selector text; chapters: unknown field (did you mean "toc.chapters"?).`

import * as v from 'valibot';
import { AppError } from '../errors';
import { FIELD_PATHS, SourceRuleSchema, type SourceFile } from './schema';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `tests[0].pages["https://…"]`: dots for names, brackets for indexes and odd keys. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

function describe(issue: v.BaseIssue<unknown>): string {
  const path = pathOf(issue);
  let message = issue.message;
  if (issue.type === 'never') {
    const key = String(issue.path?.[issue.path.length - 1]?.key ?? '');
    const elsewhere = (FIELD_PATHS[key.toLowerCase()] ?? []).filter((p) => p !== path);
    if (elsewhere.length) message += ` (did you mean ${elsewhere.map((p) => `"${p}"`).join(' or ')}?)`;
  }
  return path ? `${path}: ${message}` : message;
}

/** The rule as stored, or every problem with it, each naming the field by its path. */
export function checkRule(
  input: unknown,
): { rule: SourceFile; problems?: undefined } | { rule?: undefined; problems: string[] } {
  const result = v.safeParse(SourceRuleSchema, input);
  return result.success
    ? { rule: result.output as SourceFile }
    : { problems: [...new Set(result.issues.map(describe))] };
}

/** Every problem with a rule, each naming the field by its path; empty when the rule is good. */
export function ruleProblems(input: unknown): string[] {
  return checkRule(input).problems ?? [];
}

function parse(input: unknown, where: string): { rule?: SourceFile; error?: string } {
  const result = v.safeParse(SourceRuleSchema, input);
  if (result.success) return { rule: result.output as SourceFile };
  const id = input && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
  const which = typeof id === 'string' && id ? `The source "${id}"` : `The source${where}`;
  const problems = [...new Set(result.issues.map(describe))];
  return { error: `${which} is not valid: ${problems.join('; ')}.` };
}

/** The rule as stored (unknown keys refused, `enabled` defaulted), or `invalid_source` naming every bad field. */
export function validateRule(input: unknown): SourceFile {
  const { rule, error } = parse(input, '');
  if (error) throw new AppError('invalid_source', error);
  return rule!;
}

/** One rule or a list: all of them valid, or `invalid_source` naming every bad rule and field. */
export function validateRules(input: unknown): SourceFile[] {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) throw new AppError('invalid_source', 'There was no source to import: the list is empty.');
  const parsed = list.map((item, i) => parse(item, Array.isArray(input) ? ` number ${i + 1} in the list` : ''));
  const errors = parsed.flatMap((p) => (p.error ? [p.error] : []));
  if (errors.length) throw new AppError('invalid_source', errors.join(' '));
  return parsed.map((p) => p.rule!);
}
