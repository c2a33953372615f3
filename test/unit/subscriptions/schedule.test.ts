// When subscribed lists are fetched again: the alarm's plan for the setting, and which lists are due.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../lib/settings';
import { isDue, REFRESH_ALARM_MINUTES, refreshAlarmPlan } from '../../../lib/subscriptions/schedule';

const HOUR = 3_600_000;

describe('the refresh alarm', () => {
  it('is hourly while refreshes are on, created once and then left alone so restarts do not push it back', () => {
    expect(refreshAlarmPlan(24, undefined)).toEqual({
      action: 'create',
      periodInMinutes: REFRESH_ALARM_MINUTES,
      delayInMinutes: REFRESH_ALARM_MINUTES,
    });
    expect(refreshAlarmPlan(24, { periodInMinutes: REFRESH_ALARM_MINUTES })).toEqual({ action: 'keep' });
    expect(refreshAlarmPlan(1, { periodInMinutes: 5 })).toMatchObject({ action: 'create' });
  });

  it('is cleared when the setting is 0, and not created', () => {
    expect(refreshAlarmPlan(0, { periodInMinutes: REFRESH_ALARM_MINUTES })).toEqual({ action: 'clear' });
    expect(refreshAlarmPlan(0, undefined)).toEqual({ action: 'keep' });
  });

  it('is daily by default; the setting takes 0 to 720 hours', () => {
    expect(DEFAULT_SETTINGS.subscriptionRefreshHours).toBe(24);
    expect(applySettingsPatch(DEFAULT_SETTINGS, { subscriptionRefreshHours: 0 }).subscriptionRefreshHours).toBe(0);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { subscriptionRefreshHours: 721 })).toThrow(
      /a whole number from 0 to 720/,
    );
  });
});

describe('a list is due', () => {
  const checkedAt = Date.UTC(2025, 0, 1, 9, 40);
  it('once its period has passed since it was last tried, give or take an alarm that fires a little early', () => {
    expect(isDue(checkedAt, checkedAt + 23 * HOUR, 24)).toBe(false);
    expect(isDue(checkedAt, checkedAt + 24 * HOUR - 60_000, 24)).toBe(true);
    expect(isDue(checkedAt, checkedAt + 7 * 24 * HOUR, 24)).toBe(true);
  });

  it('never while refreshes are off', () => {
    expect(isDue(checkedAt, checkedAt + 365 * 24 * HOUR, 0)).toBe(false);
  });
});
