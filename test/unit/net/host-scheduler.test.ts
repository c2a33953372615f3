import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostScheduler } from '../../../lib/net/host-scheduler';
import { deferred, flush, peek, type Deferred } from './helpers';

const A = 'http://a.test:8080/book/1';
const A2 = 'http://a.test:8080/book/2';
const A_OTHER_PORT = 'http://a.test:9090/book/1';
const B = 'https://b.test/x';

const live = () => new AbortController().signal;

/** Runs jobs that stay open until released, and tracks how many run at once per host. */
function harness(scheduler: HostScheduler) {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  const started: string[] = [];
  const gates: Deferred<void>[] = [];
  function job(url: string, label: string, limits = { concurrency: 2, delayMs: 0 }, signal = live()) {
    const key = new URL(url).host;
    const gate = deferred();
    gates.push(gate);
    const promise = scheduler.run(url, limits, signal, async () => {
      started.push(label);
      active.set(key, (active.get(key) ?? 0) + 1);
      peak.set(key, Math.max(peak.get(key) ?? 0, active.get(key)!));
      try {
        await gate.promise;
        return label;
      } finally {
        active.set(key, active.get(key)! - 1);
      }
    });
    return { promise, release: () => gate.resolve() };
  }
  return { job, started, peak, active };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2024, 0, 1));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HostScheduler concurrency', () => {
  it('never runs more than N at once per host and starts waiters in arrival order', async () => {
    const s = new HostScheduler();
    const h = harness(s);
    const jobs = ['1', '2', '3', '4', '5'].map((n) => h.job(A, n));
    await flush();
    expect(h.started).toEqual(['1', '2']);
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 2, queued: 3 });

    jobs[1]!.release();
    await flush();
    expect(h.started).toEqual(['1', '2', '3']);
    for (const j of jobs) j.release();
    await expect(Promise.all(jobs.map((j) => j.promise))).resolves.toEqual(['1', '2', '3', '4', '5']);
    expect(h.started).toEqual(['1', '2', '3', '4', '5']);
    expect(h.peak.get('a.test:8080')).toBe(2);
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 0, queued: 0 });
  });

  it('keeps hosts (including ports) independent', async () => {
    const s = new HostScheduler();
    const h = harness(s);
    const limits = { concurrency: 1, delayMs: 0 };
    const jobs = [
      h.job(A, 'a1', limits),
      h.job(A2, 'a2', limits),
      h.job(A_OTHER_PORT, 'p1', limits),
      h.job(B, 'b1', limits),
    ];
    await flush();
    expect(h.started).toEqual(['a1', 'p1', 'b1']);
    for (const j of jobs) j.release();
    await Promise.all(jobs.map((j) => j.promise));
    expect(h.started).toEqual(['a1', 'p1', 'b1', 'a2']);
  });

  it('frees the slot when the job throws', async () => {
    const s = new HostScheduler();
    const limits = { concurrency: 1, delayMs: 0 };
    await expect(s.run(A, limits, live(), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      s.run(A, limits, live(), () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(s.run(A, limits, live(), async () => 'ok')).resolves.toBe('ok');
    expect(s.snapshot()['a.test:8080']?.active).toBe(0);
  });
});

describe('HostScheduler delay', () => {
  it('spaces the starts of requests to one host by delayMs', async () => {
    const s = new HostScheduler();
    const starts: number[] = [];
    const limits = { concurrency: 5, delayMs: 1000 };
    const runs = [1, 2, 3].map(() => s.run(A, limits, live(), async () => void starts.push(Date.now())));
    await flush();
    const t0 = Date.now();
    expect(starts).toEqual([t0]);
    await vi.advanceTimersByTimeAsync(999);
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t0, t0 + 1000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toEqual([t0, t0 + 1000, t0 + 2000]);
    await Promise.all(runs);
    // A different host is not delayed by a.test's schedule.
    await s.run(B, limits, live(), async () => void starts.push(Date.now()));
    expect(starts[3]).toBe(t0 + 2000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('HostScheduler pause', () => {
  it('holds every request to the host until the time, and never shortens a pause', async () => {
    const s = new HostScheduler();
    const h = harness(s);
    const t0 = Date.now();
    s.pause(A, t0 + 5000);
    s.pause(A2, t0 + 1000); // same host, earlier: must not shorten
    const a = h.job(A, 'a');
    const a2 = h.job(A2, 'a2');
    const b = h.job(B, 'b');
    await flush();
    expect(h.started).toEqual(['b']);
    expect(s.snapshot()['a.test:8080']).toMatchObject({ queued: 2, pausedUntil: t0 + 5000 });
    await vi.advanceTimersByTimeAsync(4999);
    expect(h.started).toEqual(['b']);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.started).toEqual(['b', 'a', 'a2']);
    expect(s.snapshot()['a.test:8080']?.pausedUntil).toBeNull();
    for (const j of [a, a2, b]) j.release();
    await Promise.all([a.promise, a2.promise, b.promise]);
  });

  it('extends the wait of requests already queued', async () => {
    const s = new HostScheduler();
    const h = harness(s);
    const t0 = Date.now();
    s.pause(A, t0 + 1000);
    const a = h.job(A, 'a');
    await vi.advanceTimersByTimeAsync(500);
    s.pause(A, t0 + 3000);
    await vi.advanceTimersByTimeAsync(2499);
    expect(h.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.started).toEqual(['a']);
    a.release();
    await a.promise;
  });
});

describe('HostScheduler abort', () => {
  it('rejects a queued waiter with the signal reason at once and keeps the queue consistent', async () => {
    const s = new HostScheduler();
    const h = harness(s);
    const limits = { concurrency: 1, delayMs: 0 };
    const first = h.job(A, 'first', limits);
    const controller = new AbortController();
    const second = h.job(A, 'second', limits, controller.signal);
    const third = h.job(A, 'third', limits);
    await flush();
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 1, queued: 2 });

    const reason = new Error('user cancelled');
    controller.abort(reason);
    expect(await peek(second.promise)).toBe('rejected');
    await expect(second.promise).rejects.toBe(reason);
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 1, queued: 1 });
    expect(h.started).toEqual(['first']); // the abort freed no slot

    first.release();
    await first.promise;
    await flush();
    expect(h.started).toEqual(['first', 'third']);
    expect(h.peak.get('a.test:8080')).toBe(1);
    third.release();
    await third.promise;
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 0, queued: 0 });
  });

  it('lets the next waiter go on schedule when the head waiting for a delay leaves', async () => {
    const s = new HostScheduler();
    const starts: string[] = [];
    await s.run(A, { concurrency: 5, delayMs: 1000 }, live(), async () => void starts.push('first'));
    const controller = new AbortController();
    const slow = s.run(A, { concurrency: 5, delayMs: 5000 }, controller.signal, async () => void starts.push('slow'));
    const next = s.run(A, { concurrency: 5, delayMs: 1000 }, live(), async () => void starts.push('next'));
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(499);
    expect(starts).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(starts).toEqual(['first', 'next']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects without queueing when the signal is already aborted', async () => {
    const s = new HostScheduler();
    const fn = vi.fn(async () => 'ran');
    const reason = new Error('gone');
    await expect(s.run(A, { concurrency: 1, delayMs: 0 }, AbortSignal.abort(reason), fn)).rejects.toBe(reason);
    expect(fn).not.toHaveBeenCalled();
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 0, queued: 0 });
  });
});

