// The one typed definition of the outside contract (../shared/contract.md §1–§3).
// The worker, the popup, the options page and the tests all import it.

export const ERROR_CODES = [
  'invalid_url',
  'invalid_format',
  'unknown_source',
  'source_disabled',
  'no_source',
  'invalid_source',
  'invalid_settings',
  'invalid_range',
  'invalid_message',
  'unknown_task',
  'network',
  'http_status',
  'timeout',
  'parse',
  'cancelled',
  'interrupted',
  'storage',
  'permission',
  /** The sender may not send that message (a web page's script asking for a privileged one). */
  'forbidden',
  /** A page (or a book) over a size limit. */
  'too_large',
  /** The browser did not save the file. */
  'file',
  /** A link or redirect leaves the book's site (and the source's matches). */
  'off_site',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export const FORMATS = ['epub', 'txt'] as const;
export type BookFormat = (typeof FORMATS)[number];

export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export const FINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

export interface ChapterRange {
  from?: number;
  to?: number;
}

export interface Task {
  id: string;
  url: string;
  sourceId: string;
  format: BookFormat;
  status: TaskStatus;
  title?: string;
  author?: string;
  totalChapters: number;
  completedChapters: number;
  failedChapters: number;
  progress: number;
  error?: ErrorInfo;
  fileName?: string;
  downloadId?: number;
  createdAt: number;
  startedAt?: number;
  heartbeatAt?: number;
  finishedAt?: number;
  // Beyond the contract: what diagnostics and recovery need.
  range?: ChapterRange;
  /** How many times a runner picked this task up again after its worker was lost. */
  resumes: number;
  /** Resumes since the last chapter was stored; too many in a row ends the task `interrupted`. */
  resumesWithoutProgress: number;
  /** HTTP tries made for this task, and how many of them failed and were tried again. */
  attempts?: number;
  retries?: number;
  /** The chapters given up on, with why (the first 100), once the task has ended. */
  failures?: ChapterFailure[];
  /** What a limit cut from the book (pages of the contents or of a chapter not read). */
  warnings?: TaskWarning[];
}

/** Limits that cut something from a book; the task says so (contract addition). */
export const WARNING_CODES = ['toc_pages_cut', 'chapter_pages_cut'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** One kind of cut on a task: the first time it happened, in a sentence, and how often. */
export interface TaskWarning {
  code: WarningCode;
  message: string;
  count: number;
}

export interface ChapterFailure {
  /** 1-based, in table-of-contents order of the task's chapters. */
  chapter: number;
  title: string;
  url: string;
  error: ErrorInfo;
}

/** One line of a task's diagnostic log, kept in IndexedDB (bounded per task). */
export interface TaskEvent {
  taskId: string;
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  code?: ErrorCode;
}

export interface Settings {
  defaultFormat: BookFormat;
  concurrency: number;
  delayMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  watchdogPeriodSeconds: number;
  maxTaskMinutes: number;
  /** Tasks downloading at once; the rest wait `queued`. */
  maxRunningTasks: number;
  /** A book with more chapters missing than this share ends `failed` instead of `completed`. */
  maxFailedChapterPercent: number;
  /** A system notification when a download finishes or fails. */
  notifications: boolean;
  /** A page larger than this (MB, after decompression) is not read: it fails `too_large`. */
  maxPageMB: number;
}

/** A selector string: `css[@what][##regex##replacement]` (contract §2). */
export type Selector = string;

export interface SourceRule {
  id: string;
  name: string;
  enabled: boolean;
  matches: string[];
  charset?: string;
  book: {
    title: Selector;
    author?: Selector;
    cover?: Selector;
    intro?: Selector;
    tocUrl?: Selector;
  };
  toc: {
    chapters: Selector;
    pages?: Selector;
    next?: Selector;
    order?: 'asc' | 'desc';
  };
  chapter: {
    title?: Selector;
    content: Selector;
    next?: Selector;
    purify?: string[];
  };
  crawl?: { concurrency?: number; delayMs?: number };
}

/** A rule as users write it: `enabled` may be left out (it defaults to true). */
export type SourceRuleInput = Omit<SourceRule, 'enabled'> & { enabled?: boolean };

export interface SourceInfo extends SourceRule {
  builtIn: boolean;
}

/** What `source.test` read: enough to see at a glance whether a rule fits a site. */
export interface SourceTestReport {
  /** The source that read the page (the `rule`'s id when one was given). */
  sourceId: string;
  book: { title: string; author: string; cover?: string; intro?: string };
  /** Chapters in the whole table of contents (every page of it). */
  chapters: number;
  /** The first five, in reading order. */
  firstChapters: Array<{ title: string; url: string }>;
  /** The first chapter (all its pages), its text cut to 2,000 characters. */
  firstChapter: { title: string; url: string; text: string; length: number };
  /** What a limit cut while reading them. */
  warnings?: TaskWarning[];
}

export interface Health {
  running: number;
  queued: number;
  watchdogAt: number | null;
  recoveredTotal: number;
  liveRunners: number;
  tasks: number;
}

/** Every message the background worker answers (contract §1). */
export type Request =
  | { type: 'task.start'; url: string; sourceId?: string; format?: BookFormat; range?: ChapterRange }
  | { type: 'task.get'; taskId: string }
  | { type: 'task.list' }
  | { type: 'task.cancel'; taskId: string }
  | { type: 'task.retry'; taskId: string }
  | { type: 'task.remove'; taskId: string }
  | { type: 'tasks.recover' }
  | { type: 'source.list' }
  | { type: 'source.import'; sources: SourceRuleInput | SourceRuleInput[] }
  | { type: 'source.setEnabled'; sourceId: string; enabled: boolean }
  /** Deletes an imported source; built-in ones can only be disabled. */
  | { type: 'source.remove'; sourceId: string }
  /** Reads a book page, its whole table of contents and the first chapter with a source (or an unsaved `rule`), storing nothing. */
  | { type: 'source.test'; url: string; sourceId?: string; rule?: SourceRule }
  | { type: 'settings.get' }
  | { type: 'settings.set'; patch: Partial<Settings> }
  | { type: 'health' }
  | { type: 'task.log'; taskId: string; limit?: number }
  | { type: 'diagnostics' }
  /** From the content script: the page it runs in (`html` only when it may be a book; see PageDetected). */
  | PageDetected
  /** From the popup: what was detected in a tab. */
  | { type: 'page.get'; tabId: number };

export type RequestType = Request['type'];

/** Every message type, at run time (each is listed once; the check below keeps the list whole). */
export const REQUEST_TYPES = [
  'task.start', 'task.get', 'task.list', 'task.cancel', 'task.retry', 'task.remove', 'tasks.recover',
  'source.list', 'source.import', 'source.setEnabled', 'source.remove', 'source.test',
  'settings.get', 'settings.set', 'health', 'task.log', 'diagnostics', 'page.detected', 'page.get',
] as const satisfies readonly RequestType[];
const _everyRequestType: Exclude<RequestType, (typeof REQUEST_TYPES)[number]> extends never ? true : never = true;
void _everyRequestType;

interface Payloads {
  'task.start': { task: Task };
  'task.get': { task: Task };
  'task.list': { tasks: Task[] };
  'task.cancel': { task: Task };
  'task.retry': { task: Task };
  'task.remove': Record<string, never>;
  'tasks.recover': { recovered: number };
  'source.list': { sources: SourceInfo[] };
  'source.import': { imported: string[] };
  'source.setEnabled': { source: SourceInfo };
  'source.remove': Record<string, never>;
  'source.test': SourceTestReport;
  'settings.get': { settings: Settings };
  'settings.set': { settings: Settings };
  health: Health;
  'task.log': { events: TaskEvent[] };
  diagnostics: Diagnostics;
  /** `needHtml`: the URL belongs to a source's site, send again with `html`. */
  'page.detected': { page: PageInfo | null; needHtml?: boolean };
  'page.get': { page: PageInfo | null };
}

/**
 * What a web page is, as the toolbar button and the popup show it: a book page of an enabled
 * source, an unknown site's table of contents the generic reader can download, or neither.
 * `chapters` counts the chapters listed on the page itself (0: the list is on another page).
 */
export type PageInfo =
  | { kind: 'book'; url: string; sourceId: string; title: string; author?: string; chapters: number }
  | { kind: 'toc'; url: string; sourceId: 'generic'; title: string; author?: string; chapters: number }
  | { kind: 'none'; url: string };

/**
 * Sent by the content script once a page has loaded. The worker answers from the URL alone when
 * it can; `html` (the page's markup) comes along when the page has many chapter-like links, or
 * on a second try when the worker asked for it.
 */
export interface PageDetected {
  type: 'page.detected';
  url: string;
  html?: string;
}

/** How the scheduler treats one site right now (diagnostics). */
export interface HostReport {
  active: number;
  queued: number;
  /** The configured limit, lowered while the host is throttling us. */
  effectiveConcurrency: number;
  /** Epoch ms, or null when the host is not paused. */
  pausedUntil: number | null;
  /** The gap between request starts this host has taught us, on top of the configured delay. */
  learnedDelayMs: number;
}

/** Everything the options page's diagnostics section shows, and what "Export diagnostics" saves. */
export interface Diagnostics {
  generatedAt: number;
  health: Health;
  settings: Settings;
  tasks: Array<Task & { live: boolean; heartbeatAgeMs: number | null; events: TaskEvent[] }>;
  hosts: Record<string, HostReport>;
}

export type Payload<T extends RequestType> = Payloads[T];
export type Failure = { ok: false; error: ErrorInfo };
export type Response<T extends RequestType> = ({ ok: true } & Payload<T>) | Failure;

/** Pushed on a port named `tasks`. */
export const TASKS_PORT = 'tasks';
export type PortMessage = { type: 'task.updated'; task: Task } | { type: 'task.removed'; taskId: string };
