// What a refresh decides, as a pure function of the list now, what the subscription remembers
// and what is stored here: the diff, the reader's edits kept, stable ids, and the removal policy.
import { describe, expect, it } from 'vitest';
import type { SourceRuleInput } from '../../../lib/contract';
import { ruleFingerprint } from '../../../lib/subscriptions/fingerprint';
import {
  planRefresh,
  planRemoval,
  sourceState,
  type RefreshInput,
  type RefreshPlan,
  type TrackedSource,
} from '../../../lib/subscriptions/plan-refresh';
import { readRuleList } from '../../../lib/subscriptions/read-list';
import { validateRule } from '../../../lib/source-rules/validate-rule';
import { brokenRule, demoRule, LEGADO_DEMO, LEGADO_DEMO_ID } from '../../fixtures/rule-lists';

const entries = (...list: unknown[]) =>
  readRuleList(JSON.stringify(list), 'http://lists.example/a.json', new Set(['generic']));
const stored = (...rules: SourceRuleInput[]) =>
  new Map(rules.map((rule) => [rule.id, ruleFingerprint(validateRule(rule))]));
const none = { takenBy: new Map<string, string>(), inUse: new Set<string>() };

/** The plan, and the store and subscription as they are once it is applied. */
function refresh(
  input: Omit<RefreshInput, 'takenBy' | 'inUse'> & Partial<RefreshInput>,
): RefreshPlan & { after: Map<string, string> } {
  const plan = planRefresh({ ...none, ...input });
  const after = new Map(input.stored);
  for (const rule of plan.write) after.set(rule.id, ruleFingerprint(rule));
  for (const id of plan.remove) after.delete(id);
  return { ...plan, after };
}

const kinds = (plan: RefreshPlan) =>
  plan.changes.map(
    (change) => `${change.kind} ${change.id ?? `#${change.index}`}${change.local ? ` (${change.local})` : ''}`,
  );

const v1 = { a: demoRule('a'), b: demoRule('b'), c: demoRule('c') };
const v2a = demoRule('a', { name: 'A, second version' });

/** A subscription to [a, b, c] freshly added: everything installed. */
function subscribed(): { tracked: TrackedSource[]; stored: Map<string, string> } {
  const first = refresh({ tracked: [], entries: entries(v1.a, v1.b, v1.c), stored: new Map() });
  expect(kinds(first)).toEqual(['added a', 'added b', 'added c']);
  expect(first.write.map((rule) => rule.id)).toEqual(['a', 'b', 'c']);
  return { tracked: first.tracked, stored: first.after };
}

