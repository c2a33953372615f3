// The saved real pages live outside the project (../shared/real-pages, as in CI); without them
// the tests that read them fail with a sentence saying what is missing, never a bare ENOENT.

import { describe, expect, it } from 'vitest';
import { REAL_PAGES_DIR, requireRealPages } from '../../fixtures/real-pages';

describe('../shared/real-pages', () => {
  it('is read from beside the project', () => {
    expect(REAL_PAGES_DIR.replaceAll('\\', '/')).toMatch(/\/shared\/real-pages\/$/);
    expect(() => requireRealPages(REAL_PAGES_DIR)).not.toThrow();
  });

  it('when absent, makes the tests fail with a sentence naming the folder', () => {
    expect(() => requireRealPages('/nowhere/shared/real-pages/')).toThrow(
      'The saved real pages are missing: /nowhere/shared/real-pages/ does not exist. Tests of the built-in sources read them from ../shared/real-pages beside the project (CI has it); put that folder there to run them.',
    );
  });
});
