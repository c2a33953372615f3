// What the diagnostics section shows for the worker's `diagnostics` answer, as plain data.
import type { Diagnostics, Health, TaskEvent } from '../../contract';
import { progressText, statusLabel, taskName } from '../format-task';
import { strings } from '../strings';
import { formatDuration, heartbeatSeverity, relativeTime, type Severity } from './heartbeat';

export type DiagnosticsTask = Diagnostics['tasks'][number];

export interface HealthItem {
  key: keyof Health;
  label: string;
  value: string;
}

export function healthItems(health: Health, now: number): HealthItem[] {
  const labels = strings.options.health;
  const keys: Array<keyof Health> = [
    'running',
    'queued',
    'waiting',
    'liveRunners',
    'watchdogAt',
    'recoveredTotal',
    'tasks',
  ];
  return keys.map((key) => ({
    key,
    label: labels[key],
    value: key === 'watchdogAt' ? relativeTime(health.watchdogAt, now) : String(health[key] ?? 0),
  }));
}

export interface TaskRowView {
  id: string;
  name: string;
  url: string;
  statusLabel: string;
  progress: string;
  /** How long since the running task's last heartbeat; a dash for tasks that are not running. */
  heartbeat: string;
  severity: Severity | null;
  /** A sentence explaining a warning or critical heartbeat. */
  heartbeatNote?: string;
  tries: string;
  resumes: string;
}

export function taskRowView(task: DiagnosticsTask): TaskRowView {
  const s = strings.options;
  const severity = heartbeatSeverity(task.status, task.heartbeatAgeMs);
  let heartbeat = s.dash;
  if (task.status === 'running') {
    heartbeat = typeof task.heartbeatAgeMs === 'number' ? s.ago(formatDuration(task.heartbeatAgeMs)) : s.never;
    if (!task.live) heartbeat += ` (${s.notLive})`;
  }
  return {
    id: task.id,
    name: taskName(task),
    url: task.url,
    statusLabel: statusLabel(task.status),
    progress: progressText(task),
    heartbeat,
    severity,
    heartbeatNote:
      severity === 'critical' ? s.heartbeatCritical : severity === 'warning' ? s.heartbeatWarning : undefined,
    tries: `${task.attempts ?? 0} / ${task.retries ?? 0}`,
    resumes: String(task.resumes ?? 0),
  };
}

/** Local wall-clock time of a log line, `HH:MM:SS`. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function levelLabel(level: TaskEvent['level']): string {
  return strings.options.level[level] ?? level;
}
