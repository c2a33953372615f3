import { useState } from 'preact/hooks';
import { strings } from '../../lib/ui/strings';
import type { DiagnosticsTask } from '../../lib/ui/options/diagnostics-view';
import { TaskRows } from './task-rows';

export interface TaskTableProps {
  tasks: DiagnosticsTask[];
}

/** Every task the worker knows, with an expandable log per task that survives the refreshes. */
export function TaskTable({ tasks }: TaskTableProps) {
  const c = strings.options.columns;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string) {
    setOpen((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  if (tasks.length === 0) return <p class="muted">{strings.options.noTaskRows}</p>;
  return (
    <div class="table-wrap">
      <table class="task-table" data-testid="task-table">
        <thead>
          <tr>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.book}</th>
            <th scope="col">{c.progress}</th>
            <th scope="col">{c.heartbeat}</th>
            <th scope="col">{c.tries}</th>
            <th scope="col">{c.resumes}</th>
            <th scope="col">{c.log}</th>
          </tr>
        </thead>
        {tasks.map((task) => (
          <TaskRows key={task.id} task={task} open={open.has(task.id)} onToggle={() => toggle(task.id)} />
        ))}
      </table>
    </div>
  );
}
