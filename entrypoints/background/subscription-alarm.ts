import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/contract';
import { refreshAlarmPlan } from '../../lib/subscriptions/schedule';

export const SUBSCRIPTION_ALARM = 'subscriptions';

/** Keeps the subscription refresh alarm as the `subscriptionRefreshHours` setting asks (lib/subscriptions/schedule.ts decides). */
export async function scheduleSubscriptionRefresh(settings: Settings): Promise<void> {
  const plan = refreshAlarmPlan(settings.subscriptionRefreshHours, await browser.alarms.get(SUBSCRIPTION_ALARM));
  if (plan.action === 'clear') await browser.alarms.clear(SUBSCRIPTION_ALARM);
  if (plan.action === 'create')
    await browser.alarms.create(SUBSCRIPTION_ALARM, {
      periodInMinutes: plan.periodInMinutes,
      delayInMinutes: plan.delayInMinutes,
    });
}
