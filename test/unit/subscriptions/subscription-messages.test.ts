// subscription.add, .list, .refresh and .remove through the service, against lists the demo site
// serves: installed and refreshed as a whole, the reader's choices kept, downloads not orphaned.
import { describe, expect, it } from 'vitest';
import type { SourceInfo, Subscription } from '../../../lib/contract';
import type { SaveFile } from '../../../lib/task/runner';
import { startService, useDemoSite } from '../engine/service-harness';
import { brokenRule, demoRule, LEGADO_DEMO, LEGADO_DEMO_ID, LEGADO_SCRIPTED } from '../../fixtures/rule-lists';

const site = useDemoSite();
type Service = Awaited<ReturnType<typeof startService>>;

const kinds = (subscription: Subscription) =>
  subscription.changes.map((change) => `${change.kind} ${change.id ?? `#${change.index}`}`);
const states = (subscription: Subscription) => subscription.sources.map((source) => `${source.id} ${source.state}`);

async function source(service: Service, id: string): Promise<SourceInfo | undefined> {
  return (await service.call({ type: 'source.list' })).sources.find((item) => item.id === id);
}

describe('subscribing to a rule list', () => {
  it('installs every good entry of a mixed list, reports each bad one, and marks what it installed', async () => {
    const service = await startService();
    const url = site.setRuleList('mixed', [demoRule('sub-a'), brokenRule('sub-b'), LEGADO_DEMO, LEGADO_SCRIPTED]);
    const { subscription } = await service.call({ type: 'subscription.add', url });
    expect(subscription).toMatchObject({ url });
    expect(subscription).not.toHaveProperty('error');
    expect(kinds(subscription)).toEqual([
      'added sub-a',
      'skipped sub-b',
      `added ${LEGADO_DEMO_ID}`,
      'skipped legado-scripted-example',
    ]);
    expect(subscription.changes[1]!.reasons![0]).toMatchObject({ field: 'toc.chapters', code: 'invalid' });
    expect(subscription.changes[3]!.reasons![0]).toMatchObject({ field: 'ruleContent.content', code: 'javascript' });
    expect(states(subscription)).toEqual(['sub-a installed', `${LEGADO_DEMO_ID} installed`]);
    expect(await source(service, 'sub-a')).toMatchObject({
      builtIn: false,
      subscription: { id: subscription.id, url, state: 'installed' },
    });
    expect(await source(service, 'sub-b')).toBeUndefined();
    expect(await source(service, 'demo')).not.toHaveProperty('subscription');
    expect((await service.call({ type: 'subscription.list' })).subscriptions).toEqual([subscription]);
    // The installed rule reads the site.
    const report = await service.call({ type: 'source.test', url: `${site.origin}/book/1/`, sourceId: 'sub-a' });
    expect(report).toMatchObject({ sourceId: 'sub-a', book: { title: '演示之书' }, chapters: 12 });
  });

  it.each([
    ['an address that is not http(s)', () => 'ftp://127.0.0.1/list.json', 'invalid_url', 'is not a web address'],
    ['a list the site does not have', () => `${site.origin}/lists/missing.json`, 'http_status', 'answered HTTP 404'],
    ['a page that is not JSON', () => `${site.origin}/book/1/`, 'invalid_source', 'is not JSON'],
    ['an empty list', () => site.setRuleList('empty', []), 'invalid_source', 'is empty'],
  ])('refuses %s and stores nothing', async (_name, url, code, message) => {
    const service = await startService();
    const before = (await service.call({ type: 'source.list' })).sources.length;
    const error = await service.refusal({ type: 'subscription.add', url: url() });
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect((await service.call({ type: 'subscription.list' })).subscriptions).toEqual([]);
    expect((await service.call({ type: 'source.list' })).sources).toHaveLength(before);
  });

  it('refuses a list over the page size cap with too_large, as any page, and stores nothing', async () => {
    const service = await startService();
    await service.call({ type: 'settings.set', patch: { maxPageMB: 1 } });
    const before = (await service.call({ type: 'source.list' })).sources.length;
    // Valid JSON, so only the cap can refuse it: a list is read whole before its entries are judged.
    const url = site.setRuleList('huge', [demoRule('sub-a', { name: 'x'.repeat(1_100_000) })]);
    const error = await service.refusal({ type: 'subscription.add', url });
    expect(error.code).toBe('too_large');
    expect(error.message).toContain(url);
    expect((await service.call({ type: 'subscription.list' })).subscriptions).toEqual([]);
    expect((await service.call({ type: 'source.list' })).sources).toHaveLength(before);
  });

  it('refuses the same list twice', async () => {
    const service = await startService();
    const url = site.setRuleList('twice', [demoRule('sub-a')]);
    await service.call({ type: 'subscription.add', url });
    expect(await service.refusal({ type: 'subscription.add', url })).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('Refresh now'),
    });
  });
});

