import type { Subscription } from '../../lib/contract';
import { subscriptionFailure, subscriptionSummary } from '../../lib/ui/options/subscriptions-view';
import { strings } from '../../lib/ui/strings';
import { SubscriptionChanges } from './subscription-changes';
import { useAction } from './use-action';

export interface SubscriptionItemProps {
  subscription: Subscription;
  now: number;
  onRefresh: () => Promise<void>;
  onRemove: () => Promise<void>;
}

export function SubscriptionItem({ subscription, now, onRefresh, onRemove }: SubscriptionItemProps) {
  const s = strings.options;
  const { busy, error, run } = useAction<'refresh' | 'remove'>();
  // A failed refresh is also kept on the subscription; the answer's sentence is shown until the list is read again.
  const failure = error ?? subscriptionFailure(subscription, now);

  return (
    <li class="source" data-testid="subscription" data-url={subscription.url}>
      <div class="source-head">
        <code class="subscription-url">{subscription.url}</code>
        <button
          type="button"
          class="small-button"
          data-testid="subscription-refresh"
          disabled={busy !== null}
          aria-busy={busy === 'refresh'}
          onClick={() => void run('refresh', onRefresh)}
        >
          {busy === 'refresh' ? s.refreshing : s.refreshNow}
        </button>
        <button
          type="button"
          class="small-button"
          data-testid="subscription-remove"
          disabled={busy !== null}
          onClick={() => {
            if (confirm(s.unsubscribeConfirm(subscription.url))) void run('remove', onRemove);
          }}
        >
          {s.unsubscribe}
        </button>
      </div>
      <p class="muted" data-testid="subscription-summary">
        {subscriptionSummary(subscription, now)}
      </p>
      {failure && (
        <p role="alert" class="alert" data-testid="subscription-error">
          {failure}
        </p>
      )}
      <SubscriptionChanges changes={subscription.changes} />
    </li>
  );
}
