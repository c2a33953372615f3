// What the browser reported when it did not save a book's file. The platform (the background's
// downloads watcher) throws FileNotSaved with the facts; the task's ending and its sentence are
// lib/task/endings.ts's `file_not_saved`.

/** Why the browser has no saved file for a download. */
export type FileProblem =
  /** The download stopped; `reason` is chrome.downloads' DownloadInterruptReason, when it gave one. */
  | { kind: 'interrupted'; reason?: string }
  /** downloads.download refused the file outright (or its state could not be asked). */
  | { kind: 'refused'; message: string }
  /** The download is no longer in the browser's list (cleared while the worker was away). */
  | { kind: 'forgotten'; downloadId: number };

export class FileNotSaved extends Error {
  override name = 'FileNotSaved';

  constructor(
    readonly fileName: string,
    readonly problem: FileProblem,
  ) {
    super(`The browser did not save «${fileName}» (${problem.kind}).`);
  }
}

/** The message of whatever the browser threw, for a `refused` problem. */
export function refusedBecause(error: unknown): FileProblem {
  return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
}
