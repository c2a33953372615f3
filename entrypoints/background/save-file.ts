import { browser, type Browser } from 'wxt/browser';
import { AppError } from '../../lib/errors';
import { buildBookFile } from '../../lib/file/build-file';
import type { BuildFileAnswer, OffscreenRequest } from '../../lib/offscreen-protocol';
import type { Store } from '../../lib/store/store';
import type { Task } from '../../lib/contract';

const OFFSCREEN_PATH = '/offscreen.html';

/** Builds the book where blob URLs exist and hands it to the downloads bar. */
export async function saveFile(task: Task, store: Promise<Store>): Promise<{ fileName: string; downloadId: number; stats: string }> {
  const built = browser.offscreen ? await buildOffscreen(task.id) : await buildHere(task.id, await store);
  const downloadId = await browser.downloads.download({ url: built.url, filename: built.fileName, conflictAction: 'uniquify', saveAs: false });
  releaseWhenSaved(downloadId, built.url);
  return { fileName: built.fileName, downloadId, stats: built.stats };
}

async function buildOffscreen(taskId: string): Promise<{ url: string; fileName: string; stats: string }> {
  await ensureOffscreenDocument();
  const request: OffscreenRequest = { target: 'offscreen', type: 'build-file', taskId };
  const answer = (await browser.runtime.sendMessage(request)) as BuildFileAnswer | undefined;
  if (!answer) throw new AppError('internal', 'The file builder page did not answer, so the book could not be saved. Retry the download.');
  if (!answer.ok) throw new AppError(answer.error.code, answer.error.message);
  return answer;
}

// Firefox's background is a page, so it can make the blob URL itself.
async function buildHere(taskId: string, store: Store): Promise<{ url: string; fileName: string; stats: string }> {
  const { blob, fileName, stats } = await buildBookFile(store, taskId);
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
    const existing = await browser.runtime.getContexts({ contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
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
    if (browser.offscreen) {
      const request: OffscreenRequest = { target: 'offscreen', type: 'revoke', url };
      browser.runtime.sendMessage(request).catch((error: unknown) => console.warn('Could not release the file URL', error));
    } else {
      URL.revokeObjectURL(url);
    }
  };
  browser.downloads.onChanged.addListener(listener);
}
