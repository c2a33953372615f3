// The offscreen document exists because a service worker cannot make blob URLs: it reads the
// chapters from IndexedDB itself, builds the file and hands back a URL for browser.downloads.
import { browser } from 'wxt/browser';
import { toErrorInfo } from '../../lib/errors';
import { buildBookFile } from '../../lib/file/build-file';
import { isOffscreenRequest, type BuildFileAnswer } from '../../lib/offscreen-protocol';
import { senderRefusal } from '../../lib/sender-policy';
import { Store } from '../../lib/store/store';

const store = Store.open();
const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };

browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (!isOffscreenRequest(message)) return false;
  // Every extension context hears runtime messages, a web page's content script's included.
  const refusal = senderRefusal('offscreen', sender, self);
  if (refusal) {
    sendResponse({ ok: false, error: { code: 'forbidden', message: refusal } } satisfies BuildFileAnswer);
    return false;
  }
  if (message.type === 'revoke') {
    URL.revokeObjectURL(message.url);
    sendResponse({ ok: true });
    return false;
  }
  store
    .then((opened) => buildBookFile(opened, message.taskId, { part: message.part }))
    .then(({ blob, fileName, stats }): BuildFileAnswer => ({
      ok: true,
      url: URL.createObjectURL(blob),
      fileName,
      stats,
    }))
    .catch((error: unknown): BuildFileAnswer => ({ ok: false, error: toErrorInfo(error) }))
    .then(sendResponse);
  return true;
});
