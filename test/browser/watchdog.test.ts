// The chrome.alarms watchdog runs on its own, at the period the settings give it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Ext } from './harness';

let ext: Ext;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});

describe('watchdog alarm', () => {
  it('follows watchdogPeriodSeconds and records each run in health', async () => {
    // Unpacked extensions may use periods below the packed minimum of 30 s.
    const set = await ext.send({ type: 'settings.set', patch: { watchdogPeriodSeconds: 2 } });
    expect(set.ok).toBe(true);
    const alarm = await ext.page.evaluate(() => chrome.alarms.get('watchdog'));
    expect(alarm?.periodInMinutes).toBeCloseTo(2 / 60, 5);
    const since = Date.now();
    const health = await ext.waitFor(
      () => ext.call({ type: 'health' }),
      (h) => (h.watchdogAt ?? 0) >= since,
      { timeoutMs: 15_000, intervalMs: 250, what: 'a watchdog run' },
    );
    expect(health).toMatchObject({ running: 0 });
  });
});