describe('HostScheduler adaptive concurrency', () => {
  // Early on most requests are still in flight: 3 answers in the last second, 6 sent. Taking the
  // answers for the refused pace held a site that allows 5 a second at 3 for the whole book.
  it('takes the rate it was sending at, not the rate of answers, for the pace a first refusal refused', async () => {
    let clock = 0;
    const s = new HostScheduler({ now: () => clock });
    const limits = { concurrency: 3, delayMs: 0 };
    for (let i = 0; i < 6; i++) {
      clock = i * 100;
      await s.run(A, limits, live(), async () => {
        if (i < 3) s.succeeded(A);
      });
    }
    clock = 550;
    s.throttled(A);
    const learned = () => s.snapshot()['a.test:8080']!.learnedDelayMs;
    expect(learned()).toBeGreaterThan(300); // 3 answers a second, a little under
    // Then every request succeeds: probing brings the gap down to a little above the refused
    // 6-a-second pace (167 ms), not to the 3-a-second one the answers alone suggested.
    for (let i = 0; i < 400; i++) {
      clock += learned() + 1; // each start is due, so no timer is needed
      await s.run(A, limits, live(), async () => s.succeeded(A));
    }
    expect(learned()).toBeLessThan(200);
    expect(learned()).toBeGreaterThan(160);
  });

  it('halves on throttling (down to 1) and creeps back by 1 per 10 successes up to the limit', async () => {
    const s = new HostScheduler({ recoverEvery: 10 });
    const limits = { concurrency: 8, delayMs: 0 };
    await s.run(A, limits, live(), async () => undefined);
    const eff = () => s.snapshot()['a.test:8080']?.effectiveConcurrency;
    expect(eff()).toBe(8);
    s.throttled(A);
    expect(eff()).toBe(4);
    s.throttled(A);
    expect(eff()).toBe(2);
    s.throttled(A);
    s.throttled(A);
    s.throttled(A);
    expect(eff()).toBe(1);

    for (let i = 0; i < 9; i++) s.succeeded(A);
    expect(eff()).toBe(1);
    s.succeeded(A);
    expect(eff()).toBe(2);
    for (let i = 0; i < 60; i++) s.succeeded(A);
    expect(eff()).toBe(8);
    for (let i = 0; i < 30; i++) s.succeeded(A);
    expect(eff()).toBe(8);
  });

  it('enforces the lowered concurrency and starts a waiter when it creeps back up', async () => {
    const s = new HostScheduler({ recoverEvery: 2 });
    const h = harness(s);
    const limits = { concurrency: 4, delayMs: 0 };
    const warm = h.job(A, 'warm', limits);
    warm.release();
    await warm.promise;
    s.throttled(A); // 4 → 2, and starts are paced 250 ms apart (no success to learn a rate from)
    const jobs = ['1', '2', '3', '4'].map((n) => h.job(A, n, limits));
    await flush();
    expect(h.started).toEqual(['warm']);
    await vi.advanceTimersByTimeAsync(250);
    expect(h.started).toEqual(['warm', '1']);
    await vi.advanceTimersByTimeAsync(250);
    expect(h.started).toEqual(['warm', '1', '2']);
    s.succeeded(A);
    await vi.advanceTimersByTimeAsync(250);
    expect(h.started).toHaveLength(3);
    s.succeeded(A); // 2 → 3
    await vi.advanceTimersByTimeAsync(250);
    expect(h.started).toEqual(['warm', '1', '2', '3']);
    expect(s.snapshot()['a.test:8080']).toMatchObject({ active: 3, queued: 1, effectiveConcurrency: 3 });
    for (const j of jobs) j.release();
    await Promise.all(jobs.map((j) => j.promise));
    expect(h.peak.get('a.test:8080')).toBe(3);
  });

  it('a success without a throttle changes nothing', async () => {
    const s = new HostScheduler({ recoverEvery: 1 });
    await s.run(A, { concurrency: 3, delayMs: 0 }, live(), async () => undefined);
    s.succeeded(A);
    s.succeeded(B); // unknown host: ignored
    expect(s.snapshot()['a.test:8080']?.effectiveConcurrency).toBe(3);
    expect(s.snapshot()['b.test']).toBeUndefined();
  });
});

