// A browser that stored books and sources with an older version of the extension keeps them when
// the database gains a version (2: the subscriptions store).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../lib/store/store';
import { DB_VERSION } from '../../../lib/store/schema';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { demoRule } from '../../fixtures/rule-lists';
import { openOldDatabase } from '../../fixtures/old-database';

describe('the database upgrade', () => {
  it('keeps what version 1 stored and adds the subscriptions store', async () => {
    const name = `upgrade-${randomUUID()}`;
    const old = await openOldDatabase(name, 1);
    await old.put('sources', demoRule('mine'));
    await old.put('sourceStates', { id: 'mine', enabled: false });
    await old.put('chapters', {
      taskId: 't1',
      index: 0,
      title: 'One',
      url: 'http://127.0.0.1/book/1/1.html',
      text: 'Text',
    });
    await old.put('meta', { ...DEFAULT_SETTINGS, concurrency: 5 }, 'settings');
    old.close();

    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
    const store = await Store.open(name);
    expect((await store.importedSources()).map((rule) => rule.id)).toEqual(['mine']);
    expect(await store.sourceStates()).toEqual([{ id: 'mine', enabled: false }]);
    expect((await store.chapterIndexes('t1')).stored).toEqual(new Set([0]));
    expect(await store.getSettings()).toMatchObject({ concurrency: 5, subscriptionRefreshHours: 24 });
    expect(await store.subscriptions()).toEqual([]);
    store.close();
  });
});
