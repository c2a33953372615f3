// A subscribed rule list, read entry by entry: ours (one SourceRule or a list), legado's (one book
// source or a list), or both mixed.
//
// `source.import` takes our own format all or nothing, because the reader pasted it and can fix it
// at once. A subscription's list is someone else's and comes back every day: one broken entry must
// not keep the reader from the others, nor from their updates. So each entry is validated alone
// (by the same validator), installed when good, and reported with every reason when not.

import type { SubscriptionIssue } from '../contract';
import { AppError } from '../errors';
import { isLegadoInput, legadoIdFor, translateLegado } from '../legado';
import type { SourceFile } from '../source-rules/schema';
import { checkRule, validateRule } from '../source-rules/validate-rule';

/** More entries than this and the list is refused: validating it would hold the worker too long. */
export const MAX_LIST_ENTRIES = 5_000;

/** One entry of the list: a rule ready to store, or the reasons it cannot be. */
export interface ListEntry {
  /** 1-based position in the list. */
  index: number;
  /** The source's id: the rule's own, or the one a legado source gets from its URL (also when skipped). */
  id?: string;
  name: string;
  /** The rule as stored, when the entry is good. */
  rule?: SourceFile;
  /** Why it is skipped; empty when it is good. */
  reasons: SubscriptionIssue[];
}

/** Every entry of the list at `url`, in order; a text that is no rule list at all is refused with `invalid_source`. */
export function readRuleList(text: string, url: string, builtInIds: ReadonlySet<string>): ListEntry[] {
  const items = listItems(text, url);
  const entries: ListEntry[] = new Array(items.length);
  const legado = items.flatMap((item, i) => (isLegadoInput(item) ? [i] : []));
  legadoEntries(legado.map((i) => items[i])).forEach((entry, k) => {
    entries[legado[k]!] = { ...entry, index: legado[k]! + 1 };
  });
  items.forEach((item, i) => {
    entries[i] ??= ourEntry(item, i + 1);
  });
  return claimIds(entries, builtInIds);
}

function listItems(text: string, url: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'invalid_source',
      `The list at ${url} is not JSON (${detail}). Check that the address gives the list itself, not a web page about it.`,
    );
  }
  const items = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : undefined;
  if (!items) {
    throw new AppError(
      'invalid_source',
      `The list at ${url} is not a rule list: it holds ${value === null ? 'null' : `a ${typeof value}`}, not a source or a list of sources.`,
    );
  }
  if (items.length === 0) throw new AppError('invalid_source', `The list at ${url} is empty: it holds no source.`);
  if (items.length > MAX_LIST_ENTRIES) {
    throw new AppError(
      'invalid_source',
      `The list at ${url} has ${items.length} entries; a subscription takes at most ${MAX_LIST_ENTRIES}. Import the sources you need instead, or ask the list's author to split it.`,
    );
  }
  return items;
}

/** legado sources, translated together (so legado's own duplicate check sees them all); `index` is fixed by the caller. */
function legadoEntries(items: unknown[]): ListEntry[] {
  if (items.length === 0) return [];
  const { rules, report } = translateLegado(items);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return report.map((entry) => {
    const rule = entry.status === 'imported' && entry.id ? byId.get(entry.id) : undefined;
    return {
      index: entry.index,
      id: entry.id ?? legadoIdFor(entry.url),
      name: entry.name,
      // Translated rules have passed the validator already; this gives them their stored form.
      ...(rule ? { rule: validateRule(rule) } : {}),
      reasons: entry.reasons,
    };
  });
}

function ourEntry(item: unknown, index: number): ListEntry {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    return {
      index,
      name: '',
      reasons: [
        { field: '', code: 'not-a-source', message: `entry ${index} is not a source: a JSON object is expected` },
      ],
    };
  }
  const { id, name } = item as { id?: unknown; name?: unknown };
  const known = {
    index,
    ...(typeof id === 'string' && id ? { id } : {}),
    name: typeof name === 'string' && name.trim() ? name.trim() : typeof id === 'string' ? id : '',
  };
  const checked = checkRule(item);
  if (checked.rule) return { ...known, id: checked.rule.id, name: checked.rule.name, rule: checked.rule, reasons: [] };
  return {
    ...known,
    reasons: checked.problems.map((problem) => ({ field: fieldOf(problem), code: 'invalid', message: problem })),
  };
}

/** `toc.chapters: the selector …` → `toc.chapters`; a problem of the whole rule has no field. */
function fieldOf(problem: string): string {
  return /^([^\s:]+): /.exec(problem)?.[1] ?? '';
}

/** A good entry may not take a built-in source's id, nor one an earlier entry has. */
function claimIds(entries: ListEntry[], builtInIds: ReadonlySet<string>): ListEntry[] {
  const first = new Map<string, number>();
  return entries.map((entry) => {
    if (!entry.rule || !entry.id) return entry;
    if (builtInIds.has(entry.id)) {
      return skip(entry, {
        field: 'id',
        code: 'built-in',
        message: `the id "${entry.id}" belongs to a built-in source`,
      });
    }
    const earlier = first.get(entry.id);
    if (earlier !== undefined)
      return skip(entry, {
        field: 'id',
        code: 'duplicate',
        message: `entry ${earlier} of the list has the same id "${entry.id}"`,
      });
    first.set(entry.id, entry.index);
    return entry;
  });
}

function skip(entry: ListEntry, reason: SubscriptionIssue): ListEntry {
  const { rule: _rule, ...rest } = entry;
  return { ...rest, reasons: [reason] };
}
