import { describe, expect, it } from 'vitest';
import { CHROMIUM, FIREFOX, findBrowser, type System } from '../../browser/find-browser';

/** A machine with exactly these executables and this environment. */
const machine = (executables: string[], env: Record<string, string | undefined> = {}): System => ({
  env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
  isExecutable: (path) => executables.includes(path),
});

describe('findBrowser', () => {
  it('takes Debian’s chromium from PATH', () => {
    expect(findBrowser(CHROMIUM, machine(['/usr/bin/chromium', '/usr/bin/google-chrome']))).toBe('/usr/bin/chromium');
  });

  it('finds Ubuntu’s chromium-browser and Google Chrome by their command names', () => {
    expect(findBrowser(CHROMIUM, machine(['/usr/bin/chromium-browser']))).toBe('/usr/bin/chromium-browser');
    expect(findBrowser(CHROMIUM, machine(['/usr/local/bin/google-chrome-stable']))).toBe(
      '/usr/local/bin/google-chrome-stable',
    );
    expect(findBrowser(CHROMIUM, machine(['/home/me/bin/chrome'], { PATH: '/home/me/bin:/usr/bin' }))).toBe(
      '/home/me/bin/chrome',
    );
  });

  it('looks in the usual install folders when PATH has none', () => {
    expect(findBrowser(CHROMIUM, machine(['/opt/google/chrome/chrome'], { PATH: '' }))).toBe(
      '/opt/google/chrome/chrome',
    );
    expect(findBrowser(FIREFOX, machine(['/usr/lib/firefox-esr/firefox-esr'], { PATH: undefined }))).toBe(
      '/usr/lib/firefox-esr/firefox-esr',
    );
  });

  it('lets CHROMIUM_PATH choose, and says so when it points at nothing', () => {
    expect(findBrowser(CHROMIUM, machine(['/usr/bin/chromium', '/x/chrome'], { CHROMIUM_PATH: '/x/chrome' }))).toBe(
      '/x/chrome',
    );
    expect(() => findBrowser(CHROMIUM, machine(['/usr/bin/chromium'], { CHROMIUM_PATH: '/x/nothing' }))).toThrow(
      'CHROMIUM_PATH is /x/nothing, which is not an executable file',
    );
  });

  it('says where it looked and how to install one when there is none', () => {
    const search = () => findBrowser(CHROMIUM, machine([]));
    expect(search).toThrow(
      /^No Chromium or Google Chrome found: looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome on PATH/,
    );
    expect(search).toThrow('sudo apt-get install -y chromium');
    expect(search).toThrow('or set CHROMIUM_PATH');
    expect(() => findBrowser(FIREFOX, machine([]))).toThrow('sudo apt-get install -y firefox-esr');
  });
});
