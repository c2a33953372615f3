import { describe, expect, it } from 'vitest';
import '../english';
import type { Health } from '../../../../lib/contract';
import {
  clockTime,
  healthItems,
  levelLabel,
  taskRowView,
  type DiagnosticsTask,
} from '../../../../lib/ui/options/diagnostics-view';
import { makeTask } from '../fixtures';

function diagTask(overrides: Partial<DiagnosticsTask> = {}): DiagnosticsTask {
  return { ...makeTask(), live: false, heartbeatAgeMs: null, events: [], ...overrides };
}

describe('healthItems', () => {
  it('lists every number and the watchdog as relative time', () => {
    const health: Health = {
      running: 1,
      queued: 2,
      waiting: 4,
      liveRunners: 1,
      watchdogAt: 10_000,
      recoveredTotal: 3,
      tasks: 7,
    };
    const items = healthItems(health, 40_000);
    expect(items.map((item) => [item.key, item.value])).toEqual([
      ['running', '1'],
      ['queued', '2'],
      ['waiting', '4'],
      ['liveRunners', '1'],
      ['watchdogAt', '30 s ago'],
      ['recoveredTotal', '3'],
      ['tasks', '7'],
    ]);
    expect(healthItems({ ...health, watchdogAt: null }, 0).find((item) => item.key === 'watchdogAt')?.value).toBe(
      'never',
    );
  });
});

describe('taskRowView', () => {
  it('shows a dash for the heartbeat of a task that is not running', () => {
    const row = taskRowView(
      diagTask({
        status: 'completed',
        title: 'Book',
        totalChapters: 12,
        completedChapters: 12,
        progress: 100,
        attempts: 13,
        retries: 1,
        resumes: 2,
      }),
    );
    expect(row).toMatchObject({
      name: 'Book',
      statusLabel: 'Completed',
      heartbeat: '—',
      severity: null,
      tries: '13 / 1',
      resumes: '2',
    });
    expect(row.progress).toBe('12/12 chapters · 100%');
  });

  it('marks a running task whose heartbeat is old', () => {
    expect(taskRowView(diagTask({ status: 'running', live: true, heartbeatAgeMs: 5_000 }))).toMatchObject({
      heartbeat: '5 s ago',
      severity: 'ok',
    });
    const warning = taskRowView(diagTask({ status: 'running', live: true, heartbeatAgeMs: 90_000 }));
    expect(warning).toMatchObject({
      heartbeat: '1 min ago',
      severity: 'warning',
      heartbeatNote: 'No heartbeat for over a minute.',
    });
    const critical = taskRowView(diagTask({ status: 'running', live: false, heartbeatAgeMs: 600_000 }));
    expect(critical).toMatchObject({ heartbeat: '10 min ago (no live runner)', severity: 'critical' });
  });

  it('counts missing attempt numbers as zero', () => {
    expect(taskRowView(diagTask()).tries).toBe('0 / 0');
  });
});

describe('log lines', () => {
  it('formats time and level', () => {
    expect(clockTime(Date.now())).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(levelLabel('warn')).toBe('warning');
  });
});
