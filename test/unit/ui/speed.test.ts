import { describe, expect, it } from 'vitest';
import './english';
import { SpeedMeter, formatRate, formatTimeLeft, speedText } from '../../../lib/ui/speed';
import { makeTask } from './fixtures';

const running = (completedChapters: number, extra = {}) =>
  makeTask({ status: 'running', totalChapters: 500, completedChapters, ...extra });

describe('SpeedMeter', () => {
  it('says nothing until it has watched for a few seconds', () => {
    const meter = new SpeedMeter(60_000, 3_000);
    meter.observe([running(10)], 0);
    meter.observe([running(12)], 1_000);
    expect(meter.estimate(running(12), 2_000)).toBeNull();
  });

  it('measures chapters per minute and the time left from what it saw', () => {
    const meter = new SpeedMeter(60_000, 3_000);
    for (let s = 0; s <= 10; s++) meter.observe([running(100 + s * 2)], s * 1000);
    const estimate = meter.estimate(running(120), 10_000)!;
    expect(estimate.perMinute).toBeCloseTo(120);
    expect(estimate.msLeft).toBeCloseTo((380 / 120) * 60_000);
  });

  it('slows down while a task stalls, and gives no time left when nothing moved', () => {
    const meter = new SpeedMeter(60_000, 3_000);
    meter.observe([running(0)], 0);
    meter.observe([running(10)], 5_000);
    expect(meter.estimate(running(10), 5_000)!.perMinute).toBeCloseTo(120);
    expect(meter.estimate(running(10), 10_000)!.perMinute).toBeCloseTo(60);
    const still = new SpeedMeter(60_000, 3_000);
    still.observe([running(7)], 0);
    expect(still.estimate(running(7), 5_000)).toEqual({ perMinute: 0 });
  });

  it('keeps only the last minute, and forgets tasks that stopped running', () => {
    const meter = new SpeedMeter(60_000, 3_000);
    meter.observe([running(0)], 0); // a fast start…
    meter.observe([running(300)], 10_000);
    meter.observe([running(301)], 100_000); // …then slow
    meter.observe([running(302)], 130_000);
    expect(meter.estimate(running(302), 130_000)!.perMinute).toBeLessThan(5);
    meter.observe([running(302, { status: 'completed' })], 131_000);
    expect(meter.estimate(running(302), 140_000)).toBeNull();
  });

  it('starts afresh when a retried task counts from fewer chapters', () => {
    const meter = new SpeedMeter(60_000, 3_000);
    meter.observe([running(50)], 0);
    meter.observe([running(5)], 10_000);
    expect(meter.estimate(running(5), 11_000)).toBeNull();
  });
});

describe('speed text', () => {
  it('rounds the rate and words the time left', () => {
    expect(formatRate(123.4)).toBe('123');
    expect(formatRate(2.46)).toBe('2.5');
    expect(formatTimeLeft(30_000)).toBe('less than a minute left');
    expect(formatTimeLeft(4.2 * 60_000)).toBe('about 5 min left');
    expect(formatTimeLeft(125 * 60_000)).toBe('about 2 h 5 min left');
    expect(speedText({ perMinute: 12, msLeft: 300_000 })).toBe('12 chapters/min · about 5 min left');
    expect(speedText({ perMinute: 0 })).toBe('0 chapters/min');
    expect(speedText(null)).toBeNull();
  });
});
