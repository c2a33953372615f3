export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 15_000;
export const BACKOFF_JITTER = 0.25;

/**
 * Wait before try number `attempt + 1`, after try `attempt` (1-based) failed: 500 ms, 1 s, 2 s, …
 * Jitter spreads the retries of many parallel chapters so they do not hit the site in lockstep;
 * the cap applies after jitter so no wait ever exceeds it.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const raw = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (n - 1));
  const r = Math.min(1, Math.max(0, random()));
  const factor = 1 + BACKOFF_JITTER * (2 * r - 1);
  return Math.round(Math.min(BACKOFF_CAP_MS, raw * factor));
}
