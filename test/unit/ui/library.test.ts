import { describe, expect, it } from 'vitest';
import './english';
import type { LibraryBook } from '../../../lib/contract';
import {
  applyLibraryMessage,
  bookToAskAbout,
  formatBytes,
  isLibraryPortMessage,
  libraryRow,
  sortLibrary,
  storedTotal,
} from '../../../lib/ui/library';

const NOW = 10_000_000;
function makeBook(overrides: Partial<LibraryBook> = {}): LibraryBook {
  return {
    id: 'b1',
    url: 'https://www.example.com/book/1/',
    sourceId: 'demo',
    site: 'www.example.com',
    title: 'The Book',
    author: 'A. Writer',
    format: 'epub',
    chapters: 20,
    followed: true,
    followAsked: true,
    newChapters: 0,
    storedBytes: 1_536_000,
    chaptersStored: true,
    ...overrides,
  };
}
const hours = { checkUpdatesHours: 6 };

describe('libraryRow', () => {
  it('says what a book holds, when it was checked, and offers an update only when chapters wait', () => {
    const row = libraryRow(
      makeBook({
        newChapters: 2,
        lastCheck: { at: NOW - 3 * 3_600_000, found: 2, removed: 0 },
        file: { fileName: 'The Book - A. Writer.epub', at: 1, chapters: { from: 1, to: 20 } },
      }),
      NOW,
      hours,
    );
    expect(row).toMatchObject({
      title: 'The Book',
      byline: 'A. Writer · www.example.com',
      chapters: '20 chapters',
      checked: 'Checked 3 h ago',
      news: '2 new chapters',
      newsKind: 'new',
      removed: null,
      file: 'Last file: The Book - A. Writer.epub',
      storage: 'Stored chapters: 1.46 MB',
      freed: null,
      followHelp: 'Checked for new chapters every 6 h.',
      canCheck: true,
      canUpdate: true,
      canFree: true,
    });
    expect(libraryRow(makeBook({ lastCheck: { at: NOW, found: 0, removed: 0 } }), NOW, hours)).toMatchObject({
      news: 'No new chapters',
      newsKind: 'none',
      canUpdate: false,
    });
    expect(libraryRow(makeBook(), NOW, hours)).toMatchObject({
      checked: 'Not checked yet',
      // Said once, not again as the news.
      news: '',
      newsKind: 'unchecked',
      file: 'No file made yet',
    });
  });

  it('shows why the last check failed, and the chapters the site removed but the book keeps', () => {
    const failed = libraryRow(
      makeBook({
        lastCheck: { at: NOW, found: 0, removed: 0, error: { code: 'http_status', message: 'The site answered 404.' } },
      }),
      NOW,
      hours,
    );
    expect(failed).toMatchObject({ newsKind: 'failed', news: 'The last check failed: The site answered 404.' });
    expect(libraryRow(makeBook({ lastCheck: { at: NOW, found: 1, removed: 2 } }), NOW, hours).removed).toBe(
      '2 chapters the site no longer lists are kept in the book',
    );
  });

  it('says a freed book updates as part files only, and offers nothing to free', () => {
    const row = libraryRow(makeBook({ chaptersStored: false, storedBytes: 0 }), NOW, hours);
    expect(row.freed).toBe('Its chapters are no longer stored: updates make part files of the new chapters only.');
    expect(row.canFree).toBe(false);
  });

  it('offers no button while a check or update runs, and says when automatic checks are off', () => {
    expect(libraryRow(makeBook({ busy: 'updating', newChapters: 3 }), NOW, hours)).toMatchObject({
      canCheck: false,
      canUpdate: false,
      canFree: false,
      busy: 'updating',
    });
    expect(libraryRow(makeBook(), NOW, { checkUpdatesHours: 0 }).followHelp).toBe(
      'Automatic checks are off in Settings; use Check now.',
    );
  });
});

describe('sizes', () => {
  it('uses the largest unit under 1,024', () => {
    expect(formatBytes(820)).toBe('820 byte');
    expect(formatBytes(12_700)).toBe('12.4 kB');
    expect(formatBytes(3.1 * 1_048_576)).toBe('3.1 MB');
    expect(storedTotal(2 * 1_073_741_824)).toBe(
      'The chapters stored for all downloads (unfinished ones included) take 2 GB.',
    );
  });
});

describe('the list', () => {
  it('puts books with new chapters first, then the latest checked', () => {
    const books = [
      makeBook({ id: 'a', title: 'A', lastCheck: { at: 5, found: 0, removed: 0 } }),
      makeBook({ id: 'b', title: 'B', newChapters: 1 }),
      makeBook({ id: 'c', title: 'C', lastCheck: { at: 9, found: 0, removed: 0 } }),
    ];
    expect(sortLibrary(books).map((b) => b.id)).toEqual(['b', 'c', 'a']);
  });

  it('asks about following only a book never asked and not followed', () => {
    expect(
      bookToAskAbout([makeBook({ id: 'x' }), makeBook({ id: 'y', followed: false, followAsked: false })])?.id,
    ).toBe('y');
    expect(bookToAskAbout([makeBook({ followed: false, followAsked: true })])).toBeUndefined();
  });

  it('applies live updates, adding a book it did not have', () => {
    const list = [makeBook({ id: 'a' })];
    expect(
      applyLibraryMessage(list, { type: 'library.updated', book: makeBook({ id: 'a', newChapters: 4 }) })[0]!
        .newChapters,
    ).toBe(4);
    expect(
      applyLibraryMessage(list, { type: 'library.updated', book: makeBook({ id: 'n' }) }).map((b) => b.id),
    ).toEqual(['n', 'a']);
    expect(applyLibraryMessage(list, { type: 'chapters.found', bookId: 'a', title: 'The Book', chapters: 2 })).toBe(
      list,
    );
  });

  it('takes only the library messages from the port', () => {
    expect(isLibraryPortMessage({ type: 'library.updated', book: makeBook() })).toBe(true);
    expect(isLibraryPortMessage({ type: 'chapters.found', bookId: 'a', title: 'T', chapters: 2 })).toBe(true);
    expect(isLibraryPortMessage({ type: 'library.updated' })).toBe(false);
    expect(isLibraryPortMessage({ type: 'task.updated', task: {} })).toBe(false);
    expect(isLibraryPortMessage(null)).toBe(false);
  });
});
