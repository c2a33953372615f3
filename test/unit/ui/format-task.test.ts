import { describe, expect, it } from 'vitest';
import './english';
import { AppError } from '../../../lib/errors';
import type { Task } from '../../../lib/contract';
import {
  chapterCounts,
  errorHelp,
  errorMessage,
  progressPercent,
  progressText,
  rangeText,
  statusLabel,
  taskActions,
  taskName,
  taskNotes,
} from '../../../lib/ui/format-task';
import { strings } from '../../../lib/ui/strings';
import { makeTask } from './fixtures';

describe('taskName', () => {
  it('shows the URL until the title is known, then the title', () => {
    expect(taskName(makeTask())).toBe('http://127.0.0.1:8080/book/1');
    expect(taskName(makeTask({ title: '  ' }))).toBe('http://127.0.0.1:8080/book/1');
    expect(taskName(makeTask({ title: '诡秘之主' }))).toBe('诡秘之主');
  });
});

describe('statusLabel', () => {
  it('has a label for every status', () => {
    expect(statusLabel('queued')).toBe('Queued');
    expect(statusLabel('running')).toBe('Downloading');
    expect(statusLabel('completed')).toBe('Completed');
    expect(statusLabel('failed')).toBe('Failed');
    expect(statusLabel('cancelled')).toBe('Cancelled');
    expect(statusLabel('waiting')).toBe('Waiting for you');
  });
});

describe('progress', () => {
  it('shows completed/total chapters and the percent', () => {
    const task = makeTask({ status: 'running', totalChapters: 340, completedChapters: 12, progress: 3 });
    expect(progressPercent(task)).toBe(3);
    expect(progressText(task)).toBe('12/340 chapters · 3%');
  });

  it('never shows 100 before the file is made, and always once it is', () => {
    expect(progressPercent(makeTask({ status: 'running', totalChapters: 1000, completedChapters: 999 }))).toBe(99);
    expect(progressPercent(makeTask({ status: 'running', totalChapters: 3, completedChapters: 3 }))).toBe(99);
    expect(
      progressPercent(makeTask({ status: 'completed', totalChapters: 12, completedChapters: 11, failedChapters: 1 })),
    ).toBe(100);
  });

  it('takes the percent from the chapter counts, not from a stale or broken progress field', () => {
    expect(
      progressPercent(makeTask({ status: 'running', totalChapters: 8, completedChapters: 2, progress: Number.NaN })),
    ).toBe(25);
    expect(
      progressPercent(
        makeTask({ status: 'running', totalChapters: 8, completedChapters: 2, failedChapters: 2, progress: 10 }),
      ),
    ).toBe(50);
  });

  it('counts missing chapters in the line that gives the percent', () => {
    expect(
      progressText(makeTask({ status: 'running', totalChapters: 40, completedChapters: 10, failedChapters: 2 })),
    ).toBe('10/40 chapters · 2 missing · 30%');
    expect(
      progressText(makeTask({ status: 'completed', totalChapters: 12, completedChapters: 11, failedChapters: 1 })),
    ).toBe('11/12 chapters · 1 missing · 100%');
  });

  it('says what happens before the table of contents is read', () => {
    expect(progressText(makeTask({ status: 'queued' }))).toBe(strings.waiting);
    expect(progressText(makeTask({ status: 'running' }))).toBe(strings.readingToc);
    expect(progressText(makeTask({ status: 'failed' }))).toBe('0/0 chapters · 0%');
  });
});

describe('taskActions', () => {
  const actions = (status: Task['status'], extra: Partial<Task> = {}) => taskActions(makeTask({ status, ...extra }));

  it('offers cancel while queued or running, retry when failed or cancelled, remove unless running', () => {
    const none = { retryMissing: false, file: false };
    expect(actions('queued')).toEqual({ cancel: true, retry: false, remove: true, ...none });
    expect(actions('running')).toEqual({ cancel: true, retry: false, remove: false, ...none });
    expect(actions('completed')).toEqual({ cancel: false, retry: false, remove: true, ...none });
    expect(actions('failed')).toEqual({ cancel: false, retry: true, remove: true, ...none });
    expect(actions('cancelled')).toEqual({ cancel: false, retry: true, remove: true, ...none });
    expect(actions('waiting')).toEqual({ cancel: true, retry: false, remove: true, ...none });
  });

  it('offers the file once it reached the downloads bar, and missing chapters again', () => {
    expect(actions('completed', { downloadId: 7 })).toMatchObject({ file: true, retryMissing: false });
    expect(actions('completed', { downloadId: 7, failedChapters: 2 })).toMatchObject({
      file: true,
      retryMissing: true,
      retry: false,
    });
    expect(actions('failed', { downloadId: 7, failedChapters: 2 })).toMatchObject({
      file: false,
      retryMissing: false,
      retry: true,
    });
  });
});

