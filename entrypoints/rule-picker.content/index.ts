// The rule builder's picker, injected into a tab on demand (the popup's "Make a rule for this
// site", and again after each page load of a tab building a rule). It shows the panel, an
// extension page, in an iframe, and does only what needs the page: it outlines elements,
// reports the user's clicks and hands over the page's markup. Everything privileged (testing
// and saving the rule) happens in the panel, which is an extension page.

import { browser, type Browser } from 'wxt/browser';
import { RULE_BUILDER_PORT, type PanelMessage, type PickerMessage, type RuleField } from '../../lib/contract';
import { domPath, MAX_SNAPSHOT } from '../../lib/rule-builder/element-path';
import { readPanelMessage } from '../../lib/rule-builder/messages';
import { createOverlay, type Overlay } from './overlay';
import { createPicking } from './picking';

// This script's world outlives one injection: a second injection into the same page finds the
// overlay already there and leaves it.
const state = globalThis as typeof globalThis & { novelRuleBuilder?: { overlay: Overlay } };

/** The page's markup as the browser holds it now, without the overlay. */
function snapshot(overlay: Overlay): { html: string } | { size: number } {
  const copy = document.documentElement.cloneNode(true) as Element;
  const at = Array.prototype.indexOf.call(document.documentElement.children, overlay.host);
  if (at >= 0) copy.children[at]?.remove();
  const html = copy.outerHTML;
  return html.length <= MAX_SNAPSHOT ? { html } : { size: html.length };
}

function open(): void {
  const nonce = crypto.randomUUID();
  const overlay = createOverlay(
    `${browser.runtime.getURL('/rule-builder.html')}#${nonce}`,
    browser.i18n.getMessage('ruleBuilderTitle'),
  );
  state.novelRuleBuilder = { overlay };
  let port: Browser.runtime.Port | undefined;
  let field: RuleField | undefined;

  const send = (message: PickerMessage) => port?.postMessage(message);

  const picking = createPicking(overlay.host, {
    hover: (element) => overlay.hover(element),
    picked(element) {
      overlay.prompt(null);
      const path = domPath(element);
      const copy = snapshot(overlay);
      if (!path || !field) return;
      if ('size' in copy) send({ type: 'snapshot.tooLarge', url: location.href, size: copy.size });
      else send({ type: 'picked', field, path, tag: element.localName, url: location.href, html: copy.html });
    },
    stopped() {
      overlay.prompt(null);
      send({ type: 'pick.stopped' });
    },
  });

  function close(): void {
    picking.stop();
    overlay.remove();
    browser.runtime.onConnect.removeListener(connected);
    if (state.novelRuleBuilder?.overlay === overlay) state.novelRuleBuilder = undefined;
  }

  function handle(message: PanelMessage | undefined): void {
    switch (message?.type) {
      case 'pick':
        field = message.field;
        overlay.prompt(message.prompt);
        picking.start();
        return;
      case 'pick.stop':
        overlay.prompt(null);
        picking.stop();
        return;
      case 'outline':
        overlay.outline(message.paths);
        return;
      case 'close':
        port?.disconnect();
        close();
        return;
    }
  }

  // Only this overlay's panel knows the nonce; web pages cannot open extension ports at all.
  function connected(incoming: Browser.runtime.Port): void {
    if (incoming.name !== `${RULE_BUILDER_PORT}:${nonce}` || port) return;
    port = incoming;
    port.onMessage.addListener((message) => handle(readPanelMessage(message)));
    // The panel went away (closed, or the extension reloaded): so does the overlay.
    port.onDisconnect.addListener(close);
    const copy = snapshot(overlay);
    send(
      'size' in copy
        ? { type: 'snapshot.tooLarge', url: location.href, size: copy.size }
        : { type: 'snapshot', url: location.href, html: copy.html },
    );
  }
  browser.runtime.onConnect.addListener(connected);
}

export default defineContentScript({
  registration: 'runtime',
  main() {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    if (state.novelRuleBuilder?.overlay.host.isConnected) return;
    open();
  },
});
