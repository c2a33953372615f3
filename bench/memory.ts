// Bench 4 — memory in Chromium: a 10,000-chapter download (gen-10000, EPUB, the default format)
// from the demo site with no latency and concurrency 6 (settings, plus a bench copy of the demo
// source, whose crawl.concurrency caps at 3).
//
//   worker peak JS heap      — Runtime.getHeapUsage of the service worker, polled every 500 ms
//                              through CDP for the whole download and build (goal < 64 MB)
//   offscreen peak JS heap   — the offscreen document (a background_page target, created when
//                              the build starts), polled every 100 ms (goal < 3 × the file size)
//
// usedSize is the V8 heap; ArrayBuffer backing stores (the compressor's scratch tables, the
// spool) live outside it and are printed beside it.
//
//   npx tsx bench/memory.ts
//   npx tsx bench/memory.ts --profile   plus where the offscreen document allocates (unminified build)
import { statSync } from 'node:fs';
import { buildForProfiling, prepareExtension } from './lib/build';
import { chapterRequests, importBenchSource, sleep, startRig, waitEnded, type Rig } from './lib/browser';
import { browserSession, HeapPoller, offscreenOf, serviceWorkerOf, type TargetSession } from './lib/cdp';
import { startAllocationSampling, stopAllocationSampling } from './lib/profile';
import { describeLoad, ExtensionProcessRss, watchMachine } from './lib/machine';
import { fixed, hardDeadline, heading, mb, note, record, secs } from './lib/report';

const CHAPTERS = 10_000;
const BOOK = `gen-${CHAPTERS}`;
const CONCURRENCY = 6;
const WORKER_GOAL = 64 * 1024 * 1024;
const OFFSCREEN_GOAL = 3;

