// The popup's "chapters from … to …" boxes as the `range` of `task.start`.
import type { ChapterRange } from '../contract';
import { strings } from './strings';

export type RangeResult = { ok: true; range?: ChapterRange } | { ok: false; message: string; field: 'from' | 'to' };

/**
 * Empty boxes mean the whole book. `chapters` is the count the page showed (0 when unknown);
 * a last chapter past it is fine (the worker stops at the end), a first chapter past it is not.
 */
export function parseRange(fromText: string, toText: string, chapters: number): RangeResult {
  const read = (text: string): number | null | undefined => {
    const value = text.trim();
    if (!value) return undefined;
    return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : null;
  };
  const from = read(fromText);
  const to = read(toText);
  if (from === null) return { ok: false, field: 'from', message: strings.rangeNotNumber(strings.rangeFrom) };
  if (to === null) return { ok: false, field: 'to', message: strings.rangeNotNumber(strings.rangeTo) };
  if (from !== undefined && to !== undefined && from > to)
    return { ok: false, field: 'from', message: strings.rangeReversed(from, to) };
  if (from !== undefined && chapters > 0 && from > chapters)
    return { ok: false, field: 'from', message: strings.rangeTooHigh(chapters, from) };
  if (from === undefined && to === undefined) return { ok: true };
  return { ok: true, range: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) } };
}
