import { describe, expect, it } from 'vitest';
import { throttle } from '../../../../lib/ui/options/throttle';

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; cb: () => void; id: number }> = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (cb: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ at: now + ms, cb, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      now += ms;
      for (const due of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(due), 1);
        due.cb();
      }
    },
    pending: () => timers.length,
  };
}

describe('throttle', () => {
  it('runs the first call at once and folds a burst into one trailing call', () => {
    const clock = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 1000, clock);
    t();
    expect(runs).toBe(1);
    t();
    t();
    t();
    expect(runs).toBe(1);
    expect(clock.pending()).toBe(1);
    clock.advance(999);
    expect(runs).toBe(1);
    clock.advance(1);
    expect(runs).toBe(2);
    clock.advance(5000);
    expect(runs).toBe(2);
    t();
    expect(runs).toBe(3);
  });

  it('cancel drops the trailing call', () => {
    const clock = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 1000, clock);
    t();
    t();
    t.cancel();
    clock.advance(2000);
    expect(runs).toBe(1);
  });
});
