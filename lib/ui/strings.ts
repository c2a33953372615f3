// Every sentence the popup shows, in one place so it can be translated later.
import type { TaskStatus } from '../contract';

export const strings = {
  appTitle: 'Novel Downloader',

  // Start form
  startHeading: 'Download this page',
  startHeadingManual: 'Download a book',
  urlLabelTab: 'Page address',
  urlLabelManual: 'Book URL',
  urlPlaceholder: 'Paste the address of a book page',
  formatLabel: 'Format',
  formatEpub: 'EPUB',
  formatTxt: 'TXT',
  downloadButton: 'Download',
  downloadingButton: 'Starting…',

  // Task list
  tasksHeading: 'Downloads',
  noTasks: 'No downloads yet.',
  loadingTasks: 'Loading downloads…',
  reconnecting: 'Reconnecting to the background worker…',
  cancelButton: 'Cancel',
  retryButton: 'Retry',
  removeButton: 'Remove',
  progressLabel: 'Download progress',
  readingToc: 'Reading the table of contents…',
  waiting: 'Waiting to start…',

  status: {
    queued: 'Queued',
    running: 'Downloading',
    completed: 'Completed',
    failed: 'Failed',
    cancelled: 'Cancelled',
  } satisfies Record<TaskStatus, string>,

  byAuthor: (author: string) => `by ${author}`,
  chapters: (completed: number, total: number, percent: number) =>
    `${completed}/${total} chapters · ${percent}%`,
  failedChapters: (count: number) =>
    count === 1 ? '1 chapter could not be downloaded.' : `${count} chapters could not be downloaded.`,
  savedAs: (fileName: string) => `Saved as ${fileName}`,
  warning: (message: string) => `Warning: ${message}`,
  unknownError: 'Something went wrong, and the browser gave no reason.',
};

export type Strings = typeof strings;
