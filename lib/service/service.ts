import type {
  Diagnostics,
  Health,
  LegadoBookSource,
  LibraryPortMessage,
  Payload,
  Request,
  RequestOf,
  Response,
  Settings,
  SourceRule,
  Task,
} from '../contract';
import { AppError, toErrorInfo } from '../errors';
import { isGenericSource, withGeneric } from '../generic-reader/rule';
import { toLegado } from '../legado/export';
import { isLegadoInput, translateLegado } from '../legado/import';
import { Library } from '../follow/library';
import { coverLoader } from '../follow/continue-from-file';
import { libraryHandlers } from '../follow/library-handlers';
import { HostScheduler, type Backoff } from '../net';
import { ProbedPages } from '../net/probed-pages';
import { applySettingsPatch } from '../settings';
import { SourceRegistry } from '../source-rules/registry';
import type { Store } from '../store/store';
import { Subscriptions } from '../subscriptions/subscriptions';
import { createBytesLoader, createPageLoader, type BytesLoader, type PageLoader } from '../task/page-loader';
import type { ImageConverter } from '../task/cover';
import type { FileSaved, SaveFile } from '../task/runner';
import { TaskManager } from './task-manager';
import { testSource } from './test-source';
import { validateStart } from './validate-start';
import { createWallProbe } from './wall-probe';

/** What the browser gives the engine; the background entrypoint fills it with browser.* calls. */
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
  /** The waits between a page's tries; the engine's own (PAGE_RETRY) unless a test shortens them. */
  retry?: Backoff;
}

export type ServiceEvent = { task: Task } | { removedId: string };

/** Every message the service answers; the background answers `page.*` from its tabs (tab-pages.ts). */
export type ServiceRequest = Exclude<Request, { type: 'page.detected' | 'page.get' }>;
export type ServiceRequestType = ServiceRequest['type'];
type RequestMap = { [T in ServiceRequestType]: RequestOf<T> };
/** One handler per message, each answering its own payload: the answer's type reaches the caller. */
type Handlers = { [T in ServiceRequestType]: (request: RequestMap[T]) => Promise<Payload<T>> };

/**
 * The worker's whole job behind one `handle(message)`: every message of docs/contract.md §1 gets
 * exactly one answer, and failures become `{ ok: false, error: { code, message } }`.
 */
export class DownloadService {
  private readonly listeners = new Set<(event: ServiceEvent) => void>();
  private readonly libraryListeners = new Set<(message: LibraryPortMessage) => void>();
  private readonly manager: TaskManager;
  readonly sources: SourceRegistry;
  private readonly subscriptions: Subscriptions;
  private readonly now: () => number;
  private readonly scheduler = new HostScheduler();
  /** What a wall probe got through with, for the task that needs it next. */
  private readonly probed: ProbedPages;
  /** The one page loader: downloads, checks and `source.test` share its politeness and retries. */
  private readonly load: PageLoader;
  private readonly loadBytes: BytesLoader;
  /** Completed books: following, checks for new chapters, updates, freeing, continuing a file. */
  readonly library: Library;
  /** Start-up recovery; every message waits for it so no answer sees a stale orphan. */
  readonly ready: Promise<void>;

