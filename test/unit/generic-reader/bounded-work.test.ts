// A hostile page must not make the generic reader's work grow faster than the page: the worker
// reads every detected page, a few a minute per tab. Counted in calls, not in time: a page of
// links to one address once had its merged row named again at every link (8 million name checks
// for 4,000 links; detecting 1 MB of them took five minutes).
import { describe, expect, it, vi } from 'vitest';
import { detectPage } from '../../../lib/detect';
import { genericRule } from '../../../lib/generic-reader/rule';
import { isNavText } from '../../../lib/generic-reader/nav-text';

vi.mock('../../../lib/generic-reader/nav-text', async (original) => {
  const real = await original<typeof import('../../../lib/generic-reader/nav-text')>();
  return { ...real, isNavText: vi.fn(real.isNavText) };
});

const ROW = '<dd><a href="/book/1/1.html">第1章 月下读书</a></dd>';
const links = (n: number) => `<html><head><title>x</title></head><body><dl>${ROW.repeat(n)}</dl></body></html>`;

function nameChecks(rows: number): number {
  vi.mocked(isNavText).mockClear();
  detectPage(links(rows), 'https://novel.example/book/1/', [genericRule]);
  return vi.mocked(isNavText).mock.calls.length;
}

describe('the generic reader on a page of many links to one address', () => {
  it('checks each link name a bounded number of times', () => {
    const rows = 4_000;
    expect(nameChecks(rows)).toBeLessThan(5 * rows);
    // Twice the links, about twice the work (quadratic work would be four times).
    expect(nameChecks(2 * rows)).toBeLessThan(2.5 * nameChecks(rows));
  });
});