describe('errorHelp', () => {
  const failed = (code: string) => makeTask({ status: 'failed', error: { code: code as never, message: 'x' } });

  it('names the failure and links the site for errors the site can explain', () => {
    expect(errorHelp(failed('network'))).toEqual({
      kind: 'The site could not be reached.',
      siteUrl: 'http://127.0.0.1:8080/book/1',
      diagnostics: true,
    });
    expect(errorHelp(failed('http_status'))?.siteUrl).toBe('http://127.0.0.1:8080/book/1');
    expect(errorHelp(failed('timeout'))?.siteUrl).toBe('http://127.0.0.1:8080/book/1');
    expect(errorHelp(failed('challenge'))).toMatchObject({
      kind: 'The site wanted proof that you are human.',
      siteUrl: 'http://127.0.0.1:8080/book/1',
    });
    expect(errorHelp(failed('login_required'))).toMatchObject({
      kind: 'The site wanted you to sign in.',
      siteUrl: 'http://127.0.0.1:8080/book/1',
    });
  });

  it('sends other failures to diagnostics only, and says nothing for tasks that did not fail', () => {
    expect(errorHelp(failed('parse'))).toEqual({
      kind: 'The page could not be read as a book.',
      siteUrl: undefined,
      diagnostics: true,
    });
    expect(errorHelp(failed('internal'))?.kind).toBe('The download failed.');
    expect(errorHelp(failed('file'))).toEqual({
      kind: 'The browser did not save the file.',
      siteUrl: undefined,
      diagnostics: true,
    });
    expect(errorHelp(failed('too_large'))?.kind).toBe('A page was too large.');
    expect(errorHelp(makeTask({ status: 'completed', error: { code: 'http_status', message: 'x' } }))).toBeNull();
  });
});

describe('rangeText', () => {
  it('shows only a range the task asked for', () => {
    expect(rangeText(makeTask())).toBeUndefined();
    expect(rangeText(makeTask({ range: { from: 5, to: 10 } }))).toBe('chapters 5–10');
    expect(rangeText(makeTask({ range: { from: 5 } }))).toBe('from chapter 5');
    expect(rangeText(makeTask({ range: { to: 10 } }))).toBe('chapters 1–10');
  });
});

