import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { LegadoImportEntry } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { parseSourcesJson } from '../../lib/ui/options/sources-json';
import { strings } from '../../lib/ui/strings';
import { LegadoReport } from './legado-report';

export interface ImportFormProps {
  call: Client;
  /** The paste box's text; kept by the parent so the tester can try it before it is imported. */
  text: string;
  onText: (text: string) => void;
  onImported: (ids: string[]) => void;
}

/**
 * Pasted JSON or a .json file → `source.import`; the worker's `invalid_source` sentence shown as
 * is. A legado list comes back with a report, shown source by source.
 */
export function ImportForm({ call, text, onText, onImported }: ImportFormProps) {
  const s = strings.options;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [report, setReport] = useState<LegadoImportEntry[] | null>(null);

  async function importText(json: string): Promise<boolean> {
    setError(null);
    setResult(null);
    setReport(null);
    const parsed = parseSourcesJson(json);
    if (!parsed.ok) {
      setError(parsed.message);
      return false;
    }
    setBusy(true);
    try {
      const answer = await call({ type: 'source.import', sources: parsed.sources });
      const { imported } = answer;
      setResult(imported.length || !answer.report ? s.importDone(imported) : s.legadoNoneImported);
      setReport(answer.report ?? null);
      if (imported.length) onImported(imported);
      return imported.length > 0 || !answer.report;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    let json: string;
    try {
      json = await file.text();
    } catch {
      setError(s.importFileUnreadable(file.name));
      return;
    }
    await importText(json);
    input.value = ''; // choosing the same file again imports it again
  }

  return (
    <section class="import" aria-labelledby="import-heading">
      <h3 id="import-heading" class="subheading">
        {s.importHeading}
      </h3>
      <div class="field">
        <label class="field-label" for="import-file">
          {s.importFileLabel}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          disabled={busy}
          onChange={(event) => void onFile(event.currentTarget)}
        />
      </div>
      <form
        class="field"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!busy && (await importText(text))) onText('');
        }}
      >
        <label class="field-label" for="import-text">
          {s.importPasteLabel}
        </label>
        <textarea
          id="import-text"
          class="json-input"
          data-testid="import-text"
          rows={8}
          spellcheck={false}
          value={text}
          onInput={(event) => onText(event.currentTarget.value)}
        />
        <div class="form-actions">
          <button type="submit" class="primary" data-testid="import-button" disabled={busy} aria-busy={busy}>
            {busy ? s.importingButton : s.importButton}
          </button>
          <span role="status" class="status-text" data-testid="import-result">
            {result}
          </span>
        </div>
      </form>
      {error && (
        <p role="alert" class="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {report && <LegadoReport report={report} />}
    </section>
  );
}
