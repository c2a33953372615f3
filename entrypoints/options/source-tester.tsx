import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { SourceInfo, SourceRule, SourceTestReport } from '../../lib/contract';
import { isLiveTest } from '../../lib/source-rules/live-test';
import { errorMessage } from '../../lib/ui/format-task';
import { parseSourcesJson } from '../../lib/ui/options/sources-json';
import { strings } from '../../lib/ui/strings';
import { TestReport } from './test-report';

/** '' = the source that matches the URL; PASTED = the rule in the import box; else a source id. */
export const PASTED = ':pasted';

export interface SourceTesterProps {
  call: Client;
  sources: SourceInfo[];
  choice: string;
  onChoose: (choice: string) => void;
  /** The import box's text, to test a rule before importing it. */
  pasted: string;
}

export function SourceTester({ call, sources, choice, onChoose, pasted }: SourceTesterProps) {
  const s = strings.options;
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ report: SourceTestReport; rule?: SourceRule } | null>(null);

  // A source made on the page carries that page as a live test case: it can be read again without an address.
  const live = sources.find((source) => source.id === choice)?.tests?.some(isLiveTest) ?? false;

  async function run(event: Event) {
    event.preventDefault();
    if (busy || (!url.trim() && !live)) return;
    setError(null);
    setResult(null);
    let rule: SourceRule | undefined;
    if (choice === PASTED) {
      const parsed = parseSourcesJson(pasted);
      if (!parsed.ok) return setError(parsed.message);
      rule = parsed.sources[0];
    }
    setBusy(true);
    try {
      const target = url.trim() || undefined;
      const report = rule
        ? await call({ type: 'source.test', url: target, rule })
        : await call({ type: 'source.test', url: target, ...(choice ? { sourceId: choice } : {}) });
      // A pasted legado source has no selectors of ours to show beside what was found.
      const known = rule && 'book' in rule ? rule : sources.find((source) => source.id === report.sourceId);
      setResult({ report, rule: known });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="tester" aria-labelledby="tester-heading">
      <h3 id="tester-heading" class="subheading">
        {s.testHeading}
      </h3>
      <p class="muted">{s.testIntro}</p>
      <form class="tester-form" noValidate onSubmit={run} data-testid="test-form">
        <div class="field">
          <label class="field-label" for="test-source">
            {s.testSourceLabel}
          </label>
          <select
            id="test-source"
            data-testid="test-source"
            value={choice}
            onChange={(e) => onChoose(e.currentTarget.value)}
          >
            <option value="">{s.testAuto}</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name} ({source.id})
              </option>
            ))}
            <option value={PASTED}>{s.testPasted}</option>
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="test-url">
            {s.testUrlLabel}
          </label>
          <input
            id="test-url"
            type="url"
            class="url-input"
            data-testid="test-url"
            value={url}
            placeholder={strings.urlPlaceholder}
            spellcheck={false}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          {live && <p class="muted">{s.testLiveHint}</p>}
        </div>
        <div class="form-actions">
          <button
            type="submit"
            class="primary"
            data-testid="test-button"
            disabled={busy || (!url.trim() && !live)}
            aria-busy={busy}
          >
            {busy ? s.testingButton : s.testButton}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" class="alert" data-testid="test-error">
          {error}
        </p>
      )}
      {result && <TestReport report={result.report} rule={result.rule} />}
    </section>
  );
}
