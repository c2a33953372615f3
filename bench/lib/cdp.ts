// CDP access to the extension's own contexts. Playwright opens CDP sessions only for pages, so
// the service worker and the offscreen document (a `background_page` target) are reached through
// the browser session: Target.attachToTarget (not flattened) and Target.sendMessageToTarget.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** The browser-level session (falls back to a page's, which can use the Target domain too). */
export async function browserSession(context: BrowserContext, page: Page): Promise<CDPSession> {
  const browser = context.browser();
  if (browser) {
    try {
      return await browser.newBrowserCDPSession();
    } catch {
      // fall through
    }
  }
  return context.newCDPSession(page);
}

export async function targets(root: CDPSession): Promise<TargetInfo[]> {
  const { targetInfos } = await root.send('Target.getTargets');
  return targetInfos.map((t) => ({ targetId: t.targetId, type: t.type, url: t.url }));
}

/** One attached target; `send` speaks CDP to it through the root session. */
export class TargetSession {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Array<(params: unknown) => void>>();
  private detached = false;
  private readonly onMessage = (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== this.sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: unknown;
    };
    if (message.id !== undefined) {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    } else if (message.method) {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
    }
  };
  private readonly onDetached = (event: { sessionId?: string; targetId?: string }) => {
    if (event.sessionId !== this.sessionId) return;
    this.markDetached();
  };

  private constructor(
    private readonly root: CDPSession,
    readonly target: TargetInfo,
    readonly sessionId: string,
  ) {
    root.on('Target.receivedMessageFromTarget', this.onMessage);
    root.on('Target.detachedFromTarget', this.onDetached);
  }

  static async attach(root: CDPSession, target: TargetInfo): Promise<TargetSession> {
    const { sessionId } = await root.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    return new TargetSession(root, target, sessionId);
  }

  get alive(): boolean {
    return !this.detached;
  }

  on<P = unknown>(method: string, listener: (params: P) => void): void {
    const list = this.listeners.get(method) ?? [];
    list.push(listener as (params: unknown) => void);
    this.listeners.set(method, list);
  }

  send<T = unknown>(method: string, params: object = {}, timeoutMs = 30_000): Promise<T> {
    if (this.detached) return Promise.reject(new Error(`${this.target.type} ${this.target.url} is detached`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.root
        .send('Target.sendMessageToTarget', {
          sessionId: this.sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((error: unknown) => {
          this.waiting.delete(id);
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  }

  async detach(): Promise<void> {
    if (this.detached) return;
    await this.root.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
    this.markDetached();
  }

  private markDetached(): void {
    this.detached = true;
    this.root.off('Target.receivedMessageFromTarget', this.onMessage);
    this.root.off('Target.detachedFromTarget', this.onDetached);
    for (const waiter of this.waiting.values()) waiter.reject(new Error(`${this.target.url} detached`));
    this.waiting.clear();
  }
}

export interface HeapSample {
  at: number;
  /** V8 heap in use (Runtime.getHeapUsage usedSize). */
  used: number;
  /** ArrayBuffer backing stores outside the V8 heap (typed arrays, zip chunks). */
  backing: number;
}

/**
 * Polls Runtime.getHeapUsage of whatever target `find` names, every `intervalMs`; re-attaches when
 * the target goes away and comes back (a restarted worker). Keeps the peak and every sample.
 */
export class HeapPoller {
  readonly samples: HeapSample[] = [];
  private session: TargetSession | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  firstSeenAt: number | undefined;
  attachments = 0;

  constructor(
    private readonly root: CDPSession,
    private readonly find: (targets: TargetInfo[]) => TargetInfo | undefined,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    void this.tick();
  }

  get peakUsed(): number {
    return this.samples.reduce((max, s) => Math.max(max, s.used), 0);
  }

  get peakTotal(): number {
    return this.samples.reduce((max, s) => Math.max(max, s.used + s.backing), 0);
  }

  get peakBacking(): number {
    return this.samples.reduce((max, s) => Math.max(max, s.backing), 0);
  }

  /** The session of the current attachment (for profiling or a forced GC). */
  get current(): TargetSession | undefined {
    return this.session?.alive ? this.session : undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.session?.detach();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.session?.alive) {
        const target = this.find(await targets(this.root));
        if (target) {
          this.session = await TargetSession.attach(this.root, target);
          this.attachments += 1;
          this.firstSeenAt ??= Date.now();
        }
      }
      if (this.session?.alive) {
        const usage = await this.session.send<{ usedSize: number; backingStorageSize?: number }>(
          'Runtime.getHeapUsage',
          {},
          5_000,
        );
        this.samples.push({ at: Date.now(), used: usage.usedSize, backing: usage.backingStorageSize ?? 0 });
      }
    } catch {
      // The target went away between two polls: the next tick looks for it again.
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }
}

/** The extension's service worker target. */
export const serviceWorkerOf = (extensionId: string) => (list: TargetInfo[]) =>
  list.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));

/** The offscreen document (reported as a background_page target). */
export const offscreenOf = (extensionId: string) => (list: TargetInfo[]) =>
  list.find((t) => t.url === `chrome-extension://${extensionId}/offscreen.html`);
