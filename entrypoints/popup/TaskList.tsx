import type { Task } from '../../lib/contract';
import type { FeedState } from '../../lib/ui/taskFeed';
import { strings } from '../../lib/ui/strings';
import { TaskItem } from './TaskItem';

export type TaskAction = 'cancel' | 'retry' | 'remove';

export interface TaskListProps {
  state: FeedState;
  onAction: (task: Task, action: TaskAction) => Promise<void>;
}

export function TaskList({ state, onAction }: TaskListProps) {
  const { tasks, loaded, error, reconnecting } = state;
  return (
    <section class="tasks" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading" class="section-title" tabIndex={-1}>
        {strings.tasksHeading}
      </h2>
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
      {tasks.length > 0 ? (
        <ul class="task-list" data-testid="task-list">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} onAction={onAction} />
          ))}
        </ul>
      ) : (
        !error && <p class="empty">{loaded ? strings.noTasks : strings.loadingTasks}</p>
      )}
    </section>
  );
}
