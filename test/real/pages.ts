// The saved pages of real sites in ../shared/real-pages (other people's pages: read in place,
// never copied into the project) and what a correct reader must get from each.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TocEntry } from '../../lib/book-pages';

/** Beside the project, as in CI: `../shared/real-pages` from the project root. */
export const REAL_PAGES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/real-pages');

export interface TocExpectation {
  kind: 'toc' | 'book';
  title: string;
  author: string | null;
  authorAlternatives?: string[];
  chapters: TocEntry[];
  /** Chapters a reader may list or leave out (a volume of author's notes). */
  optional: TocEntry[];
  /** The whole list is on this page. */
  tocComplete: boolean;
  /** The next page of the list, when it continues. */
  next: string | null;
}

export interface ChapterExpectation {
  kind: 'chapter';
  title: string;
  lines: string[];
  /** Lines a reader may keep or leave out (an author's note). */
  optionalLines: string[];
  mustNotContain: string[];
  /** The next page of the same chapter, when it continues. */
  next: string | null;
}

export interface RealPage {
  id: string;
  site: string;
  tier: 'full' | 'trimmed';
  url: string;
  html: string;
  expected: TocExpectation | ChapterExpectation;
}

interface ManifestPage {
  id: string;
  file: string;
  site: string;
  kind: 'toc' | 'book' | 'chapter';
  tier: 'full' | 'trimmed';
  url: string;
  expected: {
    title: string;
    author?: string | null;
    tocComplete?: boolean;
    next?: string | null;
    mustNotContain?: string[];
  };
}

interface ExpectedFile {
  title: string;
  author?: string | null;
  authorAlternatives?: string[];
  chapters?: TocEntry[];
  optional?: TocEntry[];
  lines?: string[];
  optionalLines?: string[];
  mustNotContain?: string[];
  next?: string | null;
}

/** Thrown when the shared folder is not beside the project. */
export class RealPagesMissing extends Error {}

export function realPagesPresent(dir = REAL_PAGES_DIR): boolean {
  return existsSync(join(dir, 'manifest.json'));
}

export function loadRealPages(dir = REAL_PAGES_DIR): RealPage[] {
  if (!realPagesPresent(dir)) {
    throw new RealPagesMissing(
      `The saved real pages are not here: ${dir} has no manifest.json. They live in the shared folder beside the project (../shared/real-pages); put it there and run this again.`,
    );
  }
  const read = (path: string) => readFileSync(join(dir, path), 'utf-8');
  const manifest = JSON.parse(read('manifest.json')) as { pages: ManifestPage[] };
  return manifest.pages.map((page) => {
    const file = JSON.parse(read(join('expected', `${page.id}.json`))) as ExpectedFile;
    const base = { id: page.id, site: page.site, tier: page.tier, url: page.url, html: read(page.file) };
    if (page.kind === 'chapter') {
      return {
        ...base,
        expected: {
          kind: 'chapter',
          title: file.title,
          lines: file.lines ?? [],
          optionalLines: file.optionalLines ?? [],
          mustNotContain: file.mustNotContain ?? page.expected.mustNotContain ?? [],
          next: file.next ?? page.expected.next ?? null,
        },
      };
    }
    return {
      ...base,
      expected: {
        kind: page.kind,
        title: file.title,
        author: file.author ?? null,
        authorAlternatives: file.authorAlternatives,
        chapters: file.chapters ?? [],
        optional: file.optional ?? [],
        tocComplete: page.expected.tocComplete ?? true,
        next: file.next ?? page.expected.next ?? null,
      },
    };
  });
}
