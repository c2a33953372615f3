// Continuing a book from an EPUB the reader opened. The page reads the file
// (lib/follow/epub-holdings.ts) and stages the chapters it holds (stageHeld); the worker then
// reads the book's contents once, matches the staged chapters to it (by address, else by
// title), and stores them under the new task as if they had been downloaded, so the task fetches
// only the chapters the file lacks. It runs before the task exists: no runner can hold it yet.

import type { HeldChapter } from '../contract';
import { AppError } from '../errors';
import type { BookRecord, HeldRecord } from '../store/schema';
import type { Store } from '../store/store';
import type { BookReading } from '../task/book-reader';
import { readBook } from '../task/read-book';
import { matchChapters } from './match-chapters';

/** Staged chapters are written this many at a time, so a huge book never sits in one transaction. */
const STAGE_BATCH = 50;

/** The page's half: stages the file's chapters under a fresh import id and returns it. */
export async function stageHeld(
  store: Store,
  chapters: readonly HeldChapter[],
  now: number,
  importId = crypto.randomUUID(),
): Promise<string> {
  for (let from = 0; from < chapters.length; from += STAGE_BATCH) {
    const batch: HeldRecord[] = chapters.slice(from, from + STAGE_BATCH).map((chapter, i) => ({
      importId,
      position: from + i,
      title: chapter.title,
      ...(chapter.url ? { url: chapter.url } : {}),
      text: chapter.text,
      at: now,
    }));
    await store.library.putHeld(batch);
  }
  return importId;
}

export interface Continuation {
  book: BookRecord;
  /** Chapters of the file found in the site's contents: stored, never fetched. */
  held: number;
  /** Chapters of the file kept though the site no longer lists them (they name their address). */
  kept: number;
  /** Pages of the file that match no chapter and name no address (front matter, renamed chapters): left out. */
  dropped: number;
  /** Chapters the file lacks: the task fetches these. */
  missing: number;
}

/**
 * The worker's half: reads the contents, stores the book and the file's chapters under `taskId`
 * (a task not created yet), drops the staging, and says what it did.
 */
export interface ContinueRequest {
  taskId: string;
  importId: string;
  /** How many chapters the page staged: a staging cut short is refused. */
  expected: number;
  url: string;
  /** EPUB books: the cover, fetched as a download fetches it (absent: the book has none). */
  loadCover?: (url: string) => Promise<Uint8Array | undefined>;
}

export async function prepareContinuation(
  store: Store,
  request: ContinueRequest,
  reading: BookReading,
  now: number,
): Promise<Continuation> {
  const { taskId, importId, expected, url } = request;
  const staged = await store.library.held(importId);
  if (staged.length === 0 || staged.length !== expected) {
    throw new AppError(
      'invalid_message',
      `The chapters read from the file are no longer waiting (${staged.length} of ${expected} found); open the file again.`,
    );
  }
  const fresh = await readBook(url, undefined, reading);
  // Pages that name no address and match nothing are front matter or chapters the site renamed:
  // the book cannot place them, so they are left out (and counted).
  const match = matchChapters(staged, fresh.chapters);
  const chapters = match.chapters.filter(
    (chapter) => chapter.known === undefined || match.removed.indexOf(chapter.known) < 0 || staged[chapter.known]!.url,
  );
  const dropped = match.chapters.length - chapters.length;
  const book: BookRecord = {
    taskId,
    title: fresh.title,
    author: fresh.author,
    intro: fresh.intro,
    cover: fresh.cover,
    chapters: chapters.map((chapter) => chapter.entry),
  };
  const coverImage = fresh.cover && request.loadCover ? await request.loadCover(fresh.cover) : undefined;
  if (coverImage) book.coverImage = coverImage;
  await store.putBook(book);
  let held = 0;
  for (const [index, chapter] of chapters.entries()) {
    if (chapter.known === undefined) continue;
    const record = staged[chapter.known]!;
    await store.putChapter({ taskId, index, title: record.title, url: chapter.entry.url, text: record.text });
    held += 1;
  }
  await store.library.deleteHeld(importId, now - HELD_KEEP_MS);
  const kept = match.removed.length - dropped;
  return { book, held, kept, dropped, missing: chapters.length - held };
}

/** Staged chapters no task took within this long are dropped the next time a file is continued. */
export const HELD_KEEP_MS = 24 * 60 * 60_000;
