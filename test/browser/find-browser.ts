// Finds the browser `npm start`, the screenshots and the browser tests drive: an environment
// variable names it, else the usual commands on PATH, else the usual install paths. When none
// is there the error says how to get one, instead of naming one fixed path.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface BrowserKind {
  /** What the user is told is missing, e.g. "Chromium or Google Chrome". */
  name: string;
  /** Set to an executable, it wins (and must exist). */
  envVar: string;
  /** Looked up on PATH in this order. */
  commands: string[];
  /** Tried in this order after PATH. */
  paths: string[];
  /** Ways to get one, for the error. */
  install: string[];
}

/** What the finder may look at: the environment and whether a file is there and runnable. */
export interface System {
  env: Record<string, string | undefined>;
  isExecutable(path: string): boolean;
}

// Chromium first: Google Chrome's stable builds may ignore --load-extension.
export const CHROMIUM: BrowserKind = {
  name: 'Chromium or Google Chrome',
  envVar: 'CHROMIUM_PATH',
  commands: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'],
  paths: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/opt/google/chrome/chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  install: [
    'on Debian or Ubuntu: `sudo apt-get install -y chromium`',
    'or install Google Chrome',
    'or set CHROMIUM_PATH to a Chromium or Chrome executable',
  ],
};

export const FIREFOX: BrowserKind = {
  name: 'Firefox',
  envVar: 'FIREFOX_PATH',
  commands: ['firefox-esr', 'firefox'],
  paths: [
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/lib/firefox/firefox',
    '/snap/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
  install: [
    'on Debian or Ubuntu: `sudo apt-get install -y firefox-esr`',
    'or set FIREFOX_PATH to a Firefox executable',
  ],
};

export const realSystem: System = {
  env: process.env,
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
};

/** The executable to launch for `kind`; throws a sentence naming where it looked and what to do. */
export function findBrowser(kind: BrowserKind, system: System = realSystem): string {
  const chosen = system.env[kind.envVar];
  if (chosen) {
    if (system.isExecutable(chosen)) return chosen;
    throw new Error(
      `${kind.envVar} is ${chosen}, which is not an executable file. Point it at ${kind.name}, or unset it to search the usual places.`,
    );
  }
  const dirs = (system.env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [...kind.commands.flatMap((command) => dirs.map((dir) => join(dir, command))), ...kind.paths];
  const found = candidates.find((path) => system.isExecutable(path));
  if (found) return found;
  throw new Error(
    `No ${kind.name} found: looked for ${kind.commands.join(', ')} on PATH and at ${kind.paths.join(', ')}. ` +
      `To get one: ${kind.install.join('; ')}.`,
  );
}
