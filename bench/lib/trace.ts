// Timings from inside the running service worker without touching the engine: through CDP
// Runtime.evaluate, wrap the worker's global fetch (the engine calls it at each request) and
// IndexedDB's put, and stamp each step of every chapter with Date.now() (the same clock as the
// demo site's request log).
import type { TargetSession } from './cdp';

const INSTALL = `(() => {
  if (self.__benchTrace) return 'already';
  const trace = self.__benchTrace = { fetches: [], puts: [] };
  const realFetch = self.fetch;
  self.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input.url;
    const entry = { url, called: Date.now(), headers: 0 };
    trace.fetches.push(entry);
    const answer = realFetch.call(this, input, init);
    answer.then(() => { entry.headers = Date.now(); }, () => { entry.headers = -1; });
    return answer;
  };
  const realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    const entry = { store: this.name, url: value && value.url, index: value && value.index, called: Date.now(), done: 0, txStores: Array.from(this.transaction.objectStoreNames).join(',') };
    trace.puts.push(entry);
    this.transaction.addEventListener('complete', () => { entry.done = Date.now(); });
    return realPut.call(this, value, key);
  };
  return 'installed';
})()`;

export interface FetchTrace {
  url: string;
  called: number;
  headers: number;
}

export interface PutTrace {
  store: string;
  url?: string;
  index?: number;
  called: number;
  done: number;
}

export async function installTrace(session: TargetSession): Promise<void> {
  await session.send('Runtime.evaluate', { expression: INSTALL, returnByValue: true });
}

export async function collectTrace(session: TargetSession): Promise<{ fetches: FetchTrace[]; puts: PutTrace[] }> {
  const answer = await session.send<{ result: { value: string } }>(
    'Runtime.evaluate',
    { expression: 'JSON.stringify(self.__benchTrace)', returnByValue: true },
    60_000,
  );
  return JSON.parse(answer.result.value) as { fetches: FetchTrace[]; puts: PutTrace[] };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
};
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/**
 * One chapter's life in the worker: fetch called → site received it → headers back → chapter
 * stored (put called, transaction complete); the worker then calls fetch for its next chapter
 * within the same microtask checkpoint. Returns printable lines.
 */
export function explainChapters(
  trace: { fetches: FetchTrace[]; puts: PutTrace[] },
  arrivals: Map<string, number>,
  latencyMs: number,
): string[] {
  const fetchByUrl = new Map(trace.fetches.map((f) => [f.url, f]));
  const chapterPuts = trace.puts.filter((p) => p.store === 'chapters' && p.url);
  const taskPuts = trace.puts.filter((p) => p.store === 'tasks');
  const steps = {
    toSite: [] as number[],
    siteToHeaders: [] as number[],
    headersToPut: [] as number[],
    putCommit: [] as number[],
  };
  for (const put of chapterPuts) {
    const f = fetchByUrl.get(put.url!);
    if (!f) continue;
    const path = new URL(f.url).pathname;
    const arrived = arrivals.get(path);
    if (arrived !== undefined) {
      steps.toSite.push(arrived - f.called);
      steps.siteToHeaders.push(f.headers - (arrived + latencyMs));
    }
    steps.headersToPut.push(put.called - f.headers);
    if (put.done > 0) steps.putCommit.push(put.done - put.called);
  }
  const taskCommit = taskPuts.filter((p) => p.done > 0).map((p) => p.done - p.called);
  const sum = [steps.toSite, steps.siteToHeaders, steps.headersToPut, steps.putCommit].reduce(
    (total, list) => total + mean(list),
    latencyMs,
  );
  const fmt = (name: string, values: number[]) =>
    `${name.padEnd(52)} median ${median(values).toFixed(1).padStart(6)} ms   mean ${mean(values).toFixed(1).padStart(6)} ms   (n=${values.length})`;
  return [
    fmt('fetch() called → request arrives at the site', steps.toSite),
    fmt(`site answers (arrival + ${latencyMs} ms) → fetch() resolves`, steps.siteToHeaders),
    fmt('fetch() resolves → chapter put() (body, decode, parse)', steps.headersToPut),
    fmt('chapter put() → its transaction complete', steps.putCommit),
    fmt(`task put() → complete (${taskPuts.length} task writes)`, taskCommit),
    `sum of the means with the ${latencyMs} ms latency: ${sum.toFixed(1)} ms per chapter per worker (the next fetch follows the commit at once: its wrapper stamp lands before the commit's)`,
  ];
}
