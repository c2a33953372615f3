// How much page detection the worker does for the web. `page.detected` comes from content
// scripts, so a hostile page (or a compromised renderer, which can send anything a content script
// can) decides how often it arrives and how big it is. Every check here is O(1) and happens
// before any parsing: the size of the markup, the same report again (answered from memory), and
// token buckets per tab and for all tabs together. Honest pages report once per document, plus
// once more with their markup when the worker asks, plus a back/forward restore now and then.

import { AppError } from '../errors';
import { MAX_DETECT_HTML } from './limits';
import { TokenBucket } from './token-bucket';

export interface ReportLimits {
  /** Reports with markup (which the worker parses) a tab may send in a burst, and per minute. */
  tabBurst: number;
  tabPerMinute: number;
  /** The same for every tab together. */
  allBurst: number;
  allPerMinute: number;
  /** Reports without markup (answered from the URL alone) a tab may send per minute. */
  urlOnlyPerMinute: number;
  maxHtml: number;
}

export const REPORT_LIMITS: ReportLimits = {
  tabBurst: 3,
  tabPerMinute: 10,
  allBurst: 12,
  allPerMinute: 30,
  urlOnlyPerMinute: 60,
  maxHtml: MAX_DETECT_HTML,
};

interface TabState {
  html: TokenBucket;
  urlOnly: TokenBucket;
  /** The last few reports looked at (with and without markup), and what they were answered. */
  recent: Map<string, unknown>;
}

/** A report and its markup-bearing second try, for the page and the one before it. */
const REMEMBERED = 4;

export type Admission<A> = { look: true } | { look: false; answer: A };

export class ReportGate<A> {
  private readonly tabs = new Map<number, TabState>();
  private readonly all: TokenBucket;

  constructor(
    private readonly limits: ReportLimits = REPORT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.all = new TokenBucket(limits.allBurst, limits.allPerMinute, now());
  }

  /**
   * Whether the worker should look at this report; else the answer it gets instead (the one
   * given to the same report before). Throws `too_large` or `forbidden` when refused.
   */
  admit(tabId: number, url: string, html: string | undefined): Admission<A> {
    const now = this.now();
    if (html !== undefined && html.length > this.limits.maxHtml) {
      throw new AppError(
        'too_large',
        `The page ${url} sent ${html.length.toLocaleString('en')} characters of markup; the extension looks at most ${this.limits.maxHtml.toLocaleString('en')}.`,
      );
    }
    const tab = this.tab(tabId, now);
    const key = `${html?.length ?? -1} ${url}`;
    if (tab.recent.has(key)) return { look: false, answer: tab.recent.get(key) as A };
    const allowed = html === undefined ? tab.urlOnly.take(now) : tab.html.take(now) && this.all.take(now);
    if (!allowed) {
      throw new AppError(
        'forbidden',
        `Tab ${tabId} reported its page more often than the extension looks (${html === undefined ? this.limits.urlOnlyPerMinute : this.limits.tabPerMinute} times a minute); ${url} was not looked at.`,
      );
    }
    return { look: true };
  }

  /** Keeps the answer to a report, so the same report again costs nothing. */
  answered(tabId: number, url: string, html: string | undefined, answer: A): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    tab.recent.set(`${html?.length ?? -1} ${url}`, answer);
    if (tab.recent.size > REMEMBERED) tab.recent.delete(tab.recent.keys().next().value!);
  }

  /** The tab closed: nothing of it is kept. */
  closed(tabId: number): void {
    this.tabs.delete(tabId);
  }

  private tab(tabId: number, now: number): TabState {
    let tab = this.tabs.get(tabId);
    if (!tab) {
      tab = {
        html: new TokenBucket(this.limits.tabBurst, this.limits.tabPerMinute, now),
        urlOnly: new TokenBucket(this.limits.urlOnlyPerMinute, this.limits.urlOnlyPerMinute, now),
        recent: new Map(),
      };
      this.tabs.set(tabId, tab);
    }
    return tab;
  }
}
