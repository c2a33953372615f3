import type { DBSchema } from 'idb';
import type { TocEntry } from '../book-pages';
import type { ErrorInfo, Settings, SourceRule, Subscription, Task, TaskEvent } from '../contract';
import type { TrackedSource } from '../subscriptions/plan-refresh';

export const DB_NAME = 'novel-downloader';
/** 2: `subscriptions`. */
export const DB_VERSION = 2;

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
  chapters: { key: [string, number]; value: ChapterRecord; indexes: { failedTask: string } };
  sources: { key: string; value: SourceRule };
  sourceStates: { key: string; value: SourceState };
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
  events: { key: number; value: TaskEvent; indexes: { taskId: string } };
  subscriptions: { key: string; value: SubscriptionRecord };
}
