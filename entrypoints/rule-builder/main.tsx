// The rule builder's panel: an extension page the picker shows in an iframe on the web page.
// It holds everything privileged (testing and saving the rule through the worker); the picker
// in the page only outlines and reports clicks, over a port this page opens to it.

import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createClient } from '../../lib/client';
import { RULE_BUILDER_PORT, type PanelMessage, type PickerMessage } from '../../lib/contract';
import { isSession, sessionKey } from '../../lib/rule-builder/builder';
import { readPickerMessage } from '../../lib/rule-builder/messages';
import { browserTranslate } from '../../lib/ui/i18n';
import { setTranslate, strings } from '../../lib/ui/strings';
import { Panel, type PickerLink, type SessionStore } from './panel';
import '../../assets/base.css';
import './style.css';

setTranslate(browserTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions)));
document.documentElement.lang = strings.htmlLang;
document.title = strings.ruleBuilder.title;

const call = createClient((request) => browser.runtime.sendMessage(request));
const root = document.getElementById('app')!;

function sessionStore(tabId: number): SessionStore {
  const key = sessionKey(tabId);
  return {
    load: async () => {
      const stored = (await browser.storage.session.get(key))[key];
      return isSession(stored) ? stored : undefined;
    },
    save: (session) => browser.storage.session.set({ [key]: session }),
    clear: () => browser.storage.session.remove(key),
  };
}

async function start(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined)
    throw new Error('The rule builder runs only inside a tab, shown by the page it makes a rule for.');
  const tabId = tab.id;
  // The nonce the picker put in this page's address: the port reaches that picker only.
  const port = browser.tabs.connect(tabId, { frameId: 0, name: `${RULE_BUILDER_PORT}:${location.hash.slice(1)}` });
  // The picker answers the connection with the page at once, before the panel has rendered its
  // listener: messages wait here until there is one.
  const waiting: PickerMessage[] = [];
  let listener: ((message: PickerMessage) => void) | undefined;
  port.onMessage.addListener((raw: unknown) => {
    const message = readPickerMessage(raw);
    if (!message) return; // not a message of the picker's: nothing to act on
    if (listener) listener(message);
    else waiting.push(message);
  });
  const picker: PickerLink = {
    send: (message: PanelMessage) => port.postMessage(message),
    listen(next) {
      listener = next;
      waiting.splice(0).forEach((message) => next(message));
      return () => {
        if (listener === next) listener = undefined;
      };
    },
  };
  const sessions = sessionStore(tabId);
  const close = async () => {
    await sessions.clear();
    picker.send({ type: 'close' });
  };
  render(
    <main class="builder">
      <header class="builder-head">
        <h1>{strings.ruleBuilder.title}</h1>
        <button type="button" data-testid="close-builder" onClick={() => void close()}>
          {strings.ruleBuilder.close}
        </button>
      </header>
      <p class="intro">{strings.ruleBuilder.intro}</p>
      <Panel
        call={call}
        picker={picker}
        sessions={sessions}
        navigate={async (url) => void (await browser.tabs.update(tabId, { url }))}
      />
    </main>,
    root,
  );
}

start().catch((error: unknown) => {
  root.textContent = error instanceof Error ? error.message : String(error);
});
