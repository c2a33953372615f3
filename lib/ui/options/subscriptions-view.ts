// What the options page shows of subscriptions: a line per list, a line per change of its last
// refresh, why an entry was skipped, and the mark on a subscribed source's row.
import {
  LEGADO_ISSUE_CODES,
  type LegadoIssueCode,
  type SourceInfo,
  type Subscription,
  type SubscriptionChange,
  type SubscriptionIssue,
} from '../../contract';
import { strings } from '../strings';
import { relativeTime } from './heartbeat';

/** The address typed into the form, or the sentence saying what is missing; the worker judges the rest. */
export function subscribeInput(text: string): { url: string } | { problem: string } {
  const url = text.trim();
  return url ? { url } : { problem: strings.options.subscribeEmpty };
}

/** "3 sources · 1 edited here · refreshed 2 h ago". */
export function subscriptionSummary(subscription: Subscription, now: number): string {
  const s = strings.options;
  const count = (state: string) => subscription.sources.filter((source) => source.state === state).length;
  const parts = [s.subscriptionSources(subscription.sources.length - count('deleted'))];
  if (count('edited')) parts.push(s.subscriptionEdited(count('edited')));
  if (count('deleted')) parts.push(s.subscriptionDeleted(count('deleted')));
  if (count('retired')) parts.push(s.subscriptionRetired(count('retired')));
  parts.push(s.subscriptionRefreshed(relativeTime(subscription.refreshedAt, now)));
  return parts.join(' · ');
}

/** The last try's failure, when the last try failed. */
export function subscriptionFailure(subscription: Subscription, now: number): string | undefined {
  return (
    subscription.error &&
    strings.options.subscriptionFailed(relativeTime(subscription.checkedAt, now), subscription.error.message)
  );
}

/** What the refresh did to the entry, in a few words. */
export function changeLabel(change: SubscriptionChange): string {
  const s = strings.options;
  return change.kind === 'kept' && change.local === 'deleted' ? s.changeKeptDeleted : s.changeKinds[change.kind];
}

/** The entry's name, or its place in the list when it has none. */
export function changeName(change: SubscriptionChange): string {
  return change.name || (change.index ? strings.options.entry(change.index) : (change.id ?? ''));
}

const LEGADO_CODES: ReadonlySet<string> = new Set(LEGADO_ISSUE_CODES);

/**
 * Why an entry was skipped, after its field. A rule of ours that does not validate gets the
 * validator's own words (they name the problem); the other reasons a short phrase in the page's language.
 */
export function reasonPhrase(reason: SubscriptionIssue): string {
  const s = strings.options;
  if (reason.code === 'invalid')
    return reason.field && reason.message.startsWith(`${reason.field}: `)
      ? reason.message.slice(reason.field.length + 2)
      : reason.message;
  if (LEGADO_CODES.has(reason.code)) return s.legadoReasons[reason.code as LegadoIssueCode];
  return s.subscriptionReasons[reason.code as Exclude<SubscriptionIssue['code'], LegadoIssueCode>];
}

/** The mark on a source row when a subscription installed the source. */
export function subscriptionMark(source: SourceInfo): { state: string; badge: string; title: string } | undefined {
  const s = strings.options;
  const from = source.subscription;
  if (!from) return undefined;
  if (from.state === 'edited') return { state: from.state, badge: s.editedBadge, title: s.editedTitle(from.url) };
  if (from.state === 'retired') return { state: from.state, badge: s.retiredBadge, title: s.retiredTitle(from.url) };
  return { state: from.state, badge: s.subscribedBadge, title: s.subscribedTitle(from.url) };
}
