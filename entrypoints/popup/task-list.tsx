import { useState } from 'preact/hooks';
import type { Task } from '../../lib/contract';
import { errorMessage } from '../../lib/ui/format-task';
import { strings } from '../../lib/ui/strings';
import type { FeedState } from '../../lib/ui/task-feed';
import { clearableTasks } from '../../lib/ui/task-list';
import { TaskItem } from './task-item';

export type TaskAction = 'cancel' | 'retry' | 'remove' | 'show' | 'open';

export interface TaskListProps {
  state: FeedState;
  /** "12 chapters/min · about 5 min left" per task id, when known. */
  speeds: ReadonlyMap<string, string | null>;
  onAction: (task: Task, action: TaskAction) => Promise<void>;
  /** Removes these tasks (completed and cancelled ones). */
  onClear: (tasks: Task[]) => Promise<void>;
  fileExists: (downloadId: number) => Promise<boolean | undefined>;
}

export function TaskList({ state, speeds, onAction, onClear, fileExists }: TaskListProps) {
  const { tasks, loaded, error, reconnecting } = state;
  const [clearing, setClearing] = useState(false);
  const [clearError, setClearError] = useState<string | null>(null);
  const clearable = clearableTasks(tasks);

  async function clear() {
    if (clearing) return;
    setClearing(true);
    setClearError(null);
    try {
      await onClear(clearable);
      document.getElementById('tasks-heading')?.focus();
    } catch (e) {
      setClearError(errorMessage(e));
    } finally {
      setClearing(false);
    }
  }

  return (
    <section class="tasks" aria-labelledby="tasks-heading">
      <div class="tasks-head">
        <h2 id="tasks-heading" class="section-title" tabIndex={-1}>
          {strings.tasksHeading}
        </h2>
        {clearable.length > 0 && (
          <button
            type="button"
            class="task-button link-button"
            data-testid="clear-finished"
            disabled={clearing}
            aria-busy={clearing}
            title={strings.clearFinishedHelp}
            aria-describedby="clear-finished-help"
            onClick={() => void clear()}
          >
            {strings.clearFinishedButton}
          </button>
        )}
        <span id="clear-finished-help" class="visually-hidden">
          {strings.clearFinishedHelp}
        </span>
      </div>
      {reconnecting && (
        <p role="status" class="notice" data-testid="reconnecting">
          {strings.reconnecting}
        </p>
      )}
      {error && (
        <p role="alert" class="alert" data-testid="list-error">
          {error}
        </p>
      )}
      {clearError && (
        <p role="alert" class="alert" data-testid="clear-error">
          {clearError}
        </p>
      )}
      {tasks.length > 0 ? (
        <ul class="task-list" data-testid="task-list">
          {tasks.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              speed={speeds.get(task.id) ?? null}
              onAction={onAction}
              fileExists={fileExists}
            />
          ))}
        </ul>
      ) : (
        !error && <p class="empty">{loaded ? strings.noTasks : strings.loadingTasks}</p>
      )}
    </section>
  );
}
