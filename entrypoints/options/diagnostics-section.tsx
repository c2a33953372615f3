import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import { errorMessage } from '../../lib/ui/format-task';
import { diagnosticsFileName } from '../../lib/ui/options/sources-json';
import { strings } from '../../lib/ui/strings';
import { HealthPanel } from './health-panel';
import { saveJson } from './save-json';
import { TaskTable } from './task-table';
import { useDiagnostics } from './use-diagnostics';

export interface DiagnosticsSectionProps {
  call: Client;
  watchTasks: (onChange: () => void) => () => void;
}

export function DiagnosticsSection({ call, watchTasks }: DiagnosticsSectionProps) {
  const s = strings.options;
  const { data, error, refresh } = useDiagnostics(call, watchTasks);
  const [busy, setBusy] = useState<'recover' | 'export' | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function run(action: 'recover' | 'export') {
    if (busy) return;
    setBusy(action);
    setActionError(null);
    setResult(null);
    try {
      if (action === 'recover') {
        const { recovered } = await call({ type: 'tasks.recover' });
        setResult(s.recovered(recovered));
        void refresh();
      } else {
        const { ok: _ok, ...diagnostics } = (await call({ type: 'diagnostics' })) as { ok?: true };
        saveJson(diagnosticsFileName(new Date()), diagnostics);
      }
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading" class="section-heading">
        {s.sections.diagnostics}
      </h2>
      <p class="intro">{s.diagnosticsIntro}</p>
      <div class="form-actions">
        <button
          type="button"
          class="primary"
          data-testid="recover"
          disabled={busy !== null}
          aria-busy={busy === 'recover'}
          onClick={() => void run('recover')}
        >
          {busy === 'recover' ? s.recoveringButton : s.recoverButton}
        </button>
        <button
          type="button"
          data-testid="export-diagnostics"
          disabled={busy !== null}
          onClick={() => void run('export')}
        >
          {s.exportDiagnostics}
        </button>
        <span role="status" class="status-text" data-testid="recover-result">
          {result}
        </span>
      </div>
      {actionError && (
        <p role="alert" class="alert" data-testid="diagnostics-action-error">
          {actionError}
        </p>
      )}
      {error && (
        <p role="alert" class="alert" data-testid="diagnostics-error">
          {error}
        </p>
      )}
      {!data ? (
        !error && <p class="muted">{s.loading}</p>
      ) : (
        <>
          <HealthPanel health={data.health} now={data.generatedAt} />
          <TaskTable tasks={data.tasks} />
        </>
      )}
    </section>
  );
}
