// The walls standing in front of sites right now, one per host, and how the worker finds out
// that the reader got past one: a probe (one request to the page that answered with the wall)
// soon after the wall was met and then less and less often, and at once whenever something
// says the reader may have acted (a page of the host loaded in a tab, the popup's button).
// Memory only: the waiting tasks in the store are the truth, and `watch` is called again for
// each of them when a new worker starts.

import type { Settings, WaitingFor } from '../contract';

/** What one probe found: the page came through, the wall still stands, or the site did not answer. */
export type ProbeResult = 'clear' | 'wall' | 'error';

export interface HostWallsDeps {
  /** One request to `url`, the way the tasks make them. */
  probe: (url: string) => Promise<ProbeResult>;
  /** The wall in front of `host` is gone: every task waiting on it may go on. */
  cleared: (host: string) => void;
}

/** The first probe comes this soon (a one-off interstitial is gone by then), then each gap doubles. */
export const FIRST_PROBE_MS = 3_000;
export const MAX_PROBE_GAP_MS = 60_000;

/** How long a task waits for the reader before it ends failed (the `challengeWaitMinutes` setting). */
export function waitMs(settings: Pick<Settings, 'challengeWaitMinutes'>): number {
  return Math.round(settings.challengeWaitMinutes * 60_000);
}

interface Watched {
  url: string;
  gap: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The probe in flight: a nudge waits for it rather than sending a second request. */
  probing?: Promise<boolean>;
}

export class HostWalls {
  private readonly hosts = new Map<string, Watched>();

  constructor(private readonly deps: HostWallsDeps) {}

  /** Starts watching the wall in front of `wait.host` (once per host; a second task on it changes nothing). */
  watch(wait: Pick<WaitingFor, 'host' | 'url'>): void {
    if (this.hosts.has(wait.host)) return;
    const watched: Watched = { url: wait.url, gap: FIRST_PROBE_MS };
    this.hosts.set(wait.host, watched);
    this.schedule(wait.host, watched);
  }

  /** The hosts with a wall being watched. */
  watching(): string[] {
    return [...this.hosts.keys()];
  }

  /**
   * Probes `host` now, because the reader may have got past its wall; true when it is gone
   * (and `cleared` was told). False for a host not watched.
   */
  nudge(host: string): Promise<boolean> {
    const watched = this.hosts.get(host);
    if (!watched) return Promise.resolve(false);
    return this.probeNow(host, watched);
  }

  /** No task waits on `host` any more (they were cancelled or gave up): stop probing it. */
  forget(host: string): void {
    const watched = this.hosts.get(host);
    if (watched) clearTimeout(watched.timer);
    this.hosts.delete(host);
  }

  /** Stops every probe (the worker's service is going away). */
  stop(): void {
    for (const host of [...this.hosts.keys()]) this.forget(host);
  }

  private schedule(host: string, watched: Watched): void {
    clearTimeout(watched.timer);
    watched.timer = setTimeout(() => void this.probeNow(host, watched), watched.gap);
    // In Node (tests), probes alone must not keep the process alive.
    (watched.timer as { unref?: () => void }).unref?.();
  }

  private probeNow(host: string, watched: Watched): Promise<boolean> {
    watched.probing ??= this.runProbe(host, watched).finally(() => {
      watched.probing = undefined;
    });
    return watched.probing;
  }

  private async runProbe(host: string, watched: Watched): Promise<boolean> {
    clearTimeout(watched.timer);
    let result: ProbeResult;
    try {
      result = await this.deps.probe(watched.url);
    } catch {
      result = 'error'; // a probe that cannot be made proves nothing; the deadline still bounds the wait
    }
    if (this.hosts.get(host) !== watched) return false; // forgotten meanwhile
    if (result === 'clear') {
      this.forget(host);
      this.deps.cleared(host);
      return true;
    }
    watched.gap = Math.min(MAX_PROBE_GAP_MS, watched.gap * 2);
    this.schedule(host, watched);
    return false;
  }
}
