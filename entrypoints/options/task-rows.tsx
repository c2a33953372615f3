import { strings } from '../../lib/ui/strings';
import { clockTime, levelLabel, taskRowView, type DiagnosticsTask } from '../../lib/ui/options/diagnostics-view';

export interface TaskRowsProps {
  task: DiagnosticsTask;
  open: boolean;
  onToggle: () => void;
}

/** One task's row in the diagnostics table and, when open, its log below it. */
export function TaskRows({ task, open, onToggle }: TaskRowsProps) {
  const s = strings.options;
  const row = taskRowView(task);
  const logId = `log-${task.id}`;
  return (
    <tbody
      class="task-rows"
      data-testid={`diag-task-${task.id}`}
      data-status={task.status}
      data-severity={row.severity ?? ''}
    >
      <tr>
        <td>
          <span class={`badge badge-${task.status}`} data-testid="diag-status">
            {row.statusLabel}
          </span>
        </td>
        <td class="book-cell">
          <span class="book-name" title={row.name}>
            {row.name}
          </span>
          {row.name !== row.url && (
            <a class="book-url" href={row.url} target="_blank" rel="noreferrer" title={row.url}>
              {row.url}
            </a>
          )}
          {task.error?.message && (
            <span class={`note ${task.status === 'failed' ? 'note-error' : 'note-warning'}`}>{task.error.message}</span>
          )}
        </td>
        <td class="num" data-testid="diag-progress">
          {row.progress}
        </td>
        <td
          class={`num heartbeat heartbeat-${row.severity ?? 'none'}`}
          data-testid="diag-heartbeat"
          title={row.heartbeatNote}
        >
          {row.heartbeat}
          {row.heartbeatNote && <span class="visually-hidden"> {row.heartbeatNote}</span>}
        </td>
        <td class="num" data-testid="diag-tries">
          {row.tries}
        </td>
        <td class="num" data-testid="diag-resumes">
          {row.resumes}
        </td>
        <td>
          <button
            type="button"
            class="small-button"
            data-testid="diag-log-toggle"
            aria-expanded={open}
            aria-controls={logId}
            aria-label={`${open ? s.hideLog : s.showLog}: ${row.name}`}
            onClick={onToggle}
          >
            {open ? s.hideLog : s.showLog} ({task.events.length})
          </button>
        </td>
      </tr>
      {open && (
        <tr class="log-row">
          <td colSpan={7}>
            {task.events.length === 0 ? (
              <p class="muted" id={logId}>
                {s.noEvents}
              </p>
            ) : (
              <ol class="log" id={logId} aria-label={s.logFor(row.name)} data-testid="diag-log">
                {task.events.map((event, i) => (
                  <li key={`${event.at}-${i}`} class={`log-line log-${event.level}`} data-testid="diag-log-line">
                    <time dateTime={new Date(event.at).toISOString()}>{clockTime(event.at)}</time>
                    <span class="log-level">{levelLabel(event.level)}</span>
                    <span class="log-message">{event.message}</span>
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}
