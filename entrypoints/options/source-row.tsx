import { useState } from 'preact/hooks';
import type { SourceInfo } from '../../lib/contract';
import { subscriptionMark } from '../../lib/ui/options/subscriptions-view';
import { strings } from '../../lib/ui/strings';
import { useAction } from './use-action';

export interface SourceRowProps {
  source: SourceInfo;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onToggle: (enabled: boolean) => Promise<void>;
  /** Present only when the worker can delete sources; offered for imported ones. */
  onDelete?: () => Promise<void>;
  /** Picks this source in the tester below the list. */
  onTest?: () => void;
  /** Saves the source as a legado book source (absent for the generic reader, which has no rule). */
  onExportLegado?: () => Promise<void>;
}

export function SourceRow({ source, selected, onSelect, onToggle, onDelete, onTest, onExportLegado }: SourceRowProps) {
  const s = strings.options;
  const action = useAction();
  const busy = action.busy !== null;
  const { error } = action;
  const run = (work: () => Promise<void>) => action.run('action', work);
  // The state asked for, shown until the worker answers (a re-render must not flip it back).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const mark = subscriptionMark(source);

  return (
    <li
      class={`source ${source.enabled ? '' : 'source-disabled'}`}
      data-testid={`source-${source.id}`}
      data-enabled={String(source.enabled)}
    >
      <div class="source-head">
        <input
          type="checkbox"
          class="source-select"
          data-testid="source-select"
          checked={selected}
          aria-label={s.selectSource(source.name)}
          onChange={(event) => onSelect(event.currentTarget.checked)}
        />
        <span class="source-name" data-testid="source-name">
          {source.name}
        </span>
        <code class="source-id">{source.id}</code>
        <span class={`badge ${source.builtIn ? 'badge-builtin' : 'badge-imported'}`} data-testid="source-kind">
          {source.builtIn ? s.builtIn : s.imported}
        </span>
        {mark && (
          <span
            class={`badge badge-subscription-${mark.state}`}
            data-testid="source-subscription"
            data-state={mark.state}
            title={mark.title}
          >
            {mark.badge}
          </span>
        )}
        <label class="toggle">
          <input
            type="checkbox"
            data-testid="source-enabled"
            checked={wanted ?? source.enabled}
            disabled={busy}
            onChange={(event) => {
              const enabled = event.currentTarget.checked;
              setWanted(enabled);
              void run(() => onToggle(enabled)).finally(() => setWanted(null));
            }}
          />
          <span>{s.enabledLabel}</span>
        </label>
        {onTest && (
          <button
            type="button"
            class="small-button"
            data-testid="source-test"
            aria-label={`${s.testHeading}: ${source.name}`}
            onClick={onTest}
          >
            {s.testRowButton}
          </button>
        )}
        {onExportLegado && (
          <button
            type="button"
            class="small-button"
            data-testid="source-export-legado"
            disabled={busy}
            aria-label={s.exportLegadoLabel(source.name)}
            onClick={() => void run(onExportLegado)}
          >
            {s.exportLegado}
          </button>
        )}
        {onDelete && !source.builtIn && (
          <button
            type="button"
            class="small-button"
            data-testid="source-delete"
            disabled={busy}
            aria-label={`${s.deleteButton}: ${source.name}`}
            onClick={() => {
              if (confirm(s.deleteConfirm(source.name))) void run(onDelete);
            }}
          >
            {s.deleteButton}
          </button>
        )}
      </div>
      <div class="source-matches">
        <span class="muted">{s.matchesLabel}:</span>
        <ul class="match-list">
          {source.matches.map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
            </li>
          ))}
        </ul>
      </div>
      {error && (
        <p role="alert" class="alert" data-testid="source-error">
          {error}
        </p>
      )}
    </li>
  );
}
