import { describe, expect, it } from 'vitest';
import { startService } from './service-harness';

// The origin of this project: a bad URL or a missing site left tasks "running" forever.
// task.start must refuse bad input at once and create nothing.
describe('task.start validation', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a word that is not a URL', { url: 'invalid_url' }, 'invalid_url'],
    ['a relative path', { url: '/book/1/' }, 'invalid_url'],
    ['an ftp URL', { url: 'ftp://127.0.0.1/book/1/' }, 'invalid_url'],
    ['a number as URL', { url: 42 }, 'invalid_url'],
    ['a missing URL', {}, 'invalid_url'],
    ['an unknown format', { url: 'http://127.0.0.1/book/1/', format: 'pdf' }, 'invalid_format'],
    ['an unknown source id', { url: 'http://127.0.0.1/book/1/', sourceId: '999' }, 'unknown_source'],
    ['a range that runs backwards', { url: 'http://127.0.0.1/book/1/', range: { from: 5, to: 2 } }, 'invalid_range'],
    ['a range starting at 0', { url: 'http://127.0.0.1/book/1/', range: { from: 0 } }, 'invalid_range'],
  ];

  it.each(cases)('refuses %s with its code and creates no task', async (_name, fields, code) => {
    const { call, refusal } = await startService();
    const error = await refusal({ type: 'task.start', ...fields });
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
    expect((await call({ type: 'task.list' })).tasks).toEqual([]);
  });

  it('names the bad value in the sentence', async () => {
    const { refusal } = await startService();
    expect((await refusal({ type: 'task.start', url: 'invalid_url' })).message).toContain('"invalid_url"');
  });

  it('refuses a disabled source with source_disabled', async () => {
    const { send, call, refusal } = await startService();
    expect((await send({ type: 'source.setEnabled', sourceId: 'demo', enabled: false })).ok).toBe(true);
    expect((await refusal({ type: 'task.start', url: 'http://127.0.0.1/book/1/', sourceId: 'demo' })).code).toBe(
      'source_disabled',
    );
    expect((await send({ type: 'source.setEnabled', sourceId: 'generic', enabled: false })).ok).toBe(true);
    expect((await refusal({ type: 'task.start', url: 'http://127.0.0.1/book/1/' })).code).toBe('no_source');
    expect((await call({ type: 'task.list' })).tasks).toEqual([]);
  });

  it('refuses a URL no source knows with no_source once the generic reader is disabled', async () => {
    const { send, call, refusal } = await startService();
    expect((await send({ type: 'source.setEnabled', sourceId: 'generic', enabled: false })).ok).toBe(true);
    const error = await refusal({ type: 'task.start', url: 'https://example.org/novel/1' });
    expect(error.code).toBe('no_source');
    expect(error.message).toContain('https://example.org/novel/1');
    expect(error.message).toMatch(/generic reader/);
    expect((await call({ type: 'task.list' })).tasks).toEqual([]);
  });

  it('lists the generic reader as an enabled built-in source after the other built-in ones', async () => {
    const { call } = await startService();
    const { sources } = await call({ type: 'source.list' });
    const builtIn = sources.filter((s) => s.builtIn);
    expect(builtIn.length).toBeGreaterThan(1);
    expect(builtIn.at(-1)).toMatchObject({
      id: 'generic',
      name: 'Generic reader',
      enabled: true,
      builtIn: true,
      matches: ['<all_urls>'],
    });
    // The demo site's source is the harness's import, not built in.
    expect(sources.find((s) => s.id === 'demo')).toMatchObject({ builtIn: false, enabled: true });
  });

  it('answers unknown message types and unknown tasks with codes', async () => {
    const { refusal } = await startService();
    expect((await refusal({ type: 'nope' })).code).toBe('invalid_message');
    expect((await refusal({ type: 'task.get', taskId: 'missing' })).code).toBe('unknown_task');
  });
});

describe('settings', () => {
  it('has the contract defaults', async () => {
    const { call } = await startService();
    const { settings } = await call({ type: 'settings.get' });
    expect(settings).toMatchObject({
      defaultFormat: 'epub',
      concurrency: 3,
      delayMs: 0,
      requestTimeoutMs: 30000,
      maxAttempts: 4,
      watchdogPeriodSeconds: 30,
      maxTaskMinutes: 720,
      challengeWaitMinutes: 30,
    });
  });

  it('takes a wait for walls in minutes, fractions included, but never none or forever', async () => {
    const { call, refusal } = await startService();
    expect(
      (await call({ type: 'settings.set', patch: { challengeWaitMinutes: 0.1 } })).settings.challengeWaitMinutes,
    ).toBe(0.1);
    for (const bad of [0, -1, 1_441, '30', Number.POSITIVE_INFINITY]) {
      const error = await refusal({ type: 'settings.set', patch: { challengeWaitMinutes: bad } });
      expect(error.code).toBe('invalid_settings');
      expect(error.message).toContain('challengeWaitMinutes');
    }
  });

  it('refuses unknown keys and bad values, changing nothing', async () => {
    const { call, refusal } = await startService();
    expect((await refusal({ type: 'settings.set', patch: { colour: 'red' } })).code).toBe('invalid_settings');
    const bad = await refusal({ type: 'settings.set', patch: { concurrency: 2, maxAttempts: 0 } });
    expect(bad.code).toBe('invalid_settings');
    expect(bad.message).toContain('maxAttempts');
    expect((await call({ type: 'settings.get' })).settings.concurrency).toBe(3);
    expect((await call({ type: 'settings.set', patch: { concurrency: 2 } })).settings.concurrency).toBe(2);
  });

  it('keeps settings in storage for the next worker', async () => {
    const first = await startService();
    await first.send({ type: 'settings.set', patch: { delayMs: 250 } });
    const second = await startService({ dbName: first.dbName });
    expect((await second.call({ type: 'settings.get' })).settings.delayMs).toBe(250);
  });
});
