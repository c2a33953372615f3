import type { SourceRule } from '../contract';
import { AppError } from '../errors';
import { isValidMatchPattern, parseSelector } from '../source';

const ID = /^[a-z0-9_-]+$/;
const SELECTORS: Array<[keyof SourceRule, string, boolean]> = [
  ['book', 'title', true],
  ['book', 'author', false],
  ['book', 'cover', false],
  ['book', 'intro', false],
  ['book', 'tocUrl', false],
  ['toc', 'chapters', true],
  ['toc', 'pages', false],
  ['toc', 'next', false],
  ['chapter', 'title', false],
  ['chapter', 'content', true],
  ['chapter', 'next', false],
];

/** Every problem with a rule, each naming the field by its path; empty when the rule is good. */
export function ruleProblems(input: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return ['the source must be a JSON object'];
  const rule = input as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof rule.id !== 'string' || !ID.test(rule.id)) problems.push('id must be lowercase letters, digits, "-" or "_"');
  if (typeof rule.name !== 'string' || !rule.name.trim()) problems.push('name must be a non-empty text');
  if (rule.enabled !== undefined && typeof rule.enabled !== 'boolean') problems.push('enabled must be true or false');
  if (!Array.isArray(rule.matches) || rule.matches.length === 0) problems.push('matches must be a list of match patterns');
  else rule.matches.forEach((p, i) => typeof p === 'string' && isValidMatchPattern(p) ? undefined : problems.push(`matches[${i}] is not a match pattern`));
  if (rule.charset !== undefined && typeof rule.charset !== 'string') problems.push('charset must be a text');
  for (const [group, key, required] of SELECTORS) {
    const section = rule[group] as Record<string, unknown> | undefined;
    const path = `${group}.${key}`;
    if (!section || typeof section !== 'object') {
      if (required) problems.push(`${group} is missing`);
      continue;
    }
    const value = section[key];
    if (value === undefined) {
      if (required) problems.push(`${path} is missing`);
    } else if (typeof value !== 'string') problems.push(`${path} must be a selector text`);
    else problems.push(...selectorProblem(path, value));
  }
  const toc = rule.toc as Record<string, unknown> | undefined;
  if (toc?.order !== undefined && toc.order !== 'asc' && toc.order !== 'desc') problems.push('toc.order must be "asc" or "desc"');
  const chapter = rule.chapter as Record<string, unknown> | undefined;
  if (chapter?.purify !== undefined) {
    if (!Array.isArray(chapter.purify)) problems.push('chapter.purify must be a list of regexes');
    else chapter.purify.forEach((pattern, i) => problems.push(...regexProblem(`chapter.purify[${i}]`, pattern)));
  }
  const crawl = rule.crawl as Record<string, unknown> | undefined;
  if (crawl !== undefined) {
    if (crawl.concurrency !== undefined && !isInt(crawl.concurrency, 1, 16)) problems.push('crawl.concurrency must be a whole number from 1 to 16');
    if (crawl.delayMs !== undefined && !isInt(crawl.delayMs, 0, 60_000)) problems.push('crawl.delayMs must be a whole number from 0 to 60000');
  }
  return problems;
}

/** The rule as stored, or `invalid_source` naming every bad field. */
export function validateRule(input: unknown): SourceRule {
  const problems = ruleProblems(input);
  if (problems.length) {
    const id = (input as { id?: unknown } | null)?.id;
    const which = typeof id === 'string' ? `The source "${id}"` : 'The source';
    throw new AppError('invalid_source', `${which} is not valid: ${problems.join('; ')}.`);
  }
  const rule = input as SourceRule;
  return { ...rule, enabled: rule.enabled ?? true };
}

function selectorProblem(path: string, selector: string): string[] {
  try {
    parseSelector(selector);
    return [];
  } catch (error) {
    return [`${path}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

function regexProblem(path: string, pattern: unknown): string[] {
  if (typeof pattern !== 'string') return [`${path} must be a regex text`];
  try {
    new RegExp(pattern, 'g');
    return [];
  } catch (error) {
    return [`${path} is not a valid regex (${error instanceof Error ? error.message : String(error)})`];
  }
}

function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
