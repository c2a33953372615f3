// When subscribed lists are fetched again. The alarm only wakes the worker once an hour; which
// lists are due is decided from when each was last tried, so a list added at 9:40 is refreshed
// a day after 9:40 (within the hour), and a browser closed for a week refreshes each list once.

/** How often the refresh alarm fires while refreshes are on. */
export const REFRESH_ALARM_MINUTES = 60;

/** An alarm fires a little late or early; a list this close to due is refreshed now rather than an hour later. */
const DUE_SLACK_MS = 5 * 60_000;

export type AlarmPlan =
  { action: 'keep' } | { action: 'clear' } | { action: 'create'; periodInMinutes: number; delayInMinutes: number };

/** What to do with the refresh alarm for the `subscriptionRefreshHours` setting, given the alarm there is now. */
export function refreshAlarmPlan(hours: number, existing: { periodInMinutes?: number } | undefined): AlarmPlan {
  if (hours <= 0) return existing ? { action: 'clear' } : { action: 'keep' };
  // Recreating an alarm restarts its period: a worker that starts every few minutes must not keep pushing it back.
  if (existing?.periodInMinutes === REFRESH_ALARM_MINUTES) return { action: 'keep' };
  return { action: 'create', periodInMinutes: REFRESH_ALARM_MINUTES, delayInMinutes: REFRESH_ALARM_MINUTES };
}

/** Whether a list last tried at `checkedAt` is due for its refresh at `now`. */
export function isDue(checkedAt: number, now: number, hours: number): boolean {
  return hours > 0 && now - checkedAt >= hours * 3_600_000 - DUE_SLACK_MS;
}
