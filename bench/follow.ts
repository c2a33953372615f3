// Bench 6 — following in Chromium: 200 completed, followed books on the demo site, served under
// two host names (127.0.0.1 and localhost: two hosts to the browser, each with its own pace).
// 199 are serials with a one-page contents; one is the split book s1, whose contents span
// SPLIT_TOC_PAGES pages. 20 serials have gained a chapter. One `library.check` checks them all.
//
// Figures, from the site's own request log:
//   time                        — library.check sent → answered, for the 200 books
//   contents requests per book  — exactly 1 for every serial, SPLIT_TOC_PAGES for s1, during the check
//   pace per host               — the most requests each host had in flight at once (from each
//                                 request's arrival to its answer), against the limit the settings
//                                 and the demo source allow (concurrency 3)
//   updates                     — the 20 followed books with a new chapter fetch exactly that one
//
//   npx tsx bench/follow.ts
import type { LoggedRequest } from '../test/fixtures/site';
import { SPLIT_TOC_PAGES } from '../test/fixtures/site';
import { prepareExtension } from './lib/build';
import { demoCrawl, sleep, startRig, type Rig } from './lib/browser';
import { describeLoad, watchMachine } from './lib/machine';
import { fixed, hardDeadline, heading, note, record, secs } from './lib/report';

const BOOKS = 200;
const WITH_NEWS = 20;
const LATENCY_MS = 20;

