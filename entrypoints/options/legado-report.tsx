import type { LegadoImportEntry } from '../../lib/contract';
import { strings } from '../../lib/ui/strings';

export interface LegadoReportProps {
  report: LegadoImportEntry[];
}

/** What became of each source of an imported legado list: imported (with what it leaves out) or skipped (with why). */
export function LegadoReport({ report }: LegadoReportProps) {
  const s = strings.options;
  const imported = report.filter((entry) => entry.status === 'imported').length;
  return (
    <section
      class="legado-report"
      data-testid="legado-report"
      aria-label={s.legadoReportHeading(imported, report.length)}
    >
      <p class="status-text" data-testid="legado-summary">
        {s.legadoReportHeading(imported, report.length)}
      </p>
      <ol class="legado-entries">
        {report.map((entry) => (
          <li
            key={entry.index}
            class={`legado-entry legado-${entry.status}`}
            data-testid="legado-entry"
            data-status={entry.status}
          >
            <span class="source-name">{entry.name}</span>{' '}
            <span class={`badge ${entry.status === 'imported' ? 'badge-imported' : 'badge-skipped'}`}>
              {entry.status === 'imported' ? s.legadoImportedAs(entry.id ?? '') : s.legadoSkipped}
            </span>
            {entry.reasons.length > 0 && (
              <ul class="legado-reasons">
                {entry.reasons.map((reason) => (
                  <li
                    key={`${reason.field} ${reason.code}`}
                    data-testid="legado-reason"
                    data-code={reason.code}
                    title={reason.message}
                  >
                    <code>{reason.field}</code> {s.legadoReasons[reason.code]}
                  </li>
                ))}
              </ul>
            )}
            {entry.notes.length > 0 && (
              <details class="legado-notes">
                <summary>{s.legadoNotes}</summary>
                <ul>
                  {entry.notes.map((note) => (
                    <li key={note} data-testid="legado-note">
                      {note}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
