// What the rule builder's panel says about a field: what its selector catches on the page, in
// the reader's words. Page text goes into these sentences as text; the panel renders them as text.

import type { RuleField } from '../contract';
import type { Preview } from '../rule-builder/preview';
import { strings } from './strings';

export interface CaughtView {
  /** One line saying what the field catches. */
  summary: string;
  /** The first lines of a chapter's text, shown under the summary. */
  lines: string[];
  /** The selector cannot be read, or the rule reader refused what it found. */
  problem?: string;
}

export function caughtView(preview: Preview | undefined): CaughtView {
  const s = strings.ruleBuilder;
  if (!preview) return { summary: s.catchesNothing, lines: [] };
  if (preview.problem) return { summary: s.catchesNothing, lines: [], problem: preview.problem };
  const caught = preview.caught;
  switch (caught?.field) {
    case 'title':
    case 'author':
      return { summary: caught.value ? s.caughtText(caught.value) : s.catchesNothing, lines: [] };
    case 'chapters':
      return {
        summary: caught.count
          ? s.caughtChapters(caught.count, caught.first ?? '', caught.last ?? '')
          : s.catchesNothing,
        lines: [],
      };
    case 'content':
      return caught.length
        ? { summary: s.caughtLength(caught.length), lines: caught.lines }
        : { summary: s.catchesNothing, lines: [] };
    case 'next':
      return { summary: caught.url ? s.caughtNext(caught.url) : s.noNextPage, lines: [] };
    default:
      return { summary: s.catchesNothing, lines: [] };
  }
}

/** "Book title, Chapter list": the fields named in the reader's words. */
export function fieldNames(fields: readonly RuleField[]): string {
  return fields.map((field) => strings.ruleBuilder.fields[field]).join(', ');
}
