// Every way a task ends, with the sentence its card shows and the line its log keeps. The runner
// ends its own task here and the manager ends every other one here, so each ending is written
// once. An ending's numbers are the task's stored chapters, counted when it ends: the record, the
// sentence and the book can never tell three different counts. One ending is not final: a run
// that meets a wall on the site leaves its task `waiting` for the reader, until a deadline.

import type { ChapterFailure, ErrorCode, ErrorInfo, LockedChapter, Task, TaskEvent, WaitingFor } from '../contract';
import type { FileProblem } from '../file/file-saved';
import { MAX_FAILURES_IN_A_ROW } from './missing-chapters';
import { progressOf, transition } from './state';

export type Ending =
  /**
   * The browser saved the file (the runner waits for its download to complete: a task is
   * completed only once its file is saved); chapters given up on are named in its warning.
   */
  | { kind: 'completed'; file: { fileName: string; downloadId?: number } }
  /** The browser refused the file or did not finish writing it; Retry rebuilds only the file. */
  | { kind: 'file_not_saved'; fileName: string; problem: FileProblem }
  | { kind: 'cancelled' }
  /** Still running after `maxTaskMinutes`. */
  | { kind: 'timeout'; maxTaskMinutes: number }
  /** The worker was lost too often in a row before another chapter was stored. */
  | { kind: 'interrupted' }
  /** The task's source was deleted while it waited. */
  | { kind: 'source_gone' }
  /** Every chapter was given up on. */
  | { kind: 'nothing_saved' }
  /** More chapters given up on than the settings allow: stopped at once (`last` said why), or found at the end. */
  | { kind: 'too_many_missing'; maxPercent: number; last?: ErrorInfo }
  /** MAX_FAILURES_IN_A_ROW chapters lost one after another: the site is down or blocking us. */
  | { kind: 'missing_in_a_row'; last: ErrorInfo }
  /** Anything else that stopped the book: its own code and sentence. */
  | { kind: 'error'; error: ErrorInfo }
  /** A wall on the site (a challenge, a sign-in): the run stops and the task waits for the reader; `message` says what the site did. */
  | { kind: 'waiting'; wall: WaitingFor; message: string }
  /** Still waiting for the reader when its `waitingFor.until` came. */
  | { kind: 'wall_timeout' };

/** What the stored chapters say at the end: the counts, the first 100 failures and locked chapters. */
export interface StoredCounts {
  completed: number;
  failed: number;
  failures: ChapterFailure[];
  /** Chapters the site keeps locked (paid, VIP): neither saved nor missing. */
  locked: number;
  lockedList: LockedChapter[];
}

export type EndLog = Pick<TaskEvent, 'level' | 'message' | 'code'>;

/** The task as it ends, and the line its log ends with. */
export function endTask(task: Task, ending: Ending, counts: StoredCounts, now: number): { task: Task; log: EndLog } {
  const counted: Task = {
    ...task,
    completedChapters: counts.completed,
    failedChapters: counts.failed,
    failures: counts.failures,
    lockedChapters: counts.locked,
    locked: counts.lockedList,
  };
  if (!counts.failures.length) delete counted.failures;
  if (!counts.locked) delete counted.lockedChapters;
  if (!counts.lockedList.length) delete counted.locked;
  if (ending.kind === 'waiting') {
    const waiting = withProgress(transition(counted, 'waiting', now, { waitingFor: ending.wall }));
    const code: ErrorCode = ending.wall.kind === 'login' ? 'login_required' : 'challenge';
    return {
      task: waiting,
      log: { level: 'warn', message: `Waiting for you until ${clock(ending.wall.until)}: ${ending.message}`, code },
    };
  }
  if (ending.kind === 'completed') {
    const warning = missingWarning(counted, counts.failures);
    const ended = transition(counted, 'completed', now, { ...ending.file, ...(warning ? { error: warning } : {}) });
    const missing = counts.failed ? `, ${counts.failed} missing` : '';
    const locked = counts.locked ? `, ${counts.locked} locked by the site` : '';
    return {
      task: ended,
      log: {
        level: counts.failed ? 'warn' : 'info',
        message: `Completed: ${counts.completed} chapters saved as ${ending.file.fileName}${missing}${locked}.`,
      },
    };
  }
  if (ending.kind === 'cancelled') {
    return {
      task: withProgress(transition(counted, 'cancelled', now, { error: CANCELLED })),
      log: { level: 'info', message: 'Cancelled.' },
    };
  }
  const error = failure(counted, ending, counts.failures);
  return {
    task: withProgress(transition(counted, 'failed', now, { error })),
    log: { level: 'error', message: `Failed: ${error.message}`, code: error.code },
  };
}

const CANCELLED: ErrorInfo = { code: 'cancelled', message: 'The download was cancelled.' };

