// What the task says when the browser did not save its file. The file is rebuilt from the
// stored chapters by Retry, so every sentence ends with that: nothing is fetched again.

import { AppError } from '../errors';

const RETRY = 'Retry builds the file again from the stored chapters; nothing is downloaded again.';

// chrome.downloads' interrupt reasons (DownloadInterruptReason) a reader can act on.
const REASONS: Record<string, [what: string, advice: string]> = {
  FILE_NO_SPACE: ['the disk is full', 'Free some space, then retry.'],
  FILE_FAILED: ['the file could not be written', "Check the downloads folder in the browser's settings."],
  FILE_ACCESS_DENIED: ['it may not write to the downloads folder', "Check the folder in the browser's download settings."],
  FILE_NAME_TOO_LONG: ['the name is too long for the disk', ''],
  FILE_TOO_LARGE: ['the file is too large for the disk', 'Download the book in parts with a chapter range.'],
  FILE_BLOCKED: ['the browser or the system blocked it', ''],
  FILE_VIRUS_INFECTED: ['a virus scanner refused it', ''],
  FILE_SECURITY_CHECK_FAILED: ['a security check refused it', ''],
  USER_CANCELED: ['the download was cancelled in the downloads list', ''],
  USER_SHUTDOWN: ['the browser closed before the file was written', ''],
  CRASH: ['the browser crashed while writing it', ''],
};

/** The download of `fileName` was interrupted; `reason` as chrome.downloads gives it. */
export function fileNotSaved(fileName: string, reason: string | undefined): AppError {
  const [what, advice] = REASONS[reason ?? ''] ?? [`the download stopped (${reason ?? 'no reason given'})`, ''];
  return new AppError('file', `The browser did not save «${fileName}»: ${what}. ${advice ? `${advice} ` : ''}${RETRY}`);
}

/** chrome.downloads.download refused the file outright. */
export function fileRefused(fileName: string, error: unknown): AppError {
  const why = error instanceof Error ? error.message : String(error);
  return new AppError('file', `The browser refused to save «${fileName}» (${why}). ${RETRY}`);
}

/** The download is no longer in the browser's list (cleared while the worker was away). */
export function downloadForgotten(fileName: string, downloadId: number): AppError {
  return new AppError('file', `The browser no longer lists the download of «${fileName}» (${downloadId}), so it is not known whether the file was saved. ${RETRY}`);
}