describe('refreshing a subscription', () => {
  it("applies and lists the list's changes, keeps the reader's edit and switch, and lists a broken entry", async () => {
    const service = await startService();
    const url = site.setRuleList('changing', [
      demoRule('sub-a'),
      demoRule('sub-b'),
      demoRule('sub-c'),
      demoRule('sub-d'),
    ]);
    const { subscription } = await service.call({ type: 'subscription.add', url });
    await service.call({ type: 'source.setEnabled', sourceId: 'sub-a', enabled: false });
    await service.call({ type: 'source.import', sources: demoRule('sub-b', { name: 'My own B' }) });

    site.setRuleList('changing', [
      demoRule('sub-a', { name: 'A, second version' }),
      demoRule('sub-b', { name: 'B, second version' }),
      brokenRule('sub-c'),
      demoRule('sub-e'),
    ]);
    const refreshed = (await service.call({ type: 'subscription.refresh', subscriptionId: subscription.id }))
      .subscription;
    expect(kinds(refreshed)).toEqual(['changed sub-a', 'kept sub-b', 'skipped sub-c', 'added sub-e', 'removed sub-d']);
    expect(refreshed.changes[1]).toMatchObject({ local: 'edited' });
    expect(states(refreshed)).toEqual(['sub-a installed', 'sub-b edited', 'sub-c installed', 'sub-e installed']);
    expect(refreshed.refreshedAt).toBeGreaterThanOrEqual(subscription.refreshedAt);

    expect(await source(service, 'sub-a')).toMatchObject({ name: 'A, second version', enabled: false });
    expect(await source(service, 'sub-b')).toMatchObject({ name: 'My own B', subscription: { state: 'edited' } });
    expect(await source(service, 'sub-c')).toMatchObject({ name: 'Subscribed sub-c' });
    expect(await source(service, 'sub-d')).toBeUndefined();
    expect(await source(service, 'sub-e')).toMatchObject({ subscription: { state: 'installed' } });
  });

  it('keeps the sources as they were when the list cannot be read, with the error on the subscription', async () => {
    const service = await startService();
    const url = site.setRuleList('flaky', [demoRule('sub-a')]);
    const { subscription } = await service.call({ type: 'subscription.add', url });
    site.setRuleList('flaky', '{ "id": ');
    const error = await service.refusal({ type: 'subscription.refresh', subscriptionId: subscription.id });
    expect(error).toMatchObject({
      code: 'invalid_source',
      message: expect.stringContaining(`The sources installed from ${url} are kept as they were.`),
    });
    const [listed] = (await service.call({ type: 'subscription.list' })).subscriptions;
    expect(listed).toMatchObject({ error, changes: subscription.changes, refreshedAt: subscription.refreshedAt });
    expect(states(listed!)).toEqual(['sub-a installed']);
    expect(await source(service, 'sub-a')).toBeDefined();

    site.setRuleList('flaky', [demoRule('sub-a')]);
    const again = (await service.call({ type: 'subscription.refresh', subscriptionId: subscription.id })).subscription;
    expect(again).not.toHaveProperty('error');
    expect(again.changes).toEqual([]);
  });

  it('refuses an unknown subscription', async () => {
    const service = await startService();
    expect(await service.refusal({ type: 'subscription.refresh', subscriptionId: 'nope' })).toMatchObject({
      code: 'unknown_subscription',
    });
    expect(await service.refusal({ type: 'subscription.remove', subscriptionId: 'nope' })).toMatchObject({
      code: 'unknown_subscription',
    });
  });

  it('keeps a source gone from the list while a queued download needs it, which then downloads with it; a later refresh deletes it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held =
      (save: SaveFile): SaveFile =>
      async (task) => {
        await gate;
        return save(task);
      };
    const service = await startService({ settings: { maxRunningTasks: 1 }, saveFile: held });
    const url = site.setRuleList('retiring', [demoRule('sub-a'), demoRule('sub-b')]);
    const { subscription } = await service.call({ type: 'subscription.add', url });
    const first = (
      await service.call({ type: 'task.start', url: `${site.origin}/book/3/`, sourceId: 'sub-a', format: 'txt' })
    ).task;
    const second = (
      await service.call({ type: 'task.start', url: `${site.origin}/book/en/`, sourceId: 'sub-b', format: 'txt' })
    ).task;
    expect(second.status).toBe('queued');

    site.setRuleList('retiring', [demoRule('sub-a', { name: 'A, second version' })]);
    const refreshed = (await service.call({ type: 'subscription.refresh', subscriptionId: subscription.id }))
      .subscription;
    expect(kinds(refreshed)).toEqual(['changed sub-a', 'retired sub-b']);
    expect(states(refreshed)).toEqual(['sub-a installed', 'sub-b retired']);
    expect(await source(service, 'sub-b')).toMatchObject({ subscription: { state: 'retired' } });

    release();
    for (const task of [first, second]) {
      expect(await service.waitForTask(task.id, service.ended)).toMatchObject({
        status: 'completed',
        sourceId: task.sourceId,
      });
    }
    const later = (await service.call({ type: 'subscription.refresh', subscriptionId: subscription.id })).subscription;
    expect(later.changes).toEqual([]);
    expect(states(later)).toEqual(['sub-a installed']);
    expect(await source(service, 'sub-b')).toBeUndefined();
  });
});

