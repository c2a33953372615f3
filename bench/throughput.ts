// Bench 1 — throughput in Chromium: 1,000 chapters (gen-1000, TXT) from the demo site answering
// every request after 50 ms, with the per-host concurrency c = 4. The ideal is c / latency =
// 80 chapters/s; the goal is ≥ 0.9 of it.
//
// Judged over the site's window: from the arrival of the first chapter request to the answer of
// the last one (its arrival + the latency), so reading the book page and building the file do
// not count. Task start → completion is printed too, for information.
//
//   npx tsx bench/throughput.ts             the measurement
//   npx tsx bench/throughput.ts --profile   plus a CPU profile of the service worker (unminified build)
//   npx tsx bench/throughput.ts --trace     plus per-chapter step timings from inside the worker
import { buildForProfiling, prepareExtension } from './lib/build';
import { browserSession, serviceWorkerOf, TargetSession, targets } from './lib/cdp';
import { chapterRequests, fetchedTwice, importBenchSource, startRig, waitEnded, type Rig } from './lib/browser';
import { printSummary, startProfiling, stopProfiling } from './lib/profile';
import { collectTrace, explainChapters, installTrace } from './lib/trace';
import { fetchFloor, siteCeiling } from './lib/floor';
import { describeLoad, watchMachine } from './lib/machine';
import { fixed, hardDeadline, heading, note, record, secs } from './lib/report';

const LATENCY_MS = 50;
const CONCURRENCY = 4;
const CHAPTERS = 1000;
const BOOK = `gen-${CHAPTERS}`;
const GOAL = 0.9;
const FLOOR_REQUESTS = 400;

