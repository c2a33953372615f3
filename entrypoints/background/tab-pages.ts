// What the content script found in each tab, asked for by the popup and shown on the toolbar
// button (toolbar-button.ts is told of every change). Memory is a cache: the worker dies, so every
// entry is also in browser.storage.session, which lives as long as the browser session. A
// navigation or a closed tab forgets the entry.

import { browser, type Browser } from 'wxt/browser';
import type { Failure, PageDetected, PageInfo, Payload, Request, SourceRule } from '../../lib/contract';
import { detectPage, ReportGate, siteSource, Turns } from '../../lib/detect';
import { AppError, toErrorInfo } from '../../lib/errors';
import { withoutHash } from '../../lib/url';

interface Entry {
  page: PageInfo;
  /** When it was detected: a navigation that began later clears it, one that began earlier not. */
  at: number;
}

const key = (tabId: number) => `page:${tabId}`;

type PageRequest = Extract<Request, { type: 'page.detected' | 'page.get' }>;

function sameOrigin(a: string, b: string | undefined): boolean {
  return b !== undefined && URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}

export function isPageRequest(message: unknown): message is PageRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'page.detected' || type === 'page.get';
}

/** What looking at a report found: a page, none, or "send the markup too". */
type Finding = PageInfo | null | 'needHtml';

export class TabPages {
  private readonly entries = new Map<number, Entry>();
  private readonly closedTabs = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private readonly gate = new ReportGate<Finding>();
  /** Reading a page's markup is the one costly step: one at a time, never more than half the time. */
  private readonly turns = new Turns();

  constructor(private readonly sources: () => Promise<SourceRule[]>) {}

  /** Told whenever a tab's detected page changes. */
  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** One answer per message, like every other message of the contract. */
  async handle(
    message: PageRequest,
    sender: Browser.runtime.MessageSender,
  ): Promise<({ ok: true } & Payload<PageRequest['type']>) | Failure> {
    try {
      const payload =
        message.type === 'page.get' ? await this.get(message.tabId) : await this.detected(message, sender);
      return { ok: true, ...payload };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  }

  /** `page.detected` from a content script. */
  async detected(message: PageDetected, sender: Browser.runtime.MessageSender): Promise<Payload<'page.detected'>> {
    const tabId = sender.tab?.id;
    if (typeof message.url !== 'string' || (message.html !== undefined && typeof message.html !== 'string')) {
      throw new AppError('invalid_message', 'page.detected needs the page\'s "url" (and "html" as text, if any).');
    }
    // Only a tab's top page counts; frames and extension pages have nothing to show.
    if (tabId === undefined || tabId < 0 || sender.frameId !== 0) return { page: null };
    if (!sameOrigin(message.url, sender.url)) {
      throw new AppError(
        'forbidden',
        `A page may only report itself: ${sender.url ?? 'a page'} reported ${message.url}.`,
      );
    }
    const at = Date.now();
    const admission = this.gate.admit(tabId, message.url, message.html);
    const finding = admission.look ? await this.turns.take(() => this.look(message)) : admission.answer;
    if (admission.look) this.gate.answered(tabId, message.url, message.html, finding);
    if (finding === 'needHtml') return { page: null, needHtml: true };
    const found = finding;
    // The same report again, already shown: nothing to write (a page may repeat itself often).
    const shown = this.entries.get(tabId)?.page;
    if (!admission.look && (found ? shown?.url === found.url : !shown)) return { page: found };
    // The tab may have moved on while the page was read.
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (!tab?.url || withoutHash(tab.url) !== withoutHash(message.url)) return { page: found };
    // Most pages are no book: leave the button alone unless it showed one.
    if (found || (await this.entry(tabId))) await this.set(tabId, found ? { page: found, at } : null);
    return { page: found };
  }

  private async look(message: PageDetected): Promise<Finding> {
    const sources = await this.sources();
    if (message.html === undefined && siteSource(sources, message.url)) return 'needHtml';
    const page = message.html === undefined ? null : detectPage(message.html, message.url, sources);
    return page && page.kind !== 'none' ? page : null;
  }

  /** `page.get` from the popup. */
  async get(tabId: unknown): Promise<Payload<'page.get'>> {
    if (typeof tabId !== 'number' || !Number.isInteger(tabId)) {
      throw new AppError('invalid_message', `page.get needs a tab id (a whole number), not ${JSON.stringify(tabId)}.`);
    }
    return { page: (await this.entry(tabId))?.page ?? null };
  }

  /** browser.tabs.onUpdated: a new document (or a reload) clears what the old one showed. */
  async navigated(tabId: number, change: { status?: string; url?: string }): Promise<void> {
    if (change.status !== 'loading' && change.url === undefined) return;
    const began = Date.now();
    const known = await this.entry(tabId);
    if (!known || known.at > began) return;
    // A new #fragment is the same document: its content script does not run again.
    if (change.url !== undefined && withoutHash(change.url) === withoutHash(known.page.url)) return;
    // The new page may have been detected while this event waited for storage.
    if (this.entries.get(tabId) !== known) return;
    await this.set(tabId, null);
  }

  /** browser.tabs.onRemoved. */
  async closed(tabId: number): Promise<void> {
    // Chrome never reuses a tab id in a session; remembering the closed ones stops a read that
    // was already under way from putting the entry back.
    this.closedTabs.add(tabId);
    this.entries.delete(tabId);
    this.gate.closed(tabId);
    await browser.storage.session?.remove(key(tabId)).catch(() => undefined);
  }

  private async entry(tabId: number): Promise<Entry | undefined> {
    const cached = this.entries.get(tabId);
    if (cached) return cached;
    const stored = (await browser.storage.session?.get(key(tabId)).catch(() => undefined))?.[key(tabId)] as
      Entry | undefined;
    if (!stored || this.closedTabs.has(tabId)) return undefined;
    this.entries.set(tabId, stored);
    return stored;
  }

  private async set(tabId: number, entry: Entry | null): Promise<void> {
    if (this.closedTabs.has(tabId)) return;
    if (entry) this.entries.set(tabId, entry);
    else this.entries.delete(tabId);
    for (const listener of this.listeners) listener();
    await (
      entry ? browser.storage.session?.set({ [key(tabId)]: entry }) : browser.storage.session?.remove(key(tabId))
    )?.catch((error: unknown) => {
      console.warn('Could not keep the detected page for the session', tabId, error);
    });
  }
}
