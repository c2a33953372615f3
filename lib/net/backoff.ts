export interface Backoff {
  /** The first wait. */
  baseMs: number;
  /** No wait is longer, jitter included. */
  capMs: number;
  /** ± this share of each wait, at random. */
  jitter: number;
}

/**
 * Retries of a failed page: 500 ms, 1 s, 2 s, … Jitter spreads the retries of many parallel
 * chapters so they do not hit the site in lockstep.
 */
export const PAGE_RETRY: Backoff = { baseMs: 500, capMs: 15_000, jitter: 0.25 };

/** Reconnecting a page to the worker: 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s — quick after a worker restart, never a busy loop. */
export const RECONNECT: Backoff = { baseMs: 250, capMs: 5_000, jitter: 0 };

/** The wait before try `attempt + 1`, after try `attempt` (1-based) failed; doubling up to the cap. */
export function backoffDelay(
  attempt: number,
  backoff: Backoff = PAGE_RETRY,
  random: () => number = Math.random,
): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const raw = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  const factor = 1 + backoff.jitter * (2 * r - 1);
  return Math.round(Math.min(backoff.capMs, raw * factor));
}