  private constructor(
    private readonly store: Store,
    private settings: Settings,
    builtIn: SourceRule[],
    private readonly platform: Platform,
  ) {
    this.now = platform.now ?? Date.now;
    this.probed = new ProbedPages(this.now);
    // The generic reader is a built-in source too, so it can be listed and switched off.
    this.sources = new SourceRegistry(store, withGeneric(builtIn));
    const loaderDeps = {
      fetch: platform.fetch,
      scheduler: this.scheduler,
      settings: () => this.settings,
      probed: this.probed,
      retry: platform.retry,
    };
    this.load = createPageLoader(loaderDeps);
    this.loadBytes = createBytesLoader(loaderDeps);
    this.subscriptions = new Subscriptions({
      store,
      load: this.load,
      builtInIds: this.sources.builtInIds,
      now: this.now,
      newId: () => this.newId(),
      keepAlive: platform.keepAlive,
    });
    this.manager = new TaskManager({
      store,
      sources: this.sources,
      load: this.load,
      loadBytes: this.loadBytes,
      convertImage: platform.convertImage,
      saveFile: platform.saveFile,
      fileSaved: platform.fileSaved,
      keepAlive: platform.keepAlive,
      now: this.now,
      newId: () => this.newId(),
      publish: (event) => this.emit(event),
      settings: () => this.settings,
      probe: createWallProbe(loaderDeps),
      heartbeatMs: platform.heartbeatMs,
    });
    this.library = new Library({
      store,
      sources: this.sources,
      load: this.load,
      now: this.now,
      settings: () => this.settings,
      publish: (message) => {
        for (const listener of this.libraryListeners) listener(message);
      },
      keepAlive: platform.keepAlive,
      update: (id, part) => this.manager.update(id, part),
      whileIdle: (id, work) => this.manager.whileIdle(id, work),
    });
    this.ready = this.manager.recover().then((recovered) => this.countRecovered(recovered, false));
  }

