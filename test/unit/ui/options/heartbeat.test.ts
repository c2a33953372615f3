import { describe, expect, it } from 'vitest';
import '../english';
import {
  formatDuration,
  heartbeatSeverity,
  HEARTBEAT_CRITICAL_MS,
  HEARTBEAT_WARNING_MS,
  relativeTime,
} from '../../../../lib/ui/options/heartbeat';

describe('heartbeatSeverity', () => {
  it('judges only running tasks with a known age', () => {
    expect(heartbeatSeverity('queued', 999_999)).toBeNull();
    expect(heartbeatSeverity('completed', 999_999)).toBeNull();
    expect(heartbeatSeverity('running', null)).toBeNull();
    expect(heartbeatSeverity('running', undefined)).toBeNull();
    expect(heartbeatSeverity('running', Number.NaN)).toBeNull();
  });

  it('warns after 60 s and is critical after 300 s', () => {
    expect(HEARTBEAT_WARNING_MS).toBe(60_000);
    expect(HEARTBEAT_CRITICAL_MS).toBe(300_000);
    expect(heartbeatSeverity('running', 0)).toBe('ok');
    expect(heartbeatSeverity('running', 60_000)).toBe('ok');
    expect(heartbeatSeverity('running', 60_001)).toBe('warning');
    expect(heartbeatSeverity('running', 300_000)).toBe('warning');
    expect(heartbeatSeverity('running', 300_001)).toBe('critical');
  });
});

describe('formatDuration and relativeTime', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(12_900)).toBe('12 s');
    expect(formatDuration(61_000)).toBe('1 min');
    expect(formatDuration(2 * 3_600_000 + 5)).toBe('2 h');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
  });

  it('says never, just now, or how long ago', () => {
    expect(relativeTime(null, 10_000)).toBe('never');
    expect(relativeTime(9_500, 10_000)).toBe('just now');
    expect(relativeTime(0, 45_000)).toBe('45 s ago');
    expect(relativeTime(0, 5 * 60_000)).toBe('5 min ago');
  });
});