/** Why a task failed, in the words its card shows. */
function failure(
  task: Task,
  ending: Exclude<Ending, { kind: 'completed' | 'cancelled' | 'waiting' }>,
  failures: ChapterFailure[],
): ErrorInfo {
  const { totalChapters: total, failedChapters: missing, completedChapters: saved } = task;
  const first = failures[0]?.error;
  const firstCode: ErrorCode = first?.code ?? 'parse';
  switch (ending.kind) {
    case 'timeout':
      return {
        code: 'timeout',
        message: `The download ran longer than the ${ending.maxTaskMinutes} minutes allowed. Retry to continue from the stored chapters, or raise the limit in Settings.`,
      };
    case 'interrupted':
      return {
        code: 'interrupted',
        message: `The browser stopped the download ${task.resumesWithoutProgress} times in a row before it could store another chapter. Retry to continue from the ${saved} stored chapters.`,
      };
    case 'source_gone':
      return {
        code: 'unknown_source',
        message: `The book source "${task.sourceId}" no longer exists, so this download cannot go on.`,
      };
    case 'nothing_saved':
      return {
        code: firstCode,
        message: `None of the ${total} chapters could be downloaded, so no file was made. The first one said: ${first?.message ?? 'nothing'}`,
      };
    case 'too_many_missing': {
      const tooMany = `${missing} of ${total} chapters could not be downloaded, more than the ${ending.maxPercent}% allowed in Settings`;
      return ending.last
        ? {
            code: ending.last.code,
            message: `${tooMany}, so the download stopped. The last one said: ${ending.last.message}`,
          }
        : { code: firstCode, message: `${tooMany}, so no file was made. Retry to fetch only the missing ones.` };
    }
    case 'missing_in_a_row':
      return {
        code: ending.last.code,
        message: `${MAX_FAILURES_IN_A_ROW} chapters in a row could not be downloaded; the last one said: ${ending.last.message}`,
      };
    case 'file_not_saved':
      return { code: 'file', message: fileNotSaved(ending.fileName, ending.problem) };
    case 'error':
      return ending.error;
    case 'wall_timeout':
      return wallTimeout(task);
  }
}

/** The sentence of a task the reader did not get past its wall for in time. */
function wallTimeout(task: Task): ErrorInfo {
  const wall = task.waitingFor;
  if (!wall)
    return {
      code: 'challenge',
      message:
        'The download waited for you on its site for too long and stopped. Open the book page in a tab, then Retry.',
    };
  const waited = duration(wall.until - wall.since);
  const kept = task.completedChapters > 0 ? `; the ${task.completedChapters} chapters stored so far are kept` : '';
  if (wall.kind === 'login') {
    return {
      code: 'login_required',
      message: `${wall.host} wanted you to sign in, and nobody did within ${waited}, so the download stopped. Sign in on ${wall.host} in a tab (${wall.url}), then Retry${kept}.`,
    };
  }
  return {
    code: 'challenge',
    message: `${wall.host} asked you to confirm you are human, and nobody did within ${waited}, so the download stopped. Open ${wall.url} in a tab, pass the check, then Retry${kept}.`,
  };
}

/** "30 minutes", "1 minute", "6 seconds". */
function duration(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** A deadline in the log, as an ISO time (the log is read across time zones). */
function clock(at: number): string {
  return new Date(at).toISOString();
}

const REBUILD = 'Retry builds the file again from the stored chapters; nothing is downloaded again.';

// chrome.downloads' interrupt reasons (DownloadInterruptReason) a reader can act on: what
// happened, and what to do before Retry.
const INTERRUPTED: Record<string, [what: string, advice?: string]> = {
  FILE_NO_SPACE: ['the disk is full', 'Free some space, then retry.'],
  FILE_FAILED: ['the file could not be written', "Check the downloads folder in the browser's settings."],
  FILE_ACCESS_DENIED: [
    'it may not write to the downloads folder',
    "Check the folder in the browser's download settings.",
  ],
  FILE_NAME_TOO_LONG: ['the name is too long for the disk'],
  FILE_TOO_LARGE: ['the file is too large for the disk', 'Download the book in parts with a chapter range.'],
  FILE_BLOCKED: ['the browser or the system blocked it'],
  FILE_VIRUS_INFECTED: ['a virus scanner refused it'],
  FILE_SECURITY_CHECK_FAILED: ['a security check refused it'],
  USER_CANCELED: ['the download was cancelled in the downloads list'],
  USER_SHUTDOWN: ['the browser closed before the file was written'],
  CRASH: ['the browser crashed while writing it'],
};

/** Why the browser has no file of the book, and that Retry only makes the file again. */
function fileNotSaved(fileName: string, problem: FileProblem): string {
  switch (problem.kind) {
    case 'interrupted': {
      const [what, advice] = INTERRUPTED[problem.reason ?? ''] ?? [
        `the download stopped (${problem.reason ?? 'no reason given'})`,
      ];
      return `The browser did not save «${fileName}»: ${what}. ${advice ? `${advice} ` : ''}${REBUILD}`;
    }
    case 'refused':
      return `The browser refused to save «${fileName}» (${problem.message}). ${REBUILD}`;
    case 'forgotten':
      return `The browser no longer lists the download of «${fileName}» (${problem.downloadId}), so it is not known whether the file was saved. ${REBUILD}`;
  }
}

/** A completed book's missing chapters, as the warning on its card. */
function missingWarning(task: Task, failures: ChapterFailure[]): ErrorInfo | undefined {
  const first = failures[0];
  if (!task.failedChapters || !first) return undefined;
  return {
    code: first.error.code,
    message: `${task.failedChapters} of ${task.totalChapters} chapters could not be downloaded and are marked as missing in the book (first: chapter ${first.chapter}, ${first.error.message}). Retry to fetch only those.`,
  };
}

function withProgress(task: Task): Task {
  return { ...task, progress: progressOf(task) };
}

/**
 * Unwinds a runner with the ending it chose (a limit hit, nothing saved); the runner's last step
 * writes that ending once every chapter in flight has settled.
 */
export class TaskEnd extends Error {
  constructor(readonly ending: Ending) {
    super(`The task ends: ${ending.kind}.`);
    this.name = 'TaskEnd';
  }
}
