// Who may ask what. The worker answers the popup, the options page and any other page of the
// extension; a content script lives in a web page's process, so whatever runs there (a
// compromised renderer included) can send it any message. A content script may therefore only
// say what page it runs in (`page.detected`); everything else — tasks, settings, sources,
// `source.test`, the `tasks` port, the offscreen document's file building — is for the
// extension's own pages. The browser fills in the sender's URL and tab, so a page cannot lie
// about them.

import type { RequestType } from './contract';

/** The parts of runtime.MessageSender (Chrome and Firefox) the policy reads. */
export interface SenderFacts {
  /** The extension the sender belongs to. */
  id?: string;
  /** The URL of the document that sent it: a web page's for a content script. */
  url?: string;
  /** Set for a content script, and for an extension page opened in a tab. */
  tab?: { id?: number };
}

/** This extension: its id and its pages' origin, `chrome-extension://ID/` or `moz-extension://UUID/`. */
export interface Self {
  id: string;
  origin: string;
}

/** What is asked: a message type, the live task feed, or a request to the offscreen document. */
export type Ask = RequestType | 'port:tasks' | 'offscreen';

/** The only thing a content script may say, and only about its own page. */
const FROM_CONTENT_SCRIPTS: ReadonlySet<Ask> = new Set<Ask>(['page.detected']);

/** Why `sender` may not ask `ask`, as a sentence; undefined when it may. */
export function senderRefusal(ask: Ask | string, sender: SenderFacts, self: Self): string | undefined {
  if (sender.id !== self.id)
    return `Only this extension may ask for "${ask}"; the message came from ${sender.id ? `the extension ${sender.id}` : 'outside it'}.`;
  const page = sender.url ?? '';
  if (FROM_CONTENT_SCRIPTS.has(ask as Ask)) {
    return sender.tab?.id !== undefined && /^https?:\/\//i.test(page)
      ? undefined
      : `"${ask}" comes from the extension's script in a web page; ${page || 'this sender'} is not one.`;
  }
  if (page.startsWith(self.origin)) return undefined;
  return `Only the extension's own pages may ask for "${ask}"; a script in the web page ${page || '(unknown)'} may not.`;
}
