import type { DBSchema } from 'idb';
import type { TocEntry } from '../book-pages';
import type { BookCheck, BookFile, ErrorInfo, Settings, SourceRule, Subscription, Task, TaskEvent } from '../contract';
import type { TrackedSource } from '../subscriptions/plan-refresh';

export const DB_NAME = 'novel-downloader';
/**
 * 2: `subscriptions`. 3: the `lockedTask` index of `chapters`. 4: `usage` (what each book's stored
 * chapters take), `held` (chapters read from an EPUB) and `library`.
 */
export const DB_VERSION = 4;

/** What the book page and table of contents gave; read once per task, then reused on resume. */
export interface BookRecord {
  taskId: string;
  title: string;
  author: string;
  intro?: string;
  cover?: string;
  /** BCP 47 tag when the source states it; the EPUB builder detects zh or en from the text otherwise. */
  language?: string;
  /** Chapters to download, already cut to the task's range, in reading order. */
  chapters: TocEntry[];
  /** The cover image as fetched (EPUB books only); its type is sniffed from the bytes. */
  coverImage?: Uint8Array;
  /**
   * Set when the reader freed the book's stored chapters: the chapters before this index are in
   * the files already made and are never fetched again; updates make part files of the rest.
   */
  freedBefore?: number;
}

/** What a book's stored chapters take, kept up to date as chapters are stored and dropped. */
export interface UsageRecord {
  taskId: string;
  /** An estimate of the stored text: one byte a character for Latin-1 strings, two otherwise. */
  bytes: number;
  chapters: number;
}

/** A completed book's place in the library: whether it is followed, its checks and its files. */
export interface LibraryRecord {
  taskId: string;
  followed: boolean;
  /** The reader was asked once whether to follow it. */
  followAsked: boolean;
  lastCheck?: BookCheck;
  /** Chapters a check added to the book that no update has fetched yet. */
  waiting: number;
  file?: BookFile;
}

/** A chapter read from an EPUB the reader opened, waiting for the task that continues the book. */
export interface HeldRecord {
  importId: string;
  /** 0-based, in the file's reading order. */
  position: number;
  title: string;
  url?: string;
  text: string;
  /** When it was staged: staged chapters no task took are dropped after a day. */
  at: number;
}

/** One chapter as stored the moment it arrived (or was given up on). */
export interface ChapterRecord {
  taskId: string;
  index: number;
  title: string;
  url: string;
  text?: string;
  error?: ErrorInfo;
  /** Set (to the task id) only on chapters given up on, so an index finds just those. */
  failedTask?: string;
  /** Set (to the task id) only on chapters the site keeps locked (paid, VIP); `error` says why. */
  lockedTask?: string;
}

/** What the watchdog leaves behind for diagnostics: when it last ran, how many tasks it recovered. */
export interface WatchdogRecord {
  watchdogAt: number | null;
  recoveredTotal: number;
}

export interface SourceState {
  id: string;
  enabled: boolean;
}

/** A subscribed rule list as stored: the contract's `Subscription` is made from it and the stored rules. */
export type SubscriptionRecord = Omit<Subscription, 'sources'> & {
  /** What it remembers of each of its sources between refreshes, in list order. */
  tracked: TrackedSource[];
};

export interface Meta {
  settings: Settings;
  health: WatchdogRecord;
}

export interface NovelDb extends DBSchema {
  tasks: { key: string; value: Task; indexes: { status: string } };
  books: { key: string; value: BookRecord };
  chapters: { key: [string, number]; value: ChapterRecord; indexes: { failedTask: string; lockedTask: string } };
  sources: { key: string; value: SourceRule };
  sourceStates: { key: string; value: SourceState };
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
  events: { key: number; value: TaskEvent; indexes: { taskId: string } };
  subscriptions: { key: string; value: SubscriptionRecord };
  usage: { key: string; value: UsageRecord };
  held: { key: [string, number]; value: HeldRecord; indexes: { at: number } };
  library: { key: string; value: LibraryRecord };
}
