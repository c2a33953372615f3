import type { SourceRule, SourceTestReport } from '../../lib/contract';
import { cutText } from '../../lib/ui/format-task';
import { testReportRows } from '../../lib/ui/options/source-test';
import { strings } from '../../lib/ui/strings';

export interface TestReportProps {
  report: SourceTestReport;
  rule?: SourceRule;
}

/** Each selector next to what it found, then the first chapters and the start of chapter one. */
export function TestReport({ report, rule }: TestReportProps) {
  const s = strings.options;
  return (
    <div class="test-report" data-testid="test-report">
      <p class="muted">{s.testReadBy(report.sourceId)}</p>
      {report.check && (
        <div class={report.check.problems.length ? 'alert' : 'muted'} data-testid="test-check">
          <p>
            {report.check.problems.length ? s.testCheckFailed(report.check.url) : s.testCheckPassed(report.check.url)}
          </p>
          {report.check.problems.length > 0 && (
            <ul>
              {report.check.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="table-wrap">
        <table class="found-table">
          <thead>
            <tr>
              <th scope="col">{s.testFieldColumn}</th>
              <th scope="col">{s.testSelectorColumn}</th>
              <th scope="col">{s.testFoundColumn}</th>
            </tr>
          </thead>
          <tbody>
            {testReportRows(report, rule).map((row) => (
              <tr key={row.key} class={row.missing ? 'found-missing' : ''} data-testid={`found-${row.key}`}>
                <th scope="row">{row.label}</th>
                <td>{row.selector ? <code>{row.selector}</code> : s.dash}</td>
                <td class="found-value">{row.found}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.firstChapters.length > 0 && (
        <>
          <h4 class="minor-heading">{s.testFirstChapters}</h4>
          <ol class="first-chapters" data-testid="test-chapters">
            {report.firstChapters.map((chapter) => (
              <li key={chapter.url}>
                <a href={chapter.url} target="_blank" rel="noreferrer">
                  {chapter.title}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
      {report.warnings?.map((warning) => (
        <p class="note note-warning" data-testid="test-cut" title={warning.message} key={warning.code}>
          {cutText(warning)}
        </p>
      ))}
      <h4 class="minor-heading">{s.testFirstChapterText}</h4>
      <pre class="chapter-text" data-testid="test-text">
        {report.firstChapter.text || s.testNothing}
      </pre>
    </div>
  );
}
