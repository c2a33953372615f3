// What the browser benches share: the extension and the demo site, the bench-only copy of the
// demo source (its crawl.concurrency caps at 3), and reading the site's request log.
import type { SourceRuleInput, Task } from '../../lib/contract';
import { launchExtension, sleep, type Ext } from '../../test/browser/harness';
import { startDemoSite, type DemoSite, type LoggedRequest } from '../../test/fixtures/site';
import { DEMO_SOURCES } from '../../test/fixtures/sources';

export { sleep };
export const ended = (task: Task) => ['completed', 'failed', 'cancelled'].includes(task.status);

export interface Rig {
  ext: Ext;
  site: DemoSite;
  close(): Promise<void>;
}

/**
 * Playwright reports every request the service worker makes to the driver (Network domain
 * events over its pipe), which no user's browser does. Measured on the bare-fetch floor, that
 * instrumentation cost 0.82 → 0.85 of 80/s; the benches measure the browser without it.
 */
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK ??= '1';

export async function startRig(latencyMs: number, extensionDir?: string): Promise<Rig> {
  const site = await startDemoSite({ latencyMs });
  let ext: Ext;
  try {
    ext = await launchExtension(extensionDir ? { extensionDir } : {});
  } catch (error) {
    await site.close();
    throw error;
  }
  // The worker may still be opening its database when the first message arrives.
  await ext.waitFor(
    () => ext.send({ type: 'health' }, 10_000),
    (a) => a?.ok === true,
    { timeoutMs: 20_000, what: 'the worker' },
  );
  return {
    ext,
    site,
    async close() {
      await ext.close();
      await site.close();
    },
  };
}

/**
 * Imports a copy of the built-in demo source whose crawl.concurrency is `concurrency`, so the
 * settings' concurrency is what limits; returns its id.
 */
export async function importBenchSource(ext: Ext, concurrency: number): Promise<string> {
  const { tests: _tests, ...demo } = demoSource() as SourceRuleInput & { tests?: unknown };
  const id = `bench-demo-c${concurrency}`;
  const rule: SourceRuleInput = {
    ...demo,
    id,
    name: `Demo (bench, concurrency ${concurrency})`,
    crawl: { ...demo.crawl, concurrency },
  };
  await ext.call({ type: 'source.import', sources: rule });
  return id;
}

/** The demo source's own crawl limits. */
export function demoCrawl(): { concurrency?: number; delayMs?: number } {
  return demoSource().crawl ?? {};
}

/** The demo site's source, as the test harnesses install it (test/fixtures/sources/demo.json). */
function demoSource(): SourceRuleInput {
  const demo = DEMO_SOURCES.find((source) => source.id === 'demo');
  if (!demo) throw new Error('test/fixtures/sources has no "demo" source.');
  return structuredClone(demo);
}

export const chapterRequest = (book: string) => new RegExp(`^/book/${book}/\\d+\\.html$`);

export function chapterRequests(site: DemoSite, book: string): LoggedRequest[] {
  const re = chapterRequest(book);
  return site
    .requests()
    .filter((r) => re.test(r.path))
    .sort((a, b) => a.at - b.at);
}

/** Chapter paths answered (not 429) more than once. */
export function fetchedTwice(requests: LoggedRequest[]): number {
  const counts = new Map<string, number>();
  for (const r of requests) if (!r.limited) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  return [...counts.values()].filter((n) => n > 1).length;
}

export async function waitEnded(ext: Ext, taskId: string, timeoutMs: number): Promise<Task> {
  return ext.waitForTask(taskId, ended, timeoutMs);
}
