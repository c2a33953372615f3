import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../lib/net/retry-after';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('clamps negative seconds to 0', () => {
    expect(parseRetryAfter('-5', NOW)).toBe(0);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime forms as GMT', () => {
    expect(parseRetryAfter('Monday, 01-Jan-24 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Mon Jan  1 12:00:10 2024', NOW)).toBe(10_000);
  });

  it('gives 0 for a date already past', () => {
    expect(parseRetryAfter('Sun, 31 Dec 2023 12:00:00 GMT', NOW)).toBe(0);
  });

  it('gives undefined for absent or garbage values', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('1 2', NOW)).toBeUndefined(); // Date.parse would accept this
    expect(parseRetryAfter('10s', NOW)).toBeUndefined();
    expect(parseRetryAfter('Mon, 99 Foo 2024 12:00:00 GMT', NOW)).toBeUndefined();
  });
});
