import { describe, expect, it } from 'vitest';
import type { RawPage } from '../../../lib/net/fetch-page';
import { ProbedPages } from '../../../lib/net/probed-pages';

const page = (url: string): RawPage => ({
  url,
  status: 200,
  contentType: 'text/html',
  bytes: new Uint8Array([1]),
  html: 'x',
  attempts: 1,
});

describe('probed pages', () => {
  it("hands a probe's page to the first load of that address, once, and only while it is recent", () => {
    let now = 0;
    const probed = new ProbedPages(() => now);
    probed.keep('http://a/1', page('http://a/1'));
    expect(probed.take('http://a/2')).toBeUndefined();
    expect(probed.take('http://a/1')?.url).toBe('http://a/1');
    expect(probed.take('http://a/1')).toBeUndefined();
    probed.keep('http://a/3', page('http://a/3'));
    now = 2 * 60_000 + 1;
    expect(probed.take('http://a/3')).toBeUndefined();
  });

  it('keeps a bounded number of pages, dropping the oldest', () => {
    const probed = new ProbedPages(() => 0);
    for (let i = 0; i < 40; i++) probed.keep(`http://a/${i}`, page(`http://a/${i}`));
    expect(probed.take('http://a/0')).toBeUndefined();
    expect(probed.take('http://a/39')).toBeDefined();
  });
});
