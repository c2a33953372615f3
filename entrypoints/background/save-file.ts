import { browser, type Browser } from 'wxt/browser';
import { AppError } from '../../lib/errors';
import { buildBookFile } from '../../lib/file/build-file';
import type { FilePart } from '../../lib/file/parts';
import { FileNotSaved, refusedBecause } from '../../lib/file/file-saved';
import type { BuildFileAnswer, OffscreenRequest } from '../../lib/offscreen-protocol';
import type { Store } from '../../lib/store/store';
import type { Task } from '../../lib/contract';

const OFFSCREEN_PATH = '/offscreen.html';

/** Builds the book (or the part named) where blob URLs exist and hands it to the downloads bar. */
export async function saveFile(
  task: Task,
  store: Promise<Store>,
  part?: FilePart,
): Promise<{ fileName: string; downloadId: number; stats: string }> {
  const built = browser.offscreen ? await buildOffscreen(task.id, part) : await buildHere(task.id, await store, part);
  let downloadId: number;
  try {
    downloadId = await browser.downloads.download({
      url: built.url,
      filename: built.fileName,
      conflictAction: 'uniquify',
      saveAs: false,
    });
  } catch (error) {
    release(built.url);
    throw new FileNotSaved(built.fileName, refusedBecause(error));
  }
  releaseWhenSaved(downloadId, built.url);
  return { fileName: built.fileName, downloadId, stats: built.stats };
}

/**
 * Waits for the browser to finish writing a download: resolves when it is `complete`, throws
 * FileNotSaved when it was interrupted or is no longer listed. It asks the download's state
 * itself rather than relying on having seen it start, so a worker started again (the runner
 * resumes a task whose file was handed over) follows the same download to its end.
 */
export function downloadEnded(downloadId: number, fileName: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const end = (error?: unknown) => {
      browser.downloads.onChanged.removeListener(changed);
      signal.removeEventListener('abort', aborted);
      if (error === undefined) resolve();
      else reject(error);
    };
    const changed = (delta: Browser.downloads.DownloadDelta) => {
      if (delta.id !== downloadId) return;
      if (delta.state?.current === 'complete') end();
      else if (delta.state?.current === 'interrupted')
        end(new FileNotSaved(fileName, { kind: 'interrupted', reason: delta.error?.current }));
    };
    const aborted = () => end(signal.reason);
    if (signal.aborted) return aborted();
    signal.addEventListener('abort', aborted);
    // Listening first, then looking: an end between the two is seen by one or the other.
    browser.downloads.onChanged.addListener(changed);
    browser.downloads.search({ id: downloadId }).then(
      ([item]) => {
        if (!item) end(new FileNotSaved(fileName, { kind: 'forgotten', downloadId }));
        else if (item.state === 'complete') end();
        else if (item.state === 'interrupted')
          end(new FileNotSaved(fileName, { kind: 'interrupted', reason: item.error }));
      },
      (error: unknown) => end(new FileNotSaved(fileName, refusedBecause(error))),
    );
  });
}

async function buildOffscreen(
  taskId: string,
  part: FilePart | undefined,
): Promise<{ url: string; fileName: string; stats: string }> {
  await ensureOffscreenDocument();
  const request: OffscreenRequest = { target: 'offscreen', type: 'build-file', taskId, ...(part ? { part } : {}) };
  const answer = (await browser.runtime.sendMessage(request)) as BuildFileAnswer | undefined;
  if (!answer)
    throw new AppError(
      'internal',
      'The file builder page did not answer, so the book could not be saved. Retry the download.',
    );
  if (!answer.ok) throw new AppError(answer.error.code, answer.error.message);
  return answer;
}

// Firefox's background is a page, so it can make the blob URL itself.
async function buildHere(
  taskId: string,
  store: Store,
  part: FilePart | undefined,
): Promise<{ url: string; fileName: string; stats: string }> {
  const { blob, fileName, stats } = await buildBookFile(store, taskId, { part });
  return { url: URL.createObjectURL(blob), fileName, stats };
}

let ready: Promise<void> | undefined;

/**
 * The offscreen document, loaded and listening. Saves that start together (two books whose site
 * let them through at the same moment) share one look and one creation: a document still loading
 * is already listed by getContexts, and a message sent to it then finds no listener.
 */
function ensureOffscreenDocument(): Promise<void> {
  ready ??= (async () => {
    const url = browser.runtime.getURL(OFFSCREEN_PATH);
    const existing = await browser.runtime.getContexts({
      contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
      documentUrls: [url],
    });
    if (existing.length > 0) return;
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: [browser.offscreen.Reason.BLOBS],
      justification: 'Build EPUB and TXT files from stored chapters for download.',
    });
  })().finally(() => {
    ready = undefined;
  });
  return ready;
}

function releaseWhenSaved(downloadId: number, url: string): void {
  const listener = (delta: Browser.downloads.DownloadDelta) => {
    if (delta.id !== downloadId) return;
    const state = delta.state?.current;
    if (state !== 'complete' && state !== 'interrupted') return;
    browser.downloads.onChanged.removeListener(listener);
    release(url);
  };
  browser.downloads.onChanged.addListener(listener);
}

/** Frees the file's blob URL where it was made. */
function release(url: string): void {
  if (browser.offscreen) {
    const request: OffscreenRequest = { target: 'offscreen', type: 'revoke', url };
    browser.runtime
      .sendMessage(request)
      .catch((error: unknown) => console.warn('Could not release the file URL', error));
  } else {
    URL.revokeObjectURL(url);
  }
}
