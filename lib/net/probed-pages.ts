// A page fetched to see whether a wall still stands is the page a task needs next: when the
// probe got through, its answer is handed to the first load of that address instead of fetching
// the page a second time. One use per page, and only for a short while.

import type { RawPage } from './fetch-page';

const KEEP_MS = 2 * 60_000;
const MAX_PAGES = 32;

export class ProbedPages {
  private readonly pages = new Map<string, { page: RawPage; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  keep(url: string, page: RawPage): void {
    this.pages.delete(url);
    this.pages.set(url, { page, at: this.now() });
    // The oldest go first: one probe per site is the rule, so this bound is rarely reached.
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
  }

  /** The probe's answer for `url`, once, if it is recent; then it is gone. */
  take(url: string): RawPage | undefined {
    const kept = this.pages.get(url);
    if (!kept) return undefined;
    this.pages.delete(url);
    return this.now() - kept.at <= KEEP_MS ? kept.page : undefined;
  }
}
