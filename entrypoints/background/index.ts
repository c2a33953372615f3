import { browser } from 'wxt/browser';
import { TASKS_PORT, type Failure, type PortMessage } from '../../lib/contract';
import { isOffscreenRequest } from '../../lib/offscreen-protocol';
import { senderRefusal } from '../../lib/sender-policy';
import { DownloadService } from '../../lib/service/service';
import { BUILTIN_SOURCES } from '../../lib/source-rules/builtin';
import { Store } from '../../lib/store/store';
import { jpegFromImage } from '../../lib/task/cover';
import { notifyWhenFinished } from './notify-finished';
import { notifyWhenWaiting } from './notify-walls';
import { keepRuleBuilderOpen } from './rule-builder-tabs';
import { downloadEnded, saveFile } from './save-file';
import { isPageRequest, TabPages } from './tab-pages';
import { scheduleSubscriptionRefresh, SUBSCRIPTION_ALARM } from './subscription-alarm';
import { showOnToolbar } from './toolbar-button';
import { CHECK_ALARM, scheduleChecks } from './check-alarm';
import { scheduleWatchdog, WATCHDOG_ALARM } from './watchdog';

export default defineBackground(() => {
  const store = Store.open();
  const service = store.then((opened) =>
    DownloadService.start(opened, BUILTIN_SOURCES, {
      fetch: (input, init) => fetch(input, init),
      saveFile: (task, part) => saveFile(task, store, part),
      fileSaved: downloadEnded,
      convertImage: jpegFromImage,
      // Any extension API call resets MV3's 30 s idle timer; a pending fetch does not.
      keepAlive: () => void browser.runtime.getPlatformInfo(),
      settingsChanged: (settings) => {
        void scheduleWatchdog(settings);
        void scheduleChecks(settings);
        void scheduleSubscriptionRefresh(settings);
      },
    }),
  );

  const tabPages = new TabPages(() => service.then((s) => s.sources.list()));
  const toolbar = showOnToolbar(service, tabPages);
  notifyWhenFinished(service);
  notifyWhenWaiting(service);
  keepRuleBuilderOpen();

  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };

  // Listeners are registered at once, so events that woke the worker are not missed.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (isOffscreenRequest(message)) return false;
    const refusal = senderRefusal(String((message as { type?: unknown } | null)?.type), sender, self);
    if (refusal) {
      sendResponse({ ok: false, error: { code: 'forbidden', message: refusal } } satisfies Failure);
      return false;
    }
    if (isPageRequest(message)) {
      void tabPages.handle(message, sender).then(sendResponse);
      return true;
    }
    service
      .then((s) => s.handle(message))
      .then(sendResponse, (error: unknown) =>
        sendResponse({
          ok: false,
          error: { code: 'storage', message: `The extension could not open its storage: ${String(error)}` },
        }),
      );
    return true;
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== TASKS_PORT) return;
    if (senderRefusal('port:tasks', port.sender ?? {}, self)) {
      port.disconnect();
      return;
    }
    void service.then((s) => {
      const unsubscribe = s.subscribe((event) => {
        const message: PortMessage =
          'task' in event
            ? { type: 'task.updated', task: event.task }
            : { type: 'task.removed', taskId: event.removedId };
        port.postMessage(message);
      });
      const unsubscribeLibrary = s.subscribeLibrary((message) => port.postMessage(message));
      port.onDisconnect.addListener(() => {
        unsubscribe();
        unsubscribeLibrary();
      });
    });
  });

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === undefined && change.url === undefined) return;
    void tabPages.navigated(tabId, change);
    toolbar.tabChanged(tabId);
    // A page of a site that tasks wait on loaded: the reader may just have got past its wall.
    if (change.status === 'complete' && tab.url) void service.then((s) => s.pageLoaded(tab.url!));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void tabPages.closed(tabId);
    toolbar.tabChanged(tabId);
  });

  // A listener here makes Chrome start the worker with the browser, so downloads cut off by
  // closing the browser resume at once (start-up recovery runs as the worker loads).
  browser.runtime.onStartup.addListener(() => void service);

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG_ALARM) void service.then((s) => s.watchdog());
    if (alarm.name === CHECK_ALARM) void service.then((s) => s.checkFollowed());
    if (alarm.name === SUBSCRIPTION_ALARM) void service.then((s) => s.refreshSubscriptions());
  });
});
