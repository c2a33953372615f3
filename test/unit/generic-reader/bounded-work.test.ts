// A hostile page must not make the generic reader's work grow faster than the page: the worker
// reads every detected page, a few a minute per tab. Counted in calls, not in time: a page of
// links to one address once had its merged row named again at every link (8 million name checks
// for 4,000 links; detecting 1 MB of them took five minutes).
//
// Unit test files share their worker's modules (isolate: false), so the counting stand-in for
// isNavText is put in place for this file alone: the modules are loaded afresh under it, and
// dropped again afterwards so no other file sees it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const NAV_TEXT = '../../../lib/generic-reader/nav-text';

let detectPage: typeof import('../../../lib/detect').detectPage;
let genericRule: typeof import('../../../lib/generic-reader/rule').genericRule;
let isNavText: ReturnType<typeof vi.fn>;

beforeAll(async () => {
  const real = await vi.importActual<typeof import('../../../lib/generic-reader/nav-text')>(NAV_TEXT);
  isNavText = vi.fn(real.isNavText);
  vi.doMock(NAV_TEXT, () => ({ ...real, isNavText }));
  vi.resetModules();
  ({ detectPage } = await import('../../../lib/detect'));
  ({ genericRule } = await import('../../../lib/generic-reader/rule'));
});

afterAll(() => {
  vi.doUnmock(NAV_TEXT);
  vi.resetModules();
});

const ROW = '<dd><a href="/book/1/1.html">第1章 月下读书</a></dd>';
const links = (n: number) => `<html><head><title>x</title></head><body><dl>${ROW.repeat(n)}</dl></body></html>`;

function nameChecks(rows: number): number {
  isNavText.mockClear();
  detectPage(links(rows), 'https://novel.example/book/1/', [genericRule]);
  return isNavText.mock.calls.length;
}

describe('the generic reader on a page of many links to one address', () => {
  it('checks each link name a bounded number of times', () => {
    const rows = 4_000;
    const once = nameChecks(rows);
    // The stand-in is really in place: the names were checked.
    expect(once).toBeGreaterThan(0);
    expect(once).toBeLessThan(5 * rows);
    // Twice the links, about twice the work (quadratic work would be four times).
    expect(nameChecks(2 * rows)).toBeLessThan(2.5 * once);
  });
});
