import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startDemoSite, type DemoSite } from '../../fixtures/site';
import type { ErrorInfo, Payload, RequestOf, Response, Settings, Task } from '../../../lib/contract';
import { buildBookFile } from '../../../lib/file/build-file';
import { DownloadService, type Platform, type ServiceRequestType } from '../../../lib/service/service';
import type { SaveFile } from '../../../lib/task/runner';
import { BUILTIN_SOURCES } from '../../../lib/source-rules/builtin';
import { validateRules } from '../../../lib/source-rules/validate-rule';
import { Store } from '../../../lib/store/store';
import type { Backoff } from '../../../lib/net';
import { DEMO_SOURCES } from '../../fixtures/sources';
import { nothingInFlight, poll } from '../../fixtures/poll';

export interface SavedFile {
  fileName: string;
  blob: Blob;
  /** The file as UTF-8 text (meaningful for TXT books). */
  text: string;
}

const started: DownloadService[] = [];

/**
 * The waits between a page's tries in these tests: 15–25 ms instead of the engine's 0.5–15 s.
 * What a retry does is the same; how long it waits is checked in backoff.test.ts and
 * fetch-page.test.ts, with fake timers, so no test here spends seconds waiting one out.
 */
export const QUICK_RETRY: Backoff = { baseMs: 20, capMs: 80, jitter: 0.25 };

/** Cancels every task still going in every service a test started, so none outlives its test. */
export async function cancelAllTasks(): Promise<void> {
  for (const service of started.splice(0)) {
    const answer = await service.handle({ type: 'task.list' });
    if (!answer.ok) throw new Error(`task.list: ${answer.error.message}`);
    for (const task of answer.tasks) {
      if (task.status === 'queued' || task.status === 'running' || task.status === 'waiting')
        await service.handle({ type: 'task.cancel', taskId: task.id });
    }
  }
}

/** A DownloadService over a fresh fake-indexeddb database, with files kept in memory and the demo sources imported. */
export async function startService(
  options: {
    fetch?: typeof fetch;
    settings?: Partial<Settings>;
    dbName?: string;
    heartbeatMs?: number;
    convertImage?: Platform['convertImage'];
    /** How the browser's saving of each file ends; saved at once without it. */
    fileSaved?: Platform['fileSaved'];
    /** Wraps the in-memory file saver, e.g. to hold a task at its last step. */
    saveFile?: (save: SaveFile) => SaveFile;
    /** The service's clock (epoch ms). */
    now?: () => number;
    /** The waits between a page's tries; QUICK_RETRY unless a test asks for the engine's own. */
    retry?: Backoff;
  } = {},
) {
  const dbName = options.dbName ?? `test-${randomUUID()}`;
  const store = await Store.open(dbName);
  if (options.settings) await store.putSettings({ ...(await store.getSettings()), ...options.settings });
  /** The last file each task made. */
  const files = new Map<string, SavedFile>();
  /** Every file made, in order (a split book or an update makes several). */
  const saved: Array<SavedFile & { taskId: string }> = [];
  let keepAlives = 0;
  // Each file handed over is a new download, with its own id (a Retry's too).
  const saveFile: SaveFile = async (task, part) => {
    const { blob, fileName, stats } = await buildBookFile(store, task.id, { part });
    const file = { fileName, blob, text: await blob.text() };
    files.set(task.id, file);
    saved.push({ ...file, taskId: task.id });
    return { fileName, downloadId: saved.length, stats };
  };
  const platform: Platform = {
    fetch: options.fetch ?? fetch,
    saveFile: options.saveFile ? options.saveFile(saveFile) : saveFile,
    keepAlive: () => {
      keepAlives += 1;
    },
    fileSaved: options.fileSaved,
    heartbeatMs: options.heartbeatMs,
    convertImage: options.convertImage,
    now: options.now,
    retry: options.retry ?? QUICK_RETRY,
  };
  // The demo site's sources are not built in: stored as the user's imports, as if imported before
  // this worker started (a task it finds running may use them).
  await store.putSources(validateRules(DEMO_SOURCES));
  const service = await DownloadService.start(store, BUILTIN_SOURCES, platform);
  await service.ready;

  started.push(service);

  /** The service's whole answer: typed by the request, or raw for a message made up to be wrong. */
  function send<T extends ServiceRequestType>(request: RequestOf<T>): Promise<Response<T>>;
  function send(message: unknown): Promise<Response<ServiceRequestType>>;
  function send(message: unknown): Promise<Response<ServiceRequestType>> {
    return service.handle(message);
  }

  /** The answer's payload; a refusal fails the test with its code and sentence. */
  async function call<T extends ServiceRequestType>(request: RequestOf<T>): Promise<Payload<T>> {
    const answer = await service.handle(request);
    if (!answer.ok)
      throw new Error(`${JSON.stringify(request)} was refused: ${answer.error.code}: ${answer.error.message}`);
    return answer;
  }

  /** Why the service refused a message; an answer fails the test. */
  async function refusal(message: unknown): Promise<ErrorInfo> {
    const answer = await service.handle(message);
    if (answer.ok) throw new Error(`${JSON.stringify(message)} was answered, not refused: ${JSON.stringify(answer)}`);
    return answer.error;
  }

  /** Polls task.get until `done` holds; `timeoutMs` is a backstop for a task that never gets there, not a speed check. */
  async function waitForTask(taskId: string, done: (task: Task) => boolean, timeoutMs = 30_000): Promise<Task> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const answer = await send({ type: 'task.get', taskId });
      if (answer.ok && done(answer.task)) return answer.task;
      if (Date.now() > until)
        throw new Error(`Task ${taskId} did not reach the state in ${timeoutMs} ms: ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves once nothing of any task is at work in this service (see nothingInFlight). */
  async function untilIdle(): Promise<void> {
    await poll(() => call({ type: 'diagnostics' }), nothingInFlight, {
      intervalMs: 20,
      what: 'the service to have nothing in flight',
    });
  }

  const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);
  return {
    service,
    store,
    dbName,
    files,
    saved,
    send,
    call,
    refusal,
    waitForTask,
    untilIdle,
    ended,
    keepAlives: () => keepAlives,
    saves: () => saved.length,
  };
}

/**
 * The demo site for one test file: started once, reset before each test (log, latency, faults,
 * rate limit), and every task cancelled after each test so none outlives it.
 */
export function useDemoSite(): DemoSite {
  let current: DemoSite | undefined;
  beforeAll(async () => {
    current = await startDemoSite();
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
    current!.resetLog();
    current!.setLatency(0);
    current!.setFault(null);
    current!.setRateLimit(null);
    current!.resetSerials();
    current!.wall('challenge').reset();
    current!.wall('signIn').reset();
  });
  afterEach(async () => {
    await cancelAllTasks();
  });
  // Tests read `site.origin` at run time, after beforeAll has started the real site.
  return new Proxy({} as DemoSite, {
    get(_target, key) {
      if (!current) throw new Error('The demo site is used before beforeAll started it.');
      const value = Reflect.get(current, key) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
