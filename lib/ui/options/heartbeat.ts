// How worried to be about a running task's heartbeat, and ages as short human phrases.
import type { TaskStatus } from '../../contract';
import { strings } from '../strings';

/** From the original design: a minute without a heartbeat is suspicious, five minutes is stuck. */
export const HEARTBEAT_WARNING_MS = 60_000;
export const HEARTBEAT_CRITICAL_MS = 300_000;

export type Severity = 'ok' | 'warning' | 'critical';

/** Only a running task has a heartbeat to judge; every other task (or an unknown age) is null. */
export function heartbeatSeverity(status: TaskStatus, ageMs: number | null | undefined): Severity | null {
  if (status !== 'running' || typeof ageMs !== 'number' || !Number.isFinite(ageMs)) return null;
  if (ageMs > HEARTBEAT_CRITICAL_MS) return 'critical';
  if (ageMs > HEARTBEAT_WARNING_MS) return 'warning';
  return 'ok';
}

/** "3 s", "4 min", "2 h", "5 d": the largest whole unit, never negative. */
export function formatDuration(ms: number): string {
  const s = strings.options;
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return s.seconds(seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return s.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return s.hours(hours);
  return s.days(Math.floor(hours / 24));
}

/** "never", "just now", "12 s ago", … for a past moment (epoch ms) seen at `now`. */
export function relativeTime(at: number | null | undefined, now: number): string {
  const s = strings.options;
  if (typeof at !== 'number' || !Number.isFinite(at)) return s.never;
  const ago = now - at;
  if (ago < 1000) return s.justNow;
  return s.ago(formatDuration(ago));
}
