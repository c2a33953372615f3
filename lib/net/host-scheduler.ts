import { abortReason } from './abortable';
import type { HostReport } from '../contract';

export interface HostLimits {
  /** Requests to one host at once. */
  concurrency: number;
  /** Minimum ms between the starts of two requests to one host. */
  delayMs: number;
}

// Pacing learned from throttling: the rate of successes in the last second when a host says
// "too many" is about the rate it allows. We aim a little below it, then probe back up slowly,
// so a rate-limited site sees few refusals after the first seconds.
const PACE_WINDOW_MS = 1_000;
const PACE_MARGIN = 0.95;
const PACE_BACKOFF = 1.1;
const PACE_MAX_MS = 10_000;
const PACE_FLOOR_MS = 250;
const PROBE_EVERY = 10;
const PROBE_STEP = 0.95;
// Probing stops a little above the gap that was last refused, and that memory fades slowly,
// so a host is not pushed into refusing us again and again at the same pace.
const REFUSED_MARGIN = 1.03;
const REFUSED_FADE = 0.999;

export interface HostSchedulerOptions {
  now?: () => number;
  /** Successes needed, after a throttle, to allow one more parallel request again. */
  recoverEvery?: number;
}

interface Waiter {
  limits: HostLimits;
  start: () => void;
}

interface HostState {
  active: number;
  queue: Waiter[];
  /** Concurrency asked for by the latest caller; the ceiling creeping back up aims for. */
  limit: number;
  /** Lowered concurrency after a throttle; undefined once fully recovered. */
  reduced: number | undefined;
  successesSinceStep: number;
  pausedUntil: number;
  lastStart: number;
  learnedDelayMs: number;
  /** The learned gap in force when the host last refused us: too fast for it. */
  refusedDelayMs: number;
  lastThrottleAt: number;
  /** Start times of recent successes (the last PACE_WINDOW_MS). */
  recentSuccesses: number[];
  /** Start times of recent requests, answered or not (the last PACE_WINDOW_MS). */
  recentStarts: number[];
  successesSinceProbe: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Politeness per host, shared by every task in the worker: two tasks on one site must not add up
 * to twice the allowed load. Waiters start strictly in arrival order, so a queued chapter is never
 * overtaken forever by newer ones.
 */
export class HostScheduler {
  // Hosts are never forgotten: a worker sees a handful of sites and lives minutes, and dropping
  // an idle host would lose its pause, its throttling and the limit that halving starts from.
  private readonly hosts = new Map<string, HostState>();
  private readonly now: () => number;
  private readonly recoverEvery: number;

  constructor(options: HostSchedulerOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.recoverEvery = Math.max(1, options.recoverEvery ?? 10);
  }

  async run<T>(url: string, limits: HostLimits, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    const key = hostOf(url);
    const clean = normalise(limits);
    const host = this.state(key);
    host.limit = clean.concurrency;
    await this.acquire(key, host, clean, signal);
    try {
      return await fn();
    } finally {
      host.active--;
      this.pump(key, host);
    }
  }

  /** Holds every request to the host until `untilEpochMs`; an earlier pause never shortens a later one. */
  pause(url: string, untilEpochMs: number): void {
    const key = hostOf(url);
    const host = this.state(key);
    host.pausedUntil = Math.max(host.pausedUntil, untilEpochMs);
    this.pump(key, host);
  }

  /** The host pushed back (429/503): halve its parallelism. */
  throttled(url: string): void {
    const key = hostOf(url);
    const host = this.state(key);
    host.reduced = Math.max(1, Math.floor(effective(host) / 2));
    host.successesSinceStep = 0;
    const now = this.now();
    // Refusals of requests that were already in flight together say nothing new about the pace.
    if (now - host.lastThrottleAt < PACE_WINDOW_MS) return;
    host.lastThrottleAt = now;
    const recent = host.recentSuccesses.filter((at) => now - at < PACE_WINDOW_MS).length;
    // The pace that was refused: the learned gap, or before any learning the rate we were sending
    // at. Not the rate of successes: early on most requests are still in flight, and taking 3
    // answers a second for the refused pace once held a 5-a-second site at 3 for good.
    const sent = host.recentStarts.filter((at) => now - at < PACE_WINDOW_MS).length;
    host.refusedDelayMs = host.learnedDelayMs > 0 ? host.learnedDelayMs : sent > 0 ? PACE_WINDOW_MS / sent : 0;
    // With no success to learn a rate from, the site is failing rather than rationing us: pace
    // gently and leave the rest to each request's backoff, or a dead site would slow to a crawl.
    host.learnedDelayMs =
      recent > 0
        ? Math.min(PACE_MAX_MS, Math.max(PACE_WINDOW_MS / (recent * PACE_MARGIN), host.learnedDelayMs * PACE_BACKOFF))
        : Math.max(host.learnedDelayMs, PACE_FLOOR_MS);
    host.successesSinceProbe = 0;
  }

