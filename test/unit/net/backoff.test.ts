import { describe, expect, it } from 'vitest';
import { backoffDelay, PAGE_RETRY } from '../../../lib/net/backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('doubles from 500 ms', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, PAGE_RETRY, middle))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never exceeds 15 s, even with the most jitter or absurd attempts', () => {
    expect(backoffDelay(6, PAGE_RETRY, middle)).toBe(15_000);
    expect(backoffDelay(6, PAGE_RETRY, () => 1)).toBe(15_000);
    expect(backoffDelay(10_000, PAGE_RETRY, () => 0.999)).toBe(15_000);
  });

  it('jitters by ±25 %', () => {
    expect(backoffDelay(3, PAGE_RETRY, () => 0)).toBe(1500);
    expect(backoffDelay(3, PAGE_RETRY, () => 1)).toBe(2500);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(seen.size).toBeGreaterThan(1);
    for (const ms of seen) {
      expect(ms).toBeGreaterThanOrEqual(1500);
      expect(ms).toBeLessThanOrEqual(2500);
    }
  });

  it('treats attempt 0 or nonsense as the first', () => {
    expect(backoffDelay(0, PAGE_RETRY, middle)).toBe(500);
    expect(backoffDelay(Number.NaN, PAGE_RETRY, middle)).toBe(500);
  });
});
