// The wall detector against pages that are not walls: saved pages of real novel sites (read
// from ../shared/real-pages, never copied), our generic-reader and template fixtures, and every
// page kind of the demo site. A marker that fires on any of them would pause real downloads.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectWall, type Answer } from '../../../lib/net/walls';
import { FIXTURE_URLS, genericFixture, type FixtureName } from '../../fixtures/generic';
import { respond } from '../../fixtures/site/pages';
import { decodeHtml } from '../../../lib/net/charset';

const REAL_PAGES = fileURLToPath(new URL('../../../../shared/real-pages/', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../../fixtures/templates/', import.meta.url));

function ordinary(url: string, html: string): Answer {
  return { requestedUrl: url, url, status: 200, header: () => null, html };
}

interface RealPage {
  id: string;
  file: string;
  url: string;
}

describe('pages that are not walls', () => {
  it('saved pages of real novel sites', () => {
    const manifest = JSON.parse(readFileSync(`${REAL_PAGES}manifest.json`, 'utf-8')) as { pages: RealPage[] };
    expect(manifest.pages.length).toBeGreaterThan(10);
    const walls = manifest.pages
      .map((p) => ({ id: p.id, wall: detectWall(ordinary(p.url, readFileSync(REAL_PAGES + p.file, 'utf-8'))) }))
      .filter((p) => p.wall !== null);
    expect(walls).toEqual([]);
  });

  it('the generic reader and template fixtures', () => {
    for (const name of Object.keys(FIXTURE_URLS) as FixtureName[]) {
      const { url, html } = genericFixture(name);
      expect(detectWall(ordinary(url, html)), name).toBeNull();
    }
    for (const dir of readdirSync(TEMPLATES)) {
      for (const file of readdirSync(TEMPLATES + dir)) {
        const html = readFileSync(`${TEMPLATES}${dir}/${file}`, 'utf-8');
        expect(detectWall(ordinary(`https://${dir}.example/${file}`, html)), `${dir}/${file}`).toBeNull();
      }
    }
  });

  it("the demo site's index, book pages and chapters (the free ones of the VIP book too)", () => {
    const paths = ['/', '/book/1/', '/book/2/', '/book/3/', '/book/en/', '/book/gen-50/', '/split/s1/', '/split/s1/3.html'];
    for (let n = 1; n <= 12; n++) paths.push(`/book/1/${n}.html`);
    for (let n = 1; n <= 6; n++) paths.push(`/book/en/${n}.html`);
    for (let n = 1; n <= 7; n++) paths.push(`/book/vip/${n}.html`);
    for (const path of paths) {
      const { status, headers, body } = respond(path);
      expect(status, path).toBe(200);
      const html = decodeHtml(new Uint8Array(body), { contentType: headers['Content-Type'] ?? null });
      expect(detectWall(ordinary(`http://127.0.0.1${path}`, html)), path).toBeNull();
    }
  });
});
