// At most one call per interval: the first at once, the rest folded into one trailing call.

export interface Throttled {
  (): void;
  cancel(): void;
}

export interface ThrottleTimers {
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function throttle(run: () => void, intervalMs: number, timers: ThrottleTimers = {}): Throttled {
  const now = timers.now ?? Date.now;
  const setTimer = timers.setTimer ?? ((cb: () => void, ms: number) => setTimeout(cb, ms));
  const clearTimer = timers.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let last = -Infinity;
  let timer: unknown = null;

  function fire(): void {
    timer = null;
    last = now();
    run();
  }

  const throttled = (() => {
    if (timer !== null) return; // a trailing call is already due
    const wait = last + intervalMs - now();
    if (wait <= 0) fire();
    else timer = setTimer(fire, wait);
  }) as Throttled;
  throttled.cancel = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };
  return throttled;
}