describe('the refresh alarm', () => {
  it('refreshes the lists that are due, and none when the setting is 0', async () => {
    let shift = 0;
    const service = await startService({ now: () => Date.now() + shift });
    const url = site.setRuleList('daily', [demoRule('sub-a')]);
    await service.call({ type: 'subscription.add', url });
    site.setRuleList('daily', [demoRule('sub-a'), demoRule('sub-b')]);
    site.resetLog();
    expect(await service.service.refreshSubscriptions()).toBe(0);
    shift = 25 * 3_600_000;
    await service.call({ type: 'settings.set', patch: { subscriptionRefreshHours: 0 } });
    expect(await service.service.refreshSubscriptions()).toBe(0);
    expect(site.hits('/lists/')).toBe(0);
    await service.call({ type: 'settings.set', patch: { subscriptionRefreshHours: 24 } });
    expect(await service.service.refreshSubscriptions()).toBe(1);
    const [subscription] = (await service.call({ type: 'subscription.list' })).subscriptions;
    expect(kinds(subscription!)).toEqual(['added sub-b']);
  });
});

describe('removing a subscription', () => {
  it("deletes its sources but the reader's edited ones", async () => {
    const service = await startService();
    const url = site.setRuleList('leaving', [demoRule('sub-a'), demoRule('sub-b')]);
    const { subscription } = await service.call({ type: 'subscription.add', url });
    await service.call({ type: 'source.import', sources: demoRule('sub-b', { name: 'Mine' }) });
    expect(await service.send({ type: 'subscription.remove', subscriptionId: subscription.id })).toEqual({
      ok: true,
      deleted: ['sub-a'],
      kept: ['sub-b'],
    });
    expect(await source(service, 'sub-a')).toBeUndefined();
    expect(await source(service, 'sub-b')).toMatchObject({ name: 'Mine' });
    expect(await source(service, 'sub-b')).not.toHaveProperty('subscription');
    expect((await service.call({ type: 'subscription.list' })).subscriptions).toEqual([]);
  });
});
