// How fast a running task goes, from the progress the popup has seen, and when it will be done.
import type { Task } from '../contract';
import { strings } from './strings';

interface Sample {
  at: number;
  /** Chapters done (stored or given up), so a site that fails fast still counts as progress. */
  done: number;
}

export interface Estimate {
  perMinute: number;
  /** Undefined while nothing moves: no honest guess. */
  msLeft?: number;
}

/**
 * Keeps, per running task, when its chapter count changed over the last `windowMs`. The rate is
 * measured from the oldest kept change to now, so it falls while a task stalls instead of
 * freezing at its last value; nothing is said before `minSpanMs` of watching.
 */
export class SpeedMeter {
  private readonly samples = new Map<string, Sample[]>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly minSpanMs = 3_000,
  ) {}

  observe(tasks: readonly Task[], now: number): void {
    const running = new Set<string>();
    for (const task of tasks) {
      if (task.status !== 'running' || task.totalChapters <= 0) continue;
      running.add(task.id);
      const done = task.completedChapters + task.failedChapters;
      let list = this.samples.get(task.id);
      if (!list) this.samples.set(task.id, (list = []));
      const last = list[list.length - 1];
      if (last && done < last.done) list.length = 0; // retried from fewer chapters: measure afresh
      if (!last || done !== list[list.length - 1]?.done) list.push({ at: now, done });
      // Keep one sample at or before the window's start, so the window is always spanned.
      while (list.length > 2 && list[1]!.at <= now - this.windowMs) list.shift();
    }
    for (const id of this.samples.keys()) if (!running.has(id)) this.samples.delete(id);
  }

  estimate(
    task: Pick<Task, 'id' | 'totalChapters' | 'completedChapters' | 'failedChapters'>,
    now: number,
  ): Estimate | null {
    const list = this.samples.get(task.id);
    if (!list || list.length === 0) return null;
    const first = list[0]!;
    const span = now - first.at;
    if (span < this.minSpanMs) return null;
    const done = task.completedChapters + task.failedChapters;
    const perMs = Math.max(0, done - first.done) / span;
    if (perMs === 0) return { perMinute: 0 };
    return { perMinute: perMs * 60_000, msLeft: Math.max(0, task.totalChapters - done) / perMs };
  }
}

/** "12", "2.5": whole numbers from 10 up, one decimal below. */
export function formatRate(perMinute: number): string {
  if (perMinute >= 10) return String(Math.round(perMinute));
  return String(Math.round(perMinute * 10) / 10);
}

export function formatTimeLeft(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return strings.timeLeftUnderMinute;
  if (minutes < 60) return strings.timeLeftMinutes(minutes);
  return strings.timeLeftHours(Math.floor(minutes / 60), minutes % 60);
}

/** "12 chapters/min · about 5 min left", or null before there is anything to say. */
export function speedText(estimate: Estimate | null): string | null {
  if (!estimate) return null;
  const rate = strings.speed(formatRate(estimate.perMinute));
  return estimate.msLeft === undefined ? rate : `${rate} · ${formatTimeLeft(estimate.msLeft)}`;
}
