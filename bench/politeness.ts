// Bench 2 — politeness in Chromium: the demo site allows 5 requests/s (a sliding one-second
// window over the whole site) and answers 429 with `Retry-After: 1` beyond. A 300-chapter book
// (gen-300, TXT) with the built-in demo source and default settings.
//
// Figures, all from the site's own request log:
//   achieved rate / allowed rate  — requests answered normally per second, first request → last
//                                   answered one, over 5/s (goal ≥ 0.85)
//   429 share after the first 5 s — refused requests among all requests that arrived ≥ 5 s after
//                                   the first one (goal ≤ 2 %): the learning phase is exempt
//   failed chapters               — from the task (goal 0)
//
//   npx tsx bench/politeness.ts
import { prepareExtension } from './lib/build';
import { demoCrawl, fetchedTwice, startRig, waitEnded, type Rig } from './lib/browser';
import { describeLoad, watchMachine } from './lib/machine';
import { fixed, hardDeadline, heading, note, record, secs } from './lib/report';

const ALLOWED_PER_SECOND = 5;
const RETRY_AFTER_S = 1;
const CHAPTERS = 300;
const BOOK = `gen-${CHAPTERS}`;
const LEARNING_MS = 5_000;
const RATE_GOAL = 0.85;
const REFUSED_GOAL = 0.02;

export async function politeness(options: { extensionDir?: string } = {}): Promise<void> {
  heading(
    `2. Politeness: ${CHAPTERS} chapters from a site allowing ${ALLOWED_PER_SECOND} requests/s (429 + Retry-After: ${RETRY_AFTER_S} beyond) (Chromium, TXT)`,
  );
  let rig: Rig | undefined;
  hardDeadline('politeness', 170_000, () => rig?.close() ?? Promise.resolve());
  rig = await startRig(0, options.extensionDir);
  const { ext, site } = rig;
  try {
    const { settings } = await ext.call({ type: 'settings.get' });
    note(
      `default settings (concurrency ${settings.concurrency}, delayMs ${settings.delayMs}, maxAttempts ${settings.maxAttempts}); built-in demo source (crawl ${JSON.stringify(demoCrawl())})`,
    );
    site.resetLog();
    site.setRateLimit({ perSecond: ALLOWED_PER_SECOND, retryAfter: RETRY_AFTER_S });
    const machine = watchMachine();
    const { task } = await ext.call({
      type: 'task.start',
      url: `${site.origin}/book/${BOOK}/`,
      sourceId: 'demo',
      format: 'txt',
    });
    const done = await waitEnded(ext, task.id, 150_000);
    const load = machine.stop();
    const diagnostics = await ext.call({ type: 'diagnostics' });
    site.setRateLimit(null);

    const requests = site.requests().sort((a, b) => a.at - b.at);
    if (requests.length === 0) {
      record({
        figure: 'politeness',
        value: `no request reached the site; task ${done.status}`,
        goal: 'a download',
        pass: false,
      });
      return;
    }
    const first = requests[0]!.at;
    const answered = requests.filter((r) => !r.limited);
    const lastAnswered = answered[answered.length - 1]!.at;
    const spanS = (lastAnswered - first) / 1000;
    // n answered requests evenly paced at the allowed rate span (n − 1) / rate seconds.
    const rate = (answered.length - 1) / spanS;
    record({
      figure: 'politeness: achieved rate',
      value: `${fixed(rate)} requests/s (${answered.length} answered in ${secs(lastAnswered - first)}, first request → last answered)`,
      ratio: `${fixed(rate / ALLOWED_PER_SECOND)} of the allowed ${ALLOWED_PER_SECOND}/s`,
      goal: `ratio ≥ ${RATE_GOAL}`,
      pass: rate / ALLOWED_PER_SECOND >= RATE_GOAL,
      short: `${fixed(rate)}/s = ${fixed(rate / ALLOWED_PER_SECOND)} × 5/s`,
    });
    const late = requests.filter((r) => r.at - first >= LEARNING_MS);
    const lateRefused = late.filter((r) => r.limited).length;
    const share = late.length ? lateRefused / late.length : 0;
    record({
      figure: 'politeness: 429s after the first 5 s',
      value: `${lateRefused} of ${late.length} requests`,
      ratio: `${fixed(share * 100, 1)} %`,
      goal: `≤ ${REFUSED_GOAL * 100} %`,
      pass: share <= REFUSED_GOAL,
      short: `${fixed(share * 100, 1)} % (${lateRefused}/${late.length})`,
    });
    record({
      figure: 'politeness: failed chapters',
      value: `${done.failedChapters} (task ${done.status}, ${done.completedChapters}/${done.totalChapters} chapters)`,
      goal: '0, task completed',
      pass: done.failedChapters === 0 && done.status === 'completed',
      short: `${done.failedChapters} (${done.status})`,
    });

    const early = requests.filter((r) => r.at - first < LEARNING_MS);
    note(
      `first 5 s: ${early.length} requests, ${early.filter((r) => r.limited).length} refused; whole run: ${requests.length} requests, ${requests.filter((r) => r.limited).length} refused; ${fetchedTwice(requests.filter((r) => /\d+\.html$/.test(r.path)))} chapters answered twice; task counted ${done.attempts ?? '?'} tries, ${done.retries ?? '?'} retried`,
    );
    const buckets: string[] = [];
    for (let from = 0; from < lastAnswered - first + 1; from += 5_000) {
      const inBucket = requests.filter((r) => r.at - first >= from && r.at - first < from + 5_000);
      buckets.push(
        `${(inBucket.filter((r) => !r.limited).length / 5).toFixed(1)}${inBucket.some((r) => r.limited) ? `(${inBucket.filter((r) => r.limited).length}×429)` : ''}`,
      );
    }
    note(`answered/s per 5 s: ${buckets.join(' ')}`);
    const host = diagnostics.hosts?.[new URL(site.origin).host];
    if (host)
      note(
        `scheduler at the end: learnedDelayMs ${host.learnedDelayMs} (= ${host.learnedDelayMs ? fixed(1000 / host.learnedDelayMs) : '∞'}/s), effectiveConcurrency ${host.effectiveConcurrency}`,
      );
    note(describeLoad(load));
  } finally {
    await rig.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await politeness({ extensionDir: prepareExtension() });
  process.exit(0);
}
