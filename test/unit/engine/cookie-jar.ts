// The browser's cookie jar, as much of it as the demo site's walls need: the worker's fetch and
// the reader's own requests (pressing a challenge's button, posting a sign-in form) share it, as
// the extension's requests and a tab share the browser's cookies. Cookies belong to a host name,
// whatever the port, as in browsers.

export interface CookieJar {
  /** A fetch that sends the jar's cookies for the host and keeps the ones the answer sets. */
  fetch: typeof fetch;
  /** The reader presses the challenge's "Verify you are human" button on `origin`. */
  passChallenge(origin: string): Promise<void>;
  /** The reader posts the sign-in form on `origin`. */
  signIn(origin: string): Promise<void>;
}

export function cookieJar(): CookieJar {
  const jar = new Map<string, Map<string, string>>();

  const withCookies: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const cookies = jar.get(url.hostname);
    if (cookies?.size) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const forHost = jar.get(url.hostname) ?? new Map<string, string>();
      forHost.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      jar.set(url.hostname, forHost);
    }
    return response;
  };

  const post = async (url: string, form: Record<string, string>) => {
    const response = await withCookies(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 303) throw new Error(`${url} answered ${response.status} to the reader's form`);
  };

  return {
    fetch: withCookies,
    passChallenge: (origin) => post(`${origin}/__challenge/verify`, { return: '/' }),
    signIn: (origin) => post(`${origin}/login`, { return: '/', user: 'reader', password: 'demo' }),
  };
}