/** The most requests of `requests` that overlapped at any moment. */
function mostInFlight(requests: LoggedRequest[]): number {
  const edges = requests
    .flatMap((r) => [[r.at, 1] as const, [r.doneAt ?? r.at, -1] as const])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

export async function follow(options: { extensionDir?: string } = {}): Promise<void> {
  heading(
    `6. Following: one check of ${BOOKS} followed books on two hosts (${WITH_NEWS} with a new chapter), ${LATENCY_MS} ms latency (Chromium)`,
  );
  let rig: Rig | undefined;
  hardDeadline('follow', 280_000, () => rig?.close() ?? Promise.resolve());
  rig = await startRig(LATENCY_MS, options.extensionDir);
  const { ext, site } = rig;
  try {
    const { settings } = await ext.call({ type: 'settings.get' });
    await ext.call({ type: 'settings.set', patch: { maxRunningTasks: 8, notifications: false, checkUpdatesHours: 0 } });
    const limit = Math.min(settings.concurrency, demoCrawl().concurrency ?? settings.concurrency);
    const port = new URL(site.origin).port;
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    const serials = Array.from({ length: BOOKS - 1 }, (_, i) => ({ id: `serial-3-b${i + 1}`, host: hosts[i % 2]! }));
    const urls = [...serials.map((book) => `http://${book.host}/book/${book.id}/`), `http://${hosts[1]}/split/s1/`];

    const started = Date.now();
    const ids: string[] = [];
    for (const url of urls) ids.push((await ext.call({ type: 'task.start', url, format: 'txt' })).task.id);
    await ext.waitFor(
      () => ext.call({ type: 'task.list' }),
      ({ tasks }) => tasks.every((task) => ['completed', 'failed', 'cancelled'].includes(task.status)),
      { timeoutMs: 180_000, intervalMs: 500, what: `${BOOKS} books to download` },
    );
    const failed = (await ext.call({ type: 'task.list' })).tasks.filter((task) => task.status !== 'completed');
    note(
      `set-up: ${BOOKS} books downloaded in ${secs(Date.now() - started)}${failed.length ? `, ${failed.length} not completed` : ''}`,
    );
    for (const id of ids) await ext.call({ type: 'library.follow', bookId: id, followed: true });
    const news = serials.slice(0, WITH_NEWS);
    for (const book of news) site.addChapters(book.id, 1);

    site.resetLog();
    const machine = watchMachine();
    const asked = Date.now();
    const { checks } = await ext.call({ type: 'library.check' }, 240_000);
    const took = Date.now() - asked;
    const atAnswer = site.requests();
    // The followed books with news are updated after the check: wait for them, then count.
    await ext.waitFor(
      () => ext.call({ type: 'library.list' }),
      ({ books }) => books.every((book) => !book.busy && book.newChapters === 0),
      { timeoutMs: 60_000, intervalMs: 250, what: 'the updates' },
    );
    await sleep(200);
    const load = machine.stop();
    const requests = site.requests();

    const errors = checks.filter((check) => check.error);
    record({
      figure: 'follow: check of every followed book',
      value: `${checks.length} books in ${secs(took)} (${fixed(checks.length / (took / 1000), 1)} books/s), ${errors.length} failed, ${checks.reduce((n, c) => n + c.found, 0)} new chapters found`,
      goal: `all ${BOOKS} checked, none failed, ${WITH_NEWS} new chapters found`,
      pass: checks.length === BOOKS && errors.length === 0 && checks.reduce((n, c) => n + c.found, 0) === WITH_NEWS,
      short: `${checks.length} books in ${secs(took)}`,
    });
    const contents = (path: string) => /^\/book\/[^/]+\/$|^\/split\/s1\/(index_\d+\.html)?$/.test(path);
    const perBook = new Map<string, number>();
    for (const r of atAnswer)
      if (contents(r.path)) perBook.set(r.path.split('/')[2]!, (perBook.get(r.path.split('/')[2]!) ?? 0) + 1);
    const wrong = [...serials.map((b) => [b.id, 1] as const), ['s1', SPLIT_TOC_PAGES] as const].filter(
      ([id, expected]) => perBook.get(id) !== expected,
    );
    const contentRequests = atAnswer.filter((r) => contents(r.path)).length;
    // A followed book with news is updated as soon as its check ends: its new chapter may be
    // fetched before the whole check answers. Anything else would be a page a check must not read.
    const newPage = (path: string) => news.some((book) => path === `/book/${book.id}/4.html`);
    const stray = atAnswer.filter((r) => !contents(r.path) && !newPage(r.path));
    record({
      figure: 'follow: contents requests',
      value: `${contentRequests} for ${BOOKS} books (${atAnswer.length} requests in all until the answer, ${atAnswer.length - contentRequests - stray.length} of them new chapters already being fetched)${
        wrong.length
          ? `; not as expected: ${wrong
              .slice(0, 5)
              .map(([id]) => `${id}=${perBook.get(id) ?? 0}`)
              .join(', ')}`
          : ''
      }${
        stray.length
          ? `; other pages: ${stray
              .slice(0, 3)
              .map((r) => r.path)
              .join(', ')}`
          : ''
      }`,
      ratio: `${BOOKS - 1} serials × 1 + s1 × ${SPLIT_TOC_PAGES} = ${BOOKS - 1 + SPLIT_TOC_PAGES}`,
      goal: 'one per book (plus its pages), no other page',
      pass: wrong.length === 0 && stray.length === 0,
      short: `${contentRequests} (${BOOKS - 1}×1 + ${SPLIT_TOC_PAGES})`,
    });
    const paces = hosts.map((host) => ({ host, requests: requests.filter((r) => r.authority === host) }));
    const most = paces.map((pace) => mostInFlight(pace.requests));
    record({
      figure: 'follow: pace per host',
      value: paces
        .map((pace, i) => `${pace.host} ${pace.requests.length} requests, at most ${most[i]} at once`)
        .join('; '),
      ratio: `limit ${limit} per host`,
      goal: `≤ ${limit} in flight per host, no 429`,
      pass: most.every((n) => n <= limit) && requests.every((r) => !r.limited),
      short: `max ${Math.max(...most)} of ${limit} at once`,
    });
    const chapterPages = requests.filter((r) => /^\/book\/[^/]+\/\d+\.html$/.test(r.path)).map((r) => r.path);
    const expected = news.map((book) => `/book/${book.id}/4.html`).sort();
    record({
      figure: 'follow: updates',
      value: `${chapterPages.length} chapter pages fetched for ${WITH_NEWS} books with a new chapter; ${requests.length} requests in all`,
      goal: `exactly the ${WITH_NEWS} new chapters`,
      pass: JSON.stringify([...chapterPages].sort()) === JSON.stringify(expected),
      short: `${chapterPages.length} chapter pages`,
    });
    note(describeLoad(load));
  } finally {
    await rig.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await follow({ extensionDir: prepareExtension() });
  process.exit(0);
}