export async function throughput(
  options: { profile?: boolean; trace?: boolean; extensionDir?: string } = {},
): Promise<void> {
  heading(`1. Throughput: ${CHAPTERS} chapters, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY} (Chromium, TXT)`);
  let rig: Rig | undefined;
  hardDeadline('throughput', 170_000, () => rig?.close() ?? Promise.resolve());
  rig = await startRig(LATENCY_MS, options.extensionDir);
  const { ext, site } = rig;
  try {
    await ext.call({ type: 'settings.set', patch: { concurrency: CONCURRENCY } });
    const sourceId = await importBenchSource(ext, CONCURRENCY);
    note(
      `settings.concurrency = ${CONCURRENCY}; sources/demo.json caps crawl.concurrency at 3, so the bench imports "${sourceId}" (a copy with crawl.concurrency ${CONCURRENCY}).`,
    );

    let profiler: TargetSession | undefined;
    let tracer: TargetSession | undefined;
    if (options.profile || options.trace) {
      const root = await browserSession(ext.context, ext.page);
      const sw = serviceWorkerOf(ext.extensionId)(await targets(root));
      if (!sw) throw new Error('no service worker target to profile or trace');
      if (options.profile) {
        profiler = await TargetSession.attach(root, sw);
        await startProfiling(profiler);
      }
      if (options.trace) {
        tracer = await TargetSession.attach(root, sw);
        await installTrace(tracer);
      }
    }

    site.resetLog();
    const machine = watchMachine();
    const asked = Date.now();
    const { task } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/book/${BOOK}/`,
      sourceId,
      format: 'txt',
    });
    const done = await waitEnded(ext, task.id, 120_000);
    const load = machine.stop();
    const summary = profiler
      ? await stopProfiling(profiler, [/^readChapter|parseChapterPage/, /putChapter|put /, /decodeHtml/])
      : undefined;

    const requests = chapterRequests(site, BOOK);
    if (done.status !== 'completed' || requests.length === 0) {
      record({
        figure: 'throughput',
        value: `task ended ${done.status} (${done.error?.code ?? ''} ${done.error?.message ?? ''})`,
        goal: `≥ ${GOAL} of ${CONCURRENCY / (LATENCY_MS / 1000)}/s`,
        pass: false,
      });
      return;
    }
    const first = requests[0]!.at;
    const last = requests[requests.length - 1]!.at;
    const windowMs = last + LATENCY_MS - first;
    const rate = done.completedChapters / (windowMs / 1000);
    const ideal = CONCURRENCY / (LATENCY_MS / 1000);
    record({
      figure: 'throughput',
      value: `${fixed(rate, 1)} chapters/s (${done.completedChapters} chapters in ${secs(windowMs)}, site's first chapter request → last answer)`,
      ratio: `${fixed(rate / ideal)} of ideal c/latency = ${ideal}/s`,
      goal: `ratio ≥ ${GOAL}`,
      pass: rate / ideal >= GOAL,
      short: `${fixed(rate, 1)} ch/s = ${fixed(rate / ideal)} × 80/s`,
    });

    // Where the time went: how full the host's c slots were, and the engine's time per chapter.
    const inFlightMs = requests.length * LATENCY_MS;
    let peak = 0;
    const edges = requests
      .flatMap((r) => [[r.at, 1] as const, [r.at + LATENCY_MS, -1] as const])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    for (const [, d] of edges) peak = Math.max(peak, (open += d));
    const cycle = (windowMs * CONCURRENCY) / requests.length;
    note(
      `slots busy: mean ${fixed(inFlightMs / windowMs)} of ${CONCURRENCY} requests in flight (peak ${peak}); one slot's cycle ${fixed(cycle, 1)} ms per chapter = ${LATENCY_MS} ms latency + ${fixed(cycle - LATENCY_MS, 1)} ms between an answer and that slot's next request`,
    );
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at);
    const bigGaps = gaps.filter((g) => g > 100);
    note(
      `requests: ${requests.length} for ${done.completedChapters} chapters (${fetchedTwice(requests)} fetched twice); gaps > 100 ms between consecutive requests: ${bigGaps.length} (longest ${Math.max(0, ...gaps)} ms)`,
    );
    const taskMs = (done.finishedAt ?? Date.now()) - (done.startedAt ?? asked);
    note(
      `task start → completed (book page + chapters + TXT build + download): ${secs(taskMs)} = ${fixed(done.completedChapters / (taskMs / 1000), 1)} chapters/s; task.start asked → first chapter request ${secs(first - asked)}, last answer → completed ${secs((done.finishedAt ?? 0) - (last + LATENCY_MS))}`,
    );
    note(describeLoad(load));

    // The browser's own floor on this machine at this moment: bare fetch loops in the worker.
    // Then the site's ceiling: the same loops with no browser at all.
    const urls = Array.from(
      { length: FLOOR_REQUESTS },
      (_, i) => `${site.origin}/book/gen-${FLOOR_REQUESTS}/${i + 1}.html`,
    );
    const root = await browserSession(ext.context, ext.page);
    const sw = serviceWorkerOf(ext.extensionId)(await targets(root));
    if (sw) {
      const session = await TargetSession.attach(root, sw);
      const floor = await fetchFloor(session, urls, CONCURRENCY);
      await session.detach();
      record({
        figure: 'throughput floor (bare fetch)',
        value: `${fixed(floor.perSecond, 1)} requests/s (${CONCURRENCY} parallel fetch()+arrayBuffer() loops in the worker, no engine)`,
        ratio: `${fixed(floor.perSecond / ideal)} of ${ideal}/s; the engine reached ${fixed(rate / floor.perSecond)} of this floor`,
        goal: 'information: what this browser on this machine allows right now',
        pass: null,
        short: `${fixed(floor.perSecond, 1)} req/s = ${fixed(floor.perSecond / ideal)} × 80/s (engine ${fixed(rate / floor.perSecond)} of it)`,
      });
    }
    const ceiling = await siteCeiling(urls, CONCURRENCY);
    record({
      figure: 'throughput ceiling (no browser)',
      value: `${fixed(ceiling.perSecond, 1)} requests/s (${CONCURRENCY} parallel loops of Node's http client, keep-alive, against the same site)`,
      ratio: `${fixed(ceiling.perSecond / ideal)} of ${ideal}/s: the site's own timer and parsing; the rest of the gap is the browser's`,
      goal: 'information: the most any client gets from this site here',
      pass: null,
      short: `${fixed(ceiling.perSecond, 1)} req/s = ${fixed(ceiling.perSecond / ideal)} × 80/s`,
    });
    if (summary) printSummary('service worker during the download', summary, 25);
    if (tracer) {
      const arrivals = new Map(requests.map((r) => [r.path, r.at]));
      console.log('\n--- one chapter in the service worker (fetch and IndexedDB wrapped through CDP) ---');
      for (const line of explainChapters(await collectTrace(tracer), arrivals, LATENCY_MS)) console.log(line);
    }
  } finally {
    await rig.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const profile = process.argv.includes('--profile');
  const trace = process.argv.includes('--trace');
  if (profile) await throughput({ profile, trace, extensionDir: buildForProfiling() });
  else await throughput({ trace, extensionDir: prepareExtension() });
  process.exit(0);
}
