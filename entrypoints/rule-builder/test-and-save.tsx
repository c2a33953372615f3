import { useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { SourceTestReport } from '../../lib/contract';
import { assembleRule, type RuleDraft } from '../../lib/rule-builder/assemble-rule';
import { errorMessage } from '../../lib/ui/format-task';
import { strings } from '../../lib/ui/strings';

// How many lines of each chapter read the panel shows.
const SHOWN_LINES = 3;

type Step =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'tested'; report: SourceTestReport }
  | { kind: 'saving'; report: SourceTestReport }
  | { kind: 'saved'; report: SourceTestReport; id: string; started?: string };

/** Tests the rule through the worker on three chapters, saves it with the page as its test case, and downloads the book with it. */
export function TestAndSave({ call, draft, ready }: { call: Client; draft: RuleDraft; ready: boolean }) {
  const s = strings.ruleBuilder;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const test = () =>
    run(async () => {
      setStep({ kind: 'testing' });
      try {
        const report = await call({ type: 'source.test', url: draft.bookUrl, rule: assembleRule(draft), samples: 3 });
        setStep({ kind: 'tested', report });
      } catch (e) {
        setStep({ kind: 'idle' });
        throw e;
      }
    });
  const save = (report: SourceTestReport) =>
    run(async () => {
      setStep({ kind: 'saving', report });
      try {
        const { imported } = await call({ type: 'source.import', sources: assembleRule(draft, report) });
        setStep({ kind: 'saved', report, id: imported[0]! });
      } catch (e) {
        setStep({ kind: 'tested', report });
        throw e;
      }
    });
  const download = (report: SourceTestReport, id: string) =>
    run(async () => {
      const { task } = await call({ type: 'task.start', url: draft.bookUrl, sourceId: id });
      setStep({ kind: 'saved', report, id, started: task.title ?? report.book.title });
    });

  const report = step.kind === 'tested' || step.kind === 'saving' || step.kind === 'saved' ? step.report : undefined;
  return (
    <div class="finish">
      <button
        type="button"
        class="primary"
        data-testid="test-rule"
        disabled={!ready || step.kind === 'testing' || step.kind === 'saving'}
        onClick={test}
      >
        {step.kind === 'testing' ? s.testing : s.test}
      </button>
      {report && (
        <div class="report" data-testid="test-report">
          <p data-testid="test-book">{s.testRead(report.book.title, report.book.author, report.chapters)}</p>
          {(report.samples ?? []).map((sample) => (
            <div class="sample" key={sample.index} data-testid="test-sample">
              <h4>{s.sampleHeading(sample.index, sample.title)}</h4>
              {'error' in sample ? (
                <p class="note-error">{s.sampleFailed(sample.error.message)}</p>
              ) : (
                sample.text
                  .split('\n')
                  .slice(0, SHOWN_LINES)
                  .map((line, i) => <p key={i}>{line}</p>)
              )}
            </div>
          ))}
        </div>
      )}
      {report && step.kind !== 'saved' && (
        <button
          type="button"
          class="primary"
          data-testid="save-rule"
          disabled={step.kind === 'saving'}
          onClick={() => save(report)}
        >
          {step.kind === 'saving' ? s.saving : s.save}
        </button>
      )}
      {step.kind === 'saved' && (
        <>
          <p class="note-ok" data-testid="saved">
            {s.saved(step.id)}
          </p>
          {step.started ? (
            <p data-testid="download-started">{s.downloadStarted(step.started)}</p>
          ) : (
            <button
              type="button"
              class="primary"
              data-testid="download-book"
              onClick={() => download(step.report, step.id)}
            >
              {s.download}
            </button>
          )}
        </>
      )}
      {error && (
        <p class="note-error" role="alert" data-testid="rule-error">
          {error}
        </p>
      )}
    </div>
  );
}