  /** A request went through: after a throttle, enough of these earn parallelism back step by step. */
  succeeded(url: string): void {
    const key = hostOf(url);
    const host = this.hosts.get(key);
    if (!host) return;
    this.learnFromSuccess(host);
    if (host.reduced === undefined) return;
    host.successesSinceStep++;
    if (host.successesSinceStep < this.recoverEvery) return;
    host.successesSinceStep = 0;
    host.reduced++;
    if (host.reduced >= host.limit) host.reduced = undefined;
    this.pump(key, host);
  }

  private learnFromSuccess(host: HostState): void {
    const now = this.now();
    host.recentSuccesses.push(now);
    while (host.recentSuccesses.length && now - host.recentSuccesses[0]! >= PACE_WINDOW_MS)
      host.recentSuccesses.shift();
    if (host.learnedDelayMs === 0) return;
    host.successesSinceProbe++;
    if (host.successesSinceProbe < PROBE_EVERY) return;
    host.successesSinceProbe = 0;
    host.refusedDelayMs *= REFUSED_FADE;
    host.learnedDelayMs = Math.max(host.learnedDelayMs * PROBE_STEP, host.refusedDelayMs * REFUSED_MARGIN);
    if (host.learnedDelayMs < 10) host.learnedDelayMs = 0;
  }

  snapshot(): Record<string, HostReport> {
    const now = this.now();
    const result: Record<string, HostReport> = {};
    this.hosts.forEach((host, key) => {
      result[key] = {
        active: host.active,
        queued: host.queue.length,
        effectiveConcurrency: effective(host),
        pausedUntil: host.pausedUntil > now ? host.pausedUntil : null,
        learnedDelayMs: Math.round(host.learnedDelayMs),
      };
    });
    return result;
  }

  private state(key: string): HostState {
    let host = this.hosts.get(key);
    if (!host) {
      host = {
        active: 0,
        queue: [],
        limit: 1,
        reduced: undefined,
        successesSinceStep: 0,
        pausedUntil: 0,
        lastStart: Number.NEGATIVE_INFINITY,
        learnedDelayMs: 0,
        refusedDelayMs: 0,
        lastThrottleAt: Number.NEGATIVE_INFINITY,
        recentSuccesses: [],
        recentStarts: [],
        successesSinceProbe: 0,
        timer: undefined,
      };
      this.hosts.set(key, host);
    }
    return host;
  }

  private acquire(key: string, host: HostState, limits: HostLimits, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = host.queue.indexOf(waiter);
        if (index >= 0) host.queue.splice(index, 1);
        reject(abortReason(signal));
        // The leaver may have been the head that blocked everyone behind it.
        this.pump(key, host);
      };
      const waiter: Waiter = {
        limits,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      host.queue.push(waiter);
      this.pump(key, host);
    });
  }

  /** Starts as many head-of-queue waiters as the limits allow now, and sets one timer for the next. */
  private pump(key: string, host: HostState): void {
    if (host.timer !== undefined) {
      clearTimeout(host.timer);
      host.timer = undefined;
    }
    for (;;) {
      const head = host.queue[0];
      if (!head) return;
      if (host.active >= Math.min(head.limits.concurrency, effective(host))) return;
      const now = this.now();
      const readyAt = Math.max(host.pausedUntil, host.lastStart + Math.max(head.limits.delayMs, host.learnedDelayMs));
      if (now < readyAt) {
        host.timer = setTimeout(() => {
          host.timer = undefined;
          this.pump(key, host);
        }, readyAt - now);
        return;
      }
      host.queue.shift();
      host.active++;
      host.lastStart = now;
      host.recentStarts.push(now);
      while (now - host.recentStarts[0]! >= PACE_WINDOW_MS) host.recentStarts.shift();
      head.start();
    }
  }
}

function effective(host: HostState): number {
  return Math.min(host.limit, host.reduced ?? Number.POSITIVE_INFINITY);
}

function normalise(limits: HostLimits): HostLimits {
  const concurrency = Math.floor(limits.concurrency);
  const delayMs = limits.delayMs;
  return {
    concurrency: Number.isFinite(concurrency) && concurrency >= 1 ? concurrency : 1,
    delayMs: Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0,
  };
}

/** host incl. port: two servers on one machine are two sites. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
