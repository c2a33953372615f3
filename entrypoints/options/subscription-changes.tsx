import type { SubscriptionChange } from '../../lib/contract';
import { changeLabel, changeName, reasonPhrase } from '../../lib/ui/options/subscriptions-view';
import { strings } from '../../lib/ui/strings';

export interface SubscriptionChangesProps {
  changes: SubscriptionChange[];
}

/** What the last refresh of a list did: each source added, updated, removed, kept as the reader left it, or skipped and why. */
export function SubscriptionChanges({ changes }: SubscriptionChangesProps) {
  const s = strings.options;
  if (changes.length === 0) {
    return (
      <p class="muted" data-testid="subscription-no-changes">
        {s.noListChanges}
      </p>
    );
  }
  return (
    <details class="subscription-changes" open>
      <summary>{s.changesHeading}</summary>
      <ul class="legado-entries">
        {changes.map((change) => (
          <li
            key={`${change.kind} ${change.id ?? ''} ${change.index ?? ''}`}
            data-testid="subscription-change"
            data-kind={change.kind}
            data-id={change.id}
          >
            <span
              class={`badge ${change.kind === 'skipped' ? 'badge-skipped' : 'badge-imported'}`}
              data-testid="change-label"
            >
              {changeLabel(change)}
            </span>{' '}
            <span class="source-name">{changeName(change)}</span> {change.id && <code>{change.id}</code>}
            {change.reasons && change.reasons.length > 0 && (
              <ul class="legado-reasons">
                {change.reasons.map((reason) => (
                  <li
                    key={`${reason.field} ${reason.code} ${reason.message}`}
                    data-testid="change-reason"
                    data-code={reason.code}
                    title={reason.message}
                  >
                    {reason.field && <code>{reason.field}</code>} {reasonPhrase(reason)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
