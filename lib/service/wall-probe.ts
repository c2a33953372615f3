// One look at a page behind a wall: the request a task would make, tried once. A page that came
// through is kept for the task that needs it next (ProbedPages), so it is not fetched twice.

import type { Settings } from '../contract';
import { fetchPage, type HostScheduler } from '../net';
import type { ProbedPages } from '../net/probed-pages';
import { WallError } from '../net/wall-error';
import type { ProbeResult } from '../task/host-walls';

export interface WallProbeDeps {
  fetch: typeof fetch;
  scheduler: HostScheduler;
  settings: () => Settings;
  probed: ProbedPages;
}

export function createWallProbe(deps: WallProbeDeps): (url: string) => Promise<ProbeResult> {
  return async (url) => {
    const settings = deps.settings();
    try {
      const page = await fetchPage(url, {
        fetch: deps.fetch,
        scheduler: deps.scheduler,
        limits: { concurrency: settings.concurrency, delayMs: settings.delayMs },
        timeoutMs: settings.requestTimeoutMs,
        maxAttempts: 1,
        signal: new AbortController().signal,
      });
      deps.probed.keep(url, page);
      return 'clear';
    } catch (error) {
      return error instanceof WallError ? 'wall' : 'error';
    }
  };
}
