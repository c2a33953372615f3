import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/contract';

export const WATCHDOG_ALARM = 'watchdog';

/** Keeps the watchdog alarm at the period the settings ask for, without resetting it needlessly. */
export async function scheduleWatchdog(settings: Settings): Promise<void> {
  const periodInMinutes = settings.watchdogPeriodSeconds / 60;
  const existing = await browser.alarms.get(WATCHDOG_ALARM);
  if (existing?.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}
