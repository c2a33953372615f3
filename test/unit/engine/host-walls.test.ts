import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_PROBE_MS, HostWalls, MAX_PROBE_GAP_MS, type ProbeResult } from '../../../lib/task/host-walls';
import { flush } from '../net/helpers';

const WALL = { host: 'novel.test', url: 'http://novel.test/book/1/3.html' };

function setup(results: ProbeResult[]) {
  const probes: number[] = [];
  const cleared: string[] = [];
  const probe = vi.fn(async () => {
    probes.push(Date.now());
    return results.shift() ?? 'wall';
  });
  const walls = new HostWalls({ probe, cleared: (host) => cleared.push(host) });
  return { walls, probe, probes, cleared };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('host walls', () => {
  it('probes soon, then less and less often, until the page comes through', async () => {
    const { walls, probes, cleared } = setup(['wall', 'error', 'wall', 'wall', 'wall', 'wall', 'clear']);
    walls.watch(WALL);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(probes).toEqual([3_000, 9_000, 21_000, 45_000, 93_000, 153_000, 213_000]);
    expect(probes[1]! - probes[0]!).toBe(2 * FIRST_PROBE_MS);
    expect(probes[6]! - probes[5]!).toBe(MAX_PROBE_GAP_MS);
    expect(cleared).toEqual(['novel.test']);
    expect(walls.watching()).toEqual([]);
  });

  it('watches a host once however many tasks wait on it, and probes at once when nudged', async () => {
    const { walls, probe, cleared } = setup(['wall', 'clear']);
    walls.watch(WALL);
    walls.watch({ ...WALL, url: 'http://novel.test/other.html' });
    expect(walls.watching()).toEqual(['novel.test']);
    expect(await walls.nudge('novel.test')).toBe(false);
    expect(probe).toHaveBeenLastCalledWith(WALL.url);
    expect(await walls.nudge('novel.test')).toBe(true);
    expect(cleared).toEqual(['novel.test']);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(await walls.nudge('novel.test')).toBe(false);
    expect(await walls.nudge('elsewhere.test')).toBe(false);
  });

  it('a nudge during a probe waits for it instead of sending a second request', async () => {
    let answer!: (result: ProbeResult) => void;
    const probe = vi.fn(() => new Promise<ProbeResult>((resolve) => (answer = resolve)));
    const walls = new HostWalls({ probe, cleared: () => undefined });
    walls.watch(WALL);
    const first = walls.nudge(WALL.host);
    const second = walls.nudge(WALL.host);
    answer('clear');
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('stops probing a host it forgets, and everything when stopped', async () => {
    const { walls, probe } = setup([]);
    walls.watch(WALL);
    walls.watch({ host: 'b.test', url: 'http://b.test/' });
    walls.forget('novel.test');
    walls.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await flush();
    expect(probe).not.toHaveBeenCalled();
    expect(walls.watching()).toEqual([]);
  });
});
