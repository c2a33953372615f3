// What the library (a popup tab and an options section) shows for each book, as plain
// functions of the worker's LibraryBook: the lines of a row, which buttons it offers, what the
// stored chapters take, the one book to ask about following, and the live port messages applied.
import type { LibraryBook, LibraryPortMessage, Settings } from '../contract';
import { relativeTime } from './options/heartbeat';
import { strings } from './strings';

export interface LibraryRow {
  title: string;
  /** "A. Writer · www.example.com" */
  byline: string;
  chapters: string;
  checked: string;
  /** What the last check found, or why it failed; empty before the first (`checked` says so). */
  news: string;
  newsKind: 'new' | 'none' | 'failed' | 'unchecked';
  /** Chapters the site no longer lists, kept in the book; null when none. */
  removed: string | null;
  file: string;
  storage: string;
  /** Said whenever the book's chapters are no longer stored: updates make part files only. */
  freed: string | null;
  /** Under the follow switch: how often a followed book is checked, or that checks are off. */
  followHelp: string;
  canCheck: boolean;
  canUpdate: boolean;
  canFree: boolean;
  busy: LibraryBook['busy'] | null;
}

export function libraryRow(book: LibraryBook, now: number, settings: Pick<Settings, 'checkUpdatesHours'>): LibraryRow {
  const s = strings.library;
  const check = book.lastCheck;
  const newsKind: LibraryRow['newsKind'] =
    book.newChapters > 0 ? 'new' : check?.error ? 'failed' : check ? 'none' : 'unchecked';
  const news = {
    new: s.newChapters(book.newChapters),
    none: s.noNewChapters,
    failed: s.checkFailed(check?.error?.message ?? ''),
    unchecked: '',
  }[newsKind];
  return {
    title: book.title,
    byline: [book.author, book.site].filter(Boolean).join(' · '),
    chapters: strings.chapterCount(book.chapters),
    checked: check ? s.checked(relativeTime(check.at, now)) : s.neverChecked,
    news,
    newsKind,
    removed: check && check.removed > 0 && !check.error ? s.removedKept(check.removed) : null,
    file: book.file ? s.file(book.file.fileName) : s.noFile,
    storage: s.stored(formatBytes(book.storedBytes)),
    freed: book.chaptersStored ? null : s.freed,
    followHelp: settings.checkUpdatesHours > 0 ? s.followHelp(settings.checkUpdatesHours) : s.followOff,
    canCheck: !book.busy,
    canUpdate: !book.busy && book.newChapters > 0,
    canFree: !book.busy && book.chaptersStored && book.storedBytes > 0,
    busy: book.busy ?? null,
  };
}

/** "820 B", "12.4 KB", "3.1 MB", "1.02 GB", in the UI's language. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return new Intl.NumberFormat(strings.htmlLang, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

/** Books with new chapters first, then the most recently checked, then by title. */
export function sortLibrary(books: readonly LibraryBook[]): LibraryBook[] {
  return [...books].sort(
    (a, b) =>
      Number(b.newChapters > 0) - Number(a.newChapters > 0) ||
      (b.lastCheck?.at ?? 0) - (a.lastCheck?.at ?? 0) ||
      a.title.localeCompare(b.title),
  );
}

/** The one book to ask "follow it?" about: the newest completed book never asked (asked once). */
export function bookToAskAbout(books: readonly LibraryBook[]): LibraryBook | undefined {
  return books.find((book) => !book.followAsked && !book.followed);
}

/** A live message from the port applied to the list (the total is the list's to recount). */
export function applyLibraryMessage(books: readonly LibraryBook[], message: LibraryPortMessage): LibraryBook[] {
  if (message.type !== 'library.updated') return books as LibraryBook[];
  const at = books.findIndex((book) => book.id === message.book.id);
  if (at < 0) return [message.book, ...books];
  const next = [...books];
  next[at] = message.book;
  return next;
}

/** Narrows whatever arrives on the port to the library's messages. */
export function isLibraryPortMessage(value: unknown): value is LibraryPortMessage {
  if (!value || typeof value !== 'object') return false;
  const message = value as { type?: unknown; book?: { id?: unknown }; bookId?: unknown; chapters?: unknown };
  if (message.type === 'library.updated')
    return !!message.book && typeof message.book === 'object' && typeof message.book.id === 'string';
  if (message.type === 'chapters.found')
    return typeof message.bookId === 'string' && typeof message.chapters === 'number';
  return false;
}

/** What all the books' stored chapters take, as the library's footer says it. */
export function storedTotal(bytes: number): string {
  return strings.library.storedTotal(formatBytes(bytes));
}