export async function memory(options: { extensionDir?: string; profile?: boolean } = {}): Promise<void> {
  heading(`4. Memory: ${CHAPTERS} chapters (Chromium, EPUB, latency 0, concurrency ${CONCURRENCY})`);
  let rig: Rig | undefined;
  hardDeadline('memory', 330_000, () => rig?.close() ?? Promise.resolve());
  rig = await startRig(0, options.extensionDir);
  const { ext, site } = rig;
  let worker: HeapPoller | undefined;
  let offscreen: HeapPoller | undefined;
  const processRss = new ExtensionProcessRss();
  try {
    await ext.call({ type: 'settings.set', patch: { concurrency: CONCURRENCY } });
    const sourceId = await importBenchSource(ext, CONCURRENCY);
    const root = await browserSession(ext.context, ext.page);
    worker = new HeapPoller(root, serviceWorkerOf(ext.extensionId), 500);
    offscreen = new HeapPoller(root, offscreenOf(ext.extensionId), 100);
    worker.start();
    offscreen.start();
    processRss.start(100);
    site.resetLog();
    const machine = watchMachine();
    const { task } = await ext.call({ type: 'task.start', url: `${site.origin}/book/${BOOK}/`, sourceId });
    // --profile: allocation sampling in the offscreen document from the moment it appears.
    let sampling: Promise<TargetSession | undefined> = Promise.resolve(undefined);
    if (options.profile) {
      sampling = (async () => {
        for (const deadline = Date.now() + 300_000; Date.now() < deadline; await sleep(20)) {
          const session = offscreen?.current;
          if (session) {
            await startAllocationSampling(session);
            return session;
          }
        }
        return undefined;
      })();
    }
    const done = await waitEnded(ext, task.id, 300_000);
    const sampled = await Promise.race([sampling, sleep(1_000).then(() => undefined)]);
    const allocations = sampled ? await stopAllocationSampling(sampled).catch(() => undefined) : undefined;
    const load = machine.stop();
    await new Promise((r) => setTimeout(r, 300)); // one more sample of each after the end
    await worker.stop();
    await offscreen.stop();
    processRss.stop();

    if (done.status !== 'completed' || done.downloadId === undefined) {
      record({
        figure: 'memory',
        value: `task ended ${done.status}: ${done.error?.code ?? ''} ${done.error?.message ?? ''}`,
        goal: 'a completed 10,000-chapter EPUB',
        pass: false,
      });
    }
    const requests = chapterRequests(site, BOOK);
    const lastChapterAt = requests.length ? requests[requests.length - 1]!.at : Date.now();
    const file = done.downloadId !== undefined ? await ext.downloadPath(done.downloadId, 60_000) : undefined;
    const fileBytes = file ? statSync(file).size : NaN;
    note(
      `${done.completedChapters} chapters in ${secs(lastChapterAt - (requests[0]?.at ?? lastChapterAt))} (${fixed(done.completedChapters / ((lastChapterAt - (requests[0]?.at ?? 0)) / 1000), 1)}/s); file ${mb(fileBytes)} (${fileBytes} B); task ${done.status} after ${secs((done.finishedAt ?? Date.now()) - (done.startedAt ?? 0))}`,
    );

    const w = worker.samples;
    record({
      figure: 'memory: worker peak JS heap',
      value: `${mb(worker.peakUsed)} (${w.length} samples every 500 ms, ${worker.attachments} attachment${worker.attachments === 1 ? '' : 's'}; with ArrayBuffers ${mb(worker.peakTotal)})`,
      ratio: `${fixed(worker.peakUsed / WORKER_GOAL)} of 64 MB`,
      goal: '< 64 MB',
      pass: w.length > 0 && worker.peakUsed < WORKER_GOAL,
      short: mb(worker.peakUsed),
    });
    const atEnd = w.filter((s) => s.at <= lastChapterAt);
    if (atEnd.length > 2) {
      const firstQuarter = atEnd.slice(0, Math.ceil(atEnd.length / 4));
      const lastQuarter = atEnd.slice(-Math.ceil(atEnd.length / 4));
      const avg = (list: typeof w) => list.reduce((s, x) => s + x.used, 0) / list.length;
      note(
        `worker heap while downloading: first quarter avg ${mb(avg(firstQuarter))}, last quarter avg ${mb(avg(lastQuarter))} (growth says what is kept per chapter)`,
      );
    }

    const buildSamples = offscreen.samples;
    const built = offscreen.firstSeenAt !== undefined;
    const buildMs = built ? (done.finishedAt ?? Date.now()) - offscreen.firstSeenAt! : NaN;
    const ratio = offscreen.peakUsed / fileBytes;
    record({
      figure: 'memory: offscreen peak JS heap (build)',
      value: built
        ? `${mb(offscreen.peakUsed)} for a ${mb(fileBytes)} file (${buildSamples.length} samples every 100 ms over the ${secs(buildMs)} build)`
        : 'the offscreen document was never seen',
      ratio: `${fixed(ratio)} × the file size`,
      goal: `< ${OFFSCREEN_GOAL} × the file size`,
      pass: built && buildSamples.length > 0 && ratio < OFFSCREEN_GOAL,
      short: `${mb(offscreen.peakUsed)} = ${fixed(ratio)} × ${mb(fileBytes)} file`,
    });
    record({
      figure: 'memory: offscreen peak JS heap + ArrayBuffers',
      value: `${mb(offscreen.peakTotal)} (ArrayBuffers alone peak ${mb(offscreen.peakBacking)})`,
      ratio: `${fixed(offscreen.peakTotal / fileBytes)} × the file size`,
      // fflate allocates ~170 KB of scratch tables per compressed page; they are garbage at once,
      // but V8 only collects ArrayBuffers once some tens of MB of them have piled up.
      goal: "information: ArrayBuffers are mostly the compressor's dead scratch tables, waiting for V8's next collection",
      pass: null,
      short: `${mb(offscreen.peakTotal)} = ${fixed(offscreen.peakTotal / fileBytes)} × file`,
    });
    if (buildSamples.length) {
      const peakAt = buildSamples.reduce((best, s) => (s.used > best.used ? s : best)).at;
      note(
        `offscreen heap peaked ${secs(peakAt - offscreen.firstSeenAt!)} into the build; build = offscreen document seen → task completed`,
      );
      // The heap's course says whether the peak is data kept or garbage awaiting a collection.
      const step = Math.max(1, Math.ceil(buildSamples.length / 25));
      note(
        `offscreen heap over the build (MB, every ${step * 100} ms): ${buildSamples
          .filter((_, i) => i % step === 0)
          .map((s) => (s.used / 1_048_576).toFixed(1))
          .join(' ')}`,
      );
    }
    if (processRss.samples.length && built) {
      const before = processRss.at(offscreen.firstSeenAt!);
      note(
        `extension renderer process RSS (worker + popup + offscreen, /proc): ${mb(before)} when the build began, peak ${mb(processRss.peak(offscreen.firstSeenAt!))} during it; peak while downloading ${mb(processRss.peak(0, offscreen.firstSeenAt!))}`,
      );
    }
    note(describeLoad(load));
    if (allocations) {
      const total = allocations.reduce((sum, [, bytes]) => sum + bytes, 0);
      console.log(
        `\n--- offscreen document: bytes allocated during the build, by function (sampled, collected objects included; ${mb(total)} in all) ---`,
      );
      for (const [name, bytes] of allocations.slice(0, 20))
        console.log(`${mb(bytes).padStart(10)} ${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
    }
  } finally {
    processRss.stop();
    await worker?.stop();
    await offscreen?.stop();
    await rig.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const profile = process.argv.includes('--profile');
  await memory({ profile, extensionDir: profile ? buildForProfiling() : prepareExtension() });
  process.exit(0);
}
