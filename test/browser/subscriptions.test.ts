// Subscriptions in Chromium: the options page subscribes to a rule list the demo site serves; the
// list changes and "Refresh now" lists the change and applies it; a broken entry is reported and
// skipped; the reader's switch survives. The refresh alarm follows its setting.
import { describe, expect, it } from 'vitest';
import { brokenRule, demoRule, LEGADO_SCRIPTED } from '../fixtures/rule-lists';
import { useSiteAndExtension } from './hooks';

const { site, ext } = useSiteAndExtension();

/** `kind id` of every change the options page lists for the subscription. */
function changesOf(page: import('playwright-core').Page): Promise<string[]> {
  return page
    .getByTestId('subscription-change')
    .evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-kind')} ${item.getAttribute('data-id') ?? ''}`.trim()),
    );
}

describe('subscriptions, in Chromium', () => {
  it('subscribes to a list the demo site serves, lists and applies its change at "Refresh now", and skips a broken entry with its reason', async () => {
    const url = site.setRuleList('browser', [demoRule('sub-demo'), brokenRule('sub-fixed'), LEGADO_SCRIPTED]);
    const page = await ext.openTab(ext.url('options.html#sources'));
    await page.getByTestId('source-demo').waitFor({ timeout: 10_000 });
    await page.getByTestId('subscribe-url').fill(url);
    await page.getByTestId('subscribe-button').click();
    await ext.waitFor(
      () => changesOf(page),
      (changes) => changes.length === 3,
      { timeoutMs: 10_000, what: 'the first changes' },
    );
    expect(await changesOf(page)).toEqual(['added sub-demo', 'skipped sub-fixed', 'skipped legado-scripted-example']);
    const reasons = page.getByTestId('change-reason');
    expect(await reasons.evaluateAll((items) => items.map((item) => item.getAttribute('data-code')))).toEqual([
      'invalid',
      'javascript',
    ]);
    expect(await reasons.nth(0).textContent()).toMatch(/^toc\.chapters the selector "div\["/);
    expect(await reasons.nth(1).textContent()).toBe('ruleContent.content needs JavaScript');
    expect(await page.getByTestId('subscription-summary').textContent()).toMatch(/^1 source · refreshed /);

    const row = page.getByTestId('source-sub-demo');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('source-subscription').textContent()).toBe('Subscribed');
    expect(await page.getByTestId('source-sub-fixed').count()).toBe(0);
    // The reader switches the subscribed source off: a refresh must not switch it back on.
    await row.getByTestId('source-enabled').uncheck();
    await ext.waitFor(
      () => row.getAttribute('data-enabled'),
      (enabled) => enabled === 'false',
      { timeoutMs: 10_000, what: 'the switch' },
    );

    // The list changes: the title now comes in 《》, the broken entry is fixed, the legado one is gone.
    const titled = demoRule('sub-demo', {
      book: { title: '#info h1##^(.*)$##《$1》', author: '#info p##^(?:作者|Author)\\s*[:：]\\s*##' },
    });
    site.setRuleList('browser', [titled, demoRule('sub-fixed')]);
    site.resetLog();
    await page.getByTestId('subscription-refresh').click();
    await ext.waitFor(
      () => changesOf(page),
      (changes) => changes.join() === 'changed sub-demo,added sub-fixed',
      { timeoutMs: 10_000, what: 'the refreshed changes' },
    );
    expect(site.hits('/lists/browser.json')).toBe(1);
    expect(await page.getByTestId('change-label').allTextContents()).toEqual(['Updated', 'Added']);
    await page.getByTestId('source-sub-fixed').waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-enabled')).toBe('false');
    await page.close();

    // Applied: the updated rule reads the book page its new way.
    const report = await ext.call({ type: 'source.test', url: `${site.origin}/book/1/`, sourceId: 'sub-demo' });
    expect(report.book.title).toBe('《演示之书》');
    const { sources } = await ext.call({ type: 'source.list' });
    expect(sources.find((source) => source.id === 'sub-demo')).toMatchObject({
      enabled: false,
      subscription: { url, state: 'installed' },
    });
  });

  it('keeps an hourly refresh alarm while refreshes are on, and none at 0', async () => {
    const alarm = () => ext.page.evaluate(() => chrome.alarms.get('subscriptions').then((found) => found ?? null));
    expect(await ext.waitFor(alarm, (found) => found !== null, { timeoutMs: 10_000, what: 'the alarm' })).toMatchObject(
      { periodInMinutes: 60 },
    );
    await ext.call({ type: 'settings.set', patch: { subscriptionRefreshHours: 0 } });
    await ext.waitFor(alarm, (found) => found === null, { timeoutMs: 10_000, what: 'the alarm to go' });
    await ext.call({ type: 'settings.set', patch: { subscriptionRefreshHours: 24 } });
    await ext.waitFor(alarm, (found) => found !== null, { timeoutMs: 10_000, what: 'the alarm to come back' });
  });
});
