// The shape of a query selector (README "Query selectors") as a valibot schema: every step's CSS
// compiled, every regex compiled in the rules' linear-time engine (what it cannot run refused),
// every unknown key named, so a bad query is refused at import with the path of the bad part.

import * as v from 'valibot';
import { checkCss } from '../rule-reader/selector';
import { compileRuleRegex, RULE_REGEX_FLAGS, RuleRegexError } from './rule-regex';

const MAX_CSS = 1000;
const MAX_REGEX = 1000;
const MAX_POSITION = 100_000;
const ATTRIBUTE_NAME = /^[a-z_:][-a-z0-9_:.]*$/i;
const TAKES = new Set(['text', 'ownText', 'textNodes', 'html']);

/** valibot's objectWithRest with a `never` rest: every unknown key is its own issue, with its path. */
export function strict<E extends v.ObjectEntries>(entries: E): v.ObjectSchema<E, undefined> {
  const message = (issue: v.BaseIssue<unknown>) => {
    const key = issue.path?.[issue.path.length - 1]?.key;
    const entry = typeof key === 'string' ? (entries[key] as { message?: unknown } | undefined) : undefined;
    if (entry) return `missing, ${typeof entry.message === 'string' ? entry.message : 'expected an object'}`;
    return 'expected an object';
  };
  const schema = v.objectWithRest(entries, v.never('unknown field'), message);
  return schema as unknown as v.ObjectSchema<E, undefined>;
}

/** Drops the sentence's own capital and full stop, so it reads inside a list of problems. */
export function clause(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, '');
}

function whole(min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, message),
  );
}

function list<T extends v.GenericSchema>(item: T, what: string, min: number, max: number) {
  return v.pipe(
    v.array(item, `expected a list of ${what}`),
    v.check((l) => l.length >= min && l.length <= max, `expected ${min} to ${max} ${what}`),
  );
}

const css = v.pipe(
  v.string('expected a CSS selector text'),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const value = dataset.value;
    if (!value.trim() || value.length > MAX_CSS)
      return addIssue({ message: `expected CSS of 1 to ${MAX_CSS} characters` });
    if (/^\s*[+~]/.test(value))
      return addIssue({ message: 'expected CSS that starts with an element or ">", not a sibling combinator' });
    try {
      // A leading `>` is relative to the step's element; css-select checks it with `:scope` in front.
      checkCss(/^\s*>/.test(value) ? `:scope ${value}` : value, value);
    } catch (error) {
      addIssue({ message: clause((error as Error).message) });
    }
  }),
);

const position = v.union(
  [
    whole(-MAX_POSITION, MAX_POSITION),
    strict({
      from: v.optional(whole(-MAX_POSITION, MAX_POSITION)),
      to: v.optional(whole(-MAX_POSITION, MAX_POSITION)),
      step: v.optional(whole(1, MAX_POSITION)),
    }),
  ],
  'expected a position (a whole number, negative from the end) or a range {"from", "to", "step"}',
);

const step = v.pipe(
  strict({
    css,
    pick: v.optional(list(position, 'positions', 1, 50)),
    drop: v.optional(list(position, 'positions', 1, 50)),
  }),
  v.check((s) => !(s.pick && s.drop), 'expected "pick" or "drop", not both'),
);

const take = v.pipe(
  v.string('expected what to take'),
  v.check(
    (t) => TAKES.has(t) || ATTRIBUTE_NAME.test(t),
    'expected "text", "ownText", "textNodes", "html" or an attribute name',
  ),
);

/** Why a replacement's regex cannot be used, or undefined. */
function replacementProblem(regex: string, flags: string): string | undefined {
  if (!regex || regex.length > MAX_REGEX) return `expected a regex of 1 to ${MAX_REGEX} characters`;
  if (!RULE_REGEX_FLAGS.test(flags)) return 'expected flags made of "i", "m", "s" and "u"';
  try {
    compileRuleRegex(regex, flags);
    return undefined;
  } catch (error) {
    if (!(error instanceof RuleRegexError)) throw error;
    return error.message;
  }
}

export const ReplacementSchema = v.pipe(
  strict({
    regex: v.string('expected a regex text'),
    with: v.optional(
      v.pipe(
        v.string('expected a replacement text'),
        v.maxLength(MAX_REGEX, `expected at most ${MAX_REGEX} characters`),
      ),
    ),
    flags: v.optional(v.string('expected flags text')),
    first: v.optional(v.boolean('expected true or false')),
  }),
  v.rawCheck<{ regex: string; flags?: string }>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const value = dataset.value;
    const problem = replacementProblem(value.regex, value.flags ?? '');
    // Named at the regex, so the sentence reads `….replace[0].regex: …`.
    if (problem)
      addIssue({
        message: problem,
        path: [
          {
            type: 'object',
            origin: 'value',
            input: value as Record<string, unknown>,
            key: 'regex',
            value: value.regex,
          },
        ],
      });
  }),
);

export const ReplacementsSchema = list(ReplacementSchema, 'replacements', 1, 10);

const steps = list(step, 'steps', 1, 20);
const path = strict({ steps: v.optional(steps), take: v.optional(take) });
const elementPath = strict({ steps: v.optional(steps) });

/**
 * A query. For a list of elements (`toc.chapters`) it may neither take nor replace anything:
 * each chapter's title and link come from `toc.title` and `toc.url`.
 */
function query(elements: boolean) {
  const replace = elements
    ? v.optional(v.never('a query that selects chapter elements takes no "replace" (use toc.title or toc.url)'))
    : v.optional(ReplacementsSchema);
  const single = elements
    ? strict({
        steps: v.optional(steps),
        take: v.optional(v.never('a query that selects chapter elements takes nothing (use toc.title or toc.url)')),
        replace,
      })
    : strict({ steps: v.optional(steps), take: v.optional(take), replace });
  const alternatives = list(elements ? elementPath : path, 'alternatives', 2, 10);
  const choices = {
    firstOf: strict({ firstOf: alternatives, replace }),
    all: strict({ all: alternatives, replace }),
    zip: strict({ zip: alternatives, replace }),
  };
  return v.lazy((input: unknown) => {
    const keys = input && typeof input === 'object' ? Object.keys(input) : [];
    const choice = (['firstOf', 'all', 'zip'] as const).filter((key) => keys.includes(key));
    if (choice.length > 1)
      return v.never(`expected one of "firstOf", "all" or "zip", not ${choice.map((c) => `"${c}"`).join(' and ')}`);
    return choice.length ? choices[choice[0]!] : single;
  });
}

export const QuerySchema = query(false);
export const ElementQuerySchema = query(true);
