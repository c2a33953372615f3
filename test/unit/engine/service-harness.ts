import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startDemoSite, type DemoSite } from '../../fixtures/site';
import type { Request, Settings, Task } from '../../../lib/contract';
import { buildBookFile } from '../../../lib/file/build-file';
import { DownloadService, type Platform } from '../../../lib/service/service';
import { BUILTIN_SOURCES } from '../../../lib/source-rules/builtin';
import { Store } from '../../../lib/store/store';

export interface SavedFile {
  fileName: string;
  blob: Blob;
  /** The file as UTF-8 text (meaningful for TXT books). */
  text: string;
}

const started: Array<(request: Record<string, unknown>) => Promise<any>> = [];

/** Cancels every task still going in every service a test started, so none outlives its test. */
export async function cancelAllTasks(): Promise<void> {
  for (const send of started.splice(0)) {
    const { tasks } = await send({ type: 'task.list' });
    for (const task of tasks as Task[]) {
      if (task.status === 'queued' || task.status === 'running') await send({ type: 'task.cancel', taskId: task.id });
    }
  }
}

/** A DownloadService over a fresh fake-indexeddb database, with files kept in memory. */
export async function startService(
  options: {
    fetch?: typeof fetch;
    settings?: Partial<Settings>;
    dbName?: string;
    heartbeatMs?: number;
    convertImage?: Platform['convertImage'];
    /** How the browser's saving of each file ends; saved at once without it. */
    fileSaved?: Platform['fileSaved'];
  } = {},
) {
  const dbName = options.dbName ?? `test-${randomUUID()}`;
  const store = await Store.open(dbName);
  if (options.settings) await store.putSettings({ ...(await store.getSettings()), ...options.settings });
  const files = new Map<string, SavedFile>();
  let keepAlives = 0;
  let saves = 0;
  const platform: Platform = {
    fetch: options.fetch ?? fetch,
    saveFile: async (task) => {
      saves += 1;
      const { blob, fileName, stats } = await buildBookFile(store, task.id);
      files.set(task.id, { fileName, blob, text: await blob.text() });
      return { fileName, downloadId: saves, stats };
    },
    keepAlive: () => {
      keepAlives += 1;
    },
    fileSaved: options.fileSaved,
    heartbeatMs: options.heartbeatMs,
    convertImage: options.convertImage,
  };
  const service = await DownloadService.start(store, BUILTIN_SOURCES, platform);
  await service.ready;

  async function send(request: Request | Record<string, unknown>) {
    return (await service.handle(request)) as any;
  }
  started.push(send);

  /** Polls task.get until `done` holds, at most `timeoutMs`. */
  async function waitForTask(taskId: string, done: (task: Task) => boolean, timeoutMs = 10_000): Promise<Task> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const answer = await send({ type: 'task.get', taskId });
      if (answer.ok && done(answer.task)) return answer.task;
      if (Date.now() > until) throw new Error(`Task ${taskId} did not reach the state in ${timeoutMs} ms: ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);
  return { service, store, dbName, files, send, waitForTask, ended, keepAlives: () => keepAlives, saves: () => saves };
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
