// Which files a book is written as: one, one per volume of its contents, or one every N
// chapters (settings `splitMode`, `splitChapters`). Each part names its chapters, 1-based and
// inclusive, in the book's order; the file builders write one part at a time.

import type { TocEntry } from '../book-pages';
import type { SplitMode } from '../contract';

export interface FilePart {
  /** 1-based, inclusive. */
  from: number;
  to: number;
  /** The volume the part holds, when the book is split by volume. */
  volume?: string;
}

export interface PartPlan {
  parts: FilePart[];
  /** Why the book is not split as the settings ask, for the task's log (nothing is silent). */
  note?: string;
}

export function planParts(chapters: readonly TocEntry[], mode: SplitMode, every: number): PartPlan {
  const count = chapters.length;
  const whole: FilePart[] = [{ from: 1, to: Math.max(1, count) }];
  if (mode === 'none' || count === 0) return { parts: whole };
  if (mode === 'chapters') {
    const size = Math.max(1, Math.floor(every));
    if (count <= size) return { parts: whole };
    const parts: FilePart[] = [];
    for (let from = 1; from <= count; from += size) parts.push({ from, to: Math.min(count, from + size - 1) });
    return { parts };
  }
  if (!chapters.some((entry) => entry.volume)) {
    return {
      parts: whole,
      note: 'The contents list no volumes, so the book is one file rather than one file per volume.',
    };
  }
  // A run of chapters under the same heading is a volume; chapters before the first heading (a
  // prologue) make a part of their own.
  const parts: FilePart[] = [];
  chapters.forEach((entry, i) => {
    const last = parts[parts.length - 1];
    if (last && last.volume === entry.volume) last.to = i + 1;
    else parts.push({ from: i + 1, to: i + 1, ...(entry.volume ? { volume: entry.volume } : {}) });
  });
  return { parts };
}

/** Whether a part is the whole book (its file then carries no range in its name). */
export function isWholeBook(part: FilePart, chapters: number): boolean {
  return part.from === 1 && part.to >= chapters;
}

/** The title inside a part file: the book's, naming the volume or the chapters it holds. */
export function partTitle(title: string, part: FilePart | undefined): string {
  if (!part) return title;
  return part.volume ? `${title} · ${part.volume}` : `${title} (${part.from}-${part.to})`;
}
