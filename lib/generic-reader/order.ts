// Which way a list of chapters runs. Sites list oldest first or newest first, and say so nowhere
// a reader could rely on; so the order is read from two independent signals — the numbers in the
// chapters' names and the numbers in their addresses (sites number chapters as they publish them) —
// and a list is turned around only when they agree it counts down.

import type { TocEntry, TocOrder } from '../book-pages';
import { chapterNumber } from './chapter-title';

export type { TocOrder };

export interface OrderSignal {
  by: 'names' | 'addresses';
  /** Neighbouring chapters whose numbers go up, and down. */
  up: number;
  down: number;
  /** What the signal says, when it says anything clearly. */
  says?: TocOrder;
}

export interface OrderDecision {
  order: TocOrder;
  signals: OrderSignal[];
  /** `conflict`: the signals disagree; `none`: nothing tells; `weak`: one pair of chapters turned the list around. */
  doubt?: 'conflict' | 'none' | 'weak';
}

/** Duplicate URLs keep their last occurrence: "latest chapters" blocks come before the full list. */
export function withoutDuplicates(chapters: readonly TocEntry[]): TocEntry[] {
  const last = new Map<string, number>();
  chapters.forEach((c, i) => last.set(c.url, i));
  return chapters.filter((c, i) => last.get(c.url) === i);
}

function signal(by: OrderSignal['by'], steps: Array<number | undefined>): OrderSignal {
  let up = 0;
  let down = 0;
  for (const step of steps) {
    if (step === undefined || step === 0) continue;
    if (step > 0) up += 1;
    else down += 1;
  }
  const says = up > 2 * down ? 'asc' : down > 2 * up ? 'desc' : undefined;
  return says ? { by, up, down, says } : { by, up, down };
}

function nameSteps(chapters: readonly TocEntry[]): Array<number | undefined> {
  const steps: Array<number | undefined> = [];
  let previous: number | undefined;
  for (const chapter of chapters) {
    const n = chapterNumber(chapter.title);
    if (n === undefined) continue;
    if (previous !== undefined) steps.push(n - previous);
    previous = n;
  }
  return steps;
}

/** The numbers in an absolute address's path and query, not its host ("www.69shu.com"). */
function addressNumbers(url: string): number[] {
  const rest = url.replace(/^[a-z]+:\/\/[^/?#]*/i, '').replace(/#.*$/, '');
  return (rest.match(/\d+/g) ?? []).map(Number);
}

/** Neighbours compared at the first number their addresses differ in: `/b/12/1001.html` < `/b/12/1002.html`. */
function addressSteps(chapters: readonly TocEntry[]): Array<number | undefined> {
  const numbers = chapters.map((c) => addressNumbers(c.url));
  return numbers.slice(1).map((current, i) => {
    const previous = numbers[i]!;
    if (current.length !== previous.length) return undefined;
    const at = current.findIndex((n, k) => n !== previous[k]);
    return at < 0 ? undefined : current[at]! - previous[at]!;
  });
}

export function decideOrder(chapters: readonly TocEntry[]): OrderDecision {
  const signals = [signal('names', nameSteps(chapters)), signal('addresses', addressSteps(chapters))];
  const says = new Set(signals.flatMap((s) => (s.says ? [s.says] : [])));
  if (says.size > 1) return { order: 'asc', signals, doubt: 'conflict' };
  const [order] = [...says];
  if (!order) return chapters.length > 1 ? { order: 'asc', signals, doubt: 'none' } : { order: 'asc', signals };
  const pairs = Math.max(...signals.filter((s) => s.says).map((s) => s.up + s.down));
  // Keeping the page's order on thin evidence is no guess; turning it around is.
  return pairs < 2 && order === 'desc' ? { order, signals, doubt: 'weak' } : { order, signals };
}

/** The list in reading order: duplicates dropped, then turned around if it counts down (or `order` says it does). */
export function orderChapters(chapters: readonly TocEntry[], order?: TocOrder): TocEntry[] {
  const kept = withoutDuplicates(chapters);
  return (order ?? decideOrder(kept).order) === 'desc' ? kept.reverse() : kept;
}
