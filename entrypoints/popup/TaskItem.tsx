import { useEffect, useRef, useState } from 'preact/hooks';
import type { Task } from '../../lib/contract';
import { errorMessage, progressPercent, progressText, statusLabel, taskActions, taskName, taskNotes } from '../../lib/ui/formatTask';
import { strings } from '../../lib/ui/strings';
import type { TaskAction } from './TaskList';

export interface TaskItemProps {
  task: Task;
  onAction: (task: Task, action: TaskAction) => Promise<void>;
}

export function TaskItem({ task, onAction }: TaskItemProps) {
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
  const actions = taskActions(task.status);

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
          const target =
            neighbour?.isConnected && neighbour.querySelector<HTMLButtonElement>('button:not(:disabled)');
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
    <li
      ref={rowRef}
      class={`task status-${task.status}`}
      data-testid={`task-${task.id}`}
      data-status={task.status}
    >
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
      <div class="task-progress-text" data-testid="progress-text">
        {text}
      </div>
      {notes.failedChapters && (
        <p class="note note-warning" data-testid="failed-chapters">
          {notes.failedChapters}
        </p>
      )}
      {notes.error && (
        <p class="note note-error" data-testid="task-error">
          {notes.error}
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
      {error && (
        <p role="alert" class="alert" data-testid="action-error">
          {error}
        </p>
      )}
      {(actions.cancel || actions.retry || actions.remove) && (
        <div class="task-actions">
          {actions.cancel && button('cancel', strings.cancelButton)}
          {actions.retry && button('retry', strings.retryButton, 'primary')}
          {actions.remove && button('remove', strings.removeButton)}
        </div>
      )}
    </li>
  );
}