describe('taskNotes', () => {
  it('says in the UI language what a limit cut from the book, one line per kind', () => {
    const notes = taskNotes(
      makeTask({
        status: 'completed',
        warnings: [
          {
            code: 'toc_pages_cut',
            message: 'The table of contents https://a.example/ goes on past 500 pages; …',
            count: 1,
          },
          {
            code: 'chapter_pages_cut',
            message: 'The chapter «第2章» https://a.example/2.html goes on past 50 pages; …',
            count: 3,
          },
        ],
      }),
    );
    expect(notes.cuts).toEqual([
      'Only the first 500 pages of the table of contents were read: chapters listed after them are not in the book.',
      '3 chapters go on past 50 pages; their later pages are not in the book.',
    ]);
    expect(taskNotes(makeTask({ warnings: [{ code: 'chapter_pages_cut', message: 'x', count: 1 }] })).cuts).toEqual([
      '1 chapter goes on past 50 pages; its later pages are not in the book.',
    ]);
  });

  it('shows the error sentence of a failed task', () => {
    const notes = taskNotes(
      makeTask({ status: 'failed', error: { code: 'network', message: 'The site 127.0.0.1 refused the connection.' } }),
    );
    expect(notes).toEqual({ error: 'The site 127.0.0.1 refused the connection.' });
  });

  it('shows the file name and a warning on a completed task', () => {
    const notes = taskNotes(
      makeTask({
        status: 'completed',
        failedChapters: 2,
        fileName: 'Book - Author.epub',
        error: { code: 'http_status', message: '2 chapters answered 404.' },
      }),
    );
    expect(notes.error).toBeUndefined();
    expect(notes.warning).toBe('Warning: 2 chapters answered 404.');
    expect(notes.fileName).toBe('Saved as Book - Author.epub');
  });

  it('counts locked chapters apart from missing ones', () => {
    const task = makeTask({
      status: 'running',
      totalChapters: 10,
      completedChapters: 5,
      failedChapters: 1,
      lockedChapters: 3,
    });
    expect(taskNotes(task).lockedChapters).toBe('3 chapters locked');
    // Locked chapters are dealt with: they count towards the percent, not as missing.
    expect(progressText(task)).toBe('5/10 chapters · 1 missing · 90%');
    // Stopped by a wall before the table of contents: no chapter count to show yet.
    expect(progressText(makeTask({ status: 'waiting' }))).toBe('Waiting for you');
    expect(taskNotes(makeTask({ status: 'completed', lockedChapters: 1 })).lockedChapters).toBe('1 chapter locked');
    expect(taskNotes(makeTask({ status: 'completed' })).lockedChapters).toBeUndefined();
  });

  it('shows why a cancelled task stopped, without calling it a warning', () => {
    const notes = taskNotes(
      makeTask({ status: 'cancelled', error: { code: 'cancelled', message: 'The download was cancelled.' } }),
    );
    expect(notes).toEqual({ info: 'The download was cancelled.' });
  });

  it('says nothing under a running task: its missing chapters are in its progress line', () => {
    expect(taskNotes(makeTask({ status: 'running', failedChapters: 1 }))).toEqual({});
  });

  it('shows no file name before the task completes', () => {
    expect(taskNotes(makeTask({ status: 'running', fileName: 'x.epub' })).fileName).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it('keeps the worker sentence of an AppError', () => {
    expect(errorMessage(new AppError('invalid_url', '"foo" is not a web address.'))).toBe(
      '"foo" is not a web address.',
    );
  });

  it('handles plain errors, strings and nothing at all', () => {
    expect(errorMessage(new Error('Could not establish connection.'))).toBe('Could not establish connection.');
    expect(errorMessage('boom')).toBe('boom');
    expect(errorMessage(undefined)).toBe(strings.unknownError);
    expect(errorMessage(new Error(''))).toBe(strings.unknownError);
  });
});

// The failed card of docs/screenshots/popup.png once said "0/8 chapters · 50 %", "4 chapters could
// not be downloaded" and "2 of 8 chapters could not be downloaded": three counts of one thing.
describe('the card of a failed task', () => {
  // As the worker ends it (lib/task/endings.ts): counts and sentence from the same stored chapters.
  const failed = makeTask({
    status: 'failed',
    title: '青云旧事',
    totalChapters: 8,
    completedChapters: 0,
    failedChapters: 4,
    progress: 50,
    error: {
      code: 'http_status',
      message:
        '4 of 8 chapters could not be downloaded, more than the 10% allowed in Settings, so the download stopped. The last one said: http://127.0.0.1/book/2/2.html answered HTTP 403 Forbidden.',
    },
  });

  it('shows each number once, and the numbers add up', () => {
    const { saved, missing, total, percent } = chapterCounts(failed);
    expect({ saved, missing, total, percent }).toEqual({ saved: 0, missing: 4, total: 8, percent: 50 });
    expect(Math.floor((100 * (saved + missing)) / total)).toBe(percent);
    expect(progressPercent(failed)).toBe(percent);
    expect(progressText(failed)).toBe('0/8 chapters · 4 missing · 50%');
    const notes = taskNotes(failed);
    expect(notes).toEqual({ error: failed.error!.message });
    expect(notes.error).toMatch(new RegExp(`^${missing} of ${total} chapters`));
    expect(errorHelp(failed)?.kind).toBe('The site refused the pages.');
  });

  it('says nothing about missing chapters when none is', () => {
    const nothing = makeTask({ status: 'failed', totalChapters: 0, error: { code: 'http_status', message: 'x' } });
    expect(progressText(nothing)).toBe('0/0 chapters · 0%');
  });
});
