// lib/ is the engine: it runs in Node under the unit tests, so it must not reach for the
// extension API. WXT declares `browser` as a global, so the type check alone would not catch it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const LIB = join(ROOT, 'lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The code without its comments, which may name the API to say where a value comes from. */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');

const EXTENSION_API = /\b(?:chrome|browser)\s*\??\.\s*[a-zA-Z_]|from\s+['"](?:wxt\/browser|webextension-polyfill)['"]/;

describe('the engine boundary', () => {
  it('finds the engine sources', () => {
    expect(sourceFiles(LIB).length).toBeGreaterThan(20);
  });

  it('keeps lib/ free of chrome.* and browser.*', () => {
    const offenders = sourceFiles(LIB)
      .map((path) => ({
        path: relative(ROOT, path),
        line: withoutComments(readFileSync(path, 'utf8'))
          .split('\n')
          .find((l) => EXTENSION_API.test(l)),
      }))
      .filter((found) => found.line !== undefined);
    expect(offenders).toEqual([]);
  });
});
