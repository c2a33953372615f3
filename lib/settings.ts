import type { Settings } from './contract';
import { FORMATS, SPLIT_MODES, UPDATE_MODES } from './contract';
import { AppError } from './errors';

export const DEFAULT_SETTINGS: Settings = {
  defaultFormat: 'epub',
  concurrency: 3,
  delayMs: 0,
  requestTimeoutMs: 30_000,
  maxAttempts: 4,
  watchdogPeriodSeconds: 30,
  maxTaskMinutes: 720,
  maxRunningTasks: 2,
  maxFailedChapterPercent: 10,
  notifications: true,
  checkUpdatesHours: 24,
  updateMode: 'whole',
  splitMode: 'none',
  splitChapters: 1000,
  challengeWaitMinutes: 30,
  maxPageMB: 20,
  subscriptionRefreshHours: 24,
};

type Check = (value: unknown) => string | undefined;

function decimal(min: number, max: number): Check {
  return (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
      ? undefined
      : `a number from ${min} to ${max}`;
}

function integer(min: number, max: number): Check {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? undefined
      : `a whole number from ${min} to ${max}`;
}

function oneOf(values: readonly string[]): Check {
  return (value) => (values.includes(value as never) ? undefined : `one of ${values.join(', ')}`);
}

// Bounds keep a typo from making the extension hammer a site or never give up.
const CHECKS: Record<keyof Settings, Check> = {
  defaultFormat: oneOf(FORMATS),
  concurrency: integer(1, 16),
  delayMs: integer(0, 60_000),
  requestTimeoutMs: integer(1_000, 600_000),
  maxAttempts: integer(1, 10),
  // Unpacked builds accept periods below Chrome's packed minimum of 30 s; tests use that.
  watchdogPeriodSeconds: integer(1, 3_600),
  maxTaskMinutes: integer(1, 10_080),
  maxRunningTasks: integer(1, 8),
  maxFailedChapterPercent: integer(0, 100),
  notifications: (value) => (typeof value === 'boolean' ? undefined : 'true or false'),
  // Fractions of an hour are allowed so a test can check every few seconds; 30 days at most.
  checkUpdatesHours: (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 720
      ? undefined
      : 'a number of hours from 0 (off) to 720',
  updateMode: oneOf(UPDATE_MODES),
  splitMode: oneOf(SPLIT_MODES),
  splitChapters: integer(10, 100_000),
  // Fractions of a minute let tests see the deadline pass; a day is the longest a wall is worth.
  challengeWaitMinutes: decimal(0.05, 1_440),
  maxPageMB: integer(1, 500),
  // 0 switches the alarm off; a month is the longest gap that still counts as following a list.
  subscriptionRefreshHours: integer(0, 720),
};

/** Checks a `settings.set` patch; any unknown key or bad value refuses the whole patch. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new AppError('invalid_settings', 'Settings must be an object of key/value pairs.');
  }
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const check = CHECKS[key as keyof Settings];
    if (!check) throw new AppError('invalid_settings', `"${key}" is not a setting.`);
    const expected = check(value);
    if (expected) {
      throw new AppError('invalid_settings', `The setting "${key}" must be ${expected}, not ${JSON.stringify(value)}.`);
    }
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}
