// Runs code where the extension's content script runs: the isolated world Chromium gives it in a
// web page's tab. Code there can call chrome.runtime as the content script does, which is what a
// compromised renderer gets; a page's own scripts run in the main world (`tab.evaluate`).

import type { Page } from 'playwright-core';
import { poll, type Ext } from './harness';

export interface ContentWorld {
  /** Evaluates `expression` in the content script's world; promises are awaited, values returned. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

export async function contentScriptWorld(ext: Ext, tab: Page): Promise<ContentWorld> {
  const cdp = await ext.context.newCDPSession(tab);
  const origin = `chrome-extension://${ext.extensionId}`;
  let contextId: number | undefined;
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { type?: string } | undefined;
    if (context.origin === origin && aux?.type === 'isolated') contextId = context.id;
  });
  // Existing contexts are reported right after enable; the script may also still be on its way.
  await cdp.send('Runtime.enable');
  await poll(
    async () => contextId,
    (id) => id !== undefined,
    { timeoutMs: 15_000, what: "the content script's world in the tab" },
  );
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const answer = await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (answer.exceptionDetails)
        throw new Error(
          `In the content script's world: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`,
        );
      return answer.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}
