// What a refresh does, decided in one pure function from what the list says now, what the
// subscription remembers of the last refresh, and what is stored here. The rules:
//
// - A source keeps its id across refreshes (ours name it, legado's come from bookSourceUrl), so a
//   download that uses it finds it again, updated, when it resumes.
// - The subscription remembers, per source, the fingerprint of the list's version it was last in
//   step with (`base`). A stored rule that differs from it was edited here (the reader imported
//   a rule with that id); a missing one was deleted here. Either way the reader's choice stands:
//   refreshes neither overwrite nor bring back that source, and say so when the list changes it.
//   The reader's switch (enabled or not) lives apart from the rule (sourceStates), so it is never
//   touched at all.
// - An entry that is broken now keeps the version installed before: only an entry that is gone
//   from the list removes its source.
// - A source gone from the list is deleted, unless a queued or running download uses it: then it
//   is kept, marked retired, until a refresh finds it unused. An edited one stays as the reader's.

import type { SubscribedSourceState, SubscriptionChange } from '../contract';
import type { SourceFile } from '../source-rules/schema';
import { ruleFingerprint } from './fingerprint';
import type { ListEntry } from './read-list';

/** What a subscription remembers of one source between refreshes. */
export interface TrackedSource {
  id: string;
  name: string;
  /** Fingerprint of the list's version this source was last in step with (installed, or found here already). */
  base: string;
  /** Fingerprint of the list's version at the last refresh; differs from `base` while the reader's copy is kept. */
  listed: string;
  /** Gone from the list, kept while a download uses it. */
  retired?: true;
}

export interface RefreshInput {
  /** This subscription's sources after the last refresh (none when it is added). */
  tracked: readonly TrackedSource[];
  /** The list as read now. */
  entries: readonly ListEntry[];
  /** The fingerprint of every imported source stored now, by id. */
  stored: ReadonlyMap<string, string>;
  /** Ids other subscriptions track, with the address of their list. */
  takenBy: ReadonlyMap<string, string>;
  /** Sources of downloads that are queued or running. */
  inUse: ReadonlySet<string>;
}

export interface RefreshPlan {
  /** In list order; retired ones last. */
  tracked: TrackedSource[];
  /** Rules to store (new ones and new versions). */
  write: SourceFile[];
  /** Source ids to delete. */
  remove: string[];
  changes: SubscriptionChange[];
}

/** How the reader changed a tracked source here, if they did. */
export function localChange(
  source: TrackedSource,
  stored: ReadonlyMap<string, string>,
): 'edited' | 'deleted' | undefined {
  const now = stored.get(source.id);
  return now === undefined ? 'deleted' : now !== source.base ? 'edited' : undefined;
}

/** What the options page shows of a tracked source. */
export function sourceState(source: TrackedSource, stored: ReadonlyMap<string, string>): SubscribedSourceState {
  return localChange(source, stored) ?? (source.retired ? 'retired' : 'installed');
}

export function planRefresh(input: RefreshInput): RefreshPlan {
  const previous = new Map(input.tracked.map((source) => [source.id, source]));
  const plan: Plan = { next: new Map(), write: [], remove: [], changes: [] };
  const listed = new Set<string>();

  for (const entry of input.entries) {
    if (entry.id) listed.add(entry.id);
    const before = entry.id ? previous.get(entry.id) : undefined;
    if (!entry.rule) {
      // Broken now: whatever was installed from it stays as it was (unless a good entry has that id too).
      if (before && !plan.next.has(before.id)) plan.next.set(before.id, before);
      plan.changes.push(change('skipped', entry, { reasons: entry.reasons }));
      continue;
    }
    const owner = input.takenBy.get(entry.rule.id);
    if (owner !== undefined) {
      const reason = {
        field: 'id',
        code: 'taken' as const,
        message: `the subscription to ${owner} installs a source with the id "${entry.rule.id}" already`,
      };
      plan.changes.push(change('skipped', entry, { reasons: [reason] }));
      continue;
    }
    if (before) planListed(before, entry, entry.rule, input, plan);
    else planNew(entry, entry.rule, input, plan);
  }

  for (const source of input.tracked) {
    if (!listed.has(source.id)) planGone(source, input, plan);
  }
  const { next, ...rest } = plan;
  return { tracked: [...next.values()], ...rest };
}

