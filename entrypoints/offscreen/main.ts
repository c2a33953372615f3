// The offscreen document exists because a service worker cannot make blob URLs: it reads the
// chapters from IndexedDB itself, builds the file and hands back a URL for browser.downloads.
import { browser } from 'wxt/browser';
import { toErrorInfo } from '../../lib/errors';
import { buildBookFile } from '../../lib/file/build-file';
import { isOffscreenRequest, type BuildFileAnswer } from '../../lib/offscreen-protocol';
import { Store } from '../../lib/store/store';

const store = Store.open();

browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
  if (!isOffscreenRequest(message)) return false;
  if (message.type === 'revoke') {
    URL.revokeObjectURL(message.url);
    sendResponse({ ok: true });
    return false;
  }
  store
    .then((opened) => buildBookFile(opened, message.taskId))
    .then(({ blob, fileName, stats }): BuildFileAnswer => ({ ok: true, url: URL.createObjectURL(blob), fileName, stats }))
    .catch((error: unknown): BuildFileAnswer => ({ ok: false, error: toErrorInfo(error) }))
    .then(sendResponse);
  return true;
});
