import { describe, expect, it } from 'vitest';
import '../english';
import type { SourceInfo, Subscription } from '../../../../lib/contract';
import {
  changeLabel,
  changeName,
  reasonPhrase,
  subscribeInput,
  subscriptionFailure,
  subscriptionMark,
  subscriptionSummary,
} from '../../../../lib/ui/options/subscriptions-view';

const now = Date.UTC(2025, 0, 2, 12);
const subscription: Subscription = {
  id: 's1',
  url: 'https://lists.example/rules.json',
  addedAt: now - 86_400_000,
  refreshedAt: now - 2 * 3_600_000,
  checkedAt: now - 60_000,
  sources: [
    { id: 'a', name: 'A', state: 'installed' },
    { id: 'b', name: 'B', state: 'edited' },
    { id: 'c', name: 'C', state: 'deleted' },
    { id: 'd', name: 'D', state: 'retired' },
  ],
  changes: [],
};

describe('the subscriptions panel', () => {
  it('wants an address before it asks the worker', () => {
    expect(subscribeInput('  ')).toEqual({ problem: 'Type the address of a rule list first.' });
    expect(subscribeInput(' https://lists.example/a.json ')).toEqual({ url: 'https://lists.example/a.json' });
  });

  it('sums a subscription up: its sources, what the reader did to them, and when it was read', () => {
    expect(subscriptionSummary(subscription, now)).toBe(
      '3 sources · 1 edited here · 1 deleted here · 1 kept for a download · refreshed 2 h ago',
    );
    expect(subscriptionSummary({ ...subscription, sources: [subscription.sources[0]!] }, now)).toBe(
      '1 source · refreshed 2 h ago',
    );
  });

  it("shows the last try's failure only when it failed", () => {
    expect(subscriptionFailure(subscription, now)).toBeUndefined();
    const failed = {
      ...subscription,
      error: { code: 'http_status' as const, message: 'The list answered HTTP 404 Not Found.' },
    };
    expect(subscriptionFailure(failed, now)).toBe(
      'The last try failed (1 min ago): The list answered HTTP 404 Not Found.',
    );
  });

  it('says what a refresh did to each entry', () => {
    expect(changeLabel({ kind: 'added', id: 'a', name: 'A' })).toBe('Added');
    expect(changeLabel({ kind: 'kept', id: 'b', name: 'B', local: 'edited' })).toBe(
      'Changed in the list; your edited copy is kept',
    );
    expect(changeLabel({ kind: 'kept', id: 'c', name: 'C', local: 'deleted' })).toBe(
      'Changed in the list; you deleted it here, so it stays deleted',
    );
    expect(changeLabel({ kind: 'retired', id: 'd', name: 'D' })).toBe(
      'Gone from the list; kept while a download uses it',
    );
    expect(changeName({ kind: 'skipped', name: '', index: 5 })).toBe('entry 5');
  });

  it("gives the validator's own words for a rule of ours, and a phrase for every other reason", () => {
    const invalid = {
      field: 'toc.chapters',
      code: 'invalid' as const,
      message: 'toc.chapters: the selector "div[" is not valid CSS',
    };
    expect(reasonPhrase(invalid)).toBe('the selector "div[" is not valid CSS');
    expect(
      reasonPhrase({
        field: 'ruleContent.content',
        code: 'javascript',
        message: 'ruleContent.content uses JavaScript (<js>)',
      }),
    ).toBe('needs JavaScript');
    expect(
      reasonPhrase({ field: 'id', code: 'built-in', message: 'the id "royalroad" belongs to a built-in source' }),
    ).toBe('is the id of a built-in source');
    expect(reasonPhrase({ field: 'id', code: 'taken', message: '…' })).toBe('is installed by another subscription');
  });

  it('marks a subscribed source row with its state, and no other row', () => {
    const source = { id: 'a', name: 'A', builtIn: false } as SourceInfo;
    expect(subscriptionMark(source)).toBeUndefined();
    expect(
      subscriptionMark({ ...source, subscription: { id: 's1', url: subscription.url, state: 'installed' } }),
    ).toEqual({
      state: 'installed',
      badge: 'Subscribed',
      title: 'Installed from https://lists.example/rules.json and kept up to date',
    });
    expect(
      subscriptionMark({ ...source, subscription: { id: 's1', url: subscription.url, state: 'edited' } }),
    ).toMatchObject({ badge: 'Edited here' });
    expect(
      subscriptionMark({ ...source, subscription: { id: 's1', url: subscription.url, state: 'retired' } }),
    ).toMatchObject({ badge: 'Gone from its list' });
  });
});
