// The generic reader's chapter cleanup: the cleanup every source gets (lib/text/cleanup.ts),
// plus navigation bars and the title repeated on top, which a rule's selector would leave out.

import { cleanLine, isAdLine } from '../text/cleanup';
import { isNavText } from './nav-text';

export { isAdLine };

/** The chapter's paragraphs without ad lines, navigation bars and the title repeated on top. */
export function cleanChapterLines(lines: readonly string[], titles: readonly string[]): string[] {
  const out: string[] = [];
  const heads = new Set(titles.map((t) => t.replace(/\s+/g, '')).filter(Boolean));
  for (const raw of lines) {
    const line = cleanLine(raw);
    if (!line || isNavText(line)) continue;
    // The title on top of the text: the file writers put it there themselves.
    if (out.length === 0 && heads.has(line.replace(/\s+/g, ''))) continue;
    out.push(line);
  }
  return out;
}
