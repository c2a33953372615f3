import type { Diagnostics, Failure, Health, Request, Settings, SourceRule, Task } from '../contract';
import { AppError, toErrorInfo } from '../errors';
import { withGeneric } from '../generic-reader/rule';
import { HostScheduler } from '../net';
import { applySettingsPatch } from '../settings';
import { SourceRegistry } from '../source-rules/registry';
import type { Store } from '../store/store';
import { createBytesLoader, createPageLoader, type PageLoader } from '../task/page-loader';
import type { ImageConverter } from '../task/cover';
import type { FileSaved, SaveFile } from '../task/runner';
import { TaskManager } from './task-manager';
import { testSource } from './test-source';
import { validateStart } from './validate-start';

/** What the browser gives the engine; the background entrypoint fills it with chrome.* calls. */
export interface Platform {
  fetch: typeof fetch;
  saveFile: SaveFile;
  /** Follows a handed-over download to its end; without it a file handed over counts as saved. */
  fileSaved?: FileSaved;
  /** Redraws a cover EPUB readers may not show as a JPEG; without it such a cover is left out. */
  convertImage?: ImageConverter;
  keepAlive: () => void;
  /** Called whenever settings change, so the watchdog alarm can follow its period. */
  settingsChanged?: (settings: Settings) => void;
  now?: () => number;
  newId?: () => string;
  heartbeatMs?: number;
}

export type ServiceEvent = { task: Task } | { removedId: string };
type Answer = { ok: true } & Record<string, unknown>;

/**
 * The worker's whole job behind one `handle(message)`: every message of contract §1 gets
 * exactly one answer, and failures become `{ ok: false, error: { code, message } }`.
 */
export class DownloadService {
  private readonly listeners = new Set<(event: ServiceEvent) => void>();
  private readonly manager: TaskManager;
  readonly sources: SourceRegistry;
  private readonly now: () => number;
  private readonly scheduler = new HostScheduler();
  /** The one page loader: downloads and `source.test` share its politeness and retries. */
  private readonly load: PageLoader;
  /** Start-up recovery; every message waits for it so no answer sees a stale orphan. */
  readonly ready: Promise<void>;

  private constructor(
    private readonly store: Store,
    private settings: Settings,
    builtIn: SourceRule[],
    private readonly platform: Platform,
  ) {
    this.now = platform.now ?? Date.now;
    // The generic reader is a built-in source too, so it can be listed and switched off.
    this.sources = new SourceRegistry(store, withGeneric(builtIn));
    this.load = createPageLoader({ fetch: platform.fetch, scheduler: this.scheduler, settings: () => this.settings });
    this.manager = new TaskManager({
      store,
      sources: this.sources,
      load: this.load,
      loadBytes: createBytesLoader({ fetch: platform.fetch, scheduler: this.scheduler, settings: () => this.settings }),
      convertImage: platform.convertImage,
      saveFile: platform.saveFile,
      fileSaved: platform.fileSaved,
      keepAlive: platform.keepAlive,
      now: this.now,
      newId: platform.newId ?? (() => crypto.randomUUID()),
      publish: (event) => this.emit(event),
      settings: () => this.settings,
      heartbeatMs: platform.heartbeatMs,
    });
    this.ready = this.manager.recover().then((recovered) => this.countRecovered(recovered, false));
  }

  static async start(store: Store, builtIn: SourceRule[], platform: Platform): Promise<DownloadService> {
    const settings = await store.getSettings();
    platform.settingsChanged?.(settings);
    return new DownloadService(store, settings, builtIn, platform);
  }

  subscribe(listener: (event: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  async handle(message: unknown): Promise<Answer | Failure> {
    try {
      await this.ready;
      return { ok: true, ...(await this.dispatch(message as Request)) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  }

  /** The alarm's work: resolve orphaned tasks and note that the watchdog ran. */
  async watchdog(): Promise<number> {
    await this.ready;
    const recovered = await this.manager.recover();
    await this.countRecovered(recovered, true);
    return recovered;
  }

  private async dispatch(request: Request): Promise<Record<string, unknown>> {
    if (!request || typeof request !== 'object' || typeof request.type !== 'string') {
      throw new AppError('invalid_message', 'The message has no "type", so the extension does not know what to do.');
    }
    switch (request.type) {
      case 'task.start': {
        const start = await validateStart(request, this.sources, this.settings);
        return { task: await this.manager.create(start) };
      }
      case 'task.get':
        return { task: await this.manager.get(request.taskId) };
      case 'task.list':
        return { tasks: await this.manager.list() };
      case 'task.cancel':
        return { task: await this.manager.cancel(request.taskId) };
      case 'task.retry':
        return { task: await this.manager.retry(request.taskId) };
      case 'task.remove':
        await this.manager.remove(request.taskId);
        return {};
      case 'tasks.recover': {
        const recovered = await this.manager.recover();
        await this.countRecovered(recovered, false);
        return { recovered };
      }
      case 'source.list':
        return { sources: await this.sources.list() };
      case 'source.import':
        return { imported: await this.sources.import(request.sources) };
      case 'source.setEnabled':
        return { source: await this.sources.setEnabled(request.sourceId, request.enabled) };
      case 'source.remove':
        await this.sources.remove(request.sourceId);
        return {};
      case 'source.test':
        return { ...(await testSource(request, { sources: this.sources, load: this.load })) };
      case 'settings.get':
        return { settings: this.settings };
      case 'settings.set': {
        const settings = applySettingsPatch(this.settings, request.patch);
        await this.store.putSettings(settings);
        this.settings = settings;
        this.platform.settingsChanged?.(settings);
        return { settings };
      }
      case 'health':
        return { ...(await this.health()) };
      case 'task.log': {
        const task = await this.manager.get(request.taskId);
        const limit = typeof request.limit === 'number' && request.limit > 0 ? Math.min(request.limit, 200) : 50;
        return { events: await this.store.taskEvents(task.id, limit) };
      }
      case 'diagnostics':
        return { ...(await this.diagnostics()) };
      default:
        throw new AppError('invalid_message', `"${String((request as { type: unknown }).type)}" is not a message the extension knows.`);
    }
  }

  private async health(): Promise<Health> {
    const [tasks, stored] = await Promise.all([this.store.listTasks(), this.store.getHealth()]);
    return {
      running: tasks.filter((task) => task.status === 'running').length,
      queued: tasks.filter((task) => task.status === 'queued').length,
      watchdogAt: stored.watchdogAt,
      recoveredTotal: stored.recoveredTotal,
      liveRunners: this.manager.liveRunners,
      tasks: tasks.length,
    };
  }

  private async diagnostics(): Promise<Diagnostics> {
    const now = this.now();
    const tasks = await this.manager.list();
    return {
      generatedAt: now,
      health: await this.health(),
      settings: this.settings,
      tasks: await Promise.all(
        tasks.map(async (task) => ({
          ...task,
          live: this.manager.isLive(task.id),
          heartbeatAgeMs: task.status === 'running' && task.heartbeatAt ? now - task.heartbeatAt : null,
          events: await this.store.taskEvents(task.id, 20),
        })),
      ),
      hosts: this.scheduler.snapshot(),
    };
  }

  private async countRecovered(recovered: number, byWatchdog: boolean): Promise<void> {
    if (!recovered && !byWatchdog) return;
    const health = await this.store.getHealth();
    await this.store.putHealth({
      watchdogAt: byWatchdog ? this.now() : health.watchdogAt,
      recoveredTotal: health.recoveredTotal + recovered,
    });
  }

  private emit(event: ServiceEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