/** A plan being made: the tracked sources by id, so a later entry with the same id replaces an earlier one. */
type Plan = Omit<RefreshPlan, 'tracked'> & { next: Map<string, TrackedSource> };

function track(plan: Plan, source: TrackedSource): void {
  plan.next.set(source.id, source);
}

/** An entry this subscription did not have: installed, or found here already. */
function planNew(entry: ListEntry, rule: SourceFile, input: RefreshInput, plan: Plan): void {
  const fingerprint = ruleFingerprint(rule);
  const stored = input.stored.get(rule.id);
  // `base` is the list's version even when the reader's own rule is kept: theirs differs from it, so it stays theirs.
  track(plan, { id: rule.id, name: rule.name, base: fingerprint, listed: fingerprint });
  if (stored === undefined) plan.write.push(rule);
  if (stored === undefined || stored === fingerprint) plan.changes.push(change('added', entry));
  else plan.changes.push(change('kept', entry, { local: 'edited' }));
}

/** An entry this subscription has installed before. */
function planListed(before: TrackedSource, entry: ListEntry, rule: SourceFile, input: RefreshInput, plan: Plan): void {
  const fingerprint = ruleFingerprint(rule);
  const listChanged = fingerprint !== before.listed;
  const local = localChange(before, input.stored);
  if (local && input.stored.get(rule.id) !== fingerprint) {
    track(plan, { id: rule.id, name: rule.name, base: before.base, listed: fingerprint });
    if (listChanged) plan.changes.push(change('kept', entry, { local }));
    return;
  }
  // In step with the list (or the list caught up with the reader's copy): the list's version it is.
  track(plan, { id: rule.id, name: rule.name, base: fingerprint, listed: fingerprint });
  if (fingerprint !== input.stored.get(rule.id)) plan.write.push(rule);
  if (before.retired) plan.changes.push(change('added', entry));
  else if (listChanged || fingerprint !== before.base) plan.changes.push(change('changed', entry));
}

/** A source the list no longer has. */
function planGone(source: TrackedSource, input: RefreshInput, plan: Plan): void {
  const named = { id: source.id, name: source.name };
  const local = localChange(source, input.stored);
  if (local === 'deleted') {
    plan.changes.push({ kind: 'removed', ...named });
  } else if (local === 'edited') {
    plan.changes.push({ kind: 'released', ...named });
  } else if (input.inUse.has(source.id)) {
    track(plan, { ...source, retired: true });
    if (!source.retired) plan.changes.push({ kind: 'retired', ...named });
  } else {
    plan.remove.push(source.id);
    // A retired source was reported gone when it retired; its deletion now is the end of that story.
    if (!source.retired) plan.changes.push({ kind: 'removed', ...named });
  }
}

/** When the subscription itself goes: its sources are deleted, but the reader's edits and the sources of running downloads stay. */
export function planRemoval(
  tracked: readonly TrackedSource[],
  stored: ReadonlyMap<string, string>,
  inUse: ReadonlySet<string>,
): { remove: string[]; kept: string[] } {
  const remove: string[] = [];
  const kept: string[] = [];
  for (const source of tracked) {
    const local = localChange(source, stored);
    if (local === 'deleted') continue;
    if (local === 'edited' || inUse.has(source.id)) kept.push(source.id);
    else remove.push(source.id);
  }
  return { remove, kept };
}

function change(
  kind: SubscriptionChange['kind'],
  entry: ListEntry,
  extra: Partial<SubscriptionChange> = {},
): SubscriptionChange {
  return {
    kind,
    ...(entry.id ? { id: entry.id } : {}),
    name: entry.rule?.name ?? entry.name,
    index: entry.index,
    ...extra,
  };
}
