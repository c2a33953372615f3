import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectWall } from '../../../lib/net/walls';
import {
  CHALLENGE_VERIFY_PATH,
  CLEARANCE_COOKIE,
  LOCKED_NOTICE,
  SESSION_COOKIE,
  bookInfo,
  chapterParagraphs,
  isLockedChapter,
  readCookie,
  startDemoSite,
  type DemoSite,
} from '../../fixtures/site';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterEach(() => {
  site.wall('challenge').reset();
  site.wall('signIn').reset();
  site.resetLog();
});
afterAll(async () => {
  await site.close();
});

interface Got {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}

async function get(
  url: string,
  init: { cookie?: string; form?: Record<string, string>; follow?: boolean } = {},
): Promise<Got> {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.Cookie = init.cookie;
  const res = await fetch(url, {
    method: init.form ? 'POST' : 'GET',
    headers,
    body: init.form ? new URLSearchParams(init.form) : undefined,
    redirect: init.follow ? 'follow' : 'manual',
  });
  return { status: res.status, url: res.url, html: await res.text(), headers: res.headers };
}

function wallOf(asked: string, got: Got) {
  return detectWall({
    requestedUrl: asked,
    url: got.url,
    status: got.status,
    header: (name) => got.headers.get(name),
    html: got.html,
  });
}

/** `name=value` of the cookie an answer sets. */
function cookieFrom(got: Got, name: string): string {
  const value = readCookie(got.headers.get('set-cookie')?.split(';')[0], name);
  expect(value, `Set-Cookie ${name}`).toBeTruthy();
  return `${name}=${value}`;
}

describe('the demo site behind walls', () => {
  it('serves the wall hosts on other loopback addresses, on the same port', () => {
    expect(site.wallOrigins.challenge).toBe(`http://127.0.0.2:${site.port}`);
    expect(site.wallOrigins.signIn).toBe(`http://127.0.0.3:${site.port}`);
  });

  it('the challenge host answers every request with a 403 interstitial the detector knows', async () => {
    for (const path of ['/', '/book/1/', '/book/1/3.html', '/cover/1.png']) {
      const url = site.wallOrigins.challenge + path;
      const got = await get(url);
      expect(got.status, path).toBe(403);
      expect(got.headers.get('cf-mitigated')).toBe('challenge');
      expect(got.html).toContain('<title>Just a moment...</title>');
      expect(got.html).toContain('id="challenge-verify"');
      expect(wallOf(url, got)).toMatchObject({ kind: 'challenge', by: 'Cloudflare' });
    }
    expect(site.requests().every((r) => r.host === '127.0.0.2' && r.walled)).toBe(true);
  });

  it('pressing its button sets a clearance cookie that lets every later request through', async () => {
    const origin = site.wallOrigins.challenge;
    const pressed = await get(origin + CHALLENGE_VERIFY_PATH, { form: { return: '/book/1/' } });
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get('location')).toBe('/book/1/');
    expect(pressed.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const cookie = cookieFrom(pressed, CLEARANCE_COOKIE);
    expect(site.wall('challenge').grantCount()).toBe(1);

    const book = await get(`${origin}/book/1/`, { cookie });
    expect(book.status).toBe(200);
    expect(book.html).toContain(bookInfo('1').title);
    expect(wallOf(`${origin}/book/1/`, book)).toBeNull();
    expect((await get(`${origin}/book/1/3.html`, { cookie })).html).toContain(chapterParagraphs('1', 3)[0]!);

    // A cookie it did not hand out, and its own cookie once the wall is reset, do not pass.
    expect((await get(`${origin}/book/1/`, { cookie: `${CLEARANCE_COOKIE}=forged` })).status).toBe(403);
    site.wall('challenge').reset();
    expect((await get(`${origin}/book/1/`, { cookie })).status).toBe(403);
  });

  it('sends the reader back only to a path on the same host', async () => {
    const pressed = await get(site.wallOrigins.challenge + CHALLENGE_VERIFY_PATH, {
      form: { return: '//evil.example/' },
    });
    expect(pressed.headers.get('location')).toBe('/');
  });

  it('can let the first requests through and put the wall up later (mid-download)', async () => {
    site.wall('challenge').letThrough(2);
    const statuses = [];
    for (let n = 1; n <= 4; n++) statuses.push((await get(`${site.wallOrigins.challenge}/book/1/${n}.html`)).status);
    expect(statuses).toEqual([200, 200, 403, 403]);
    expect(site.requests().map((r) => Boolean(r.walled))).toEqual([false, false, true, true]);
  });

  it('the sign-in host serves book pages but sends chapter requests to /login', async () => {
    const origin = site.wallOrigins.signIn;
    expect((await get(`${origin}/book/1/`)).status).toBe(200);
    const chapter = await get(`${origin}/book/1/3.html`);
    expect(chapter.status).toBe(302);
    expect(chapter.headers.get('location')).toBe('/login?return=%2Fbook%2F1%2F3.html');

    const followed = await get(`${origin}/book/1/3.html`, { follow: true });
    expect(followed.url).toBe(`${origin}/login?return=%2Fbook%2F1%2F3.html`);
    expect(wallOf(`${origin}/book/1/3.html`, followed)).toMatchObject({ kind: 'login', marker: 'login-redirect' });
    // Opened directly (as the reader does in a tab), the page itself reads as a sign-in form.
    expect(wallOf(followed.url, followed)).toMatchObject({ kind: 'login', marker: 'login-form' });

    const signedIn = await get(`${origin}/login`, {
      form: { return: '/book/1/3.html', user: 'reader', password: 'demo' },
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/book/1/3.html');
    const cookie = cookieFrom(signedIn, SESSION_COOKIE);
    const read = await get(`${origin}/book/1/3.html`, { cookie });
    expect(read.status).toBe(200);
    expect(read.html).toContain(chapterParagraphs('1', 3)[0]!);
    expect(site.wall('signIn').grantCount()).toBe(1);
  });

  it('the main host has no walls', async () => {
    expect((await get(`${site.origin}/book/1/3.html`)).status).toBe(200);
    expect((await get(`${site.origin}${CHALLENGE_VERIFY_PATH}`, { form: { return: '/' } })).status).toBe(405);
    expect(site.requests().map((r) => r.host)).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('book "vip" locks its last chapters: a preview, then the notice the detector knows', async () => {
    const book = bookInfo('vip');
    expect(book.chapterCount).toBe(10);
    for (let n = 1; n <= book.chapterCount; n++) {
      const url = `${site.origin}/book/vip/${n}.html`;
      const got = await get(url);
      expect(got.status).toBe(200);
      expect(got.html.includes(LOCKED_NOTICE), `chapter ${n}`).toBe(isLockedChapter('vip', n));
      expect(wallOf(url, got)?.kind, `chapter ${n}`).toBe(n >= 8 ? 'locked' : undefined);
    }
    expect(isLockedChapter('1', 12)).toBe(false);
  });
});