describe('HostScheduler learned pacing', () => {
  it('paces a throttling host just below the rate it accepted in the last second', async () => {
    const s = new HostScheduler();
    const limits = { concurrency: 4, delayMs: 0 };
    await s.run(A, limits, live(), async () => undefined);
    for (let i = 0; i < 5; i++) s.succeeded(A); // five accepted within the last second
    s.throttled(A);
    // 5 per second accepted → aim for 95 % of it: one start every 211 ms.
    expect(s.snapshot()['a.test:8080']?.learnedDelayMs).toBe(211);
    const starts: number[] = [];
    const t0 = Date.now();
    const runs = [0, 1, 2].map(() => s.run(A, limits, live(), async () => void starts.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(runs);
    const gaps = starts.map((at, i) => at - (i === 0 ? 0 : starts[i - 1]!));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(210);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(212);
  });

  it('ignores refusals of one burst, backs off on new ones, and probes down no further than the refused pace', async () => {
    const s = new HostScheduler();
    const learned = () => s.snapshot()['a.test:8080']?.learnedDelayMs;
    await s.run(A, { concurrency: 1, delayMs: 0 }, live(), async () => undefined);
    s.throttled(A);
    expect(learned()).toBe(250); // no success to learn a rate from: a gentle floor
    s.throttled(A);
    expect(learned()).toBe(250); // the same burst: nothing new
    vi.advanceTimersByTime(1_000);
    s.succeeded(A);
    s.throttled(A); // one success in the last second → 1 / 0.95 s
    expect(learned()).toBe(1053);
    vi.advanceTimersByTime(1_000);
    s.succeeded(A);
    s.throttled(A); // refused again at 1053 ms: 10 % slower
    expect(learned()).toBe(1158);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(1_200);
      s.succeeded(A);
    }
    // One probe step: 5 % faster, but not below 3 % above the pace refused last (1053 ms).
    expect(learned()).toBe(1100);
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(1_200);
      s.succeeded(A);
    }
    expect(learned()).toBe(Math.round(1052.63 * 0.999 ** 4 * 1.03));
  });
});
