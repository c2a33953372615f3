import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../../fixtures/poll';
import { startDemoSite, type DemoSite } from '../../fixtures/site';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterEach(() => {
  site.setFault(null);
  site.setLatency(0);
  site.resetLog();
});
afterAll(async () => {
  await site.close();
});

const url = (path: string) => site.origin + path;

describe('demo site request log', () => {
  it('counts requests by path prefix, with timestamps', async () => {
    const before = Date.now();
    await fetch(url('/book/1/')).then((r) => r.text());
    await Promise.all([1, 2, 3].map((n) => fetch(url(`/book/1/${n}.html`)).then((r) => r.text())));
    await fetch(url('/book/2/1.html')).then((r) => r.arrayBuffer());
    expect(site.hits()).toBe(5);
    expect(site.hits('/book/1/')).toBe(4);
    expect(site.hits(/^\/book\/1\/\d+\.html$/)).toBe(3);
    expect(site.hits('/book/2/')).toBe(1);
    const log = site.requests();
    expect(log[0]).toMatchObject({ path: '/book/1/', method: 'GET' });
    for (const r of log) expect(r.at).toBeGreaterThanOrEqual(before);
    site.resetLog();
    expect(site.hits()).toBe(0);
  });

  it('delays every answer by the latency', async () => {
    site.setLatency(150);
    const start = Date.now();
    await fetch(url('/book/1/1.html')).then((r) => r.text());
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('accepts latencyMs at start', async () => {
    const slow = await startDemoSite({ latencyMs: 120 });
    try {
      const start = Date.now();
      await fetch(`${slow.origin}/`).then((r) => r.text());
      expect(Date.now() - start).toBeGreaterThanOrEqual(110);
    } finally {
      await slow.close();
    }
  });
});

describe('demo site faults', () => {
  it('answers a status N times, then normally', async () => {
    site.setFault(/^\/book\/1\/3\.html$/, { kind: 'status', status: 503, times: 2, retryAfter: 1 });
    const first = await fetch(url('/book/1/3.html'));
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    await first.text();
    expect((await fetch(url('/book/1/2.html'))).status).toBe(200);
    const second = await fetch(url('/book/1/3.html'));
    expect(second.status).toBe(503);
    await second.text();
    const third = await fetch(url('/book/1/3.html'));
    expect(third.status).toBe(200);
    expect(await third.text()).toContain('<div id="content">');
    expect(site.requests().filter((r) => r.fault === 'status')).toHaveLength(2);
  });

  it('answers a status forever without times, until cleared', async () => {
    site.setFault(/\.html$/, { kind: 'status', status: 404 });
    for (let i = 0; i < 3; i++) expect((await fetch(url('/book/1/1.html'))).status).toBe(404);
    expect((await fetch(url('/book/1/'))).status).toBe(200);
    site.setFault(/\.html$/, null);
    expect((await fetch(url('/book/1/1.html'))).status).toBe(200);
  });

  it('answers 200 with an empty body', async () => {
    site.setFault(/^\/book\/1\/1\.html/, { kind: 'empty' });
    const res = await fetch(url('/book/1/1.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('hangs until the client aborts, without blocking other requests', async () => {
    site.setFault(/^\/book\/1\/4\.html/, { kind: 'hang', times: 1 });
    const start = Date.now();
    await expect(fetch(url('/book/1/4.html'), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - start).toBeGreaterThanOrEqual(280);
    expect((await fetch(url('/book/1/5.html'))).status).toBe(200);
    // times: 1 — the retry succeeds
    expect((await fetch(url('/book/1/4.html'))).status).toBe(200);
    expect(site.hits('/book/1/4.html')).toBe(2);
  });

  it('resets the connection mid-body', async () => {
    site.setFault(/^\/book\/1\/6\.html/, { kind: 'reset' });
    const res = await fetch(url('/book/1/6.html'));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('delays matching paths only', async () => {
    // Long enough that the other request, asked just after, cannot lose the race by chance.
    site.setFault(/^\/book\/1\/7\.html/, { kind: 'delay', ms: 1_000 });
    const answered: string[] = [];
    const get = (path: string) =>
      fetch(url(path)).then(async (r) => void answered.push(`${path} ${(await r.text()).length > 0}`));
    const start = Date.now();
    const delayed = get('/book/1/7.html');
    // Asked later, answered first: the other path waits for nothing.
    await get('/book/1/8.html');
    await delayed;
    expect(Date.now() - start).toBeGreaterThanOrEqual(990);
    expect(answered).toEqual(['/book/1/8.html true', '/book/1/7.html true']);
  });

  it('closes while a request hangs, ending that request instead of waiting for it', async () => {
    const other = await startDemoSite();
    other.setFault(/./, { kind: 'hang' });
    const pending = fetch(`${other.origin}/book/1/`).catch((e: unknown) => e);
    await poll(
      async () => other.pending(),
      (n) => n === 1,
      { intervalMs: 10, what: 'the request to reach the site' },
    );
    // The request would hang for ever: close() returning at all shows it did not wait for it.
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
