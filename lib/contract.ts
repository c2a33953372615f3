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

export interface SourceInfo extends SourceRule {
  builtIn: boolean;
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
  | { type: 'source.import'; sources: SourceRule | SourceRule[] }
  | { type: 'source.setEnabled'; sourceId: string; enabled: boolean }
  | { type: 'settings.get' }
  | { type: 'settings.set'; patch: Partial<Settings> }
  | { type: 'health' }
  | { type: 'task.log'; taskId: string; limit?: number }
  | { type: 'diagnostics' };

export type RequestType = Request['type'];

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
  'settings.get': { settings: Settings };
  'settings.set': { settings: Settings };
  health: Health;
  'task.log': { events: TaskEvent[] };
  diagnostics: Diagnostics;
}

/** Everything the options page's diagnostics section shows, and what "Export diagnostics" saves. */
export interface Diagnostics {
  generatedAt: number;
  health: Health;
  settings: Settings;
  tasks: Array<Task & { live: boolean; heartbeatAgeMs: number | null; events: TaskEvent[] }>;
  hosts: Record<string, { active: number; queued: number; effectiveConcurrency: number; pausedUntil: number | null; learnedDelayMs: number }>;
}

export type Payload<T extends RequestType> = Payloads[T];
export type Failure = { ok: false; error: ErrorInfo };
export type Response<T extends RequestType> = ({ ok: true } & Payload<T>) | Failure;

/** Pushed on a port named `tasks`. */
export const TASKS_PORT = 'tasks';
export type PortMessage = { type: 'task.updated'; task: Task } | { type: 'task.removed'; taskId: string };
