// Pure formatting of tasks for the popup: labels, progress text, which actions apply.
import type { Task, TaskStatus, TaskWarning } from '../contract';
import { MAX_CHAPTER_PAGES } from '../task/read-chapter';
import { MAX_TOC_PAGES } from '../task/read-book';
import { progressOf } from '../task/state';
import { strings } from './strings';

/** What the user recognises a task by: its title once known, its URL until then. */
export function taskName(task: Pick<Task, 'title' | 'url'>): string {
  const title = task.title?.trim();
  return title ? title : task.url;
}

export function statusLabel(status: TaskStatus): string {
  return strings.status[status] ?? status;
}

export type CountedTask = Pick<
  Task,
  'status' | 'totalChapters' | 'completedChapters' | 'failedChapters' | 'lockedChapters'
>;

/**
 * Every number a task's card shows, from its chapter counts alone: the bar, the progress line and
 * the toolbar badge cannot disagree with each other, nor with the worker's sentences, which count
 * the same stored chapters. The percent counts chapters dealt with (saved or missing), as the
 * worker's `progress` does.
 */
export function chapterCounts(task: CountedTask): { saved: number; missing: number; total: number; percent: number } {
  return {
    saved: task.completedChapters,
    missing: task.failedChapters,
    total: task.totalChapters,
    percent: progressOf(task),
  };
}

/** Whole percent 0..100, as the bar shows it. */
export function progressPercent(task: CountedTask): number {
  return chapterCounts(task).percent;
}

/** "12/340 chapters · 3%" (with "· 2 missing" once any is), or what happens before the count is known. */
export function progressText(task: CountedTask): string {
  const { saved, missing, total, percent } = chapterCounts(task);
  if (total === 0 && task.status === 'queued') return strings.waiting;
  if (total === 0 && task.status === 'running') return strings.readingToc;
  if (total === 0 && task.status === 'waiting') return strings.status.waiting;
  return missing > 0
    ? strings.chaptersWithMissing(saved, total, missing, percent)
    : strings.chapters(saved, total, percent);
}

export interface TaskActions {
  cancel: boolean;
  retry: boolean;
  /** A completed book with chapters missing: fetch just those again (the worker's retry). */
  retryMissing: boolean;
  remove: boolean;
  /** "Show in folder" and "Open": the file reached the downloads bar. */
  file: boolean;
}

/**
 * Cancel while queued, running or waiting for the reader; retry once failed or cancelled (or
 * missing chapters on a completed book); remove anything not running; the file's buttons once
 * it was handed over.
 */
export function taskActions(task: Pick<Task, 'status' | 'failedChapters' | 'downloadId'>): TaskActions {
  const { status } = task;
  return {
    cancel: status === 'queued' || status === 'running' || status === 'waiting',
    retry: status === 'failed' || status === 'cancelled',
    retryMissing: status === 'completed' && task.failedChapters > 0,
    remove: status !== 'running',
    file: status === 'completed' && typeof task.downloadId === 'number',
  };
}

/** What helps with a failed task, besides Retry: its error in a few words and where to look. */
export interface ErrorHelp {
  /** The kind of failure in the UI language; the worker's own sentence follows it. */
  kind: string;
  /** The book page, for errors the site itself may explain (down, refusing, asking for a login). */
  siteUrl?: string;
  /** The options page's diagnostics: the task's log says which page failed and how. */
  diagnostics: boolean;
}

const SITE_ERRORS: ReadonlySet<string> = new Set(['network', 'http_status', 'timeout', 'challenge', 'login_required']);

export function errorHelp(task: Pick<Task, 'status' | 'error' | 'url'>): ErrorHelp | null {
  if (task.status !== 'failed') return null;
  const code = task.error?.code;
  return {
    kind: (code && strings.errorKind[code]) || strings.errorOther,
    siteUrl: code && SITE_ERRORS.has(code) ? task.url : undefined,
    diagnostics: true,
  };
}

/** "chapters 5–10" when the task asked for part of the book. */
export function rangeText(task: Pick<Task, 'range'>): string | undefined {
  const { from, to } = task.range ?? {};
  if (from === undefined && to === undefined) return undefined;
  return strings.taskRange(from, to);
}

export interface TaskNotes {
  /** Why a failed task failed. */
  error?: string;
  /** A completed task's non-fatal problem. */
  warning?: string;
  /** Why a cancelled task stopped. */
  info?: string;
  /** Chapters the site keeps for accounts or payment, counted apart from missing ones. */
  lockedChapters?: string;
  fileName?: string;
  /** What limits cut from the book, one line per kind. */
  cuts?: string[];
}

/** A warning in the UI's words (the worker's own sentence, in English, names the page). */
export function cutText(warning: TaskWarning): string {
  switch (warning.code) {
    case 'toc_pages_cut':
      return strings.cut.tocPages(MAX_TOC_PAGES);
    case 'chapter_pages_cut':
      return strings.cut.chapterPages(warning.count, MAX_CHAPTER_PAGES);
    default:
      return warning.message;
  }
}

/** The sentences shown under a task, each only when it applies. */
export function taskNotes(task: Task): TaskNotes {
  const notes: TaskNotes = {};
  if (task.warnings?.length) notes.cuts = task.warnings.map(cutText);
  const message = task.error?.message?.trim();
  if (message) {
    if (task.status === 'failed') notes.error = message;
    else if (task.status === 'cancelled') notes.info = message;
    else notes.warning = strings.warning(message);
  }
  if ((task.lockedChapters ?? 0) > 0) notes.lockedChapters = strings.lockedChapters(task.lockedChapters!);
  if (task.status === 'completed' && task.fileName) notes.fileName = strings.savedAs(task.fileName);
  return notes;
}

/** The sentence to show for anything thrown by a call: the worker's own message when it has one. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message.trim()) return message;
  }
  if (typeof error === 'string' && error.trim()) return error;
  return strings.unknownError;
}
