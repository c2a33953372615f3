import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { Subscription } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { subscribeInput } from '../../lib/ui/options/subscriptions-view';
import { strings } from '../../lib/ui/strings';
import { SubscriptionItem } from './subscription-item';

export interface SubscriptionsPanelProps {
  call: Client;
  /** Called after anything that may have installed, changed or deleted sources. */
  onSourcesChanged: () => void;
}

/** Rule lists on the web, followed: subscribe by address, refresh now, unsubscribe, and what the last refresh changed. */
export function SubscriptionsPanel({ call, onSourcesChanged }: SubscriptionsPanelProps) {
  const s = strings.options;
  const [subscriptions, setSubscriptions] = useState<Subscription[] | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setSubscriptions((await call({ type: 'subscription.list' })).subscriptions);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [call]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Shows the worker's newest view of one subscription in place. */
  function replace(subscription: Subscription) {
    setSubscriptions((old) => (old ?? []).map((item) => (item.id === subscription.id ? subscription : item)));
  }

  async function subscribe(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setNotice(null);
    const input = subscribeInput(url);
    if ('problem' in input) return setError(input.problem);
    setBusy(true);
    try {
      const { subscription } = await call({ type: 'subscription.add', url: input.url });
      setSubscriptions((old) => [...(old ?? []), subscription]);
      setNotice(s.subscribedTo(subscription.url));
      setUrl('');
      onSourcesChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function refresh(subscription: Subscription) {
    try {
      replace((await call({ type: 'subscription.refresh', subscriptionId: subscription.id })).subscription);
    } finally {
      // A failed refresh is kept on the subscription: read it back either way.
      await reload();
      onSourcesChanged();
    }
  }

  async function remove(subscription: Subscription) {
    const { deleted, kept } = await call({ type: 'subscription.remove', subscriptionId: subscription.id });
    setSubscriptions((old) => (old ?? []).filter((item) => item.id !== subscription.id));
    setNotice(s.unsubscribed(subscription.url, deleted.length, kept.length));
    onSourcesChanged();
  }

  const now = Date.now();
  return (
    <section class="subscriptions" aria-labelledby="subscriptions-heading">
      <h3 id="subscriptions-heading" class="subheading">
        {s.subscriptionsHeading}
      </h3>
      <p class="muted">{s.subscriptionsIntro}</p>
      <form class="tester-form" noValidate onSubmit={subscribe} data-testid="subscribe-form">
        <div class="field">
          <label class="field-label" for="subscribe-url">
            {s.subscribeUrlLabel}
          </label>
          <input
            id="subscribe-url"
            class="url-input"
            type="url"
            data-testid="subscribe-url"
            placeholder="https://example.com/sources.json"
            value={url}
            disabled={busy}
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="primary" data-testid="subscribe-button" disabled={busy} aria-busy={busy}>
            {busy ? s.subscribingButton : s.subscribeButton}
          </button>
          <span role="status" class="status-text" data-testid="subscriptions-notice">
            {notice}
          </span>
        </div>
      </form>
      {error && (
        <p role="alert" class="alert" data-testid="subscribe-error">
          {error}
        </p>
      )}
      {subscriptions && subscriptions.length === 0 && <p class="muted">{s.noSubscriptions}</p>}
      {subscriptions && subscriptions.length > 0 && (
        <ul class="source-list" data-testid="subscription-list">
          {subscriptions.map((subscription) => (
            <SubscriptionItem
              key={subscription.id}
              subscription={subscription}
              now={now}
              onRefresh={() => refresh(subscription)}
              onRemove={() => remove(subscription)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
