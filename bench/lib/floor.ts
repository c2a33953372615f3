// The browser's own floor, with no engine work in between: from inside the extension's service
// worker (CDP Runtime.evaluate), c parallel loops of bare fetch() + arrayBuffer() against the demo
// site, and IndexedDB put+commit of chapter-sized records in a scratch database. What the engine
// reaches is judged against c/latency; this says how much of the gap the browser itself costs.
import { Agent, get } from 'node:http';
import type { TargetSession } from './cdp';

export interface FetchFloor {
  requests: number;
  ms: number;
  perSecond: number;
}

export async function fetchFloor(session: TargetSession, urls: string[], concurrency: number): Promise<FetchFloor> {
  const expression = `(async () => {
    const urls = ${JSON.stringify(urls)};
    let next = 0;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: ${concurrency} }, async () => {
      while (next < urls.length) {
        const url = urls[next++];
        const response = await fetch(url);
        await response.arrayBuffer();
      }
    }));
    return Date.now() - t0;
  })()`;
  const answer = await session.send<{ result: { value: number }; exceptionDetails?: unknown }>(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    120_000,
  );
  if (answer.exceptionDetails)
    throw new Error(`fetch floor failed: ${JSON.stringify(answer.exceptionDetails).slice(0, 300)}`);
  const ms = answer.result.value;
  return { requests: urls.length, ms, perSecond: urls.length / (ms / 1000) };
}

/**
 * The site's own ceiling: the same c parallel loops from Node's http client (keep-alive, no
 * browser). What this leaves below c/latency is the site's timer and parsing, not the client.
 */
export async function siteCeiling(urls: string[], concurrency: number): Promise<FetchFloor> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const fetchOne = (url: string) =>
    new Promise<void>((resolve, reject) => {
      get(url, { agent }, (response) => {
        response.resume();
        response.on('end', resolve);
        response.on('error', reject);
      }).on('error', reject);
    });
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) await fetchOne(urls[next++]!);
    }),
  );
  const ms = Date.now() - started;
  agent.destroy();
  return { requests: urls.length, ms, perSecond: urls.length / (ms / 1000) };
}

export interface IdbFloor {
  puts: number;
  parallel: number;
  meanCommitMs: number;
  perSecond: number;
}

/** `parallel` loops each putting records of `bytes` characters, one readwrite transaction per put. */
export async function idbFloor(
  session: TargetSession,
  puts: number,
  parallel: number,
  bytes: number,
): Promise<IdbFloor> {
  const expression = `(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('bench-scratch', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('chapters', { keyPath: ['taskId', 'index'] });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const text = '青'.repeat(${Math.round(bytes / 3)});
    let next = 0;
    const commits = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: ${parallel} }, async () => {
      while (next < ${puts}) {
        const index = next++;
        const started = performance.now();
        await new Promise((resolve, reject) => {
          const tx = db.transaction('chapters', 'readwrite');
          tx.objectStore('chapters').put({ taskId: 'scratch', index, title: 'x', url: 'http://127.0.0.1/' + index, text });
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        commits.push(performance.now() - started);
      }
    }));
    const ms = Date.now() - t0;
    db.close();
    await new Promise((resolve) => { const del = indexedDB.deleteDatabase('bench-scratch'); del.onsuccess = del.onerror = del.onblocked = resolve; });
    return { ms, mean: commits.reduce((a, b) => a + b, 0) / commits.length };
  })()`;
  const answer = await session.send<{ result: { value: { ms: number; mean: number } }; exceptionDetails?: unknown }>(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    120_000,
  );
  if (answer.exceptionDetails)
    throw new Error(`IndexedDB floor failed: ${JSON.stringify(answer.exceptionDetails).slice(0, 300)}`);
  const { ms, mean } = answer.result.value;
  return { puts, parallel, meanCommitMs: mean, perSecond: puts / (ms / 1000) };
}
