// "Open an EPUB…" in the library: the page reads the file itself (the worker gets no bytes
// through messages), stages the chapters it holds in storage, and asks the worker to continue
// the book from them. What the reader sees is the worker's or the reader's own sentence.
import type { Client } from '../client';
import type { HeldChapter } from '../contract';
import { readEpubHoldings } from '../follow/epub-holdings';
import { strings } from './strings';

export interface ContinueFileDeps {
  call: Client;
  /** Stages the file's chapters (lib/follow/continue-book.ts stageHeld) and returns the import id. */
  stage: (chapters: readonly HeldChapter[]) => Promise<string>;
}

/** Continues the book a file holds; resolves to the sentence saying how, rejects with why not (invalid_file and the worker's codes). */
export async function continueFromFile(bytes: Uint8Array, fileName: string, deps: ContinueFileDeps): Promise<string> {
  const holdings = readEpubHoldings(bytes, fileName);
  const importId = await deps.stage(holdings.chapters);
  const { task, held } = await deps.call({
    type: 'library.continue',
    importId,
    fileName,
    url: holdings.url,
    chapters: holdings.chapters.length,
    format: 'epub',
  });
  return strings.library.continueStarted(task.title ?? holdings.title, held);
}
