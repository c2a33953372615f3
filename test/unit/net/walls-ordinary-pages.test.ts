// The wall detector against pages that are not walls: saved pages of real novel sites (read
// from ../shared/real-pages, never copied), our generic-reader fixtures, and every page kind of
// the demo site. A marker that fires on any of them would pause real downloads.

import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../lib/net/charset';
import { detectWall, type Answer } from '../../../lib/net/walls';
import { FIXTURE_URLS, genericFixture, type FixtureName } from '../../fixtures/generic';
import { realPageHtml, realPages } from '../../fixtures/real-pages';
import { respond } from '../../fixtures/site/pages';

function ordinary(url: string, html: string): Answer {
  return { requestedUrl: url, url, status: 200, header: () => null, html };
}

describe('pages that are not walls', () => {
  it('saved pages of real novel sites', () => {
    const pages = realPages();
    expect(pages.length).toBeGreaterThan(10);
    const walls = pages
      .map((p) => ({ id: p.id, wall: detectWall(ordinary(p.url, realPageHtml(p))) }))
      .filter((p) => p.wall !== null);
    expect(walls).toEqual([]);
  });

  it('the generic reader fixtures', () => {
    for (const name of Object.keys(FIXTURE_URLS) as FixtureName[]) {
      const { url, html } = genericFixture(name);
      expect(detectWall(ordinary(url, html)), name).toBeNull();
    }
  });

  it("the demo site's index, book pages and chapters (the free ones of the VIP book too)", () => {
    const paths = [
      '/',
      '/book/1/',
      '/book/2/',
      '/book/3/',
      '/book/en/',
      '/book/gen-50/',
      '/split/s1/',
      '/split/s1/3.html',
    ];
    for (let n = 1; n <= 12; n++) paths.push(`/book/1/${n}.html`);
    for (let n = 1; n <= 6; n++) paths.push(`/book/en/${n}.html`);
    for (let n = 1; n <= 7; n++) paths.push(`/book/vip/${n}.html`);
    paths.push('/odd/mist/', '/odd/mist/112.html', '/odd/latest/', '/odd/latest/list/', '/odd/latest/1.html');
    for (const path of paths) {
      const { status, headers, body } = respond(path);
      expect(status, path).toBe(200);
      const html = decodeHtml(new Uint8Array(body), { contentType: headers['Content-Type'] ?? null });
      expect(detectWall(ordinary(`http://127.0.0.1${path}`, html)), path).toBeNull();
    }
  });
});