describe('planning a refresh', () => {
  it('lists and applies what the list changed: added, changed, removed; nothing when nothing changed', () => {
    const { tracked, stored: now } = subscribed();
    const same = refresh({ tracked, entries: entries(v1.a, v1.b, v1.c), stored: now });
    expect(same).toMatchObject({ changes: [], write: [], remove: [] });

    const next = refresh({ tracked, entries: entries(v2a, v1.b, demoRule('d')), stored: now });
    expect(kinds(next)).toEqual(['changed a', 'added d', 'removed c']);
    expect(next.write.map((rule) => [rule.id, rule.name])).toEqual([
      ['a', 'A, second version'],
      ['d', 'Subscribed d'],
    ]);
    expect(next.remove).toEqual(['c']);
    // Ids are the sources' own: the same id before and after, so a download finds its source again.
    expect(next.tracked.map((source) => source.id)).toEqual(['a', 'b', 'd']);
  });

  it("keeps a legado source's id, made from its bookSourceUrl, when the list changes its rules", () => {
    const first = refresh({ tracked: [], entries: entries(LEGADO_DEMO), stored: new Map() });
    const changed = {
      ...LEGADO_DEMO,
      bookSourceName: 'Renamed',
      ruleContent: { ...(LEGADO_DEMO.ruleContent as object), content: 'id.content@text' },
    };
    const next = refresh({ tracked: first.tracked, entries: entries(changed), stored: first.after });
    expect(kinds(next)).toEqual([`changed ${LEGADO_DEMO_ID}`]);
    expect(next.write.map((rule) => [rule.id, rule.name])).toEqual([[LEGADO_DEMO_ID, 'Renamed']]);
    expect(next.remove).toEqual([]);
  });

  it('reports a broken entry and keeps the version installed before it broke', () => {
    const { tracked, stored: now } = subscribed();
    const next = refresh({ tracked, entries: entries(v1.a, brokenRule('b'), v1.c), stored: now });
    expect(kinds(next)).toEqual(['skipped b']);
    expect(next.changes[0]!.reasons).toEqual([expect.objectContaining({ code: 'invalid', field: 'toc.chapters' })]);
    expect(next).toMatchObject({ write: [], remove: [] });
    expect(next.tracked.map((source) => source.id)).toEqual(['a', 'b', 'c']);
  });

  it('never overwrites a source the reader edited here, says so when the list changes it, and follows again once the list has their version', () => {
    const { tracked, stored: now } = subscribed();
    const mine = demoRule('a', { name: 'My own A' });
    const edited = new Map([...now, ...stored(mine)]);
    expect(sourceState(tracked[0]!, edited)).toBe('edited');

    const unchanged = refresh({ tracked, entries: entries(v1.a, v1.b, v1.c), stored: edited });
    expect(unchanged).toMatchObject({ changes: [], write: [] });
    const changed = refresh({ tracked: unchanged.tracked, entries: entries(v2a, v1.b, v1.c), stored: edited });
    expect(kinds(changed)).toEqual(['kept a (edited)']);
    expect(changed.write).toEqual([]);
    // Still the reader's at the next refresh, and the same list version is not reported twice.
    const again = refresh({ tracked: changed.tracked, entries: entries(v2a, v1.b, v1.c), stored: edited });
    expect(again).toMatchObject({ changes: [], write: [] });
    expect(sourceState(again.tracked[0]!, edited)).toBe('edited');

    const caughtUp = refresh({ tracked: again.tracked, entries: entries(mine, v1.b, v1.c), stored: edited });
    expect(kinds(caughtUp)).toEqual(['changed a']);
    expect(caughtUp.write).toEqual([]);
    expect(sourceState(caughtUp.tracked[0]!, caughtUp.after)).toBe('installed');
    const followed = refresh({ tracked: caughtUp.tracked, entries: entries(v2a, v1.b, v1.c), stored: caughtUp.after });
    expect(followed.write.map((rule) => rule.name)).toEqual(['A, second version']);
  });

  it('does not bring back a source the reader deleted here', () => {
    const { tracked, stored: now } = subscribed();
    now.delete('b');
    const next = refresh({ tracked, entries: entries(v1.a, demoRule('b', { name: 'B2' }), v1.c), stored: now });
    expect(kinds(next)).toEqual(['kept b (deleted)']);
    expect(next.write).toEqual([]);
    expect(sourceState(next.tracked[1]!, next.after)).toBe('deleted');
    const gone = refresh({ tracked: next.tracked, entries: entries(v1.a, v1.c), stored: now });
    expect(kinds(gone)).toEqual(['removed b']);
    expect(gone.remove).toEqual([]);
  });

  it("keeps a rule the reader had before subscribing, and adopts one that is the list's own", () => {
    const theirs = demoRule('a', { name: 'Imported by hand' });
    const first = refresh({ tracked: [], entries: entries(v1.a, v1.b), stored: stored(theirs, v1.b) });
    expect(kinds(first)).toEqual(['kept a (edited)', 'added b']);
    expect(first.write).toEqual([]);
    expect(first.tracked.map((source) => sourceState(source, first.after))).toEqual(['edited', 'installed']);
  });

  it('keeps a source gone from the list while a download uses it, then deletes it once none does', () => {
    const { tracked, stored: now } = subscribed();
    const busy = refresh({ tracked, entries: entries(v1.a, v1.b), stored: now, inUse: new Set(['c']) });
    expect(kinds(busy)).toEqual(['retired c']);
    expect(busy.remove).toEqual([]);
    expect(sourceState(busy.tracked[2]!, busy.after)).toBe('retired');
    const stillBusy = refresh({
      tracked: busy.tracked,
      entries: entries(v1.a, v1.b),
      stored: now,
      inUse: new Set(['c']),
    });
    expect(stillBusy).toMatchObject({ changes: [], remove: [] });
    const idle = refresh({ tracked: stillBusy.tracked, entries: entries(v1.a, v1.b), stored: now });
    expect(idle).toMatchObject({ changes: [], remove: ['c'] });
    expect(idle.tracked.map((source) => source.id)).toEqual(['a', 'b']);
  });

  it("leaves the reader's edited copy of a source gone from the list as the reader's own", () => {
    const { tracked, stored: now } = subscribed();
    const edited = new Map([...now, ...stored(demoRule('c', { name: 'My C' }))]);
    const next = refresh({ tracked, entries: entries(v1.a, v1.b), stored: edited });
    expect(kinds(next)).toEqual(['released c']);
    expect(next.remove).toEqual([]);
    expect(next.tracked.map((source) => source.id)).toEqual(['a', 'b']);
  });

  it('skips an id another subscription installs', () => {
    const next = refresh({
      tracked: [],
      entries: entries(v1.a, v1.b),
      stored: stored(v1.a),
      takenBy: new Map([['a', 'http://other.example/list.json']]),
    });
    expect(kinds(next)).toEqual(['skipped a', 'added b']);
    expect(next.changes[0]!.reasons).toEqual([
      {
        field: 'id',
        code: 'taken',
        message: 'the subscription to http://other.example/list.json installs a source with the id "a" already',
      },
    ]);
    expect(next.tracked.map((source) => source.id)).toEqual(['b']);
  });
});

describe('removing a subscription', () => {
  it("deletes its sources, but not the reader's edits nor the sources of downloads", () => {
    const { tracked, stored: now } = subscribed();
    now.set('a', 'edited');
    expect(planRemoval(tracked, now, new Set(['b']))).toEqual({ remove: ['c'], kept: ['a', 'b'] });
    now.delete('c');
    expect(planRemoval(tracked, now, new Set())).toEqual({ remove: ['b'], kept: ['a'] });
  });
});