  private newId(): string {
    return this.platform.newId?.() ?? crypto.randomUUID();
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

  /** The library's news for the pages: a book changed, a check found new chapters. */
  subscribeLibrary(listener: (message: LibraryPortMessage) => void): () => void {
    this.libraryListeners.add(listener);
    return () => this.libraryListeners.delete(listener);
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  /** A typed request gets its own answer type; anything from the wire is checked first. */
  handle<T extends ServiceRequestType>(message: RequestOf<T>): Promise<Response<T>>;
  handle(message: unknown): Promise<Response<ServiceRequestType>>;
  async handle(message: unknown): Promise<Response<ServiceRequestType>> {
    try {
      await this.ready;
      this.assertKnown(message);
      return { ok: true, ...(await this.answer(message.type, message)) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  }

  /** The check alarm's work: every followed book checked, and brought up to date when it has new chapters. */
  async checkFollowed(): Promise<void> {
    await this.ready;
    await this.library.check();
  }

  /**
   * A page finished loading in a browser tab (the background tells the service): if its site has
   * a wall tasks wait behind, it is checked at once, since the reader may just have got past it.
   */
  async pageLoaded(url: string): Promise<void> {
    await this.ready;
    await this.manager.pageLoaded(url);
  }

  /** The alarm's work: resolve orphaned tasks and note that the watchdog ran. */
  async watchdog(): Promise<number> {
    await this.ready;
    const recovered = await this.manager.recover();
    await this.countRecovered(recovered, true);
    return recovered;
  }

  /** The refresh alarm's work: fetches again every subscribed list that is due; how many were. */
  async refreshSubscriptions(): Promise<number> {
    await this.ready;
    return this.subscriptions.refreshDue(this.settings.subscriptionRefreshHours);
  }

  /**
   * A message whose type the service answers. Only the type is checked here: each handler checks
   * its own fields (ids, URLs, patches) and names what is wrong with them.
   */
  private assertKnown(message: unknown): asserts message is ServiceRequest {
    const type: unknown = message && typeof message === 'object' && 'type' in message ? message.type : undefined;
    if (typeof type !== 'string') {
      throw new AppError('invalid_message', 'The message has no "type", so the extension does not know what to do.');
    }
    if (!Object.hasOwn(this.handlers, type))
      throw new AppError('invalid_message', `"${type}" is not a message the extension knows.`);
  }

  private answer<T extends ServiceRequestType>(type: T, request: RequestMap[T]): Promise<Payload<T>> {
    return this.handlers[type](request);
  }

  private readonly handlers: Handlers = {
    'task.start': async (request) => ({
      task: await this.manager.create(await validateStart(request, this.sources, this.settings)),
    }),
    'task.get': async (request) => ({ task: await this.manager.get(request.taskId) }),
    'task.list': async () => ({ tasks: await this.manager.list() }),
    'task.cancel': async (request) => ({ task: await this.manager.cancel(request.taskId) }),
    'task.retry': async (request) => ({ task: await this.manager.retry(request.taskId) }),
    'task.resume': async (request) => ({ task: await this.manager.resume(request.taskId) }),
    'task.remove': async (request) => {
      await this.manager.remove(request.taskId);
      return {};
    },
    'tasks.recover': async () => {
      const recovered = await this.manager.recover();
      await this.countRecovered(recovered, false);
      return { recovered };
    },
    'source.list': async () => ({ sources: await this.subscriptions.annotate(await this.sources.list()) }),
    'source.import': async (request) => {
      // A legado list is translated source by source and reported on; our own format is all or nothing.
      if (!isLegadoInput(request.sources)) return { imported: await this.sources.import(request.sources) };
      const { rules, report } = translateLegado(request.sources);
      return { imported: await this.sources.importTranslated(rules), report };
    },
    'source.setEnabled': async (request) => ({
      source: await this.sources.setEnabled(request.sourceId, request.enabled),
    }),
    'source.remove': async (request) => {
      await this.sources.remove(request.sourceId);
      return {};
    },
    'source.export': async (request) => ({ source: await this.exportSource(request.sourceId, request.format) }),
    'source.test': (request) => testSource(request, { sources: this.sources, load: this.load }),
    'subscription.add': async (request) => ({ subscription: await this.subscriptions.add(request.url) }),
    'subscription.list': async () => ({ subscriptions: await this.subscriptions.list() }),
    'subscription.refresh': async (request) => ({
      subscription: await this.subscriptions.refresh(request.subscriptionId),
    }),
    'subscription.remove': (request) => this.subscriptions.remove(request.subscriptionId),
    'settings.get': async () => ({ settings: this.settings }),
    'settings.set': async (request) => {
      const settings = applySettingsPatch(this.settings, request.patch);
      await this.store.putSettings(settings);
      this.settings = settings;
      this.platform.settingsChanged?.(settings);
      return { settings };
    },
    health: () => this.health(),
    'task.log': async (request) => {
      const task = await this.manager.get(request.taskId);
      const limit = typeof request.limit === 'number' && request.limit > 0 ? Math.min(request.limit, 200) : 50;
      return { events: await this.store.taskEvents(task.id, limit) };
    },
    diagnostics: () => this.diagnostics(),
    ...libraryHandlers(() => ({
      library: this.library,
      continueDeps: {
        store: this.store,
        sources: this.sources,
        load: this.load,
        settings: () => this.settings,
        now: this.now,
        newId: () => this.newId(),
        loadCover: coverLoader(this.loadBytes, this.platform.convertImage),
        create: (start, known) => this.manager.create(start, known),
      },
    })),
  };

  private async exportSource(sourceId: unknown, format: unknown): Promise<LegadoBookSource> {
    if (format !== 'legado')
      throw new AppError(
        'invalid_message',
        `${JSON.stringify(format) ?? 'Nothing'} is not an export format; the one there is is "legado".`,
      );
    const source = typeof sourceId === 'string' ? await this.sources.get(sourceId) : undefined;
    if (!source)
      throw new AppError('unknown_source', `There is no book source with the id ${JSON.stringify(sourceId)}.`);
    if (isGenericSource(source))
      throw new AppError(
        'invalid_source',
        'The generic reader reads any site by its shape, so there is no rule to export.',
      );
    const { builtIn: _builtIn, ...rule } = source;
    return toLegado(rule);
  }

  private async health(): Promise<Health> {
    const [tasks, stored] = await Promise.all([this.store.listTasks(), this.store.getHealth()]);
    return {
      running: tasks.filter((task) => task.status === 'running').length,
      queued: tasks.filter((task) => task.status === 'queued').length,
      waiting: tasks.filter((task) => task.status === 'waiting').length,
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
    // The library follows its books' tasks: a completed download enters it, an ended update updates it.
    if ('task' in event)
      this.library
        .taskChanged(event.task)
        .catch((error: unknown) => console.error('Library could not follow a task', error));
    if ('removedId' in event) this.library.taskRemoved(event.removedId);
    for (const listener of this.listeners) listener(event);
  }
}
