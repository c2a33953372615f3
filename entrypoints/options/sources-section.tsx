import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { SourceInfo } from '../../lib/contract';
import { isGenericSource } from '../../lib/generic-reader/source-id';
import { errorMessage } from '../../lib/ui/format-task';
import { exportableSources, sourcesFileName } from '../../lib/ui/options/sources-json';
import { strings } from '../../lib/ui/strings';
import { ImportForm } from './import-form';
import { saveJson } from './save-json';
import { SourceRow } from './source-row';
import { SourceTester } from './source-tester';
import { SubscriptionsPanel } from './subscriptions-panel';

export interface SourcesSectionProps {
  call: Client;
}

export function SourcesSection({ call }: SourcesSectionProps) {
  const s = strings.options;
  const [sources, setSources] = useState<SourceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [testChoice, setTestChoice] = useState('');

  const reload = useCallback(async () => {
    try {
      const answer = await call({ type: 'source.list' });
      setSources(answer.sources);
      setError(null);
      const ids = new Set(answer.sources.map((source) => source.id));
      setSelected((old) => new Set([...old].filter((id) => ids.has(id))));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [call]);

  useEffect(() => {
    void reload();
  }, [reload]);

  function select(id: string, on: boolean) {
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function toggle(id: string, enabled: boolean) {
    const { source } = await call({ type: 'source.setEnabled', sourceId: id, enabled });
    setSources((old) => old?.map((item) => (item.id === source.id ? { ...item, ...source } : item)) ?? old);
  }

  async function remove(source: SourceInfo) {
    await call({ type: 'source.remove', sourceId: source.id });
    // The row goes in the same render as the notice: "Deleted" must never show beside the row.
    setSources((old) => old?.filter((item) => item.id !== source.id) ?? old);
    setNotice(s.deleted(source.name));
    if (testChoice === source.id) setTestChoice('');
    await reload();
  }

  function testWith(id: string) {
    setTestChoice(id);
    const input = document.getElementById('test-url');
    input?.scrollIntoView({ block: 'center' });
    input?.focus();
  }

  async function exportLegado(source: SourceInfo) {
    const answer = await call({ type: 'source.export', sourceId: source.id, format: 'legado' });
    // legado imports a list; one source is a list of one.
    saveJson(`${source.id}.legado.json`, [answer.source]);
  }

  function exportSources() {
    if (!sources) return;
    const chosen = selected.size ? sources.filter((source) => selected.has(source.id)) : sources;
    saveJson(sourcesFileName(chosen, new Date()), exportableSources(chosen));
  }

  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading" class="section-heading">
        {s.sections.sources}
      </h2>
      <p class="intro">{s.sourcesIntro}</p>
      {error && (
        <p role="alert" class="alert" data-testid="sources-error">
          {error}
        </p>
      )}
      {!sources ? (
        !error && <p class="muted">{s.loading}</p>
      ) : sources.length === 0 ? (
        <p class="muted">{s.noSources}</p>
      ) : (
        <ul class="source-list" data-testid="source-list">
          {sources.map((source) => (
            <SourceRow
              key={source.id}
              source={source}
              selected={selected.has(source.id)}
              onSelect={(on) => select(source.id, on)}
              onToggle={(enabled) => toggle(source.id, enabled)}
              onDelete={() => remove(source)}
              onTest={() => testWith(source.id)}
              onExportLegado={isGenericSource(source) ? undefined : () => exportLegado(source)}
            />
          ))}
        </ul>
      )}
      <div class="form-actions">
        <button type="button" data-testid="sources-export" disabled={!sources?.length} onClick={exportSources}>
          {selected.size ? s.exportSelected(selected.size) : s.exportAll}
        </button>
        <span role="status" class="status-text" data-testid="sources-notice">
          {notice}
        </span>
      </div>
      <SourceTester call={call} sources={sources ?? []} choice={testChoice} onChoose={setTestChoice} pasted={pasted} />
      <ImportForm call={call} text={pasted} onText={setPasted} onImported={() => void reload()} />
      <SubscriptionsPanel call={call} onSourcesChanged={() => void reload()} />
    </section>
  );
}
