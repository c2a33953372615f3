import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/contract';

export const CHECK_ALARM = 'check-followed';

/** Checks followed books every `checkUpdatesHours`, or never at 0; the alarm is left alone when its period is right. */
export async function scheduleChecks(settings: Settings): Promise<void> {
  const existing = await browser.alarms.get(CHECK_ALARM);
  if (settings.checkUpdatesHours <= 0) {
    if (existing) await browser.alarms.clear(CHECK_ALARM);
    return;
  }
  const periodInMinutes = settings.checkUpdatesHours * 60;
  if (existing?.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(CHECK_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}
