import { afterAll, beforeAll } from 'vitest';
import { startDemoSite, type DemoSite } from '../fixtures/site';
import { launchExtension, type Ext } from './harness';

/** Stands for an object that beforeAll has yet to make; tests use it only once it exists. */
function later<T extends object>(get: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const current = get();
      if (!current) throw new Error(`${what} is used before beforeAll made it.`);
      const value = Reflect.get(current, key) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** The demo site and Chromium with the extension, for one test file: started once, closed after. */
export function useSiteAndExtension(): { site: DemoSite; ext: Ext } {
  let site: DemoSite | undefined;
  let ext: Ext | undefined;
  beforeAll(async () => {
    site = await startDemoSite();
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await site?.close();
  });
  return { site: later(() => site, 'The demo site'), ext: later(() => ext, 'The browser') };
}
