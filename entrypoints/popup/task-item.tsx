import { useEffect, useRef, useState } from 'preact/hooks';
import type { Task } from '../../lib/contract';
import {
  errorHelp,
  errorMessage,
  progressPercent,
  progressText,
  rangeText,
  statusLabel,
  taskActions,
  taskName,
  taskNotes,
} from '../../lib/ui/format-task';
import { strings } from '../../lib/ui/strings';
import type { TaskAction } from './task-list';

export interface TaskItemProps {
  task: Task;
  /** "12 chapters/min · about 5 min left", once measured. */
  speed: string | null;
  onAction: (task: Task, action: TaskAction) => Promise<void>;
  fileExists: (downloadId: number) => Promise<boolean | undefined>;
}

/** Whether the finished file is still where the browser put it (undefined: not known). */
function useFileExists(
  downloadId: number | undefined,
  check: (downloadId: number) => Promise<boolean | undefined>,
): boolean | undefined {
  const [exists, setExists] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    setExists(undefined);
    if (downloadId === undefined) return;
    let live = true;
    check(downloadId).then(
      (answer) => live && setExists(answer),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [downloadId, check]);
  return exists;
}

export function TaskItem({ task, speed, onAction, fileExists }: TaskItemProps) {
  const [busy, setBusy] = useState<TaskAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rowRef = useRef<HTMLLIElement>(null);
  // Keyboard users keep their place: when the button they pressed goes away (Cancel becomes
  // Retry, the row is removed), focus moves to the nearest sensible button instead of the page.
  const keepFocus = useRef<TaskAction | null>(null);

  useEffect(() => {
    if (!keepFocus.current || busy) return;
    const row = rowRef.current;
    const active = document.activeElement;
    if (!row || (active && active !== document.body && active.isConnected && !(active as HTMLButtonElement).disabled)) {
      keepFocus.current = null;
      return;
    }
    const next =
      row.querySelector<HTMLButtonElement>(`button[data-testid="${keepFocus.current}"]:not(:disabled)`) ??
      row.querySelector<HTMLButtonElement>('button:not(:disabled)');
    if (next) {
      next.focus();
      keepFocus.current = null;
    }
  });

  const name = taskName(task);
  const percent = progressPercent(task);
  const text = progressText(task);
  const notes = taskNotes(task);
  const actions = taskActions(task);
  const help = errorHelp(task);
  const range = rangeText(task);
  const exists = useFileExists(actions.file ? task.downloadId : undefined, fileExists);
  const fileGone = actions.file && exists === false;

  async function run(action: TaskAction) {
    if (busy) return;
    const row = rowRef.current;
    const hadFocus = !!row && row.contains(document.activeElement);
    // Where focus goes if this row disappears: the next row's (or previous row's) first button.
    const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling) as HTMLElement | null;
    keepFocus.current = hadFocus ? action : null;
    setBusy(action);
    setError(null);
    try {
      await onAction(task, action);
      if (action === 'remove' && hadFocus) {
        setTimeout(() => {
          const target = neighbour?.isConnected && neighbour.querySelector<HTMLButtonElement>('button:not(:disabled)');
          if (target) target.focus();
          else document.getElementById('tasks-heading')?.focus();
        }, 0);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const button = (action: TaskAction, label: string, extra = '') => (
    <button
      type="button"
      class={`task-button ${extra}`}
      data-testid={action}
      disabled={busy !== null}
      aria-busy={busy === action}
      aria-label={`${label}: ${name}`}
      onClick={() => void run(action)}
    >
      {label}
    </button>
  );

  return (
    <li ref={rowRef} class={`task status-${task.status}`} data-testid={`task-${task.id}`} data-status={task.status}>
      <div class="task-head">
        <span class="task-title" title={name} data-testid="title">
          {name}
        </span>
        <span class={`badge badge-${task.status}`} data-testid="status">
          {statusLabel(task.status)}
        </span>
      </div>
      <div class="task-meta">
        {task.author && (
          <span class="task-author" title={task.author} data-testid="author">
            {strings.byAuthor(task.author)}
          </span>
        )}
        {range && (
          <span class="task-range" data-testid="range">
            {range}
          </span>
        )}
        <span class="task-format">{task.format.toUpperCase()}</span>
      </div>
      <progress
        class="task-progress"
        max={100}
        value={percent}
        aria-label={strings.progressLabel}
        aria-valuetext={text}
        data-testid="progress"
      />
      <div class="task-progress-row">
        <span class="task-progress-text" data-testid="progress-text">
          {text}
        </span>
        {task.status === 'running' && speed && (
          <span class="task-speed" data-testid="speed">
            {speed}
          </span>
        )}
      </div>
      {notes.lockedChapters && (
        <p class="note note-info" data-testid="locked-chapters">
          {notes.lockedChapters}
        </p>
      )}
      {notes.cuts?.map((cut, i) => (
        <p
          class="note note-warning"
          data-testid="task-cut"
          title={task.warnings?.[i]?.message}
          key={task.warnings?.[i]?.code}
        >
          {cut}
        </p>
      ))}
      {notes.error && (
        <p class="note note-error">
          {help && (
            <strong class="error-kind" data-testid="error-kind">
              {help.kind}{' '}
            </strong>
          )}
          <span data-testid="task-error">{notes.error}</span>
        </p>
      )}
      {help && (help.siteUrl || help.diagnostics) && (
        <p class="task-links">
          {help.siteUrl && (
            <a href={help.siteUrl} target="_blank" rel="noreferrer" data-testid="open-site">
              {strings.openSiteLink}
            </a>
          )}
          {help.diagnostics && (
            <a href="options.html#diagnostics" target="_blank" data-testid="open-diagnostics">
              {strings.openDiagnosticsLink}
            </a>
          )}
        </p>
      )}
      {notes.warning && (
        <p class="note note-warning" data-testid="task-warning">
          {notes.warning}
        </p>
      )}
      {notes.info && (
        <p class="note note-info" data-testid="task-info">
          {notes.info}
        </p>
      )}
      {notes.fileName && (
        <p class="note note-file" title={task.fileName} data-testid="file-name">
          {notes.fileName}
        </p>
      )}
      {fileGone && (
        <p class="note note-warning" data-testid="file-missing">
          {strings.fileMissing}
        </p>
      )}
      {error && (
        <p role="alert" class="alert" data-testid="action-error">
          {error}
        </p>
      )}
      {(actions.cancel || actions.retry || actions.retryMissing || actions.remove || actions.file) && (
        <div class="task-actions">
          {actions.file && !fileGone && (
            <span class="file-actions">
              {button('show', strings.showInFolderButton, 'primary')}
              {button('open', strings.openFileButton)}
            </span>
          )}
          {actions.cancel && button('cancel', strings.cancelButton)}
          {actions.retry && button('retry', strings.retryButton, 'primary')}
          {actions.retryMissing && button('retry', strings.retryMissingButton)}
          {actions.remove && button('remove', strings.removeButton)}
        </div>
      )}
    </li>
  );
}
